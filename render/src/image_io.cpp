#include "smp/render/image_io.hpp"

#include "smp/sim/file_io.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <string>

namespace smp::render {

namespace {

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le32(const std::uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }

// Walks the JPEG markers up to the frame header (SOFn). Like libjpeg, it skips stray bytes
// between markers, so a file it cannot size is one libjpeg would not decode either.
std::optional<cv::Size> jpeg_size(std::span<const std::uint8_t> b) {
  std::size_t i = 2;
  while (i + 1 < b.size()) {
    if (b[i] != 0xFF) { ++i; continue; }  // garbage before a marker
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }  // fill byte
    if (marker == 0x00 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end of image or scan data before any frame
    if (i + 4 > b.size()) return std::nullopt;
    const std::uint32_t len = be16(&b[i + 2]);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (i + 9 > b.size()) return std::nullopt;
      return cv::Size(static_cast<int>(be16(&b[i + 7])), static_cast<int>(be16(&b[i + 5])));
    }
    if (len < 2) return std::nullopt;
    i += 2 + len;
  }
  return std::nullopt;
}

struct JpegScans {
  bool has_end = false;  // an end-of-image marker follows the scan data
  int scans = 0;         // start-of-scan markers (progressive JPEGs have several)
};

// Walks the header segments to the first scan, then counts scans up to the end-of-image
// marker. libjpeg decodes a cut-off file without error and paints the missing rows grey,
// so a photo not copied completely must be refused here; and a progressive file with
// thousands of tiny scans makes libjpeg spin for minutes. (Inside scan data a 0xFF is
// always followed by 0x00 or a restart marker, so FF D9 / FF DA there are real markers.)
JpegScans jpeg_scans(std::span<const std::uint8_t> b) {
  JpegScans r;
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (b[i] != 0xFF) { ++i; continue; }
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }
    if (marker == 0x00 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { i += 2; continue; }
    if (marker == 0xD9) return r;
    const std::uint32_t len = be16(&b[i + 2]);
    if (len < 2) return r;
    i += 2 + len;
    if (marker == 0xDA) {
      r.scans = 1;
      break;
    }
  }
  for (; i + 1 < b.size(); ++i) {
    if (b[i] != 0xFF) continue;
    if (b[i + 1] == 0xDA) ++r.scans;
    if (b[i + 1] == 0xD9) {
      r.has_end = true;
      break;
    }
  }
  return r;
}

constexpr int kMaxJpegScans = 200;  // real progressive JPEGs have about 10

// Width and height from the first IFD of a classic TIFF (tags 256 and 257).
std::optional<cv::Size> tiff_size(std::span<const std::uint8_t> b) {
  const bool le = b[0] == 'I';
  auto u16 = [&](std::size_t at) { return le ? le16(&b[at]) : be16(&b[at]); };
  auto u32 = [&](std::size_t at) { return le ? le32(&b[at]) : be32(&b[at]); };
  const std::uint32_t ifd = u32(4);
  if (ifd < 8 || std::uint64_t{ifd} + 2 > b.size()) return std::nullopt;
  const std::uint32_t count = u16(ifd);
  std::int64_t w = -1, h = -1;
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint64_t e = std::uint64_t{ifd} + 2 + std::uint64_t{k} * 12;
    if (e + 12 > b.size()) break;
    const std::uint32_t tag = u16(e), type = u16(e + 2);
    const std::uint32_t value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : 0;
    if (tag == 256) w = value;
    if (tag == 257) h = value;
  }
  if (w < 0 || h < 0) return std::nullopt;
  return cv::Size(static_cast<int>(std::min<std::int64_t>(w, 1 << 30)), static_cast<int>(std::min<std::int64_t>(h, 1 << 30)));
}

enum class Format { Unknown, Png, Jpeg, Bmp, WebP, Tiff };

// The container, by the same signatures OpenCV uses to pick a decoder. Anything else is
// refused: OpenCV also reads PNM, Sun raster, HDR, JPEG 2000 ... which no camera produces
// and which only widen what a hostile file can reach.
Format detect_format(std::span<const std::uint8_t> b) {
  static constexpr std::uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= 8 && std::equal(png_sig, png_sig + 8, b.begin())) return Format::Png;
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Format::Jpeg;
  if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') return Format::Bmp;
  if (b.size() >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' &&
      b[10] == 'B' && b[11] == 'P')
    return Format::WebP;
  if (b.size() >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)))
    return Format::Tiff;
  return Format::Unknown;
}

