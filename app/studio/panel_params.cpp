// The plan's parameters: one widget per row of sim::plan_param_table(), with the row's
// range, step, unit and help. Edits go through mark_plan_changed, so every change is
// undoable and regenerates the dots in the background.

#include "actions.hpp"
#include "panels.hpp"

#include "smp/sim/param_table.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace smp::studio {

namespace {

// The widget's format: decimals from the step, the unit as the viewer shows it.
std::string format_for(const sim::ParamSpec& spec) {
  const int decimals = spec.step >= 1 ? 0 : spec.step >= 0.1 ? 1 : 2;
  std::string unit(spec.unit);
  if (spec.shown == sim::Shown::Percent) unit = "%";
  if (spec.shown == sim::Shown::Strength) unit = "% strength";
  std::string escaped;
  for (const char c : unit) escaped += c == '%' ? std::string("%%") : std::string(1, c);
  return "%." + std::to_string(decimals) + "f" + (escaped.empty() ? "" : " " + escaped);
}

}  // namespace

bool param_widget(const sim::ParamSpec& spec, sim::PlanParams& p, const char* label_override) {
  const std::string label = label_override ? std::string(label_override) : std::string(spec.label);
  const double value = spec.get(p);
  bool changed = false;
  if (spec.integer && spec.step != 1) {  // a few allowed values: a list, so every value shows as itself
    const std::string current = std::to_string(static_cast<int>(value)) + " " + std::string(spec.unit);
    if (ImGui::BeginCombo(label.c_str(), current.c_str())) {
      for (double v = spec.min; v <= spec.max + 1e-9; v += spec.step) {
        const std::string item = std::to_string(static_cast<int>(v)) + " " + std::string(spec.unit);
        if (ImGui::Selectable(item.c_str(), v == value) && v != value) {
          spec.set(p, v);
          changed = true;
        }
      }
      ImGui::EndCombo();
    }
  } else if (spec.integer) {
    int v = static_cast<int>(value);
    const std::string format = "%d " + std::string(spec.unit);
    if (ImGui::SliderInt(label.c_str(), &v, static_cast<int>(spec.min), static_cast<int>(spec.max), format.c_str(),
                         ImGuiSliderFlags_AlwaysClamp)) {
      spec.set(p, v);
      changed = true;
    }
  } else {
    // Shown values: a fraction as percent, a dilution as strength (100 - dilution).
    const double scale = spec.shown == sim::Shown::Percent ? 100.0 : 1.0;
    const bool invert = spec.shown == sim::Shown::Strength;
    const auto shown = [&](double stored) { return invert ? 100.0 - stored : stored * scale; };
    float v = static_cast<float>(shown(value));
    float lo = static_cast<float>(shown(spec.min)), hi = static_cast<float>(shown(spec.max));
    if (lo > hi) std::swap(lo, hi);
    if (ImGui::SliderFloat(label.c_str(), &v, lo, hi, format_for(spec).c_str(), ImGuiSliderFlags_AlwaysClamp)) {
      const double stored = invert ? 100.0 - v : v / scale;
      spec.set(p, std::clamp(stored, spec.min, spec.max));
      changed = true;
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(spec.help.size()), spec.help.data());
  return changed;
}

void parameters_section(AppState& app) {
  sim::PlanParams& p = app.doc.plan.params;
  bool changed = false;
  ImGui::PushItemWidth(-ImGui::CalcTextSize("Foreshortening limit").x - 12);
  for (const sim::ParamSpec& spec : sim::plan_param_table())
    if (!spec.advanced) changed |= param_widget(spec, p);
  int seed = static_cast<int>(p.seed % 1000000);
  if (ImGui::InputInt("Seed", &seed, 1, 10)) {
    p.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    changed = true;
  }
  if (ImGui::TreeNode("More parameters")) {
    for (const sim::ParamSpec& spec : sim::plan_param_table())
      if (spec.advanced && !spec.key.starts_with("lifestyle.")) changed |= param_widget(spec, p);  // lifestyle: Result over time
    ImGui::TreePop();
  }
  ImGui::PopItemWidth();
  if (ImGui::Button("Reshuffle dots", {-FLT_MIN, 0})) {
    p.seed = (p.seed * 6364136223846793005ull + 1442695040888963407ull) % 1000000;
    changed = true;
  }
  if (changed) mark_plan_changed(app);
}

}  // namespace smp::studio
