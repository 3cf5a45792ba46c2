// The consultation section: hair-loss template picker (the bundled diagrams, assets/ui), the rules-based
// hairline for frontal photos, then exports (dialog_export.cpp).

#include "app_state.hpp"
#include "automation.hpp"
#include "panels.hpp"

#include "smp/sim/face_rules.hpp"
#include "smp/sim/hair_loss_templates.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace smp::studio {

namespace {

void template_picker(AppState& app) {
  const std::vector<UiTexture>& diagrams = template_diagrams(app, app.doc.plan.head.view);
  const auto templates = sim::all_hair_loss_templates();
  const float size = 44.0f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float cell = size + 2 * style.FramePadding.x + style.ItemSpacing.x;
  const int per_row = std::max(1, static_cast<int>((avail + style.ItemSpacing.x) / cell));
  for (std::size_t i = 0; i < templates.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
    const ImVec2 box(size, size * 112 / 96);
    const bool missing = i >= diagrams.size() || diagrams[i].empty();  // reported once when loading
    // Without its diagram: "N III", "L II" (the tooltip has the whole name).
    const std::string name = sim::template_name(templates[i]);
    const std::string label = name.substr(0, 1) + name.substr(name.find(' '));
    const bool clicked = missing ? ImGui::Button(label.c_str(),
                                                 {box.x + 2 * style.FramePadding.x, box.y + 2 * style.FramePadding.y})
                                 : ImGui::ImageButton(diagrams[i].imgui_id(), box);
    if (clicked) {
      sim::apply_template(app.doc.plan, templates[i]);  // also records the name in the plan (saved, in the report)
      mark_plan_changed(app, true);
      toast(app, app.doc.plan.template_name + " applied: treatment area and hairline replaced (Ctrl+Z undoes it)", 8.0);
    }
    note_widget(app, "template:" + sim::template_name(templates[i]));
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\n%s", sim::template_name(templates[i]).c_str(), sim::template_description(templates[i]).c_str());
    ImGui::PopID();
  }
}

}  // namespace

void consultation_section(AppState& app) {
  ImGui::TextDisabled("Hair-loss pattern (sets area and hairline)");
  template_picker(app);
  if (ImGui::Button("Suggest hairline (face rules)")) {
    const sim::FaceLandmarks face = sim::detect_face_landmarks(app.doc.photo);
    const sim::RulesOutcome outcome = sim::apply_hairline_rules(app.doc.plan, face);
    if (outcome.applied) mark_plan_changed(app, true);
    toast(app, outcome.message, 8.0);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Frontal photos: mid-frontal point 8 cm above the glabella, fronto-temporal\n"
                      "points on the lateral epicanthal lines; scale from the eyes when not measured.");
  ImGui::SameLine();
  if (ImGui::Button("Clinic...")) app.consultation.show_clinic = true;
  note_widget(app, "clinic_button");
  ImGui::Separator();
  export_block(app);
  clinic_settings_window(app);
}

}  // namespace smp::studio
