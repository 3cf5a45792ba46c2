#include "smp/render/image_io.hpp"

#include "decode/isolated_decode.hpp"
#include "png_encode.hpp"
#include "smp/sim/file_io.hpp"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace smp::render {

namespace {

std::string lower_extension(const std::filesystem::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

std::vector<std::uint8_t> photo_file_bytes(const std::filesystem::path& path, const PhotoLimits& limits) {
  try {
    return sim::read_file_bytes(path, limits.max_file_bytes);
  } catch (const sim::FileError& e) {
    throw ImageError(e.what());
  }
}

}  // namespace

PhotoDecoder::PhotoDecoder() : service_(std::make_unique<detail::DecoderService>(true)) {}

PhotoDecoder::~PhotoDecoder() = default;

cv::Mat3b PhotoDecoder::decode_photo(std::span<const std::uint8_t> bytes, const std::string& name,
                                     const PhotoLimits& limits) {
  const cv::Size header = check_image_bytes(bytes, name, limits);
  const std::lock_guard<std::mutex> lock(mutex_);
  return service_->decode(bytes, name, limits, header, 3);
}

cv::Mat4b PhotoDecoder::decode_image_with_alpha(std::span<const std::uint8_t> bytes, const std::string& name,
                                                const PhotoLimits& limits) {
  const cv::Size header = check_image_bytes(bytes, name, limits);
  const std::lock_guard<std::mutex> lock(mutex_);
  return service_->decode(bytes, name, limits, header, 4);
}

cv::Mat3b PhotoDecoder::load_photo(const std::filesystem::path& path, const PhotoLimits& limits) {
  return decode_photo(photo_file_bytes(path, limits), path.string(), limits);
}

// A single photo starts its service only once the photo has passed the checks.
cv::Mat3b decode_photo(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits) {
  const cv::Size header = check_image_bytes(bytes, name, limits);
  return detail::DecoderService(false).decode(bytes, name, limits, header, 3);
}

cv::Mat4b decode_image_with_alpha(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits) {
  const cv::Size header = check_image_bytes(bytes, name, limits);
  return detail::DecoderService(false).decode(bytes, name, limits, header, 4);
}

cv::Mat3b load_photo(const std::filesystem::path& path, const PhotoLimits& limits) {
  return decode_photo(photo_file_bytes(path, limits), path.string(), limits);
}

std::string image_type_problem(const std::filesystem::path& path, const std::string& shown) {
  const std::string ext = lower_extension(path);
  if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") return {};
  return shown + ": unsupported image type \"" + ext + "\" (use .png, .jpg or .jpeg)";
}

void save_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality) {
  const std::string ext = lower_extension(path);
  if (const std::string problem = image_type_problem(path, path.string()); !problem.empty()) throw ImageError(problem);
  std::vector<std::uint8_t> encoded;
  bool encoded_ok = true;
  try {
    // PNG on all cores (png_encode.hpp); JPEG (and PNG of other depths) through OpenCV.
    if (ext == ".png" && image.depth() == CV_8U && image.channels() != 2)
      encoded = detail::encode_png(image);
    else
      encoded_ok = cv::imencode(ext, image, encoded, {cv::IMWRITE_JPEG_QUALITY, std::clamp(jpeg_quality, 1, 100)});
  } catch (const cv::Exception& e) {
    throw ImageError(path.string() + ": the image could not be encoded (" + e.err + ")");
  } catch (const std::exception& e) {
    throw ImageError(path.string() + ": the image could not be encoded (" + e.what() + ")");
  }
  if (!encoded_ok) throw ImageError(path.string() + ": the image could not be encoded");
  try {
    sim::write_file_atomically(path, encoded);
  } catch (const sim::FileError& e) {
    throw ImageError(e.what());
  }
}

}  // namespace smp::render
