#pragma once
// How the C library keeps the blocks a program frees. With its defaults, the threshold for
// keeping them moves with what the program happened to free before, and blocks given back to
// the system come back as fresh pages, each faulted in on first touch; on some machines that
// costs more than the work itself, and the same job is fast or slow depending on which
// allocations came first. Both programs set it once at start, deliberately.

#include <cstddef>

namespace smp::app {

struct MemoryReuse {
  std::size_t keep_below;  // freed blocks smaller than this are kept for reuse, bytes
  std::size_t trim_above;  // free memory at the top of the heap is returned beyond this, bytes
};

// The viewer: its work repeats (each edit rebuilds the density field, the placement grid and
// the dot layer). 32 MB is the largest threshold glibc accepts (half its heap size limit).
inline constexpr MemoryReuse kViewerMemoryReuse{32u << 20, 1u << 30};
// smp-render, one job: blocks up to a working-size float field (2048 x 2048 x 4 bytes, the
// density field and the plan's distance maps) are reused; photo-sized images are still mapped
// and returned one by one, so the peak does not grow.
inline constexpr MemoryReuse kOneJobMemoryReuse{18u << 20, 64u << 20};

void keep_freed_memory_for_reuse(const MemoryReuse& reuse);

}  // namespace smp::app
