#include "decode/mapped_mat.hpp"

#include <sys/mman.h>
#include <sys/stat.h>

namespace smp::render::detail {

namespace {

// Owns one mapping and hands it to exactly one Mat. OpenCV calls deallocate when the last Mat
// sharing the pixels is released; the owner then unmaps and deletes itself (a per-mapping
// object, so no allocator outlives or is shared beyond its pixels).
class MappingOwner final : public cv::MatAllocator {
 public:
  MappingOwner(void* base, std::size_t bytes) : base_(base), bytes_(bytes) {}

  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, std::size_t* step, cv::AccessFlag,
                         cv::UMatUsageFlags) const override {
    std::size_t total = CV_ELEM_SIZE(type);
    for (int i = dims - 1; i >= 0; --i) {
      if (step) step[i] = total;
      total *= static_cast<std::size_t>(sizes[i]);
    }
    CV_Assert(data == nullptr && total == bytes_ && !handed_out_);
    handed_out_ = true;
    auto* u = new cv::UMatData(this);
    u->data = u->origdata = static_cast<uchar*>(base_);
    u->size = total;
    return u;
  }
  bool allocate(cv::UMatData*, cv::AccessFlag, cv::UMatUsageFlags) const override { return false; }
  void deallocate(cv::UMatData* u) const override {
    if (!u) return;
    ::munmap(base_, bytes_);
    delete u;
    delete this;
  }

 private:
  void* base_;
  std::size_t bytes_;
  mutable bool handed_out_ = false;
};

}  // namespace

cv::Mat map_file_pixels(int fd, std::size_t offset, cv::Size size, int type) {
  const std::size_t bytes = static_cast<std::size_t>(size.area()) * CV_ELEM_SIZE(type);
  struct stat st {};
  if (bytes == 0 || ::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) < offset + bytes) return {};
  // Mapped read-only with every page entered at once (one call instead of a fault per few
  // pages), then made writable: a write still copies just the page it touches.
  void* base = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(offset));
  if (base == MAP_FAILED) return {};
  if (::mprotect(base, bytes, PROT_READ | PROT_WRITE) != 0) {
    ::munmap(base, bytes);
    return {};
  }
  auto* owner = new MappingOwner(base, bytes);
  cv::Mat image;
  image.allocator = owner;
  image.create(size, type);
  // Later create() calls on this Mat or its copies must not come back to the owner, which
  // lives only as long as these pixels; the pixels themselves remember it for their release.
  image.allocator = nullptr;
  return image;
}

}  // namespace smp::render::detail
