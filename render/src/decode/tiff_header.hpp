#pragma once
// The tags of a classic TIFF's first image directory that decide how much memory the
// decoder asks for, read the way libtiff reads them: when a tag is repeated, libtiff keeps
// the first entry and ignores the rest, so the first one is the one that counts here too.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace smp::render::detail {

struct TiffHeader {
  std::optional<std::uint32_t> width, height;            // tags 256, 257 (pixels)
  std::optional<std::uint32_t> tile_width, tile_height;  // tags 322, 323 (pixels; absent when in strips)
  // The first of these tags that is given twice, or in a type or count libtiff would read
  // differently from this reader (a damaged or hostile file): its name, else empty.
  std::string ambiguous_tag;
};

// nullopt when the bytes are too short to hold the first directory's entry count.
std::optional<TiffHeader> read_tiff_header(std::span<const std::uint8_t> bytes);

// What is wrong with a header whose size passed the pixel limit, or nullopt: an ambiguous
// size or tile tag, or tiles far larger than the image (libtiff allocates whole tiles).
std::optional<std::string> tiff_header_problem(const TiffHeader& header);

}  // namespace smp::render::detail
