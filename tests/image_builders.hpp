#pragma once
// Byte-level builders for the bad-input and privacy tests: images that cameras, phones and
// hostile files produce, made at run time so no photo is committed.

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace smp::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes encode(const std::string& ext, const cv::Mat& image, const std::vector<int>& params = {}) {
  Bytes out;
  cv::imencode(ext, image, out, params);
  return out;
}

inline void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

inline Bytes read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

inline void put_be16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
inline void put_be32(Bytes& b, std::uint32_t v) {
  put_be16(b, v >> 16);
  put_be16(b, v & 0xFFFF);
}
inline void put_le16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void put_le32(Bytes& b, std::uint32_t v) {
  put_le16(b, v & 0xFFFF);
  put_le16(b, v >> 16);
}
// Byte by byte: GCC 12 reports false -Warray-bounds on range inserts into small vectors.
inline void put_text(Bytes& b, const std::string& s) {
  for (char c : s) b.push_back(static_cast<std::uint8_t>(c));
}
inline void append(Bytes& b, const Bytes& more) {
  for (std::uint8_t c : more) b.push_back(c);
}

// ---- JPEG ----

// Inserts a marker segment (e.g. APP1 = 0xE1) right after the SOI of a JPEG.
inline Bytes insert_segment(const Bytes& jpeg, std::uint8_t marker, const Bytes& payload) {
  Bytes out = {jpeg.at(0), jpeg.at(1), 0xFF, marker};
  put_be16(out, static_cast<std::uint32_t>(payload.size() + 2));
  append(out, payload);
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

// One little-endian TIFF IFD entry whose value fits in the 4-byte field.
inline void ifd_entry(Bytes& b, std::uint32_t tag, std::uint32_t type, std::uint32_t count, std::uint32_t value) {
  put_le16(b, tag);
  put_le16(b, type);
  put_le32(b, count);
  put_le32(b, value);
}

// APP1 payload: "Exif" + a TIFF block with only an Orientation tag.
inline Bytes exif_orientation(int orientation) {
  Bytes b;
  put_text(b, std::string("Exif\0\0", 6));
  put_text(b, "II");
  put_le16(b, 42);
  put_le32(b, 8);
  put_le16(b, 1);
  ifd_entry(b, 0x0112, 3, 1, static_cast<std::uint32_t>(orientation));
  put_le32(b, 0);
  return b;
}

// APP1 payload: Make, Orientation and a GPS block (48.8583 N, 2.2944 E: somewhere private).
inline Bytes exif_with_gps() {
  Bytes b;
  put_text(b, std::string("Exif\0\0", 6));
  // Offsets below count from the TIFF header that follows.
  put_text(b, "II");
  put_le16(b, 42);
  put_le32(b, 8);
  // IFD0 at 8: 3 entries (42 bytes), then "SecretCam\0" at 50, GPS IFD at 60.
  put_le16(b, 3);
  ifd_entry(b, 0x010F, 2, 10, 50);  // Make
  ifd_entry(b, 0x0112, 3, 1, 1);    // Orientation: upright
  ifd_entry(b, 0x8825, 4, 1, 60);   // GPSInfo
  put_le32(b, 0);
  put_text(b, std::string("SecretCam\0", 10));
  // GPS IFD at 60: 5 entries (66 bytes), latitude at 126, longitude at 150.
  put_le16(b, 5);
  ifd_entry(b, 0x0000, 1, 4, 0x00000302);  // GPSVersionID 2.3.0.0
  ifd_entry(b, 0x0001, 2, 2, 'N');         // GPSLatitudeRef
  ifd_entry(b, 0x0002, 5, 3, 126);         // GPSLatitude
  ifd_entry(b, 0x0003, 2, 2, 'E');         // GPSLongitudeRef
  ifd_entry(b, 0x0004, 5, 3, 150);         // GPSLongitude
  put_le32(b, 0);
  for (std::uint32_t v : {48u, 1u, 51u, 1u, 2988u, 100u, 2u, 1u, 17u, 1u, 3984u, 100u}) put_le32(b, v);
  return b;
}

// Writes bits MSB first with JPEG byte stuffing (0xFF is followed by 0x00).
class JpegBitWriter {
 public:
  explicit JpegBitWriter(Bytes& out) : out_(out) {}
  void put(std::uint32_t bits, int count) {
    for (int i = count - 1; i >= 0; --i) {
      acc_ = static_cast<std::uint8_t>((acc_ << 1) | ((bits >> i) & 1));
      if (++n_ == 8) flush_byte();
    }
  }
  void finish() {
    while (n_ != 0) put(1, 1);  // pad with ones
  }

 private:
  void flush_byte() {
    out_.push_back(acc_);
    if (acc_ == 0xFF) out_.push_back(0x00);
    acc_ = 0;
    n_ = 0;
  }
  Bytes& out_;
  std::uint8_t acc_ = 0;
  int n_ = 0;
};

// A baseline JPEG of one flat colour with four components stored as Adobe does (inverted:
// 255 = no ink), the kind print workflows and some stock photos produce. OpenCV cannot
// write CMYK, so this writes the few segments by hand: with a flat image every 8x8 block
// has only a DC coefficient, so a 12-symbol DC table and an end-of-block code suffice.
inline Bytes cmyk_jpeg(int width, int height, std::array<std::uint8_t, 4> stored_cmyk) {
  Bytes b = {0xFF, 0xD8};
  // APP14 "Adobe", transform 0: the four components are CMYK, not YCCK.
  b.insert(b.end(), {0xFF, 0xEE, 0x00, 0x0E, 'A', 'd', 'o', 'b', 'e', 0x00, 0x64, 0, 0, 0, 0, 0});
  b.insert(b.end(), {0xFF, 0xDB, 0x00, 0x43, 0x00});  // DQT: table 0, all ones
  b.insert(b.end(), 64, std::uint8_t{1});
  b.insert(b.end(), {0xFF, 0xC0});  // SOF0
  put_be16(b, 8 + 3 * 4);
  b.push_back(8);
  put_be16(b, static_cast<std::uint32_t>(height));
  put_be16(b, static_cast<std::uint32_t>(width));
  b.push_back(4);
  for (std::uint8_t id = 1; id <= 4; ++id) b.insert(b.end(), {id, 0x11, 0x00});
  // DHT: DC table 0 with twelve 4-bit codes for categories 0..11; AC table 0 with only EOB ("0").
  b.insert(b.end(), {0xFF, 0xC4});
  put_be16(b, 2 + 17 + 12 + 17 + 1);
  b.push_back(0x00);
  for (int len = 1; len <= 16; ++len) b.push_back(len == 4 ? 12 : 0);
  for (std::uint8_t s = 0; s < 12; ++s) b.push_back(s);
  b.push_back(0x10);
  for (int len = 1; len <= 16; ++len) b.push_back(len == 1 ? 1 : 0);
  b.push_back(0x00);
  b.insert(b.end(), {0xFF, 0xDA});  // SOS
  put_be16(b, 6 + 2 * 4);
  b.push_back(4);
  for (std::uint8_t id = 1; id <= 4; ++id) b.insert(b.end(), {id, 0x00});
  b.insert(b.end(), {0, 63, 0});
  JpegBitWriter w(b);
  std::array<int, 4> pred{};
  const int mcus = ((width + 7) / 8) * ((height + 7) / 8);
  for (int m = 0; m < mcus; ++m) {
    for (int c = 0; c < 4; ++c) {
      const int dc = 8 * (stored_cmyk[static_cast<std::size_t>(c)] - 128);  // DCT of a flat block
      const int diff = dc - pred[static_cast<std::size_t>(c)];
      pred[static_cast<std::size_t>(c)] = dc;
      int category = 0;
      while ((diff < 0 ? -diff : diff) >> category) ++category;
      w.put(static_cast<std::uint32_t>(category), 4);
      if (category > 0) w.put(static_cast<std::uint32_t>(diff >= 0 ? diff : diff + (1 << category) - 1), category);
      w.put(0, 1);  // end of block
    }
  }
  w.finish();
  b.insert(b.end(), {0xFF, 0xD9});
  return b;
}

// A real small JPEG whose frame header is rewritten to claim `width` x `height`.
inline Bytes jpeg_claiming(int width, int height) {
  Bytes j = encode(".jpg", cv::Mat3b(16, 16, cv::Vec3b(90, 120, 150)));
  for (std::size_t i = 2; i + 9 < j.size(); ++i) {
    if (j[i] == 0xFF && j[i + 1] == 0xC0) {
      j[i + 5] = static_cast<std::uint8_t>(height >> 8);
      j[i + 6] = static_cast<std::uint8_t>(height);
      j[i + 7] = static_cast<std::uint8_t>(width >> 8);
      j[i + 8] = static_cast<std::uint8_t>(width);
      break;
    }
  }
  return j;
}

// ---- PNG ----

inline std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

inline void png_chunk(Bytes& b, const char* type, const Bytes& data) {
  put_be32(b, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = b.size();
  put_text(b, type);
  append(b, data);
  put_be32(b, crc32(b.data() + start, b.size() - start));
}

// A well-formed PNG header claiming `width` x `height` RGB, with a token of data.
inline Bytes png_claiming(std::uint32_t width, std::uint32_t height) {
  Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  Bytes ihdr;
  put_be32(ihdr, width);
  put_be32(ihdr, height);
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
  png_chunk(b, "IHDR", ihdr);
  png_chunk(b, "IDAT", {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
  png_chunk(b, "IEND", {});
  return b;
}

// ---- BMP, WebP, TIFF headers claiming a size (enough for a decoder to start) ----

inline Bytes bmp_claiming(std::int32_t width, std::int32_t height) {
  Bytes b = {'B', 'M'};
  put_le32(b, 54);
  put_le32(b, 0);
  put_le32(b, 54);
  put_le32(b, 40);
  put_le32(b, static_cast<std::uint32_t>(width));
  put_le32(b, static_cast<std::uint32_t>(height));
  put_le16(b, 1);
  put_le16(b, 24);
  for (int i = 0; i < 6; ++i) put_le32(b, 0);
  return b;
}

inline Bytes webp_vp8x_claiming(std::uint32_t width, std::uint32_t height) {
  Bytes b;
  put_text(b, "RIFF");
  put_le32(b, 4 + 8 + 10);
  put_text(b, "WEBPVP8X");
  put_le32(b, 10);
  put_le32(b, 0);  // flags + reserved
  for (std::uint32_t v : {width - 1, height - 1}) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v >> 16));
  }
  return b;
}

struct TiffEntry {
  std::uint16_t tag, type;  // type 3 SHORT, 4 LONG
  std::uint32_t value;
};

// A little-endian TIFF whose first directory holds exactly these entries, in this order.
inline Bytes tiff_with_entries(std::initializer_list<TiffEntry> entries) {
  Bytes b = {'I', 'I', 42, 0};
  put_le32(b, 8);
  put_le16(b, static_cast<std::uint16_t>(entries.size()));
  for (const TiffEntry& e : entries) ifd_entry(b, e.tag, e.type, 1, e.value);
  put_le32(b, 0);
  return b;
}

inline Bytes tiff_claiming(std::uint32_t width, std::uint32_t height) {
  return tiff_with_entries({{256, 4, width}, {257, 4, height}});
}

}  // namespace smp::test
