#pragma once
// Every plan parameter a person sets, declared once: key, names, unit, range, default,
// step and help. Validation, the viewer's widgets, smp-render's --set and --list-params,
// the clinic settings and the README's parameter table all read this table, so a range
// cannot disagree with itself. Adding a parameter is one row in param_table.cpp.

#include "smp/sim/plan.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace smp::sim {

// How the viewer shows a stored value.
enum class Shown {
  AsStored,  // the value in `unit`
  Percent,   // a fraction shown as 0-100 %
  Strength,  // a dilution shown as 100 - value, "% strength" (100 % = undiluted)
};

struct ParamSpec {
  std::string_view key;    // path in the plan's "params" JSON: "density_per_cm2", "needle.points"
  std::string_view name;   // in messages: "density"
  std::string_view label;  // widget label: "Density"
  std::string_view unit;   // "impressions/cm²", "mm", "%"; empty for plain numbers
  double min, max;         // inclusive; validation, widgets and the CLI use exactly these
  double default_value;    // PlanParams{}'s value
  double step;             // widget step; integer parameters take values min, min + step, ...
  bool integer;
  Shown shown;
  bool advanced;           // the viewer keeps it under 'More parameters'
  std::string_view help;   // one sentence for tooltips, --list-params and the README
  double (*get)(const PlanParams&);
  void (*set)(PlanParams&, double);
};

// All rows, in the order the viewer shows them.
std::span<const ParamSpec> plan_param_table();
// The row with this key; nullptr when there is none.
const ParamSpec* find_param(std::string_view key);

// Empty when `value` fits the row (finite, in range, on the integer grid); else one line
// naming the parameter and its range ("density is 0 impressions/cm²; it must be between 1 and 150 ...").
std::string check_param(const ParamSpec& spec, double value);
// The first row of `params` that does not fit, as check_param says; empty when all fit.
std::string check_params(const PlanParams& params);

// "KEY=VALUE" applied to `params` after check_param; returns the problem, empty when applied.
std::string set_param(PlanParams& params, std::string_view assignment);

// The README's parameter table (Markdown), generated from the rows.
std::string param_table_markdown();

}  // namespace smp::sim
