#pragma once
// How the photo's blur varies over it. A close-up of a head is sharp where the camera focused
// (usually the crown) and soft where the dome falls away from that plane (the sides, the
// fringe, the silhouette): 3-5 px of defocus at 16 px/mm is common on phone close-ups. A dot
// drawn there as sharp as at the crown reads as pasted on beside the client's blurred stubble.
//
// Measured on the photo's edges (the head's silhouette, hair against skin, single strands):
// each is fitted with a blurred step (an erf profile across it) or a blurred strand (a
// Gaussian line) on the full-resolution pixels; a mass of hair has a wide edge whatever the
// optics, the strands in it are as sharp as the photo. In each cell of a grid over the photo
// the sharper fifth of the fits bounds the blur there (content only ever widens an edge). A
// fitted width still holds some of what the edge shows, so only what a head cell reads well
// beyond the photo's sharpest cells counts as defocus, added to the uniform blur in
// quadrature; cells without edges keep the uniform blur, drawn toward measured neighbours.
// JPEG flecks and sensor noise stay pixel-sharp on a defocused area and mislead the
// gradient-ratio estimate of photo_optics.hpp; here the reduction the edges are found on
// averages them away, and a fit narrower than any lens (BlurFieldParams::min_fit_sigma_px)
// is left out.

#include <opencv2/core.hpp>

namespace smp::render {

struct BlurFieldParams {
  int detect_side_px = 1024;    // edges are found on the photo reduced by a whole factor (none below
                                // twice this side) to 1-2 times this side
  int cells = 16;               // grid cells along the photo's longer side
  double head_margin = 0.03;    // edges this far outside the head mask count (share of its longer side)
  int profile_half_px = 24;     // samples on each side of an edge, photo px (widths up to 10 px are tried)
  int edges_per_cell = 40;      // at most this many of a cell's edges (head and other each) fitted
  int min_edges = 5;            // fewer accepted fits: the cell has no measurement
  double min_step = 12;         // an edge's step or strand's height (8-bit luma) must be at least this
  double min_fit = 0.9;         // share of the profile's variance the fitted step explains
  // Narrower fits are not the lens's: demosaicing alone blurs about 0.8 px, and what fits
  // narrower is a one-pixel fleck of noise, JPEG or sharpening.
  double min_fit_sigma_px = 0.6;
  double percentile = 0.2;      // of a cell's fitted widths, its blur: the sharper fifth (content only widens)
  // Defocus is what a cell reads beyond this many times the photo's sharpest cells (fitted widths
  // also hold some of what the edges show, a little more in one cell than another).
  double defocus_ratio = 1.5;
  double spread_cells = 1.0;    // measured cells reach their neighbours over this (Gaussian sigma)
  double prior_weight = 0.05;   // weight of the uniform blur in every cell (a measured cell weighs
                                // 0.16 at its own centre under the spread, 0.10 one cell away)
  double max_sigma_px = 8;      // results are clamped to [uniform blur, this]
  // What defocus can reach: a lens of aperture A focused on the crown blurs a point dz deeper
  // into a disc of A * dz / distance (object mm), sigma about a quarter of it; with the distance
  // from the scale (focal length in px / px per mm) that is sigma_px = (A * dz / 4) * ppm^2 / F.
  // A phone's main camera (about 3 mm of aperture at f/1.8) and a silhouette 90 mm below the
  // crown give A * dz / 4 of about 70 mm^2. It bounds the field on photos taken from afar, whose
  // edges are wide for what they show (a fringe's fuzz at 1.5 px/mm), not for the lens.
  double defocus_mm2 = 70;
  double focal_per_side = 0.75;  // focal length over the photo's longer side (a 26 mm-equivalent lens)
  // Below this scale no field: dots at typical densities (150 /cm^2, 0.8 mm apart) lie closer
  // than 4 px and are drawn as a tone with grain (grain.hpp), and a photo taken from that far
  // has edges as wide as what they show (a fringe's fuzz), not as its lens makes them.
  double min_px_per_mm = 5;
};

// Gaussian sigma of the photo's blur over a coarse grid, photo px.
class BlurField {
 public:
  BlurField() = default;
  // The grid is copied: a field compared with an earlier one (a kept layer's) never shares it.
  BlurField(const cv::Mat1f& sigma_px, cv::Rect region) : sigma_(sigma_px.clone()), region_(region) {}

  bool empty() const { return sigma_.empty(); }
  // At a photo pixel: bilinear between cell centres, the nearest cell past the grid's edge.
  // `fallback` where the field is empty.
  float at(cv::Point2f photo_px, float fallback) const;
  const cv::Mat1f& grid() const { return sigma_; }
  cv::Rect region() const { return region_; }
  bool operator==(const BlurField& o) const;

 private:
  cv::Mat1f sigma_;  // one value per cell
  cv::Rect region_;  // photo px the grid covers
};

// Over the whole photo, from the edges of the head: `head` is a mask of it (any size, mapped
// onto the whole photo; empty = the whole photo), whose edges within params.head_margin of it
// count (the silhouette lies on its border); the background is at another depth, and its
// defocus says nothing about the head's. What a cell reads beyond params.defocus_ratio times
// the sharpest tenth of the photo's cells (head or not) is defocus, added in quadrature to
// `uniform_sigma_px` (the photo's blur where it is sharpest), up to what defocus reaches at
// `px_per_mm`. Empty when no cell of the head has edges or the scale is below
// params.min_px_per_mm.
BlurField estimate_blur_field(const cv::Mat3b& photo, const cv::Mat1b& head, double uniform_sigma_px, double px_per_mm,
                              const BlurFieldParams& params = {});

// The blur across one edge: sigma (px) of the blurred step (an erf) or blurred strand (a
// Gaussian within 2 px of the middle) that best fits `profile` (samples one pixel apart, the
// edge near the middle) with a linear shading term; the height of that step or strand and the
// share of the profile's variance explained. Exposed for tests.
struct StepFit {
  double sigma_px = 0, step = 0, explained = 0;
};
StepFit fit_blurred_step(const float* profile, int half);

}  // namespace smp::render
