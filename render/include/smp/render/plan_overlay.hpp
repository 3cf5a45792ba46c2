#pragma once
// The plan drawn over the photo, for the report and exports: treatment area tinted, scar
// and exclusion areas outlined, the hairline and the back edge of its transition zone, and
// optionally the face-based hairline guides.

#include "smp/sim/face_rules.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>

namespace smp::render {

struct OverlayParams {
  int max_side = 1600;                    // the overlay is drawn on a downscale this size
  double treatment_alpha = 0.28;          // tint strength over the treatment area
  cv::Scalar treatment{200, 160, 40};     // BGR
  cv::Scalar scar{60, 60, 220};
  cv::Scalar exclusion{40, 200, 230};
  cv::Scalar hairline{255, 255, 255};
  cv::Scalar guides{80, 220, 255};
  double line_px = 0;                     // 0 = from the image size
};

// A BGR image of at most max_side pixels on its long side.
cv::Mat3b draw_plan_overlay(const cv::Mat3b& photo, const sim::Plan& plan,
                            const std::optional<sim::HairlineGuides>& guides = std::nullopt,
                            const OverlayParams& params = {});

}  // namespace smp::render
