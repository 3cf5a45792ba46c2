#pragma once
// A cv::Mat whose pixels are a private, copy-on-write mapping of a region of a file: the
// decoder's reply is used where it lies instead of being copied into fresh memory. Writing to
// the Mat never changes the file; the mapping is undone when the last Mat sharing it goes.

#include <opencv2/core.hpp>

#include <cstddef>

namespace smp::render::detail {

// The region [offset, offset + size.area() * elemSize) of `fd` as a Mat of `type`; `offset`
// must be a multiple of the page size. An empty Mat when the region cannot be mapped (the
// caller then reads it instead).
cv::Mat map_file_pixels(int fd, std::size_t offset, cv::Size size, int type);

}  // namespace smp::render::detail