std::string lower_extension(const std::filesystem::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

}  // namespace

std::optional<cv::Size> sniff_image_size(std::span<const std::uint8_t> b) {
  switch (detect_format(b)) {
    case Format::Png:
      if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
      return cv::Size(static_cast<int>(std::min<std::uint32_t>(be32(&b[16]), 1u << 30)),
                      static_cast<int>(std::min<std::uint32_t>(be32(&b[20]), 1u << 30)));
    case Format::Jpeg:
      return jpeg_size(b);
    case Format::Bmp: {
      if (b.size() < 26) return std::nullopt;
      if (le32(&b[14]) == 12)  // OS/2 core header: 16-bit sizes
        return cv::Size(static_cast<int>(le16(&b[18])), static_cast<int>(le16(&b[20])));
      // Signed; a negative height means top-down rows. 64-bit so INT_MIN has a magnitude.
      const std::int64_t w = static_cast<std::int32_t>(le32(&b[18]));
      const std::int64_t h = static_cast<std::int32_t>(le32(&b[22]));
      return cv::Size(static_cast<int>(std::min<std::int64_t>(std::abs(w), 1 << 30)),
                      static_cast<int>(std::min<std::int64_t>(std::abs(h), 1 << 30)));
    }
    case Format::WebP:
      if (b.size() < 30) return std::nullopt;
      if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ')
        return cv::Size(static_cast<int>(le16(&b[26]) & 0x3FFF), static_cast<int>(le16(&b[28]) & 0x3FFF));
      if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'L') {
        const std::uint32_t v = le32(&b[21]);
        return cv::Size(static_cast<int>((v & 0x3FFF) + 1), static_cast<int>(((v >> 14) & 0x3FFF) + 1));
      }
      if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X') {  // extended: 24-bit canvas size - 1
        const std::uint32_t w = (le16(&b[24]) | (std::uint32_t{b[26]} << 16)) + 1;
        const std::uint32_t h = (le16(&b[27]) | (std::uint32_t{b[29]} << 16)) + 1;
        return cv::Size(static_cast<int>(w), static_cast<int>(h));
      }
      return std::nullopt;
    case Format::Tiff:
      if (b.size() < 8) return std::nullopt;
      return tiff_size(b);
    case Format::Unknown:
      break;
  }
  return std::nullopt;
}

cv::Mat3b decode_photo(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits) {
  if (bytes.empty()) throw ImageError(name + ": the file is empty");
  if (bytes.size() > limits.max_file_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ImageError(name + ": the file is " + std::to_string(bytes.size() >> 20) + " MiB; the limit is " +
                     std::to_string(limits.max_file_bytes >> 20) + " MiB");
  if (detect_format(bytes) == Format::Unknown)
    throw ImageError(name + ": not a JPEG, PNG, BMP, WebP or TIFF image (the file's contents are of another kind)");
  // Refuse absurd sizes from the header alone: a tiny file can claim gigapixels.
  const std::optional<cv::Size> size = sniff_image_size(bytes);
  if (!size) throw ImageError(name + ": the image header is damaged or truncated (no image size found)");
  if (size->width <= 0 || size->height <= 0) throw ImageError(name + ": the image header gives a zero size");
  const std::uint64_t pixels = static_cast<std::uint64_t>(size->width) * static_cast<std::uint64_t>(size->height);
  if (pixels > limits.max_pixels)
    throw ImageError(name + ": the image is " + std::to_string(size->width) + "x" + std::to_string(size->height) + " (" +
                     std::to_string(pixels / 1'000'000) + " megapixels); the limit is " +
                     std::to_string(limits.max_pixels / 1'000'000) + " megapixels");
  if (detect_format(bytes) == Format::Jpeg) {
    const JpegScans scans = jpeg_scans(bytes);
    if (!scans.has_end)
      throw ImageError(name + ": the JPEG file is truncated (it stops before the end of the image; was it copied completely?)");
    if (scans.scans > kMaxJpegScans)
      throw ImageError(name + ": the JPEG file has " + std::to_string(scans.scans) + " scans (more than " +
                       std::to_string(kMaxJpegScans) + "); it is damaged or built to stall the decoder");
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
    // zlib level 1: a 24 MP photo encodes in 2.0 s instead of 3.1 s at level 3, for a file
    // 1.7% larger (measured by smp-bench, see docs/performance.md).
    params = {cv::IMWRITE_PNG_COMPRESSION, 1};
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
