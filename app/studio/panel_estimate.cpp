// The live estimate: area, impressions, sessions, hours, cost. Updates with every regeneration.

#include "actions.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <cmath>
#include <string>

namespace smp::studio {

std::string money(double v) {
  std::string s = std::to_string(static_cast<long>(std::lround(v)));
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

namespace {

void row(const char* name, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", name);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(value.c_str());
}

}  // namespace

void estimate_table(const sim::Estimate& e) {
  char buf[128];
  if (ImGui::BeginTable("estimate", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Needle time").x + 12);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    std::snprintf(buf, sizeof buf, "%.0f cm²  (%.1f sq in)", e.area_cm2, e.area_sq_in);
    row("Area", buf);
    row("Impressions", money(static_cast<double>(e.impressions)));
    std::string per;
    for (std::size_t i = 0; i < e.impressions_per_session.size(); ++i)
      per += (i ? " + " : "") + money(static_cast<double>(e.impressions_per_session[i]));
    std::snprintf(buf, sizeof buf, "%d", e.sessions);
    row("Sessions", buf);
    row("Per session", per);
    std::snprintf(buf, sizeof buf, "%.0f - %.0f h", std::floor(e.hours_min), std::ceil(e.hours_max));
    row("Needle time", buf);
    row("Cost", e.currency + " " + money(e.cost_min) + " - " + money(e.cost_max));
    ImGui::EndTable();
  }
}

void estimate_section(AppState& app) {
  const auto& sim = app.regen_state.simulation;
  if (!app.regen_state.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 140, 120, 255));
    ImGui::TextWrapped("%s", app.regen_state.error.c_str());
    ImGui::PopStyleColor();
  }
  if (app.project.session) {
    project_estimate_table(app);  // the combined estimate of every view, each region counted once
  } else if (!price_allowed(app.doc)) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
    ImGui::TextWrapped("No estimate: %s, so the plan shown is a guess. Paint the treatment area (Masks) or open "
                       "a saved plan to get a price.", app.doc.guess_reason.c_str());
    ImGui::PopStyleColor();
    return;
  } else if (!sim) {
    ImGui::TextDisabled("Calculating...");
    return;
  } else {
    estimate_table(sim->estimate);
  }
  if (sim::needs_front_check(app.doc.plan)) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 110, 255));
    ImGui::TextWrapped("%s: the photo does not show clearly which way the face is.", sim::kCheckFrontNote);
    ImGui::PopStyleColor();
    ImGui::BeginDisabled(app.task.running());
    if (ImGui::Button("Flip the front direction")) start_front_flip(app);
    ImGui::EndDisabled();
  }
  if (const std::string as_top = sim::planned_as_top_remark(app.doc.plan); !as_top.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 110, 255));
    ImGui::TextWrapped("%s", as_top.c_str());
    ImGui::PopStyleColor();
  }
  // The naturalness check, as on the exports: the client's stubble against the healed work.
  if (!app.regen_state.look.empty()) {
    ImGui::TextDisabled("Look at arm's length");
    ImGui::TextWrapped("%s", app.regen_state.look.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 110, 255));
    for (const std::string& w : app.regen_state.naturalness) ImGui::TextWrapped("May look fake: %s", w.c_str());
    ImGui::PopStyleColor();
  }
  const sim::Calibration& c = app.doc.plan.calibration;
  if (!c.measured) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 110, 255));
    ImGui::TextWrapped("Scale estimated from %s (%.1f px/mm): measure it for a firm quote.", c.source.c_str(),
                       c.px_per_mm);
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled("Scale measured: %.2f px/mm", c.px_per_mm);
  }
}

}  // namespace smp::studio
