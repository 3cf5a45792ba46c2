#pragma once
// The hair's soft edge beside the clipped area. A photo's blur (optics, JPEG, noise reduction)
// mixes the last strands into the first pixels of skin beside them; the hair mask stops where
// the pixels stop looking like hair, so once the hair is clipped those mixed pixels stay as a
// thin dark contour of the old hairline. Each such pixel is a mix of hair and skin; taking the
// hair's part out and putting the skin around it in its place removes the contour and keeps
// the photo's own softness. How much of a pixel can be hair falls with its distance from the
// clipped area as the blur carries it, so a mole or a freckle beside the hairline stays.

#include <opencv2/core.hpp>

namespace smp::render::detail {

// Distances in pixels of the maps hair_edge makes.
struct HairEdgeParams {
  double margin_px = 1;       // beside the clipped area, pixels this close may be wholly hair (>= 0)
  double blur_sigma_px = 1;   // the photo's blur (Gaussian sigma): past the margin the most a pixel
                              // can hold of the hair is 2 Phi(-distance / sigma) (> 0)
  double min_contrast = 12;   // skin and hair luma closer than this (8-bit levels): nothing to take out (>= 1)
  double noise_levels = 2;    // a pixel within this of the skin's luma is skin and its grain (>= 0)
  // The skin beside the band darkens toward the hair (the head's shading, the hair's shade): the
  // band takes the skin that trend gives at its own distance, at most this share darker than
  // the skin's mean beside it (0-1). Its mean alone lifted the band above the skin just past it:
  // a light line along the old hairline with a dark one below it.
  double max_trend_shade = 0.2;
  // The values hair_edge works with (sigma at least a quarter pixel, the margin not negative).
  double sigma() const { return blur_sigma_px > 0.25 ? blur_sigma_px : 0.25; }
  double margin() const { return margin_px > 0 ? margin_px : 0.0; }
  // Where the band ends: the margin plus three blur sigmas (the most left there is 0.3 %).
  double reach_px() const { return margin() + 3 * sigma(); }
};

// Where the hair's edge may be mixed into the skin, and the skin it is mixed into.
struct HairEdge {
  cv::Mat1f most_hair;  // 0-1: the most of a pixel that can be the hair's (0 off the band)
  cv::Mat3f skin_bgr;   // the skin's colour around (0-255; 0 where no skin is near), on the band
                        // continued to the pixel's distance from the clipped area
};

// For pixels on `eligible` (255: skin of the head that stays, not next to any that does not):
// the band along the clipped area's edge (`clipped`, 255) and the skin's colour there, from
// the eligible pixels one to three reaches outside the clipped area weighted by nearness: their
// mean colour, on the band scaled by their luma's linear trend with the distance from the
// clipped area, carried to the pixel's distance (only darker, by at most `max_trend_shade`).
// All maps share `clipped`'s size.
HairEdge hair_edge(const cv::Mat3b& img, const cv::Mat1b& clipped, const cv::Mat1b& eligible, const HairEdgeParams& p);

// Writes into `dst` the pixels of `src` inside `area` with the hair's part taken out: the
// share of hair in a pixel is where its luma (3x3 smoothed) lies between the skin's and
// `hair_bgr`'s, at most the band's `most_hair`, and that share of (skin - hair) is added to it.
// `edge` may be smaller than `src` (`work_per_photo` of its size, sampled bilinearly with pixel
// centres aligned). The band's pixels are set to 255 in `changed` when it is given. `src` and
// `dst` have the same size and are not the same image.
void take_out_hair_edge(const cv::Mat3b& src, cv::Mat3b& dst, cv::Rect area, const HairEdge& edge, double work_per_photo,
                        const cv::Vec3f& hair_bgr, const HairEdgeParams& p, cv::Mat1b* changed = nullptr);

}  // namespace smp::render::detail
