#include "smp/sim/param_table.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace smp::sim {

namespace {

using P = PlanParams;

// One row per parameter.
constexpr std::array kRows = {
    ParamSpec{"density_per_cm2", "density", "Density", "impressions/cm²", 1, 150, 80, 1, false, Shown::AsStored, false, "Impressions per square centimetre at full density behind the transition zone (natural hair: 65-110).", [](const P& p) { return p.density_per_cm2; }, [](P& p, double v) { p.density_per_cm2 = v; }},
    ParamSpec{"needle.points", "needle grouping", "Needle", "points", 1, 9, 3, 2, true, Shown::AsStored, false, "Needles per impression: 1 for the hairline and fine work, 3 for fill, 5-9 in the crown.", [](const P& p) { return double(p.needle.points); }, [](P& p, double v) { p.needle.points = int(v); }},
    ParamSpec{"needle.diameter_mm", "needle diameter", "Diameter", "mm", 0.1, 0.6, 0.25, 0.01, false, Shown::AsStored, false, "Needle diameter (0.18-0.35 typical); a healed dot is about half of it.", [](const P& p) { return p.needle.diameter_mm; }, [](P& p, double v) { p.needle.diameter_mm = v; }},
    ParamSpec{"pigment.dilution_pct", "pigment dilution", "Shade", "%", 0, 95, 30, 1, false, Shown::Strength, false, "Water in the ink for session 1 (0 = undiluted carbon black); the viewer shows it as strength, 100 - dilution.", [](const P& p) { return p.pigment.dilution_pct; }, [](P& p, double v) { p.pigment.dilution_pct = v; }},
    ParamSpec{"transition_mm", "transition width", "Transition width", "mm", 0, 50, 10, 0.5, false, Shown::AsStored, false, "How far behind the hairline the density ramps up to full (5-15 typical).", [](const P& p) { return p.transition_mm; }, [](P& p, double v) { p.transition_mm = v; }},
    ParamSpec{"irregularity", "irregularity", "Irregularity", "fraction", 0, 1, 0.5, 0.01, false, Shown::Percent, false, "Waviness of the hairline and sparse dots in front of it; 0 is a clean, harsh line.", [](const P& p) { return p.irregularity; }, [](P& p, double v) { p.irregularity = v; }},
    ParamSpec{"scar_density_factor", "scar density factor", "Scar density", "×", 0.2, 2, 1.15, 0.01, false, Shown::Percent, false, "Density on scar tissue relative to the rest.", [](const P& p) { return p.scar_density_factor; }, [](P& p, double v) { p.scar_density_factor = v; }},
    ParamSpec{"sessions", "sessions", "Sessions", "sessions", 1, 6, 3, 1, true, Shown::AsStored, false, "Session 1 lays the widest spacing; later sessions fill the gaps and go a little darker.", [](const P& p) { return double(p.sessions); }, [](P& p, double v) { p.sessions = int(v); }},
    ParamSpec{"pigment.depth_mm", "pigment depth", "Depth", "mm", 0.2, 1.5, 0.5, 0.05, false, Shown::AsStored, true, "Depth below the skin surface; deeper reads softer and cooler, with a risk of blowout.", [](const P& p) { return p.pigment.depth_mm; }, [](P& p, double v) { p.pigment.depth_mm = v; }},
    ParamSpec{"pigment.scar_offset_pct", "scar shade offset", "Scar shade", "%", -50, 50, 10, 1, false, Shown::AsStored, true, "Dilution added on scar tissue: lighter dots on paler skin.", [](const P& p) { return p.pigment.scar_offset_pct; }, [](P& p, double v) { p.pigment.scar_offset_pct = v; }},
    ParamSpec{"hair_blend.blend_mm", "hair blend width", "Blend into hair", "mm", 0, 30, 8, 0.5, false, Shown::AsStored, true, "Width of the zone where density and shade cross over into remaining hair.", [](const P& p) { return p.hair_blend.blend_mm; }, [](P& p, double v) { p.hair_blend.blend_mm = v; }},
    ParamSpec{"hair_blend.density_fraction", "density in hair", "Density in hair", "fraction", 0, 1, 0.5, 0.01, false, Shown::Percent, true, "Density inside remaining (thinning) hair, relative to full.", [](const P& p) { return p.hair_blend.density_fraction; }, [](P& p, double v) { p.hair_blend.density_fraction = v; }},
    ParamSpec{"perspective.dome_ratio", "head dome ratio", "Head dome", "", 0.4, 1.5, 0.9, 0.05, false, Shown::AsStored, true, "Top views: dome height over the outline's radius, for the density's foreshortening.", [](const P& p) { return p.perspective.dome_ratio; }, [](P& p, double v) { p.perspective.dome_ratio = v; }},
    ParamSpec{"perspective.min_cos", "perspective limit", "Foreshortening limit", "", 0.1, 1, 0.3, 0.05, false, Shown::AsStored, true, "Cosine of the steepest surface tilt foreshortening is allowed.", [](const P& p) { return p.perspective.min_cos; }, [](P& p, double v) { p.perspective.min_cos = v; }},
    ParamSpec{"lifestyle.sun_exposure", "sun exposure", "Sun exposure", "fraction", 0, 1, 0.3, 0.05, false, Shown::Percent, true, "Time outdoors uncovered, for the years preview (an illustration, not a prediction).", [](const P& p) { return p.lifestyle.sun_exposure; }, [](P& p, double v) { p.lifestyle.sun_exposure = v; }},
};

// Enough digits that a value just past a limit does not read as the limit itself.
std::string number(double v) {
  std::ostringstream s;
  s << std::setprecision(10) << v;
  return s.str();
}

}  // namespace

