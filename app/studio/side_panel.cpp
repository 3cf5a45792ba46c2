// The right-hand panel: tools, hairline, masks, parameters, estimate, view.

#include "panels.hpp"
#include "consultation_ui.hpp"

#include <imgui.h>

namespace smp::studio {

void view_section(AppState& app) {
  ViewState& vs = app.view;
  if (ImGui::Button("Fit (F)")) vs.fit_pending = true;
  ImGui::SameLine();
  if (ImGui::Button("100% (1)")) vs.actual_pending = true;
  ImGui::SameLine();
  ImGui::TextDisabled("%.0f%%", vs.view.zoom * vs.pixel_ratio * 100.0);
  int mode = static_cast<int>(vs.compare);
  const char* modes[] = {"Simulation", "Split", "Side by side"};
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::Combo("##compare", &mode, modes, 3)) {
    vs.compare = static_cast<CompareMode>(mode);
    vs.fit_pending = true;
  }
  ImGui::TextDisabled("Hold B to see the photo without dots.");
}

void side_panel(AppState& app, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("##side", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (!app.has_document) {
    ImGui::TextWrapped("No photo open.");
    ImGui::End();
    return;
  }
  const ImGuiTreeNodeFlags open = ImGuiTreeNodeFlags_DefaultOpen;
  if (ImGui::CollapsingHeader("Tools", open)) tools_section(app);
  if (app.tool == Tool::Mask) {
    if (ImGui::CollapsingHeader("Masks", open)) masks_section(app);
  } else if (ImGui::CollapsingHeader("Hairline", open)) {
    hairline_section(app);
  }
  if (ImGui::CollapsingHeader("Result over time", open)) over_time_section(app);
  if (ImGui::CollapsingHeader("Parameters", open)) parameters_section(app);
  if (ImGui::CollapsingHeader("Remaining hair", open)) remaining_hair_section(app);
  if (ImGui::CollapsingHeader("Estimate", open)) estimate_section(app);
  if (ImGui::CollapsingHeader("Consultation", open)) consultation_section(app);
  if (ImGui::CollapsingHeader("View", open)) view_section(app);
  ImGui::End();
}

}  // namespace smp::studio
