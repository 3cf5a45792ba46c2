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

// OpenCV's own default allocator (StdMatAllocator), with large blocks advised to the kernel
// for 2 MB pages before anything touches them.
class HugePageImageAllocator final : public cv::MatAllocator {
  // OpenCV's CV_AUTOSTEP (core_c.h): a step left to the allocator.
  static constexpr std::size_t kAutoStep = 0x7fffffff;

 public:
  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data0, std::size_t* step, cv::AccessFlag,
                         cv::UMatUsageFlags) const override {
    std::size_t total = CV_ELEM_SIZE(type);
    for (int i = dims - 1; i >= 0; --i) {
      if (step) {
        if (data0 && step[i] != kAutoStep) {
          CV_Assert(total <= step[i]);
          total = step[i];
        } else {
          step[i] = total;
        }
      }
      total *= static_cast<std::size_t>(sizes[i]);
    }
    uchar* data = data0 ? static_cast<uchar*>(data0) : static_cast<uchar*>(cv::fastMalloc(total));
    if (!data0 && total >= kHugePagesFromBytes) advise_huge_pages(data, total);
    auto* u = new cv::UMatData(this);
    u->data = u->origdata = data;
    u->size = total;
    if (data0) u->flags |= cv::UMatData::USER_ALLOCATED;
    return u;
  }

  bool allocate(cv::UMatData* u, cv::AccessFlag, cv::UMatUsageFlags) const override { return u != nullptr; }

  void deallocate(cv::UMatData* u) const override {
    if (!u) return;
    CV_Assert(u->urefcount == 0 && u->refcount == 0);
    if (!(u->flags & cv::UMatData::USER_ALLOCATED)) {
      cv::fastFree(u->origdata);
      u->origdata = nullptr;
    }
    delete u;
  }
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
