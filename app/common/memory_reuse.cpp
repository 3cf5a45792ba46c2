#include "memory_reuse.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace smp::app {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // 32 MB is the largest mmap threshold glibc accepts (half its heap size limit).
  constexpr int kKeepBelow = 32 << 20;
  ::mallopt(M_MMAP_THRESHOLD, kKeepBelow);
  // Free memory at the top of the heap is returned only beyond this much.
  ::mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

}  // namespace smp::app
