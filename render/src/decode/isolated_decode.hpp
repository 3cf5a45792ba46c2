#pragma once
// Runs the photo decoder in a short-lived child process (smp-decode), so that an abort, a
// crash, a hang or runaway memory inside a third-party decoder becomes one clear error
// naming the file instead of taking the program down.

#include "smp/render/image_io.hpp"

#include <span>
#include <string>

namespace smp::render::detail {

// `bytes` must already have passed check_image_bytes, which gave `header` (the size its
// header claims). The result has `channels` (3: BGR, 4: BGRA) 8-bit channels and the
// header's size (sides swapped when the EXIF orientation says so). Throws ImageError.
cv::Mat decode_in_child(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                        cv::Size header, int channels);

}  // namespace smp::render::detail
