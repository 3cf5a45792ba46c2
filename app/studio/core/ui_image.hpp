#pragma once
// The viewer's own pictures (window icon, template diagrams, the clinic logo preview,
// file-browser thumbnails) decoded with stb_image into 8-bit RGBA, on any thread, no GL.
// Client photos are not opened here: they go through render::load_photo (EXIF
// orientation, isolated decoder). Every limit is checked before a pixel is decoded.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace smp::studio {

// A picture could not be loaded; the message is one line naming the file and the problem.
class UiImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct UiImageLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t{8} << 20;  // bytes read at most
  int max_side = 4096;                                       // px, width or height
  std::uint64_t max_pixels = 16'000'000;                     // width x height
};

// Limits for previews of files the person picks (photos in the file browser, the logo):
// a phone photo passes, a decompression bomb does not (40 MP x 4 bytes = 160 MB at most).
UiImageLimits preview_limits();

struct UiImage {
  int width = 0, height = 0;            // px
  int file_channels = 0;                // channels stored in the file (1 grey .. 4 RGBA)
  std::vector<std::uint8_t> rgba;       // width * height * 4, rows top to bottom
};

// Decodes a PNG, JPEG, BMP, GIF (first frame) or TGA to RGBA. Reads the size from the
// header (stbi_info) and refuses the file before decoding when it breaks `limits`.
// Throws UiImageError naming `path`.
UiImage load_ui_image(const std::filesystem::path& path, const UiImageLimits& limits = {});

// The same from bytes already in memory; `name` is used in messages.
UiImage decode_ui_image(const std::vector<std::uint8_t>& bytes, const std::string& name, const UiImageLimits& limits);

// A preview of a file the person picked: decoded as load_ui_image, turned upright by its
// EXIF orientation (JPEG), then reduced to fit max_side x max_side px.
UiImage load_preview(const std::filesystem::path& path, int max_side, const UiImageLimits& limits = preview_limits());

// A copy no larger than max_side x max_side, aspect kept (area averaging); the image
// itself when it already fits.
UiImage fit_within(const UiImage& image, int max_side);

}  // namespace smp::studio
