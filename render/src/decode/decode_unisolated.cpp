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
cv::Mat decode_webp(std::span<const std::uint8_t> bytes, const std::string& name, int channels, const cv::Mat* destination) {
  const std::string damaged = name + ": the WebP image data is damaged (libwebp could not decode it)";
  if (destination) {
    // libwebp fills a smaller picture than the buffer without complaint: check its size first.
    int w = 0, h = 0;
    if (!WebPGetInfo(bytes.data(), bytes.size(), &w, &h)) throw ImageError(damaged);
    if (cv::Size(w, h) != destination->size())
      throw ImageError(name + ": the WebP image is " + size_text({w, h}) + " but its header says " +
                       size_text(destination->size()));
    const std::size_t capacity = destination->total() * destination->elemSize();
    const int stride = static_cast<int>(destination->step[0]);
    const std::uint8_t* written =
        channels == 4 ? WebPDecodeBGRAInto(bytes.data(), bytes.size(), destination->data, capacity, stride)
                      : WebPDecodeBGRInto(bytes.data(), bytes.size(), destination->data, capacity, stride);
    if (!written) throw ImageError(damaged);
    return *destination;
  }
  int w = 0, h = 0;
  std::unique_ptr<std::uint8_t, void (*)(void*)> pixels(
      channels == 4 ? WebPDecodeBGRA(bytes.data(), bytes.size(), &w, &h) : WebPDecodeBGR(bytes.data(), bytes.size(), &w, &h),
      WebPFree);
  if (!pixels) throw ImageError(damaged);
  return cv::Mat(h, w, CV_8UC(channels), pixels.get()).clone();
}

// With a destination, imdecode writes into it when the file's type is the one asked for
// (it reallocates otherwise, and the EXIF rotation of a non-square photo makes a new buffer):
// a header of its own is passed, so that such a reallocation leaves `destination` as it is.
cv::Mat decode_with_opencv(std::span<const std::uint8_t> bytes, const std::string& name, int channels,
                           const cv::Mat* destination) {
  cv::Mat decoded;
  try {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data()));
    cv::Mat target;
    if (destination) target = *destination;
    // IMREAD_COLOR applies the EXIF orientation and converts grey/alpha/16-bit to 8-bit BGR;
    // for BGRA (logos) the file's channels are kept and converted below.
    decoded = cv::imdecode(buffer, channels == 4 ? cv::IMREAD_UNCHANGED : cv::IMREAD_COLOR, destination ? &target : nullptr);
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

namespace {

cv::Mat decode_checked(std::span<const std::uint8_t> bytes, const std::string& name, cv::Size header, int channels,
                       const cv::Mat* destination) {
  const cv::Mat decoded = detail::detect_format(bytes) == detail::ImageFormat::WebP
                              ? decode_webp(bytes, name, channels, destination)
                              : decode_with_opencv(bytes, name, channels, destination);
  // EXIF orientation may swap the sides; anything else means the decoder read another image.
  const cv::Size got = decoded.size();
  if (got != header && got != cv::Size(header.height, header.width))
    throw ImageError(name + ": the decoded image is " + size_text(got) + " but its header says " + size_text(header));
  if (decoded.type() != CV_8UC(channels))
    throw ImageError(name + ": the image has " + std::to_string(decoded.channels()) + " channels, which is not supported");
  return decoded;
}

}  // namespace

cv::Mat decode_image_unisolated(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                                int channels) {
  if (channels != 3 && channels != 4) throw std::invalid_argument("decode_image_unisolated: channels must be 3 or 4");
  const cv::Size header = check_image_bytes(bytes, name, limits);
  return decode_checked(bytes, name, header, channels, nullptr);
}

cv::Mat decode_image_into(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                          int channels, const cv::Mat& destination) {
  if (channels != 3 && channels != 4) throw std::invalid_argument("decode_image_into: channels must be 3 or 4");
  const cv::Size header = check_image_bytes(bytes, name, limits);
  if (destination.type() != CV_8UC(channels) || destination.size() != header || !destination.isContinuous())
    throw std::invalid_argument("decode_image_into: the destination must be a continuous 8-bit image of the header's size");
  const cv::Mat decoded = decode_checked(bytes, name, header, channels, &destination);
  if (decoded.data == destination.data) return decoded;
  // Same number of pixels, maybe with the sides swapped: the destination's memory, reshaped.
  cv::Mat out = destination.reshape(0, decoded.rows);
  decoded.copyTo(out);
  return out;
}

}  // namespace smp::render
