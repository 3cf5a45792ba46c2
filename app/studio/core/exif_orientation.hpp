#pragma once
// The EXIF orientation of a JPEG (how a phone held sideways stored its photo) and turning
// a picture upright by it, for previews decoded with stb_image (which ignores EXIF).

#include "ui_image.hpp"

#include <cstdint>
#include <vector>

namespace smp::studio {

// The orientation tag (1..8, 1 = upright) from the JPEG's EXIF block; 1 when the bytes are
// not a JPEG, carry no EXIF block, or the block is damaged. Reads only inside `bytes`.
int jpeg_exif_orientation(const std::vector<std::uint8_t>& bytes);

// The picture turned and mirrored as orientation 2..8 asks (as OpenCV's imread does);
// unchanged for 1 and unknown values.
UiImage apply_exif_orientation(const UiImage& image, int orientation);

}  // namespace smp::studio
