#include "eyedropper.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/param_table.hpp"

#include <algorithm>
#include <cmath>

namespace smp::studio {

cv::Rect eyedropper_region(cv::Point2d a, cv::Point2d b, double px_per_mm, cv::Size photo, double min_drag_px) {
  cv::Rect2d r;
  if (std::abs(b.x - a.x) < min_drag_px && std::abs(b.y - a.y) < min_drag_px) {
    const double side = std::max(kEyedropperClickMm * std::max(px_per_mm, 0.0), 5.0);
    r = {a.x - side / 2, a.y - side / 2, side, side};
  } else {
    r = {std::min(a.x, b.x), std::min(a.y, b.y), std::abs(b.x - a.x), std::abs(b.y - a.y)};
  }
  const cv::Rect pixels(cv::Point(static_cast<int>(std::floor(r.x)), static_cast<int>(std::floor(r.y))),
                        cv::Point(static_cast<int>(std::ceil(r.x + r.width)), static_cast<int>(std::ceil(r.y + r.height))));
  return pixels & cv::Rect(0, 0, photo.width, photo.height);
}

double eyedropper_shade(const cv::Mat3b& photo, cv::Rect region, const sim::Plan& plan,
                        const render::AppearanceParams& appearance) {
  const render::PhotoTone tone = render::estimate_plan_skin_tone(photo, plan);
  const double d = render::eyedropper_dilution(photo, region, tone, plan, appearance);
  const sim::ParamSpec* spec = sim::find_param("pigment.dilution_pct");
  return std::clamp(std::round(d), spec ? spec->min : 0.0, spec ? spec->max : 95.0);
}

}  // namespace smp::studio
