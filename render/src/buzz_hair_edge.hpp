#pragma once
// The hair's soft edge beside the clipped area. A photo's blur (optics, JPEG, noise reduction)
// mixes the last strands into the first pixels of skin beside them; the hair mask stops where
// the pixels stop looking like hair, so once the hair is clipped those mixed pixels stay as a
// thin dark contour of the old hairline (light for grey hair). Each such pixel is a mix of hair
// and skin; taking the hair's part out and putting the skin around it in its place removes the
// contour and keeps the photo's own softness.

#include <opencv2/core.hpp>

namespace smp::render::detail {

struct HairEdgeParams {
  double reach_px = 3;       // how far beside the clipped area the hair's edge is mixed into the skin, px
  double min_contrast = 12;  // skin and hair luma closer than this (8-bit levels): nothing to take out
  double noise_levels = 2;   // luma differences within this of the skin's are the skin's grain
};

// Where the hair's edge may be mixed into the skin, and the skin it is mixed into.
struct HairEdge {
  cv::Mat1f weight;    // 0-1: 1 on the clipped area's edge and within a reach of it, fading to 0
                       // half a reach further
  cv::Mat3f skin_bgr;  // the skin's colour around (0-255; 0 where no skin is near)
};

// For pixels on `eligible` (255: skin of the head that stays): the band along the clipped
// area's edge (`clipped`, 255), and the skin's colour there, the mean of the eligible pixels
// 1.5 to 3.5 reaches outside the clipped area weighted by nearness. Weight 0 where no such skin
// is near. All maps share `clipped`'s size.
HairEdge hair_edge(const cv::Mat3b& img, const cv::Mat1b& clipped, const cv::Mat1b& eligible, const HairEdgeParams& p);

// Writes into `dst` the pixels of `src` inside `area` with the hair's part taken out: the
// share of hair in a pixel is where its luma (3x3 smoothed) lies between the skin's and
// `hair_bgr`'s, times the band's weight, and that share of (skin - hair) is added to it.
// `edge` may be smaller than `src` (`work_per_photo` of its size, sampled bilinearly with pixel
// centres aligned). Pixels written are set to 255 in `changed` when it is given. `src` and
// `dst` have the same size and may not be the same image.
void take_out_hair_edge(const cv::Mat3b& src, cv::Mat3b& dst, cv::Rect area, const HairEdge& edge, double work_per_photo,
                        const cv::Vec3f& hair_bgr, const HairEdgeParams& p, cv::Mat1b* changed = nullptr);

}  // namespace smp::render::detail
