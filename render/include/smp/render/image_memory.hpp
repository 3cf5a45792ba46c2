#pragma once
// Where large images get their memory. A fresh image is faulted in by the kernel one 4 KB page
// at a time on first touch; a 24 MP photo's copy is about 18,000 faults, and on some machines
// (virtual machines above all) the faults cost more than the work done on the pixels. Backed by
// 2 MB pages, the same image takes a few dozen. This changes where pixels live, never their
// values.

#include <cstddef>

namespace smp::render {

struct ImageMemory {
  // Images at least this large (bytes) ask the kernel for 2 MB pages; smaller ones come from the
  // C library's heap as before (its freed blocks are reused, so they rarely fault again).
  std::size_t huge_pages_from = std::size_t{2} << 20;
};

// Every cv::Mat allocated from now on takes its memory this way, for the rest of the process
// (OpenCV's default allocator is one per process). A program calls it once at start, before
// its threads; images allocated earlier are freed as they were allocated. Where the system
// offers no 2 MB pages the images are allocated as before.
void use_image_memory(const ImageMemory& memory = {});

}  // namespace smp::render
