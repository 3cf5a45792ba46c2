#pragma once
// The tone of the clipped scalp: the light on it and its level against the bare skin beside it.

#include <opencv2/core.hpp>

namespace smp::render::detail {

inline float luma(const cv::Vec3f& bgr) { return 0.114f * bgr[0] + 0.587f * bgr[1] + 0.299f * bgr[2]; }

// Both steps below change the fill of the clipped scalp (`skin`, work size, BGR 0-255) only
// far from known skin: by a share 1 - `near` of their correction, where `near` (0-1) is the
// weight the known skin's own variation keeps there, exp(-distance to known skin / reach).
// Next to the known skin the fill continues it without a seam.

// Darkens the fill so that its mean luma over `clip` is no lighter than that of the photo's
// luma `grey` on the bare skin (`skin_known`) within `band_px` of the clipped area: shaved
// scalp under hair is never lighter than the scalp already bare beside it (the stubble then
// keeps it a little darker). At most `max_darkening` (0-1) of the fill is taken away. Returns
// the factor used far from the skin (1: no change).
double cap_fill_to_adjacent_skin(cv::Mat3f& skin, const cv::Mat1b& grey, const cv::Mat1b& clip,
                                 const cv::Mat1b& skin_known, const cv::Mat1f& near, double band_px,
                                 double max_darkening);

// Gives the fill the light that fell on the hair over it: the hair's luma in `grey`, averaged
// over `clip` with a Gaussian of `sigma_px` (the head's slow shading, not its strands),
// relative to its mean over the clip, raised to `strength` (0: none, 1: all of it) and kept
// within [1 - max_change, 1 + max_change], scales the fill; the fill's mean luma over the clip
// is kept. A clipped scalp keeps the photo's lighting: lit on the side the light came from,
// shaded on the other.
void shade_fill_like_the_hair(cv::Mat3f& skin, const cv::Mat1b& grey, const cv::Mat1b& clip, const cv::Mat1f& near,
                              double sigma_px, double strength, double max_change);

}  // namespace smp::render::detail
