// The status bar: regeneration state, export progress, scale, zoom, messages.

#include "automation.hpp"
#include "panels.hpp"

#include <imgui.h>

namespace smp::studio {

void status_bar(AppState& app, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {10, 4});
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  if (app.regen.busy()) {
    ImGui::TextColored({1.0f, 0.8f, 0.4f, 1.0f}, "Updating dots...");
  } else if (app.regen_state.simulation) {
    const RegenState& rs = app.regen_state;
    ImGui::TextDisabled("%zu impressions  |  dots %.0f ms after the edit (%s %.0f ms)", rs.simulation->impressions.size(),
                        rs.last_edit_to_dots_ms, rs.last_placed ? "placed" : "placement reused", rs.last_simulate_ms);
  }
  ImGui::SameLine(size.x * 0.36f);
  if (app.task.running()) {
    ImGui::ProgressBar(app.task.progress(), {size.x * 0.22f, 0}, app.task.stage().c_str());
    ImGui::SameLine();
  } else {
    message_line(app, size.x * 0.35f);
  }
  ImGui::SameLine(size.x * 0.72f);
  ImGui::TextDisabled("%.0f%%  |  %.1f px/mm%s  |  %.1f ms/frame", app.view.view.zoom * app.view.pixel_ratio * 100.0,
                      app.doc.plan.calibration.px_per_mm, app.doc.plan.calibration.measured ? "" : " (est.)",
                      app.stats.last_ms);
  note_widget(app, "status_readout");
  ImGui::End();
}

}  // namespace smp::studio
