#include "smp/sim/plan.hpp"

#include "smp/sim/param_table.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace smp::sim {

namespace {

bool finite_point(const cv::Point2d& p) { return std::isfinite(p.x) && std::isfinite(p.y); }

std::string out_of_range(const char* name, double value, double lo, double hi, const char* unit) {
  std::ostringstream s;
  s << std::setprecision(10) << name << " is " << value << " " << unit << "; it must be between " << lo << " and " << hi
    << " " << unit;
  return s.str();
}

std::string check_mask(const char* name, const cv::Mat1b& mask) {
  if (mask.empty()) return {};
  if (mask.cols > kMaxMaskSide || mask.rows > kMaxMaskSide)
    return std::string(name) + " mask is larger than " + std::to_string(kMaxMaskSide) + " pixels on a side";
  return {};
}

bool bad(double v, double lo, double hi) { return !std::isfinite(v) || v < lo || v > hi; }

// The values that are lists or optional (the single numbers are in param_table).
std::string validate_appearance(const PlanParams& p) {
  const Pigment& g = p.pigment;
  if (g.session_offsets_pct.size() > 6) return "pigment has more than 6 session shade offsets";
  for (double o : g.session_offsets_pct)
    if (bad(o, -50, 50)) return out_of_range("session shade offset", o, -50, 50, "%");
  if (g.hair_dilution_pct && bad(*g.hair_dilution_pct, 0, 95))
    return out_of_range("hair shade dilution", *g.hair_dilution_pct, 0, 95, "%");
  if (auto e = validate_buzz(p.buzz); !e.empty()) return e;
  return {};
}

}  // namespace

double session_dilution_pct(const Pigment& pigment, int session) {
  double d = pigment.dilution_pct;
  const auto& o = pigment.session_offsets_pct;
  if (!o.empty()) d += o[static_cast<std::size_t>(std::clamp(session, 1, static_cast<int>(o.size())) - 1)];
  return std::clamp(d, 0.0, 95.0);
}

cv::Size working_mask_size(int photo_width, int photo_height, int max_side) {
  const int long_side = std::max(photo_width, photo_height);
  if (long_side <= max_side || long_side <= 0) return {std::max(photo_width, 1), std::max(photo_height, 1)};
  const double s = static_cast<double>(max_side) / long_side;
  return {std::max(1, static_cast<int>(std::lround(photo_width * s))),
          std::max(1, static_cast<int>(std::lround(photo_height * s)))};
}

std::string validate(const Plan& plan) {
  const PlanParams& p = plan.params;
  if (plan.photo.width < 0 || plan.photo.height < 0) return "photo size is negative";
  if (!std::isfinite(plan.calibration.px_per_mm) || plan.calibration.px_per_mm < 0.5 ||
      plan.calibration.px_per_mm > 500)
    return out_of_range("calibration px_per_mm", plan.calibration.px_per_mm, 0.5, 500, "px/mm");
  if (auto e = check_params(p); !e.empty()) return e;
  if (auto e = validate_appearance(p); !e.empty()) return e;
  const HeadFrame& h = plan.head;
  if (!finite_point(h.midline_origin) || !finite_point(h.front_dir)) return "head frame has a non-finite value";
  const double len = std::hypot(h.front_dir.x, h.front_dir.y);
  if (std::abs(len - 1.0) > 1e-3) return "head frame front direction must be a unit vector";
  if (plan.hairline.control_points.size() > 64) return "hairline has more than 64 control points";
  for (const auto& c : plan.hairline.control_points)
    if (!finite_point(c)) return "hairline has a non-finite control point";
  for (auto [name, m] : {std::pair{"treatment", &plan.masks.treatment}, std::pair{"scar", &plan.masks.scar},
                         std::pair{"exclusion", &plan.masks.exclusion}, std::pair{"hair", &plan.masks.hair},
                         std::pair{"occlusion", &plan.masks.occlusion}, std::pair{"bald", &plan.masks.bald}}) {
    if (auto e = check_mask(name, *m); !e.empty()) return e;
  }
  return {};
}

}  // namespace smp::sim
