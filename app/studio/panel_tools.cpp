// Tools, hairline and mask sections of the side panel.

#include "actions.hpp"
#include "automation.hpp"
#include "core/hairline_edit.hpp"
#include "panels.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hairline_presets.hpp"

#include <imgui.h>

#include <cctype>
#include <string>
#include <string_view>

namespace smp::studio {

namespace {

bool tool_button(const char* label, bool active, float width) {
  if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label, {width, 0});
  if (active) ImGui::PopStyleColor();
  return clicked;
}

// Which way the face is, always at hand: a confident detection can still be wrong (a bowed
// head, brows at the photo's edge). A side chosen here re-runs the automatic plan as a top
// view facing it, as one undo step; on a frontal plan it makes the photo a top view.
void face_toward_row(AppState& app) {
  const sim::Plan& plan = app.doc.plan;
  const bool top = plan.head.view == sim::ViewKind::Top;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Face toward");
  ImGui::BeginDisabled(app.task.running());
  for (const char* side : {"up", "down", "left", "right"}) {
    ImGui::SameLine();
    const bool current = top && std::string_view(sim::face_side_name(plan.head.front_dir)) == side;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    std::string label = side;
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    const bool clicked = ImGui::Button((label + "##face").c_str());
    note_widget(app, std::string("face-") + side);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(top ? "The face is toward this side of the photo: plan again with it"
                            : "Plan again as a top view with the face toward this side");
    if (current) ImGui::PopStyleColor();
    if (clicked && !current) start_facing(app, *sim::face_side(side));
  }
  ImGui::EndDisabled();
}

}  // namespace

void tools_section(AppState& app) {
  const float w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  if (tool_button("Hairline", app.tool == Tool::Hairline, w)) app.tool = Tool::Hairline;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Edit the hairline (H)");
  ImGui::SameLine();
  if (tool_button("Masks", app.tool == Tool::Mask, w)) app.tool = Tool::Mask;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Paint treatment, scar and exclusion areas (P)");
  ImGui::SameLine();
  if (tool_button("Measure", app.tool == Tool::Calibrate, w)) app.tool = Tool::Calibrate;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Calibrate: click two points, type their distance (C)");
  ImGui::SameLine();
  if (tool_button("Pan", app.tool == Tool::Pan, w)) app.tool = Tool::Pan;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag to pan (or hold Space, or drag with the right button)");
  if (app.tool == Tool::Calibrate) {
    ImGui::TextWrapped("Click two points a known distance apart (e.g. a ruler held to the scalp).");
  }
}

void hairline_section(AppState& app) {
  face_toward_row(app);
  sim::Plan& plan = app.doc.plan;
  bool symmetric = plan.hairline.symmetric;
  if (ImGui::Checkbox("Symmetric about the midline", &symmetric)) {
    set_symmetric(plan, symmetric);
    mark_plan_changed(app);
  }
  ImGui::TextDisabled("Drag points; double-click adds; right-click removes.");
  ImGui::TextUnformatted("Presets");
  const sim::PresetAnchor anchor = sim::preset_anchor(plan);
  int i = 0;
  for (sim::HairlinePreset p : sim::kAllHairlinePresets) {
    if (i++ % 2) ImGui::SameLine();
    const std::string name(sim::preset_name(p));
    if (ImGui::Button(name.c_str(), {ImGui::GetContentRegionAvail().x / (i % 2 ? 2.0f : 1.0f) - (i % 2 ? 4.0f : 0.0f), 0})) {
      plan.hairline = sim::make_hairline_preset(p, anchor);
      mark_plan_changed(app);
    }
  }
  if (plan.hairline.enabled() && ImGui::Button("Remove hairline")) {
    plan.hairline.control_points.clear();
    mark_plan_changed(app);
  }
}

void masks_section(AppState& app) {
  MaskBrush& b = app.brush;
  const char* layers[] = {"Treatment area", "Scar", "Exclusion"};
  int layer = static_cast<int>(b.layer);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::Combo("##layer", &layer, layers, 3)) b.layer = static_cast<MaskLayer>(layer);
  if (ImGui::RadioButton("Brush", !b.erase)) b.erase = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Eraser", b.erase)) b.erase = true;
  ImGui::SliderFloat("Size##brush", &b.size_mm, 2.0f, 120.0f, "%.0f mm", ImGuiSliderFlags_Logarithmic);
  float hard = b.hardness * 100.0f;
  if (ImGui::SliderFloat("Hardness", &hard, 0.0f, 100.0f, "%.0f %%")) b.hardness = hard / 100.0f;
  ImGui::Checkbox("Show overlays (M)", &app.overlays.masks);
  ImGui::BeginDisabled(app.task.running());
  if (ImGui::Button(app.task.running() ? "Busy..." : "Auto: detect the scalp", {-FLT_MIN, 0}))
    start_auto_detection(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Replaces the treatment area with the automatic scalp detection");
}

}  // namespace smp::studio
