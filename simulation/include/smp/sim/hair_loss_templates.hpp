#pragma once
// Hair-loss templates: Norwood I-VII (men) and Ludwig I-III (women) as presets that set the
// treatment area and a matching default hairline in the plan's head frame. Pure functions of the head frame, calibration and photo size.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smp::sim {

enum class HairLossScale { Norwood, Ludwig };

struct HairLossTemplate {
  HairLossScale scale = HairLossScale::Norwood;
  int stage = 3;  // Norwood 1-7, Ludwig 1-3
  bool operator==(const HairLossTemplate&) const = default;
};

// Every template in picker order: Norwood I..VII, then Ludwig I..III.
std::vector<HairLossTemplate> all_hair_loss_templates();
// "Norwood III", "Ludwig II".
std::string template_name(const HairLossTemplate& t);
// One line for a technician: what the stage looks like and what the preset treats.
std::string template_description(const HairLossTemplate& t);
// Accepts "Norwood III", "norwood-3", "N3", "ludwig 2", "L2"; nullopt when not recognised.
std::optional<HairLossTemplate> parse_template_name(std::string_view text);

struct TemplateParams {
  // Top view: mid-frontal point as a fraction of the head's front semi-axis from the centre
  // (the same default as the automatic plan).
  double top_mid_frontal = 0.70;
  // Front view without an anchor: mid-frontal point this many half head widths below the
  // top of the head outline (the automatic plan's fallback).
  double front_mid_frontal = 0.70;
  // Norwood V-VII suit a mature hairline: the mid-frontal point sits this much further back
  // (8 cm -> 9 cm above the glabella).
  double mature_shift_mm = 10.0;
  // Ludwig keeps the frontal hairline: treatment starts this far behind it.
  double ludwig_margin_mm = 15.0;
  // Treatment is clipped to the head outline scaled by this factor.
  double outline_grow = 1.0;
};

struct TemplateGeometry {
  Hairline hairline;     // symmetric half, photo pixels
  cv::Mat1b treatment;   // at the requested mask size
};

// Geometry of a template for a head frame. `anchor` is the mid-frontal point of the
// hairline before any mature shift (photo pixels; default from the head outline). Heads
// without an outline use an ellipse filling most of the photo. With the bare scalp of a top
// view (`bald`, Masks::bald, any size), the treatment also takes the pieces of it behind the
// template's hairline that reach its shapes: the template gives the hairline and the zones of
// loss, the photo how far the bald area runs (fixed shapes left bare strips beside the real
// fringe).
TemplateGeometry template_geometry(const HairLossTemplate& t, const HeadFrame& head, double px_per_mm,
                                   cv::Size photo, cv::Size mask_size, std::optional<cv::Point2d> anchor = {},
                                   const TemplateParams& params = {}, const cv::Mat1b& bald = {});

// Sets the plan's hairline and treatment mask from a template (scar and exclusion masks
// are kept; the treatment follows the plan's bald mask, see template_geometry) and records
// the template's name in the plan. The anchor defaults to the head outline, so applying templates one after the
// other never drifts.
void apply_template(Plan& plan, const HairLossTemplate& t, std::optional<cv::Point2d> anchor = {},
                    const TemplateParams& params = {});

// For a plan with template `t` applied: the widest bare scalp (Masks::bald) left untreated
// behind where the template starts (its hairline; for Ludwig, the kept frontal band behind
// it), mm: twice the largest distance inside it. 0 without a bald area.
double widest_untreated_bald_mm(const Plan& plan, const HairLossTemplate& t, const TemplateParams& params = {});

}  // namespace smp::sim
