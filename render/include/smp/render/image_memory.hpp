#pragma once
// Where large images get their memory. A fresh image is faulted in by the kernel one 4 KB page
// at a time on first touch; a 24 MP photo's copy is about 18,000 faults, and on some machines
// (virtual machines above all) the faults cost more than the work done on the pixels. Backed by
// 2 MB pages, the same image takes a few dozen. This changes where pixels live, never their
// values.

#include <opencv2/core/mat.hpp>

#include <cstddef>

namespace smp::render {

// Images of at least this many bytes ask the kernel for 2 MB pages (madvise MADV_HUGEPAGE on
// the whole 2 MB pages inside them), wherever the C library places them: a fresh mapping, or
// its heap, where the work-size images of the automatic plan and the buzz preview (2-18 MB)
// first grow it.
inline constexpr std::size_t kHugePagesFromBytes = std::size_t{2} << 20;

// OpenCV's own allocator (its StdMatAllocator) with that advice. Made once and never destroyed:
// images may be freed as late as the process's exit. Safe to use from any thread.
cv::MatAllocator* image_memory_allocator();

// Makes image_memory_allocator() OpenCV's default for the rest of the process (the default is
// one per process): every cv::Mat allocated from then on takes its memory this way. A program
// calls it at start, before its threads; images allocated earlier are freed as they were
// allocated. Where the system offers no 2 MB pages the images are allocated as before.
void use_image_memory();

}  // namespace smp::render
