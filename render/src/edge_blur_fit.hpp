#pragma once
// One edge's blur, measured on the photo's full-resolution pixels: the profile across it is
// fitted with a blurred step (an erf) or a blurred strand (a Gaussian line) beside a linear
// shading term. Used by the blur field (smp/render/blur_field.hpp).

#include "smp/render/blur_field.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace smp::render::detail {

// For one profile length: per model (a blurred step, or a blurred strand at one of a few
// offsets from the middle, for each width) its samples and the inverse Gram matrix of the
// basis (1, s/half, model), so a fit is three dot products and a 3x3 product per model.
// Strands matter where hair is sharp: the edge of a mass of hair is wide whatever the optics,
// the strands in it are not.
struct StepModels {
  int half = 0;
  std::vector<double> sigma;
  std::vector<std::vector<double>> shape;  // per model, 2*half+1 samples
  std::vector<cv::Matx33d> inverse_gram;

  explicit StepModels(int half_px);
};

// The best model's width, height and explained share for `p` (2*m.half+1 samples).
StepFit fit_step(const float* p, const StepModels& m);

// The head on a copy of at most 512 px (a mask at the photo's size would take a disc of a
// hundred pixels to grow), as it is and grown by `margin` of its longer side to its
// silhouette. Empty: the whole photo is head.
class HeadMasks {
 public:
  HeadMasks(const cv::Mat1b& head, cv::Size photo, double margin);
  bool on_at(cv::Point2f photo_px) const { return at(on_, photo_px); }
  bool near_at(cv::Point2f photo_px) const { return at(near_, photo_px); }

 private:
  bool at(const cv::Mat1b& m, cv::Point2f p) const;
  cv::Mat1b on_, near_;
  double sx_ = 1, sy_ = 1;  // photo px per mask px
};

// The blur across the edge at `at` (photo px) with unit normal `n`: the profile is sampled a
// little longer, its step located (the edge was found on a reduced copy), then sampled again
// centred there and fitted. nullopt when the profile leaves the photo, or when it is a
// highlight's edge on the head (its brightest point whiter than its darkest): a highlight is
// as wide as the reflection, whatever the optics. `buf` is scratch.
std::optional<StepFit> measure_edge(const cv::Mat3b& photo, cv::Point2f at, cv::Point2f n, const StepModels& m,
                                    const HeadMasks& head, std::vector<float>& buf);

}  // namespace smp::render::detail
