#include "smp/render/image_memory.hpp"

#include "huge_pages.hpp"

#include <opencv2/core.hpp>

namespace smp::render {

namespace {

// OpenCV's own default allocator (StdMatAllocator), with large blocks advised to the kernel
// for 2 MB pages before anything touches them.
class HugePageImageAllocator final : public cv::MatAllocator {
  static constexpr std::size_t kAutoStep = 0x7fffffff;  // OpenCV's CV_AUTOSTEP (core_c.h): step left to the allocator

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
    if (!data0 && total >= kHugePagesFromBytes) detail::advise_huge_pages(data, total);
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
