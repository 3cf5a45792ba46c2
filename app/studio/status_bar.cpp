// The status bar: regeneration state, export progress, scale, zoom, messages. Three slots
// side by side; each text is cut with "..." to its slot, so a narrow window or a long
// message never makes them overlap or run past the window's edge.

#include "automation.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

namespace smp::studio {

namespace {

template <class... Args>
std::string format(const char* fmt, Args... args) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

void status_bar(AppState& app, ImVec2 pos, ImVec2 size) {
  const float pad = 10, gap = 12;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {pad, 4});
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  const float middle = size.x * 0.36f, right = size.x * 0.72f;
  if (app.buzz_preview.pending) {
    ImGui::TextColored({1.0f, 0.8f, 0.4f, 1.0f}, "%s", fitted("Clipping the remaining hair...", middle - pad - gap).c_str());
  } else if (app.regen.busy()) {
    ImGui::TextColored({1.0f, 0.8f, 0.4f, 1.0f}, "%s", fitted("Updating dots...", middle - pad - gap).c_str());
  } else if (app.regen_state.simulation) {
    const RegenState& rs = app.regen_state;
    const std::size_t n = rs.simulation->impressions.size();
    const std::string placed = rs.last_placed == 0   ? std::string("placement reused")
                               : rs.last_placed == n ? std::string("placed")
                                                     : format("%zu re-placed", rs.last_placed);
    const std::string text = format("%zu impressions  |  dots %.0f ms after the edit (%s %.0f ms)", n,
                                    rs.last_edit_to_dots_ms, placed.c_str(), rs.last_simulate_ms);
    ImGui::TextDisabled("%s", fitted(text, middle - pad - gap).c_str());
  }
  note_widget(app, "status_dots");
  ImGui::SameLine(middle);
  if (app.task.running()) {
    ImGui::ProgressBar(app.task.progress(), {size.x * 0.22f, 0}, app.task.stage().c_str());
    ImGui::SameLine();
  } else {
    message_line(app, right - middle - gap);
  }
  ImGui::SameLine(right);
  const std::string readout = format("%.0f%%  |  %.1f px/mm%s  |  %.1f ms/frame", app.view.view.zoom * app.view.pixel_ratio * 100.0,
                                     app.doc.plan.calibration.px_per_mm, app.doc.plan.calibration.measured ? "" : " (est.)",
                                     app.stats.last_ms);
  ImGui::TextDisabled("%s", fitted(readout, size.x - right - pad).c_str());
  note_widget(app, "status_readout");
  ImGui::End();
}

}  // namespace smp::studio
