#pragma once
// A hint for a large block about to be written whole: the kernel may back it with 2 MB pages,
// so filling it takes a few faults instead of one per 4 KB page. Only a hint: no byte changes,
// and where the system offers no such pages nothing happens.

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace smp::render::detail {

// Advises the 2 MB pages that lie wholly inside [begin, begin + bytes).
inline void advise_huge_pages(const void* begin, std::size_t bytes) {
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

}  // namespace smp::render::detail
