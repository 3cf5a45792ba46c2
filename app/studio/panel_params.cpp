// The plan's parameters, each with its unit. Edits go through mark_plan_changed, so every
// change is undoable and regenerates the dots in the background.

#include "actions.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <algorithm>

namespace smp::studio {

namespace {

// A double edited through a float slider; returns true when it changed.
bool slider(const char* label, double& value, float lo, float hi, const char* format,
            ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp) {
  float v = static_cast<float>(value);
  if (!ImGui::SliderFloat(label, &v, lo, hi, format, flags)) return false;
  value = v;
  return true;
}

}  // namespace

void parameters_section(AppState& app) {
  sim::PlanParams& p = app.doc.plan.params;
  bool changed = false;
  ImGui::PushItemWidth(-ImGui::CalcTextSize("Transition width").x - 12);
  changed |= slider("Density", p.density_per_cm2, 10.0f, 120.0f, "%.0f imp./cm²");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Impressions per square centimetre at full density (natural: 65-110)");
  const char* groupings[] = {"1 point (1RL)", "3 points (3RL)", "5 points (5RL)", "7 points (7RL)"};
  int g = std::clamp((p.needle.points - 1) / 2, 0, 3);
  if (ImGui::Combo("Needle", &g, groupings, 4)) {
    p.needle.points = 2 * g + 1;
    changed = true;
  }
  changed |= slider("Diameter", p.needle.diameter_mm, 0.18f, 0.35f, "%.2f mm");
  double shade = 100.0 - p.pigment.dilution_pct;
  if (slider("Shade", shade, 10.0f, 100.0f, "%.0f %% strength")) {
    p.pigment.dilution_pct = 100.0 - shade;
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pigment strength: 100%% = undiluted carbon black");
  changed |= slider("Transition width", p.transition_mm, 3.0f, 25.0f, "%.1f mm");
  double irregular = p.irregularity * 100.0;
  if (slider("Irregularity", irregular, 0.0f, 100.0f, "%.0f %%")) {
    p.irregularity = irregular / 100.0;
    changed = true;
  }
  double scar = p.scar_density_factor * 100.0;
  if (slider("Scar density", scar, 50.0f, 200.0f, "%.0f %% of normal")) {
    p.scar_density_factor = scar / 100.0;
    changed = true;
  }
  changed |= ImGui::SliderInt("Sessions", &p.sessions, 1, 6, "%d sessions", ImGuiSliderFlags_AlwaysClamp);
  app.view.up_to_session = std::clamp(app.view.up_to_session, 0, p.sessions);
  ImGui::SliderInt("Show up to", &app.view.up_to_session, 0, p.sessions,
                   app.view.up_to_session == 0 ? "all sessions" : "session %d");
  int seed = static_cast<int>(p.seed % 1000000);
  if (ImGui::InputInt("Seed", &seed, 1, 10)) {
    p.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    changed = true;
  }
  ImGui::PopItemWidth();
  if (ImGui::Button("Reshuffle dots", {-FLT_MIN, 0})) {
    p.seed = (p.seed * 6364136223846793005ull + 1442695040888963407ull) % 1000000;
    changed = true;
  }
  if (changed) mark_plan_changed(app);
}

}  // namespace smp::studio
