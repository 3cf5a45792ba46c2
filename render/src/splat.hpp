#pragma once
// One needle touch ready to draw: every per-touch value is computed once, up front, so the
// drawing loop can be tiled or threaded over these records without touching the plan.

#include <opencv2/core.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace smp::render::detail {

// An elliptical blob with a compact kernel w = (1 - q)^4, q = d' Q d < 1: shaped like a
// Gaussian of covariance S when Q = S^-1 / 12, but with a finite reach and no exp().
struct Splat {
  cv::Point2f centre;            // output pixels
  float qxx = 1, qxy = 0, qyy = 1;
  float half_w = 1, half_h = 1;  // bounding box half extents of q < 1
  float ink = 0;                 // pigment: OD integrated over output px^2
  float fresh = 0;               // 0-1: how fresh (drives the redness layer)
};

// A splat of covariance `cov` (px^2); eigenvalues are raised to at least min_sigma^2.
Splat make_splat(cv::Point2f centre, const cv::Matx22f& cov, float ink, float fresh, float min_sigma);

// The splat's bounding box inside an image of `size`; empty when it misses the image.
cv::Rect splat_box(const Splat& s, cv::Size size);

// The kernel at the pixel centres of `box` (row-major into `w`); returns their sum.
float splat_weights(const Splat& s, cv::Rect box, std::vector<float>& w);

// Adds the splat's ink to `layer`, evaluated at pixel centres and normalised so the pixels
// receive `ink` (pigment is conserved even for dots narrower than a pixel): by the kernel's
// sum over its box, or by its integral where that equals the sum to within 2e-4 (a splat at
// least 1.2 px wide that the image does not cut).
// `scratch` is reused between calls to avoid allocations.
void accumulate(cv::Mat1f& layer, const Splat& s, std::vector<float>& scratch);

// Splats sorted into square tiles of an image: each tile lists, in the splats' own order,
// every splat whose box reaches into it, so tiles can be drawn independently and every
// pixel still receives its splats in the same order (the same sums for any thread count).
struct TileBins {
  cv::Size image;
  cv::Size tile{256, 256};          // tile width and height, px
  int cols = 0, rows = 0;           // tiles across and down
  std::vector<std::uint32_t> start; // cols*rows + 1 offsets into `index`
  std::vector<std::uint32_t> index; // splat indices, tile after tile
  std::vector<cv::Rect> boxes;      // splat_box of every splat

  cv::Rect rect(int t) const;
  std::span<const std::uint32_t> splats(int t) const {
    return {index.data() + start[static_cast<std::size_t>(t)], index.data() + start[static_cast<std::size_t>(t) + 1]};
  }
};
// Overwrites `bins` (its vectors' capacity is reused).
void bin_splats(std::span<const Splat> splats, cv::Size image, cv::Size tile, TileBins& bins);
inline void bin_splats(std::span<const Splat> splats, cv::Size image, int tile, TileBins& bins) {
  bin_splats(splats, image, cv::Size(tile, tile), bins);
}

// Adds tile `t`'s splats to `od`, which covers exactly bins.rect(t). Each splat is normalised
// as `accumulate` does (over its whole box in the image, or by its integral), so the result
// equals the matching part of accumulating every splat into one photo-sized layer.
void splat_tile(std::span<const Splat> splats, const TileBins& bins, int t, cv::Mat1f& od, std::vector<float>& scratch);

// Whether tile `t` holds the same splats, bit for bit and in the same order, in `bins` of
// `splats` as in `old_bins` of `old_splats` (both over the same image): it then sums to the
// same optical density.
bool same_tile_splats(std::span<const Splat> splats, const TileBins& bins, std::span<const Splat> old_splats,
                      const TileBins& old_bins, int t);

// The kernel weights of every splat over its whole box (splat_weights) and the sums that
// normalise them (accumulate's), kept while only the splats' ink changes (a new shade on the
// same dots): drawing them again then skips the kernel, with the same sums and so the same
// pixels.
struct SplatWeights {
  std::vector<float> weights;        // splat after splat, row-major over each box
  std::vector<std::size_t> offset;   // splats + 1 offsets into `weights`
  std::vector<float> sums;
  bool valid = false;
};
// Fills `cache` for `splats` binned in `bins`; false (cache left invalid) when their weights
// would take more than `max_weights` floats.
bool cache_splat_weights(std::span<const Splat> splats, const TileBins& bins, std::size_t max_weights, SplatWeights& cache);
// splat_tile with the weights from a valid cache of the same splats.
void splat_tile_cached(std::span<const Splat> splats, const TileBins& bins, const SplatWeights& cache, int t, cv::Mat1f& od);

}  // namespace smp::render::detail
