#pragma once
// Dots the photo cannot resolve: when the impressions lie only a few pixels apart, the
// blue-noise placement aliases against the pixel grid into a halftone screen, which a real
// photo of stubble at that scale never shows (there the hairs blur into a tone with grain).
// The layer then keeps its local mean transmittance and the local strength of its dot texture, but the
// texture itself is replaced by noise seen through the photo's blur: the right mean tone plus
// the right grain, never a lattice.

#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace smp::render::detail {

struct GrainParams {
  double resolved_spacing_px = 6.0;  // dots at least this far apart (px) stay dots
  double blend_px = 2.0;             // fully grain this much closer than that
  int strip_rows = 96;               // rows worked at a time (the result does not depend on it)
};

// How much of the dot texture becomes grain (0-1) at a dot spacing of `spacing_px`.
double grain_share(double spacing_px, const GrainParams& params = {});

// The pass's one layer-sized buffer (the transmittance it reads while the layer is
// rewritten), kept by a caller that runs it again and again (reallocated only when the size
// changes). Everything else lives in strips of rows, so the pass needs one layer of memory
// beyond the layer itself.
struct GrainBuffers {
  cv::Mat1f trans;
  // The blurred noise of each strip of rows, kept between calls when `keep_grain` is set and
  // the layer holds at most `max_kept_pixels`: it depends only on the seed, the blur and the
  // layer's size, so a new shade on the same dots draws it again for nothing.
  bool keep_grain = false;
  std::size_t max_kept_pixels = std::size_t{4} << 20;
  std::vector<cv::Mat1f> grain_strips;
  std::uint64_t grain_key = 0;
  double grain_blur = -1;
  cv::Size grain_size;
  int grain_strip_rows = 0;
  // With `keep_result` (and the limit above), the last result too (`last_out`, and what it
  // was made with): a strip whose rows, and the rows its blurs read, are all unchanged since
  // is copied from it. Without, the last result is dropped.
  bool keep_result = false;
  cv::Mat1f last_out;
  double last_spacing = -1;
};

// Applies it to an optical-density layer in place; deterministic for a given seed.
// `changed_rows` (one flag per row of `od`, or empty: all changed) marks the rows whose input
// may differ from the last call with the same buffers; the others hold the same values.
void unresolved_dots_to_grain(cv::Mat1f& od, double spacing_px, double blur_px, std::uint64_t seed,
                              GrainBuffers& buffers, const GrainParams& params = {},
                              const std::vector<unsigned char>& changed_rows = {});

}  // namespace smp::render::detail
