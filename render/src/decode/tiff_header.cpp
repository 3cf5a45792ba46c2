#include "decode/tiff_header.hpp"

#include <algorithm>

namespace smp::render::detail {

namespace {

constexpr std::uint32_t kShort = 3, kLong = 4;

const char* tag_name(std::uint32_t tag) {
  switch (tag) {
    case 256: return "image width";
    case 257: return "image height";
    case 322: return "tile width";
    case 323: return "tile height";
    default: return nullptr;
  }
}

// Tiles this much larger than the image are never written by cameras or editors: a tile
// side may round the image side up to a multiple of 16 (TIFF's rule) or be up to this
// many pixels, the largest tile common writers use.
constexpr std::uint32_t kMaxTileSideBeyondImage = 2048;

std::string size_text(std::uint32_t w, std::uint32_t h) { return std::to_string(w) + "x" + std::to_string(h); }

}  // namespace

std::optional<TiffHeader> read_tiff_header(std::span<const std::uint8_t> b) {
  if (b.size() < 8) return std::nullopt;
  const bool le = b[0] == 'I';
  auto u16 = [&](std::uint64_t at) -> std::uint32_t {
    return le ? (std::uint32_t{b[at + 1]} << 8) | b[at] : (std::uint32_t{b[at]} << 8) | b[at + 1];
  };
  auto u32 = [&](std::uint64_t at) -> std::uint32_t { return le ? (u16(at + 2) << 16) | u16(at) : (u16(at) << 16) | u16(at + 2); };
  const std::uint32_t ifd = u32(4);
  if (ifd < 8 || std::uint64_t{ifd} + 2 > b.size()) return std::nullopt;
  TiffHeader header;
  const std::uint32_t count = u16(ifd);
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint64_t e = std::uint64_t{ifd} + 2 + std::uint64_t{k} * 12;
    if (e + 12 > b.size()) break;
    const std::uint32_t tag = u16(e), type = u16(e + 2), values = u32(e + 4);
    const char* name = tag_name(tag);
    if (!name) continue;
    std::optional<std::uint32_t>& slot = tag == 256 ? header.width
                                         : tag == 257 ? header.height
                                         : tag == 322 ? header.tile_width
                                                      : header.tile_height;
    // libtiff also takes bytes, signed and 64-bit values for these tags; only the two
    // types every writer uses are read here, anything else is refused as ambiguous.
    const bool readable = values == 1 && (type == kShort || type == kLong);
    if (slot || !readable) {
      if (header.ambiguous_tag.empty()) header.ambiguous_tag = name;
      if (slot) continue;  // libtiff keeps the first entry of a repeated tag
    }
    slot = !readable ? 0 : type == kShort ? u16(e + 8) : u32(e + 8);
  }
  return header;
}

std::optional<std::string> tiff_header_problem(const TiffHeader& h) {
  if (!h.ambiguous_tag.empty())
    return "the TIFF header's " + h.ambiguous_tag + " is given twice or in an unusual form (the file is damaged)";
  if (h.tile_width || h.tile_height) {
    const std::uint32_t tw = h.tile_width.value_or(0), th = h.tile_height.value_or(0);
    auto allowed = [](std::uint32_t side) { return std::max<std::uint64_t>((std::uint64_t{side} + 15) / 16 * 16, kMaxTileSideBeyondImage); };
    if (tw == 0 || th == 0 || tw > allowed(h.width.value_or(0)) || th > allowed(h.height.value_or(0)))
      return "the TIFF tiles are " + size_text(tw, th) + " for a " + size_text(h.width.value_or(0), h.height.value_or(0)) +
             " image (the file is damaged)";
  }
  return std::nullopt;
}

}  // namespace smp::render::detail
