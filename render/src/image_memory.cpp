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
  explicit HugePageImageAllocator(std::size_t huge_pages_from) : huge_pages_from_(huge_pages_from) {}

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
    if (!data0 && total >= huge_pages_from_) detail::advise_huge_pages(data, total);
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

 private:
  std::size_t huge_pages_from_;
};

}  // namespace

void use_image_memory(const ImageMemory& memory) {
  // OpenCV keeps a plain pointer to its default allocator, and images may be freed as late as
  // the process's exit: the allocator is made once and never destroyed. The first call's
  // setting holds.
  static HugePageImageAllocator* const allocator = new HugePageImageAllocator(memory.huge_pages_from);
  cv::Mat::setDefaultAllocator(allocator);
}

}  // namespace smp::render
