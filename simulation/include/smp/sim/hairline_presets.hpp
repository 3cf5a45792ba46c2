#pragma once
// Hairline presets: typical hairline shapes from hair-restoration practice, placed in the
// plan's head frame. Shapes are defined in millimetres along the head frame (lateral, and
// toward the face), so they scale with the calibration and follow the head's orientation.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <array>
#include <string_view>

namespace smp::sim {

enum class HairlinePreset { Straight, NaturalSoft, WidowsPeak, MatureReceded, TemplePoints };

inline constexpr std::array<HairlinePreset, 5> kAllHairlinePresets = {
    HairlinePreset::Straight, HairlinePreset::NaturalSoft, HairlinePreset::WidowsPeak,
    HairlinePreset::MatureReceded, HairlinePreset::TemplePoints};

// Name shown to the technician ("Natural soft").
std::string_view preset_name(HairlinePreset preset);

// Where a preset is placed: the mid-frontal point on the midline and the head frame axes.
struct PresetAnchor {
  cv::Point2d mid_frontal;   // photo px: where the hairline crosses the midline
  cv::Point2d front_dir{0, -1};  // unit vector toward the face
  double px_per_mm = 10.0;
  double half_width_mm = 55.0;   // midline to the fronto-temporal corner (typical adult)
};

// The anchor for a plan: keeps the current mid-frontal point when the plan has a hairline;
// otherwise places it `default_offset_mm` in front of the head frame's origin (toward the
// face), or just inside the front of the head outline when the outline is known.
PresetAnchor preset_anchor(const Plan& plan, double default_offset_mm = 60.0);

// The preset as a symmetric hairline (the half from the midline outward).
Hairline make_hairline_preset(HairlinePreset preset, const PresetAnchor& anchor);

}  // namespace smp::sim
