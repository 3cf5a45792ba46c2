#pragma once
// The viewer starts with this: its work repeats (each edit rebuilds the density field, the
// placement grid and the dot layer), and with the C library's defaults the blocks it frees go
// back to the system and come back as fresh pages, each faulted in on first touch; on some
// machines that costs more than the work itself. Freed blocks below 32 MB are kept for reuse
// instead; larger ones (photo-sized images) are still mapped and returned one by one.
// smp-render does not call it: a one-shot job repeats little, and the kept blocks (of many
// sizes, in every thread's arena) would raise its peak memory.
namespace smp::app {

void keep_freed_memory_for_reuse();

}  // namespace smp::app
