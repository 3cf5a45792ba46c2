#include "smp/sim/hairline_presets.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim {

namespace {

// A control point in the head frame: `across` is the fraction of the half width from the
// midline, `back_mm` how far behind the mid-frontal point (positive = away from the face).
struct ShapePoint {
  double across;
  double back_mm;
};

// Half shapes, midline outward. Depths follow common designs: a soft, slightly rounded
// front, recession at the temples (the fronto-temporal angle is never filled in).
std::vector<ShapePoint> shape(HairlinePreset preset) {
  switch (preset) {
    case HairlinePreset::Straight:  // the flat line clients ask for; rounded only at the ends
      return {{0.0, 0.0}, {0.35, 0.0}, {0.7, 0.5}, {0.92, 3.0}, {1.0, 8.0}};
    case HairlinePreset::NaturalSoft:  // gentle arc with a soft temporal recession
      return {{0.0, 0.0}, {0.3, 1.5}, {0.6, 5.0}, {0.85, 12.0}, {1.0, 22.0}};
    case HairlinePreset::WidowsPeak:  // a forward point on the midline, recessed either side
      return {{0.0, -7.0}, {0.12, 0.0}, {0.35, 2.5}, {0.65, 6.0}, {0.88, 13.0}, {1.0, 22.0}};
    case HairlinePreset::MatureReceded:  // higher corners, deep fronto-temporal recession
      return {{0.0, 0.0}, {0.25, 2.5}, {0.5, 10.0}, {0.72, 24.0}, {0.9, 34.0}, {1.0, 38.0}};
    case HairlinePreset::TemplePoints:  // recession, then the temporal peak pointing forward
      return {{0.0, 0.0}, {0.3, 2.0}, {0.55, 9.0}, {0.72, 20.0}, {0.84, 14.0}, {1.0, 26.0}};
  }
  return {};
}

}  // namespace

std::string_view preset_name(HairlinePreset preset) {
  switch (preset) {
    case HairlinePreset::Straight: return "Straight";
    case HairlinePreset::NaturalSoft: return "Natural soft";
    case HairlinePreset::WidowsPeak: return "Widow's peak";
    case HairlinePreset::MatureReceded: return "Mature / receded";
    case HairlinePreset::TemplePoints: return "Temple points";
  }
  return "?";
}

PresetAnchor preset_anchor(const Plan& plan, double default_offset_mm) {
  PresetAnchor a;
  a.px_per_mm = plan.calibration.px_per_mm;
  const double len = std::hypot(plan.head.front_dir.x, plan.head.front_dir.y);
  a.front_dir = len > 0 ? plan.head.front_dir / len : cv::Point2d(0, -1);
  if (!plan.hairline.control_points.empty()) {
    const cv::Point2d p = plan.hairline.control_points.front();
    if (plan.hairline.symmetric) {
      // Project onto the midline so the preset is symmetric about it.
      const cv::Point2d lat(-a.front_dir.y, a.front_dir.x);
      a.mid_frontal = p - (p - plan.head.midline_origin).dot(lat) * lat;
    } else {
      a.mid_frontal = 0.5 * (p + plan.hairline.control_points.back());
    }
    return a;
  }
  double offset_px = default_offset_mm * a.px_per_mm;
  if (plan.head.has_outline()) {
    // Just inside the front of the outline (the radius of the ellipse along front_dir, approx.).
    const double r = 0.5 * std::min(plan.head.outline.size.width, plan.head.outline.size.height);
    offset_px = std::min(offset_px, 0.8 * r);
  }
  a.mid_frontal = plan.head.midline_origin + offset_px * a.front_dir;
  return a;
}

Hairline make_hairline_preset(HairlinePreset preset, const PresetAnchor& anchor) {
  const cv::Point2d front = anchor.front_dir;
  const cv::Point2d lat(-front.y, front.x);
  Hairline h;
  h.symmetric = true;
  for (const ShapePoint& s : shape(preset)) {
    const double across_px = s.across * anchor.half_width_mm * anchor.px_per_mm;
    const double back_px = s.back_mm * anchor.px_per_mm;
    h.control_points.push_back(anchor.mid_frontal + across_px * lat - back_px * front);
  }
  return h;
}

}  // namespace smp::sim
