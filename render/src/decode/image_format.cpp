#include "decode/image_format.hpp"

#include "decode/tiff_header.hpp"

#include <webp/decode.h>

#include <algorithm>
#include <cstdlib>

namespace smp::render::detail {

namespace {

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le32(const std::uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }

int clamp_side(std::int64_t v) { return static_cast<int>(std::min<std::int64_t>(v, 1 << 30)); }

bool is_standalone_jpeg_marker(std::uint8_t m) { return m == 0x00 || m == 0x01 || m == 0xD8 || (m >= 0xD0 && m <= 0xD7); }

// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame header.
bool is_jpeg_frame_marker(std::uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

// Offset of the first frame header segment (at its FF byte). Like libjpeg, stray bytes
// between markers are skipped, so a file this cannot walk is one libjpeg would not decode.
std::optional<std::size_t> jpeg_frame_offset(std::span<const std::uint8_t> b) {
  std::size_t i = 2;
  while (i + 1 < b.size()) {
    if (b[i] != 0xFF) { ++i; continue; }  // garbage before a marker
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }  // fill byte
    if (is_standalone_jpeg_marker(marker)) { i += 2; continue; }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end of image or scan data before any frame
    if (i + 4 > b.size()) return std::nullopt;
    if (is_jpeg_frame_marker(marker)) return i;
    const std::uint32_t len = be16(&b[i + 2]);
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
// marker. libjpeg decodes a cut-off file and paints the missing rows, so a photo not
// copied completely must be refused here; and a progressive file with thousands of tiny
// scans makes libjpeg spin for minutes. (Inside scan data a 0xFF is always followed by
// 0x00 or a restart marker, so FF D9 / FF DA there are real markers.)
JpegScans jpeg_scans(std::span<const std::uint8_t> b) {
  JpegScans r;
  std::size_t i = 2;
  while (i + 4 <= b.size()) {
    if (b[i] != 0xFF) { ++i; continue; }
    const std::uint8_t marker = b[i + 1];
    if (marker == 0xFF) { ++i; continue; }
    if (is_standalone_jpeg_marker(marker)) { i += 2; continue; }
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

// Huffman-coded JPEGs spend at least one bit per 8x8 block and component (the DC code of
// the first scan), so a file smaller than that cannot hold its claimed image: it is
// damaged, or built to make the decoder allocate a huge picture from a few bytes.
// Returns the bytes needed, or 0 when the frame is not Huffman-coded or cannot be read.
std::uint64_t jpeg_min_bytes(std::span<const std::uint8_t> b) {
  const std::optional<std::size_t> at = jpeg_frame_offset(b);
  if (!at || *at + 10 > b.size()) return 0;
  const std::uint8_t marker = b[*at + 1];
  if (marker >= 0xC9) return 0;  // arithmetic coding can go below a bit per block
  const std::uint64_t height = be16(&b[*at + 5]), width = be16(&b[*at + 7]);
  const std::size_t components = b[*at + 9];
  if (components == 0 || *at + 10 + components * 3 > b.size()) return 0;
  int h_max = 1, v_max = 1;
  for (std::size_t c = 0; c < components; ++c) {
    const std::uint8_t s = b[*at + 10 + c * 3 + 1];
    h_max = std::max(h_max, s >> 4);
    v_max = std::max(v_max, s & 15);
  }
  std::uint64_t blocks = 0;
  for (std::size_t c = 0; c < components; ++c) {
    const std::uint8_t s = b[*at + 10 + c * 3 + 1];
    const std::uint64_t h = std::max(1, s >> 4), v = std::max(1, s & 15);
    const std::uint64_t cw = (width * h + h_max - 1) / h_max, ch = (height * v + v_max - 1) / v_max;
    blocks += ((cw + 7) / 8) * ((ch + 7) / 8);
  }
  return blocks / 8 / 2;  // one bit per block, with a factor of two to spare
}

// deflate cannot compress better than about 1032:1, so a PNG shorter than its raw rows
// over that ratio is missing data.
std::uint64_t png_min_bytes(std::span<const std::uint8_t> b, cv::Size size) {
  if (b.size() < 26) return 0;
  const std::uint32_t bit_depth = b[24], colour_type = b[25];
  const std::uint32_t channels = colour_type == 2 ? 3 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 1;
  const std::uint64_t row_bits = std::uint64_t(size.width) * channels * std::max<std::uint32_t>(bit_depth, 1);
  const std::uint64_t raw = std::uint64_t(size.height) * (1 + (row_bits + 7) / 8);
  return raw / 1100;
}

std::optional<std::string> webp_problem(std::span<const std::uint8_t> b, cv::Size size) {
  const std::uint64_t riff_end = std::uint64_t{le32(&b[4])} + 8;
  if (riff_end > b.size())
    return "the WebP file is truncated (it stops before the end of the image; was it copied completely?)";
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(b.data(), b.size(), &features) != VP8_STATUS_OK)
    return "the WebP image data is damaged (libwebp cannot read its header)";
  if (features.has_animation) return "the WebP file is an animation, not a photo";
  if (features.width != size.width || features.height != size.height)
    return "the WebP headers disagree about the image size";
  return std::nullopt;
}

}  // namespace

ImageFormat detect_format(std::span<const std::uint8_t> b) {
  static constexpr std::uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= 8 && std::equal(png_sig, png_sig + 8, b.begin())) return ImageFormat::Png;
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return ImageFormat::Jpeg;
  if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') return ImageFormat::Bmp;
  if (b.size() >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' &&
      b[10] == 'B' && b[11] == 'P')
    return ImageFormat::WebP;
  if (b.size() >= 4 &&
      ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)))
    return ImageFormat::Tiff;
  return ImageFormat::Unknown;
}

const char* format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::WebP: return "WebP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Unknown: break;
  }
  return "unknown";
}

