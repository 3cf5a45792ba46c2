#include "smp/render/image_io.hpp"

#include "smp/sim/file_io.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace smp::render {

namespace {

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le32(const std::uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }

std::optional<cv::Size> jpeg_size(std::span<const std::uint8_t> b) {
  std::size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) return std::nullopt;
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }  // fill byte
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
    const std::uint32_t len = be16(&b[i + 2]);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
      return cv::Size(static_cast<int>(be16(&b[i + 7])), static_cast<int>(be16(&b[i + 5])));
    if (len < 2) return std::nullopt;
    i += 2 + len;
  }
  return std::nullopt;
}

std::string lower_extension(const std::filesystem::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

}  // namespace

std::optional<cv::Size> sniff_image_size(std::span<const std::uint8_t> b) {
  if (b.size() >= 24 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G')
    return cv::Size(static_cast<int>(std::min<std::uint32_t>(be32(&b[16]), 1u << 30)),
                    static_cast<int>(std::min<std::uint32_t>(be32(&b[20]), 1u << 30)));
  if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) return jpeg_size(b);
  if (b.size() >= 26 && b[0] == 'B' && b[1] == 'M') {
    const auto w = static_cast<std::int32_t>(le32(&b[18]));
    const auto h = static_cast<std::int32_t>(le32(&b[22]));
    return cv::Size(std::abs(w), std::abs(h));
  }
  if (b.size() >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E') {
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ')
      return cv::Size(static_cast<int>(le16(&b[26]) & 0x3FFF), static_cast<int>(le16(&b[28]) & 0x3FFF));
    if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'L') {
      const std::uint32_t v = le32(&b[21]);
      return cv::Size(static_cast<int>((v & 0x3FFF) + 1), static_cast<int>(((v >> 14) & 0x3FFF) + 1));
    }
  }
  return std::nullopt;
}

cv::Mat3b decode_photo(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits) {
  if (bytes.empty()) throw ImageError(name + ": the file is empty");
  const std::optional<cv::Size> size = sniff_image_size(bytes);
  if (size) {
    const std::uint64_t pixels = static_cast<std::uint64_t>(size->width) * static_cast<std::uint64_t>(size->height);
    if (size->width <= 0 || size->height <= 0) throw ImageError(name + ": the image header gives no size");
    if (pixels > limits.max_pixels)
      throw ImageError(name + ": the image is " + std::to_string(size->width) + "x" + std::to_string(size->height) + " (" +
                       std::to_string(pixels / 1'000'000) + " megapixels); the limit is " +
                       std::to_string(limits.max_pixels / 1'000'000) + " megapixels");
  }
  cv::Mat decoded;
  try {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data()));
    // IMREAD_COLOR applies the EXIF orientation and converts grey/alpha/16-bit to 8-bit BGR.
    decoded = cv::imdecode(buffer, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw ImageError(name + ": the image could not be decoded (" + e.err + ")");
  }
  if (decoded.empty())
    throw ImageError(name + ": not a readable image (the file is damaged, truncated or not a photo)");
  if (static_cast<std::uint64_t>(decoded.total()) > limits.max_pixels)
    throw ImageError(name + ": the image is larger than the limit of " + std::to_string(limits.max_pixels / 1'000'000) + " megapixels");
  if (decoded.type() != CV_8UC3) {
    cv::Mat converted;
    decoded.convertTo(converted, CV_8U);
    decoded = converted;
  }
  return decoded;
}

cv::Mat3b load_photo(const std::filesystem::path& path, const PhotoLimits& limits) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = sim::read_file_bytes(path, limits.max_file_bytes);
  } catch (const sim::FileError& e) {
    throw ImageError(e.what());
  }
  return decode_photo(bytes, path.string(), limits);
}

void save_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality) {
  const std::string ext = lower_extension(path);
  std::vector<int> params;
  if (ext == ".jpg" || ext == ".jpeg") {
    params = {cv::IMWRITE_JPEG_QUALITY, std::clamp(jpeg_quality, 1, 100)};
  } else if (ext == ".png") {
    params = {cv::IMWRITE_PNG_COMPRESSION, 3};
  } else {
    throw ImageError(path.string() + ": unsupported image type \"" + ext + "\" (use .png, .jpg or .jpeg)");
  }
  std::vector<std::uint8_t> encoded;
  try {
    if (!cv::imencode(ext, image, encoded, params)) throw ImageError(path.string() + ": the image could not be encoded");
  } catch (const cv::Exception& e) {
    throw ImageError(path.string() + ": the image could not be encoded (" + e.err + ")");
  }
  try {
    sim::write_file_atomically(path, encoded);
  } catch (const sim::FileError& e) {
    throw ImageError(e.what());
  }
}

}  // namespace smp::render
