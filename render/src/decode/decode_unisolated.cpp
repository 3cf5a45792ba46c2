// The checks and the codec call behind every photo load. This runs inside the short-lived
// decoder process (decode_helper.cpp) and in the fuzzer; the programs themselves never
// call a third-party decoder in their own process (isolated_decode.cpp).

#include "decode/image_format.hpp"
#include "smp/render/image_io.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <webp/decode.h>

#include <climits>
#include <memory>

namespace smp::render {

namespace {

std::string size_text(cv::Size s) { return std::to_string(s.width) + "x" + std::to_string(s.height); }

// libwebp directly: OpenCV's WebP reader would hand a file libwebp rejects to the next
// decoder in its list whose signature matches elsewhere in the file (DICOM, for one).
cv::Mat decode_webp(std::span<const std::uint8_t> bytes, const std::string& name, int channels) {
  int w = 0, h = 0;
  std::unique_ptr<std::uint8_t, void (*)(void*)> pixels(
      channels == 4 ? WebPDecodeBGRA(bytes.data(), bytes.size(), &w, &h) : WebPDecodeBGR(bytes.data(), bytes.size(), &w, &h),
      WebPFree);
  if (!pixels) throw ImageError(name + ": the WebP image data is damaged (libwebp could not decode it)");
  return cv::Mat(h, w, CV_8UC(channels), pixels.get()).clone();
}

cv::Mat decode_with_opencv(std::span<const std::uint8_t> bytes, const std::string& name, int channels) {
  cv::Mat decoded;
  try {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data()));
    // IMREAD_COLOR applies the EXIF orientation and converts grey/alpha/16-bit to 8-bit BGR;
    // for BGRA (logos) the file's channels are kept and converted below.
    decoded = cv::imdecode(buffer, channels == 4 ? cv::IMREAD_UNCHANGED : cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw ImageError(name + ": the image could not be decoded (" + e.err + ")");
  }
  if (decoded.empty()) throw ImageError(name + ": not a readable image (the file is damaged, truncated or not a photo)");
  if (decoded.depth() == CV_16U) decoded.convertTo(decoded, CV_8U, 1.0 / 257.0);
  else if (decoded.depth() != CV_8U) decoded.convertTo(decoded, CV_8U);
  if (channels == 4) {
    if (decoded.channels() == 1) cv::cvtColor(decoded, decoded, cv::COLOR_GRAY2BGRA);
    else if (decoded.channels() == 3) cv::cvtColor(decoded, decoded, cv::COLOR_BGR2BGRA);
  }
  return decoded;
}

}  // namespace

cv::Size check_image_bytes(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits) {
  using detail::ImageFormat;
  if (bytes.empty()) throw ImageError(name + ": the file is empty");
  if (bytes.size() > limits.max_file_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ImageError(name + ": the file is " + std::to_string(bytes.size() >> 20) + " MiB; the limit is " +
                     std::to_string(limits.max_file_bytes >> 20) + " MiB");
  const ImageFormat format = detail::detect_format(bytes);
  if (format == ImageFormat::Unknown)
    throw ImageError(name + ": not a JPEG, PNG, BMP, WebP or TIFF image (the file's contents are of another kind)");
  // Refuse absurd sizes from the header alone: a tiny file can claim gigapixels.
  const std::optional<cv::Size> size = detail::header_size(format, bytes);
  if (!size) throw ImageError(name + ": the image header is damaged or truncated (no image size found)");
  if (size->width <= 0 || size->height <= 0) throw ImageError(name + ": the image header gives a zero size");
  const std::uint64_t pixels = static_cast<std::uint64_t>(size->width) * static_cast<std::uint64_t>(size->height);
  if (pixels > limits.max_pixels)
    throw ImageError(name + ": the image is " + size_text(*size) + " (" + std::to_string(pixels / 1'000'000) +
                     " megapixels); the limit is " + std::to_string(limits.max_pixels / 1'000'000) + " megapixels");
  if (const std::optional<std::string> problem = detail::structural_problem(format, bytes, *size))
    throw ImageError(name + ": " + *problem);
  return *size;
}

cv::Mat decode_image_unisolated(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                                int channels) {
  if (channels != 3 && channels != 4) throw std::invalid_argument("decode_image_unisolated: channels must be 3 or 4");
  const cv::Size header = check_image_bytes(bytes, name, limits);
  const cv::Mat decoded = detail::detect_format(bytes) == detail::ImageFormat::WebP
                              ? decode_webp(bytes, name, channels)
                              : decode_with_opencv(bytes, name, channels);
  // EXIF orientation may swap the sides; anything else means the decoder read another image.
  const cv::Size got = decoded.size();
  if (got != header && got != cv::Size(header.height, header.width))
    throw ImageError(name + ": the decoded image is " + size_text(got) + " but its header says " + size_text(header));
  if (decoded.type() != CV_8UC(channels))
    throw ImageError(name + ": the image has " + std::to_string(decoded.channels()) + " channels, which is not supported");
  return decoded;
}

}  // namespace smp::render
