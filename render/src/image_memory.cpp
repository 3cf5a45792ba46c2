#include "smp/render/image_memory.hpp"

#include <opencv2/core.hpp>

#include <sys/mman.h>

#include <cstdint>

namespace smp::render {

namespace {

// Advises the 2 MB pages that lie wholly inside [begin, begin + bytes) for huge pages: only a
// hint, no byte changes, and where the system offers no such pages nothing happens.
void advise_huge_pages(const void* begin, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHugePage = std::uintptr_t{1} << 21;
  const auto start = reinterpret_cast<std::uintptr_t>(begin);
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (start + bytes) & ~(kHugePage - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)begin;
  (void)bytes;
#endif
}

// OpenCV's own default allocator (StdMatAllocator) does the work; large blocks it allocates are
// advised to the kernel for 2 MB pages before anything touches them. The blocks record this
// allocator, which releases them through OpenCV's.
class HugePageImageAllocator final : public cv::MatAllocator {
 public:
  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data0, std::size_t* step, cv::AccessFlag flags,
                         cv::UMatUsageFlags usage) const override {
    cv::UMatData* u = opencv_->allocate(dims, sizes, type, data0, step, flags, usage);
    if (!data0 && u->size >= kHugePagesFromBytes) advise_huge_pages(u->data, u->size);
    u->currAllocator = u->prevAllocator = this;
    return u;
  }

  bool allocate(cv::UMatData* u, cv::AccessFlag flags, cv::UMatUsageFlags usage) const override {
    return opencv_->allocate(u, flags, usage);
  }

  void deallocate(cv::UMatData* u) const override { opencv_->deallocate(u); }

 private:
  cv::MatAllocator* opencv_ = cv::Mat::getStdAllocator();
};

}  // namespace

cv::MatAllocator* image_memory_allocator() {
  // OpenCV keeps plain pointers to allocators, and images may be freed as late as the
  // process's exit: made once, never destroyed.
  static HugePageImageAllocator* const allocator = new HugePageImageAllocator;
  return allocator;
}

void use_image_memory() {
  // Set once, as part of the first call's initialisation: later calls change nothing.
  static const bool installed = [] {
    cv::Mat::setDefaultAllocator(image_memory_allocator());
    return true;
  }();
  (void)installed;
}

}  // namespace smp::render
