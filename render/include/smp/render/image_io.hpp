#pragma once
// Loading client photos safely and writing exported images without metadata.

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>

namespace smp::render {

// A photo could not be loaded or an image could not be written. The message names the
// file and the problem, in words a technician understands.
class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PhotoLimits {
  std::uint64_t max_pixels = 200'000'000;        // refuse larger images before decoding them
  std::uintmax_t max_file_bytes = std::uintmax_t{512} << 20;
  double max_decode_seconds = 60;                // the decoder process is stopped after this [s]
};

namespace detail {
class DecoderService;
}

// Decodes photos to 8-bit BGR, upright (EXIF orientation applied). Greyscale, 16-bit, alpha
// and CMYK images are converted. Only JPEG, PNG, BMP, WebP and TIFF are accepted, each by its
// own codec; the size is read from the header and checked against `limits` and the file's
// structure before any pixel is decoded; a photo cut off or with damaged image data is
// refused. The codec runs in a separate process: the decoder service (the smp-decode program
// next to the executable) forks a fresh child for each photo, so a decoder that aborts,
// crashes or hangs becomes an ImageError like any other and the next photo decodes as usual.
// A PhotoDecoder keeps its service from the first photo to the last: the libraries the
// codecs need are loaded once (about 150 ms each time otherwise), so a program that opens
// several photos holds one. Thread-safe (one photo at a time). Throws ImageError naming `name`.
class PhotoDecoder {
 public:
  PhotoDecoder();  // starts the service, so it is ready by the first photo
  ~PhotoDecoder();
  PhotoDecoder(const PhotoDecoder&) = delete;
  PhotoDecoder& operator=(const PhotoDecoder&) = delete;

  cv::Mat3b decode_photo(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits = {});
  cv::Mat3b load_photo(const std::filesystem::path& path, const PhotoLimits& limits = {});
  // As decode_photo, for small images that may carry transparency (the clinic's logo):
  // 8-bit BGRA, or BGR expanded with an opaque alpha. EXIF orientation is not applied.
  cv::Mat4b decode_image_with_alpha(std::span<const std::uint8_t> bytes, const std::string& name,
                                    const PhotoLimits& limits);

 private:
  std::mutex mutex_;
  std::unique_ptr<detail::DecoderService> service_;
};

// One photo with a PhotoDecoder of its own (a program that decodes a single photo).
cv::Mat3b decode_photo(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits = {});
cv::Mat3b load_photo(const std::filesystem::path& path, const PhotoLimits& limits = {});
cv::Mat4b decode_image_with_alpha(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits);

// The checks decode_photo makes before any decoder runs (format, size from the header,
// limits, structure); returns the header's size. Throws ImageError naming `name`.
cv::Size check_image_bytes(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits);

// The checks and the codec in the calling process, without isolation: for the decoder
// process itself and for fuzzing. `channels` is 3 (BGR) or 4 (BGRA). Throws ImageError.
cv::Mat decode_image_unisolated(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                                int channels = 3);

// As decode_image_unisolated, with the pixels written into `destination`: a CV_8UC(channels)
// Mat of check_image_bytes' size whose memory is continuous (the decoder process passes its
// mapped reply file, so a photo is never held twice). The result shares destination's
// memory: its size is the header's, or with the sides swapped by the EXIF orientation (the
// same number of bytes). Codecs write there directly; only photos that must be rotated,
// converted from 16 bits or given an alpha channel pass through a buffer of their own.
cv::Mat decode_image_into(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                          int channels, const cv::Mat& destination);

// Why save_image cannot write an image named `path` (its extension names no format it
// encodes), as a message naming `shown`; empty when it can.
std::string image_type_problem(const std::filesystem::path& path, const std::string& shown);

// Encodes by the file extension (.png, .jpg/.jpeg) and writes crash-safely. The encoders
// write pixels only: no EXIF, GPS or other metadata. Throws ImageError.
void save_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality = 92);

}  // namespace smp::render
