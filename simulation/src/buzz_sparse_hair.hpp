#pragma once
// The skin and the hair of the buzz-cut preview: strands told from the skin between them
// (sparse hair over a thinning crown or front), the skin's tones beside the hair, and the
// stubble's density after clipping.

#include "smp/sim/buzz.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim::detail {

// An odd kernel size of about `px` pixels (at least 1).
inline int odd_px(double px) { return std::max(1, static_cast<int>(std::lround(px))) | 1; }

// Rec. 601 luma of a BGR colour (0-255).
inline double luma(const cv::Vec3f& bgr) { return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2]; }

// Tones of the skin next to the hair (`bare`: the photo without strands). The lit skin (at
// least `shadow_luma_share` of the median: no shadow of the hair) decides what is hair; the
// lit half below the glare (the brightest tenth) is the colour the clipped scalp takes: once
// clipped, the skin under the hair gets the light of the skin beside it.
struct SkinTones {
  double lit_luma = 0;        // mean luma of the lit skin (0-255)
  cv::Vec3f fill_bgr{0, 0, 0};  // colour of the clipped scalp (0-255)
};
SkinTones skin_tones(const cv::Mat3b& bare, const cv::Mat1b& near_skin, const BuzzDecisionParams& p);

// `img` with strands narrower than `strand_filter_mm` removed (dark ones and light ones, where
// they cover less than half of the skin): the skin between them continued over them. Wider
// shapes and edges stay.
cv::Mat3b without_strands(const cv::Mat3b& img, double work_ppm, const BuzzDecisionParams& p);

// The skin under the sparse strands, on `sparse` (elsewhere `bare`): starting from the median
// luma of the pixels of `sparse` and `skin` over the cover window, the mean of those pixels
// around each pixel (Gaussian, a quarter of the window), each weighted by how near its luma is
// to the last estimate, three times, so strands darker or lighter than the skin drop out. What
// is left is the skin's light over millimetres, without the strands' streaks and clumps that
// `without_strands` keeps where they are wider than its filter.
cv::Mat3b skin_under_strands(const cv::Mat3b& img, const cv::Mat3b& bare, const cv::Mat1b& sparse,
                             const cv::Mat1b& skin, double work_ppm, const BuzzDecisionParams& p);

// Pixels of `sparse` whose skin under the strands (`under`) is greyer than
// `sparse_min_saturation` of the saturation of `skin_bgr`: shading scales the skin's chroma
// with its luma and keeps their ratio, so skin between strands keeps the skin's saturation,
// while the "skin" of lit grey or dark strands lying close (no skin between them) is grey.
cv::Mat1b grey_under_strands(const cv::Mat3b& under, const cv::Mat1b& sparse, const cv::Vec3f& skin_bgr,
                             const BuzzDecisionParams& p);

// Share (0-1) of strand pixels around each pixel: pixels at least `strand_levels` of luma from
// `bare` (img without strands), averaged over `cover_window_mm`.
cv::Mat1f strand_share(const cv::Mat3b& img, const cv::Mat3b& bare, double work_ppm, const BuzzDecisionParams& p);

// Sparse hair: pixels of `skin` with at least `sparse_min_share` strands around them, outside
// `face`, in pieces that touch the clipped hair `clip`.
cv::Mat1b sparse_hair(const cv::Mat1f& share, const cv::Mat1b& skin, const cv::Mat1b& clip, cv::Rect face,
                      double work_ppm, const BuzzDecisionParams& p);

// Stubble density (hairs per cm²) on `r.clip` and `r.sparse`. Under the clipped hair it follows
// the hair's local cover (0-1, `cover`) and thins over the last millimetres toward bare skin;
// on sparse hair it follows the strands' share. Smoothed across the two, so the density has no
// step where they meet.
cv::Mat1f stubble_density(const BuzzRegions& r, const cv::Mat1f& cover, const cv::Mat1f& share, double work_ppm,
                          const BuzzDecisionParams& p);

}  // namespace smp::sim::detail
