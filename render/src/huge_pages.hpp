#pragma once
// A hint for large images about to be written whole (a composite of a 196 MP photo is
// 588 MB): the kernel may back them with 2 MB pages, so filling one takes a few hundred
// page faults instead of ~150,000. Faulting in fresh memory 4 KB at a time is most of what
// compositing a very large photo costs. Only a hint: no pixel changes, and where the
// system offers no such pages nothing happens.

#include <opencv2/core.hpp>

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace smp::render::detail {

inline void prefer_huge_pages(const cv::Mat& image) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHugePage = std::uintptr_t{1} << 21;
  if (image.empty() || static_cast<std::size_t>(image.dataend - image.datastart) < 16 * kHugePage) return;
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(image.datastart) + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(image.dataend) & ~(kHugePage - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)image;
#endif
}

}  // namespace smp::render::detail
