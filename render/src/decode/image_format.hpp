#pragma once
// What a photo file claims to be, read from its bytes without decoding pixels: the
// container, the size in the header, and structural checks that refuse damaged or
// hostile files before any third-party decoder sees them.

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace smp::render::detail {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, WebP, Tiff };

// The container, by its signature. Only the five formats cameras and phones produce are
// recognised; each signature is one that only that format's OpenCV decoder claims, so the
// decoder that runs is the one this check chose (WebP is decoded by libwebp directly).
ImageFormat detect_format(std::span<const std::uint8_t> bytes);

const char* format_name(ImageFormat format);

// Width and height from the header; nullopt when there is none or it is cut off.
std::optional<cv::Size> header_size(ImageFormat format, std::span<const std::uint8_t> bytes);

// Format-specific structure checks run before decoding: a JPEG must reach its end marker
// and not flood the decoder with scans, must carry at least the bits its blocks need; a
// PNG must be at least as long as deflate's best ratio allows for its pixels; a WebP must
// be a well-formed RIFF whose image chunk libwebp accepts; a TIFF must give its size and
// tile tags once each, with tiles no larger than the image needs. Returns the problem in words,
// or nullopt when the file passes.
std::optional<std::string> structural_problem(ImageFormat format, std::span<const std::uint8_t> bytes, cv::Size size);

}  // namespace smp::render::detail
