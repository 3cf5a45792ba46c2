#pragma once
// The tone of the clipped scalp against the bare skin next to it.

#include <opencv2/core.hpp>

namespace smp::render::detail {

// Darkens the fill of the clipped scalp (`skin`, work size, BGR 0-255) where it is far from
// known skin, so that its mean luma over `clip` is no lighter than that of the bare skin of the
// photo (`img`) within `band_px` of the clipped area: shaved scalp under hair is never lighter
// than the scalp already bare beside it (the stubble then keeps it a little darker). Near the
// known skin the fill is left as it is (it continues that skin without a seam); the correction
// grows as 1 - exp(-distance / reach_px) with `to_known`, the distance to known skin. At most
// `max_darkening` (0-1) of the fill is taken away. Returns the factor used far from the skin (1:
// no change).
double cap_fill_to_adjacent_skin(cv::Mat3f& skin, const cv::Mat3b& img, const cv::Mat1b& clip,
                                 const cv::Mat1b& skin_known, const cv::Mat1f& to_known, double reach_px,
                                 double band_px, double max_darkening);

// Gives the fill of the clipped scalp the light that fell on the hair over it: the hair's luma
// in `img`, averaged over `clip` with a Gaussian of `sigma_px` (the head's slow shading, not
// its strands), relative to its mean over the clip, raised to `strength` (0: none, 1: all of
// it) and kept within [1 - max_change, 1 + max_change], scales the fill where it is far from
// known skin (as in cap_fill_to_adjacent_skin). A clipped scalp keeps the photo's lighting:
// lit on the side the light came from, shaded on the other.
void shade_fill_like_the_hair(cv::Mat3f& skin, const cv::Mat3b& img, const cv::Mat1b& clip, const cv::Mat1f& to_known,
                              double reach_px, double sigma_px, double strength, double max_change);

}  // namespace smp::render::detail