std::span<const ParamSpec> plan_param_table() { return kRows; }

const ParamSpec* find_param(std::string_view key) {
  for (const ParamSpec& p : kRows)
    if (p.key == key) return &p;
  return nullptr;
}

std::string check_param(const ParamSpec& spec, double value) {
  const bool off_grid = spec.integer && std::isfinite(value) &&
                        std::abs(std::remainder(value - spec.min, spec.step)) > 1e-9;
  if (std::isfinite(value) && value >= spec.min && value <= spec.max && !off_grid) return {};
  std::string unit = spec.unit.empty() ? std::string() : " " + std::string(spec.unit);
  std::string msg = std::string(spec.name) + " is " + number(value) + unit + "; it must be between " + number(spec.min) +
                    " and " + number(spec.max) + unit;
  if (spec.integer && spec.step != 1) msg += " in steps of " + number(spec.step);
  return msg;
}

std::string check_params(const PlanParams& params) {
  for (const ParamSpec& p : kRows)
    if (std::string e = check_param(p, p.get(params)); !e.empty()) return e;
  return {};
}

std::string set_param(PlanParams& params, std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) return "\"" + std::string(assignment) + "\" is not KEY=VALUE (see --list-params)";
  const std::string_view key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  const ParamSpec* spec = find_param(key);
  if (!spec) return "unknown parameter \"" + std::string(key) + "\" (see --list-params)";
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    return std::string(key) + ": \"" + std::string(text) + "\" is not a number";
  if (std::string e = check_param(*spec, value); !e.empty()) return e;
  spec->set(params, value);
  return {};
}

std::string param_table_markdown() {
  std::string out = "| key | default | range | unit | meaning |\n|---|---|---|---|---|\n";
  for (const ParamSpec& p : kRows) {
    std::string range = number(p.min) + " - " + number(p.max);
    if (p.integer && p.step != 1) range += " (step " + number(p.step) + ")";
    out += "| `" + std::string(p.key) + "` | " + number(p.default_value) + " | " + range + " | " + std::string(p.unit) +
           " | " + std::string(p.help) + " |\n";
  }
  return out;
}

}  // namespace smp::sim
