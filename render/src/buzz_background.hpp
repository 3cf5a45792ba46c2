#pragma once
// The background behind the removed hair volume of the buzz preview. Walls and backdrops are
// rarely flat: a vignette or a lamp makes them darker toward one side or a corner, and a fill
// that only spreads the nearest known pixels inward carries the wrong end of that gradient into
// the hole (a dark band where the wall is lighter). So the background around the head gives a
// smooth trend, and its own departures from that trend are spread in from the pixels nearest.

#include <opencv2/core.hpp>

namespace smp::render::detail {

struct BackgroundFillParams {
  double min_scale = 2.0;     // robust residual scale floor (levels): a plain wall is that smooth
  double tukey_c = 4.685;     // Tukey biweight cut-off in robust scales: hair tips and clutter beyond it weigh nothing
  int iterations = 4;         // reweighting passes of the fit
  int max_samples = 20000;    // the fit uses at most this many pixels of the band
  double clamp_quantile = 0.02;  // the trend stays within this quantile range of the band's kept values,
  double clamp_widen = 0.25;     // widened by this share of it on each side
};

// `image`: the photo at the fill's size (BGR, float); `known`: 1 where the background is known, 0
// in the hole; `band`: the known pixels the trend is fitted to (the background around the
// removed hair).
// Returns the background: the hole filled with a quadratic trend of the band's colour (fitted
// with Tukey weights, so strands and objects in the band do not pull it; linear or constant when
// the band determines no more) plus the band's departures from it, spread by pull_push. The
// band's pixels move toward that estimate by how far the fit set them aside (wholly for strands
// and objects, not at all for the wall); the known pixels beyond the band stay as they are.
// Without enough of a band, pull_push of the image.
cv::Mat3f fill_background(const cv::Mat3f& image, const cv::Mat1f& known, const cv::Mat1b& band,
                          const BackgroundFillParams& params = {});

}  // namespace smp::render::detail
