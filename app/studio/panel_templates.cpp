// The consultation section: hair-loss template picker (small diagrams), the rules-based
// hairline for frontal photos, then exports (dialog_export.cpp).

#include "app_state.hpp"
#include "panels.hpp"

#include "smp/render/template_diagram.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/hair_loss_templates.hpp"

#include <imgui.h>

#include <cstdint>

namespace smp::studio {

namespace {

void build_diagrams(ConsultationUi& ui, sim::ViewKind view) {
  if (ui.diagrams_view == static_cast<int>(view) && !ui.diagrams.empty()) return;
  ui.diagrams.clear();
  render::DiagramParams p;
  p.width = 96;
  p.height = 112;
  p.label = false;  // the name goes in the tooltip; the button stays small
  for (const auto& t : sim::all_hair_loss_templates()) {
    ui.diagrams.emplace_back();
    render::gl::TextureOptions options;
    options.mipmaps = false;
    ui.diagrams.back().upload(render::template_diagram(t, view, p), options);
  }
  ui.diagrams_view = static_cast<int>(view);
}

void template_picker(AppState& app) {
  ConsultationUi& ui = app.consultation;
  build_diagrams(ui, app.doc.plan.head.view);
  const auto templates = sim::all_hair_loss_templates();
  const float size = 44.0f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float cell = size + 2 * style.FramePadding.x + style.ItemSpacing.x;
  const int per_row = std::max(1, static_cast<int>((avail + style.ItemSpacing.x) / cell));
  for (std::size_t i = 0; i < templates.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (i % static_cast<std::size_t>(per_row) != 0) ImGui::SameLine();
    const auto tex = static_cast<std::intptr_t>(ui.diagrams[i].tile_texture(0));
    if (ImGui::ImageButton(reinterpret_cast<ImTextureID>(tex), ImVec2(size, size * 112 / 96))) {
      sim::apply_template(app.doc.plan, templates[i]);  // also records the name in the plan (saved, in the report)
      mark_plan_changed(app, true);
      toast(app, app.doc.plan.template_name + " applied: treatment area and hairline replaced (Ctrl+Z undoes it)", 8.0);
    }
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
  ImGui::Separator();
  export_block(app);
  clinic_settings_window(app);
}

}  // namespace smp::studio
