#include "memory_reuse.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace smp::app {

void keep_freed_memory_for_reuse(const MemoryReuse& reuse) {
#if defined(__GLIBC__)
  ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(reuse.keep_below));
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(reuse.trim_above));
#else
  (void)reuse;
#endif
}

}  // namespace smp::app