namespace {

std::optional<cv::Size> webp_size(std::span<const std::uint8_t> b) {
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
}

}  // namespace

std::optional<cv::Size> header_size(ImageFormat format, std::span<const std::uint8_t> b) {
  switch (format) {
    case ImageFormat::Png:
      if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
      return cv::Size(clamp_side(be32(&b[16])), clamp_side(be32(&b[20])));
    case ImageFormat::Jpeg: {
      const std::optional<std::size_t> at = jpeg_frame_offset(b);
      if (!at || *at + 9 > b.size()) return std::nullopt;
      return cv::Size(static_cast<int>(be16(&b[*at + 7])), static_cast<int>(be16(&b[*at + 5])));
    }
    case ImageFormat::Bmp: {
      if (b.size() < 26) return std::nullopt;
      if (le32(&b[14]) == 12)  // OS/2 core header: 16-bit sizes
        return cv::Size(static_cast<int>(le16(&b[18])), static_cast<int>(le16(&b[20])));
      // Signed; a negative height means top-down rows. 64-bit so INT_MIN has a magnitude.
      const std::int64_t w = static_cast<std::int32_t>(le32(&b[18]));
      const std::int64_t h = static_cast<std::int32_t>(le32(&b[22]));
      return cv::Size(clamp_side(std::abs(w)), clamp_side(std::abs(h)));
    }
    case ImageFormat::WebP: return webp_size(b);
    case ImageFormat::Tiff: {
      const std::optional<TiffHeader> tiff = read_tiff_header(b);
      if (!tiff || !tiff->width || !tiff->height) return std::nullopt;
      return cv::Size(clamp_side(*tiff->width), clamp_side(*tiff->height));
    }
    case ImageFormat::Unknown: break;
  }
  return std::nullopt;
}

std::optional<std::string> structural_problem(ImageFormat format, std::span<const std::uint8_t> b, cv::Size size) {
  switch (format) {
    case ImageFormat::Jpeg: {
      const JpegScans scans = jpeg_scans(b);
      if (!scans.has_end)
        return "the JPEG file is truncated (it stops before the end of the image; was it copied completely?)";
      if (scans.scans > kMaxJpegScans)
        return "the JPEG file has " + std::to_string(scans.scans) + " scans (more than " + std::to_string(kMaxJpegScans) +
               "); it is damaged or built to stall the decoder";
      if (b.size() < jpeg_min_bytes(b))
        return "the JPEG file is damaged: " + std::to_string(b.size()) + " bytes cannot hold a " +
               std::to_string(size.width) + "x" + std::to_string(size.height) + " image";
      return std::nullopt;
    }
    case ImageFormat::Png:
      if (b.size() < png_min_bytes(b, size))
        return "the PNG file is truncated or damaged: " + std::to_string(b.size()) + " bytes cannot hold a " +
               std::to_string(size.width) + "x" + std::to_string(size.height) + " image";
      return std::nullopt;
    case ImageFormat::WebP: return webp_problem(b, size);
    case ImageFormat::Tiff: {
      const std::optional<TiffHeader> tiff = read_tiff_header(b);
      return tiff ? tiff_header_problem(*tiff) : std::nullopt;
    }
    case ImageFormat::Bmp:
    case ImageFormat::Unknown: break;
  }
  return std::nullopt;
}

}  // namespace smp::render::detail
