#include "png_encode.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace smp::render::detail {

namespace {

void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A chunk: length, type, data, CRC of type and data.
void put_chunk(std::vector<std::uint8_t>& out, const char (&type)[5], const std::uint8_t* data, std::size_t size) {
  put_be32(out, static_cast<std::uint32_t>(size));
  const std::size_t type_at = out.size();
  out.insert(out.end(), type, type + 4);
  if (size > 0) out.insert(out.end(), data, data + size);
  const uLong crc = crc32(0L, out.data() + type_at, static_cast<uInt>(4 + size));
  put_be32(out, static_cast<std::uint32_t>(crc));
}

struct Band {
  std::vector<std::uint8_t> deflated;  // raw deflate data, ending on a byte boundary
  uLong adler = 1;                     // Adler-32 of the band's filtered bytes
  uLong length = 0;                    // number of filtered bytes
};

// Rows [y0, y1) filtered with "Up" (each byte minus the same byte of the row above, which
// the image holds, so a band needs nothing of another band's output), in PNG's channel
// order, deflated raw. The last band of the image finishes the stream.
Band encode_band(const cv::Mat& image, int y0, int y1, bool last, const PngEncodeParams& p) {
  const int channels = image.channels(), width = image.cols;
  const std::size_t row_bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
  std::vector<std::uint8_t> filtered(static_cast<std::size_t>(y1 - y0) * (row_bytes + 1));
  // PNG stores RGB(A); OpenCV holds BGR(A).
  const std::array<int, 4> order = channels >= 3 ? std::array<int, 4>{2, 1, 0, 3} : std::array<int, 4>{0, 1, 2, 3};
  const std::vector<std::uint8_t> zero_row(row_bytes, 0);  // the row above the first one
  std::uint8_t* dst = filtered.data();
  for (int y = y0; y < y1; ++y) {
    const std::uint8_t* src = image.ptr<std::uint8_t>(y);
    const std::uint8_t* above = y > 0 ? image.ptr<std::uint8_t>(y - 1) : zero_row.data();
    *dst++ = 2;  // filter type Up
    for (int x = 0; x < width; ++x) {
      const std::size_t at = static_cast<std::size_t>(x) * static_cast<std::size_t>(channels);
      for (int c = 0; c < channels; ++c) {
        const std::size_t k = at + static_cast<std::size_t>(order[static_cast<std::size_t>(c)]);
        dst[at + static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(src[k] - above[k]);
      }
    }
    dst += row_bytes;
  }
  Band band;
  band.length = static_cast<uLong>(filtered.size());
  band.adler = adler32(1L, filtered.data(), static_cast<uInt>(filtered.size()));
  z_stream z{};
  if (deflateInit2(&z, std::clamp(p.level, 1, 9), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("PNG encoding: zlib could not start");
  band.deflated.resize(deflateBound(&z, static_cast<uLong>(filtered.size())) + 16);
  z.next_in = filtered.data();
  z.avail_in = static_cast<uInt>(filtered.size());
  z.next_out = band.deflated.data();
  z.avail_out = static_cast<uInt>(band.deflated.size());
  const int status = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
  const bool ok = last ? status == Z_STREAM_END : status == Z_OK && z.avail_in == 0;
  band.deflated.resize(band.deflated.size() - z.avail_out);
  deflateEnd(&z);
  if (!ok) throw std::runtime_error("PNG encoding: zlib failed (" + std::to_string(status) + ")");
  return band;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const cv::Mat& image, const PngEncodeParams& p) {
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3 && image.channels() != 4) || image.empty())
    throw std::invalid_argument("encode_png: an 8-bit grey, BGR or BGRA image is needed");
  // Bands small enough that every filtered band fits zlib's 32-bit counters.
  const std::size_t row_bytes = static_cast<std::size_t>(image.cols) * static_cast<std::size_t>(image.channels()) + 1;
  const int band_rows = static_cast<int>(std::clamp<std::size_t>(static_cast<std::size_t>(std::max(p.band_rows, 1)), 1,
                                                                  std::max<std::size_t>(1, (std::size_t{1} << 30) / row_bytes)));
  const int bands = (image.rows + band_rows - 1) / band_rows;

  std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  put_be32(ihdr, static_cast<std::uint32_t>(image.cols));
  put_be32(ihdr, static_cast<std::uint32_t>(image.rows));
  const std::uint8_t colour_type = image.channels() == 1 ? 0 : image.channels() == 3 ? 2 : 6;
  ihdr.insert(ihdr.end(), {8, colour_type, 0, 0, 0});
  put_chunk(out, "IHDR", ihdr.data(), ihdr.size());

  // One zlib stream over all bands (header, the bands' deflate data in order, Adler-32),
  // cut into IDAT chunks of 1 MiB as it grows: the file is never held twice.
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::vector<std::uint8_t> pending = {0x78, 0x01};
  const auto flush = [&](bool all) {
    std::size_t at = 0;
    while (at < pending.size() && (all || pending.size() - at >= kChunk)) {
      const std::size_t size = std::min(kChunk, pending.size() - at);
      put_chunk(out, "IDAT", pending.data() + at, size);
      at += size;
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(at));
  };
  uLong adler = 1;
  const int wave = std::max(p.bands_in_flight, 1);
  std::vector<Band> done(static_cast<std::size_t>(wave));
  for (int first = 0; first < bands; first += wave) {
    const int count = std::min(wave, bands - first);
    cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& r) {
      for (int k = r.start; k < r.end; ++k) {
        const int b = first + k;
        done[static_cast<std::size_t>(k)] =
            encode_band(image, b * band_rows, std::min(image.rows, (b + 1) * band_rows), b == bands - 1, p);
      }
    });
    for (int k = 0; k < count; ++k) {
      Band& band = done[static_cast<std::size_t>(k)];
      pending.insert(pending.end(), band.deflated.begin(), band.deflated.end());
      adler = adler32_combine(adler, band.adler, static_cast<z_off_t>(band.length));
      band = Band{};
      flush(false);
    }
  }
  put_be32(pending, static_cast<std::uint32_t>(adler));
  flush(true);
  put_chunk(out, "IEND", nullptr, 0);
  return out;
}

}  // namespace smp::render::detail
