#include "exif_orientation.hpp"

#include <opencv2/core.hpp>

#include <cstring>

namespace smp::studio {

namespace {

// Bounded reads of the TIFF structure inside the EXIF block.
struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  bool little;
  bool u16(std::size_t at, unsigned& out) const {
    if (at + 2 > size) return false;
    out = little ? (data[at] | data[at + 1] << 8) : (data[at] << 8 | data[at + 1]);
    return true;
  }
  bool u32(std::size_t at, std::size_t& out) const {
    if (at + 4 > size) return false;
    const std::uint32_t b0 = data[at], b1 = data[at + 1], b2 = data[at + 2], b3 = data[at + 3];
    out = little ? (b0 | b1 << 8 | b2 << 16 | b3 << 24) : (b0 << 24 | b1 << 16 | b2 << 8 | b3);
    return true;
  }
};

int orientation_in_tiff(const std::uint8_t* tiff, std::size_t size) {
  if (size < 8) return 1;
  const bool little = tiff[0] == 'I' && tiff[1] == 'I';
  if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
  const Reader r{tiff, size, little};
  unsigned magic = 0, count = 0;
  std::size_t ifd = 0;
  if (!r.u16(2, magic) || magic != 42 || !r.u32(4, ifd) || !r.u16(ifd, count)) return 1;
  for (unsigned i = 0; i < count; ++i) {
    const std::size_t entry = ifd + 2 + 12 * std::size_t{i};
    unsigned tag = 0, value = 0;
    if (!r.u16(entry, tag)) return 1;
    if (tag == 0x0112) return r.u16(entry + 8, value) && value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

}  // namespace

int jpeg_exif_orientation(const std::vector<std::uint8_t>& bytes) {
  const std::size_t n = bytes.size();
  if (n < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return 1;
  std::size_t i = 2;
  while (i + 4 <= n && bytes[i] == 0xFF) {
    const std::uint8_t marker = bytes[i + 1];
    if (marker == 0xDA || marker == 0xD9) break;  // image data: no EXIF block before it
    const std::size_t length = static_cast<std::size_t>(bytes[i + 2]) << 8 | bytes[i + 3];
    if (length < 2 || i + 2 + length > n) break;
    if (marker == 0xE1 && length >= 8 && std::memcmp(&bytes[i + 4], "Exif\0\0", 6) == 0)
      return orientation_in_tiff(&bytes[i + 10], length - 8);
    i += 2 + length;
  }
  return 1;
}

UiImage apply_exif_orientation(const UiImage& image, int orientation) {
  if (orientation < 2 || orientation > 8 || image.rgba.empty()) return image;
  const cv::Mat src(image.height, image.width, CV_8UC4, const_cast<std::uint8_t*>(image.rgba.data()));
  cv::Mat dst;
  switch (orientation) {
    case 2: cv::flip(src, dst, 1); break;
    case 3: cv::flip(src, dst, -1); break;
    case 4: cv::flip(src, dst, 0); break;
    case 5: cv::transpose(src, dst); break;
    case 6: cv::transpose(src, dst), cv::flip(dst, dst, 1); break;
    case 7: cv::transpose(src, dst), cv::flip(dst, dst, -1); break;
    case 8: cv::transpose(src, dst), cv::flip(dst, dst, 0); break;
    default: return image;
  }
  UiImage out;
  out.width = dst.cols;
  out.height = dst.rows;
  out.file_channels = image.file_channels;
  out.rgba.assign(dst.datastart, dst.dataend);
  return out;
}

}  // namespace smp::studio
