#pragma once
// Small diagrams of the hair-loss templates for the template picker and the report: a
// stylised head (top or front view) with the remaining hair, the bald area the template
// treats, and its hairline.

#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::render {

struct DiagramParams {
  int width = 150;                      // pixels
  int height = 176;                     // pixels, including the label strip
  bool label = true;                    // template name under the head
  int supersample = 3;                  // drawn this much larger, then reduced (smooth edges)
  cv::Scalar background{246, 244, 242}; // BGR
  cv::Scalar skin{150, 176, 222};
  cv::Scalar hair{52, 58, 66};
  cv::Scalar treatment_edge{160, 120, 20};  // outline of the area the template treats
  cv::Scalar text{60, 60, 60};
};

cv::Mat3b template_diagram(const sim::HairLossTemplate& t, sim::ViewKind view, const DiagramParams& params = {});

}  // namespace smp::render
