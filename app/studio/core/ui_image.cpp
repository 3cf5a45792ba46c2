#include "ui_image.hpp"

#include "exif_orientation.hpp"

#include "smp/sim/file_io.hpp"

#include <opencv2/imgproc.hpp>
#include <stb_image.h>

#include <algorithm>
#include <climits>
#include <memory>

namespace smp::studio {

namespace {

struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};

std::string reason() {
  const char* r = stbi_failure_reason();
  return r ? r : "unknown reason";
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path, const UiImageLimits& limits) {
  try {
    return sim::read_file_bytes(path, limits.max_file_bytes);
  } catch (const sim::FileError& e) {
    throw UiImageError(e.what());  // already names the file and the reason
  }
}

}  // namespace

UiImageLimits preview_limits() {
  UiImageLimits l;
  l.max_file_bytes = std::uintmax_t{64} << 20;
  l.max_side = 16384;
  l.max_pixels = 40'000'000;
  return l;
}

namespace {

// stb's RGBA pixels, straight from the decoder (no copy yet).
struct Decoded {
  std::unique_ptr<unsigned char, StbFree> rgba;
  int width = 0, height = 0, file_channels = 0;
};

Decoded decode(const std::vector<std::uint8_t>& bytes, const std::string& name, const UiImageLimits& limits) {
  if (bytes.empty()) throw UiImageError(name + ": the file is empty");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw UiImageError(name + ": the file is too large to decode");
  const auto* data = bytes.data();
  const int length = static_cast<int>(bytes.size());
  int w = 0, h = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &w, &h, &channels))
    throw UiImageError(name + ": not a PNG, JPEG, BMP, GIF or TGA image (" + reason() + ")");
  const std::uint64_t pixels = static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h);
  if (w <= 0 || h <= 0 || w > limits.max_side || h > limits.max_side || pixels > limits.max_pixels)
    throw UiImageError(name + ": " + std::to_string(w) + " x " + std::to_string(h) + " px is larger than a preview may be (at most " +
                       std::to_string(limits.max_side) + " px a side and " + std::to_string(limits.max_pixels) + " pixels)");
  Decoded d;
  d.rgba.reset(stbi_load_from_memory(data, length, &d.width, &d.height, &d.file_channels, 4));
  if (!d.rgba) throw UiImageError(name + ": damaged image data (" + reason() + ")");
  if (d.width != w || d.height != h) throw UiImageError(name + ": the image data does not match its header's size");
  return d;
}

// A copy of `src` (RGBA) no larger than max_side x max_side, aspect kept (area averaging).
UiImage reduced(const unsigned char* src_rgba, int width, int height, int file_channels, int max_side) {
  const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(width, height));
  const cv::Size size(std::max(1, static_cast<int>(width * scale + 0.5)), std::max(1, static_cast<int>(height * scale + 0.5)));
  UiImage out;
  out.width = size.width;
  out.height = size.height;
  out.file_channels = file_channels;
  out.rgba.resize(static_cast<std::size_t>(size.area()) * 4);
  const cv::Mat src(height, width, CV_8UC4, const_cast<unsigned char*>(src_rgba));
  cv::Mat dst(size, CV_8UC4, out.rgba.data());
  if (size == src.size())
    src.copyTo(dst);
  else
    cv::resize(src, dst, size, 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace

UiImage decode_ui_image(const std::vector<std::uint8_t>& bytes, const std::string& name, const UiImageLimits& limits) {
  const Decoded d = decode(bytes, name, limits);
  UiImage out;
  out.width = d.width;
  out.height = d.height;
  out.file_channels = d.file_channels;
  out.rgba.assign(d.rgba.get(), d.rgba.get() + static_cast<std::size_t>(d.width) * static_cast<std::size_t>(d.height) * 4);
  return out;
}

UiImage load_ui_image(const std::filesystem::path& path, const UiImageLimits& limits) {
  return decode_ui_image(read_bytes(path, limits), path.string(), limits);
}

UiImage load_preview(const std::filesystem::path& path, int max_side, const UiImageLimits& limits) {
  std::vector<std::uint8_t> bytes = read_bytes(path, limits);
  const int orientation = jpeg_exif_orientation(bytes);
  Decoded d = decode(bytes, path.string(), limits);
  bytes = {};  // the file is not kept while the picture is reduced
  UiImage small = reduced(d.rgba.get(), d.width, d.height, d.file_channels, std::max(max_side, 1));
  d.rgba.reset();
  return apply_exif_orientation(small, orientation);  // square bound: turning keeps it
}

UiImage fit_within(const UiImage& image, int max_side) {
  if (image.width <= max_side && image.height <= max_side) return image;
  return reduced(image.rgba.data(), image.width, image.height, image.file_channels, max_side);
}

}  // namespace smp::studio
