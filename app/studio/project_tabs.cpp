// The project's tab bar above the canvas (one tab per view, "+" adds a view from a photo),
// and the project's part of the layout JSON.

#include "actions.hpp"
#include "project_ui.hpp"

#include <imgui.h>

namespace smp::studio {

float project_tabs(AppState& app, float x, float y, float width) {
  ProjectUi& ui = app.project;
  ui.tab_rects.clear();
  ui.add_rect = {};
  if (!ui.session) return 0;
  ProjectSession& s = *ui.session;
  ImGui::SetNextWindowPos({x, y});
  ImGui::SetNextWindowSize({width, 0});
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {6, 4});
  ImGui::Begin("##views", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_AlwaysAutoResize);
  std::optional<std::size_t> clicked;
  bool add = false;
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll)) {
    bool shown_active = false;
    for (std::size_t i = 0; i < s.views.size(); ++i) {
      const ViewSlot& v = s.views[i];
      const bool dirty = i == s.active ? app.doc.dirty : v.doc.dirty;
      const std::string label = v.name + (dirty ? " *" : "") + "###view" + std::to_string(v.id);
      // A switch made elsewhere (open, add): the bar is told until it shows it (it takes a frame).
      const ImGuiTabItemFlags flags = ui.select_pending && i == s.active ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      ui.tab_rects.push_back({a.x, a.y, b.x - a.x, b.y - a.y});
      if (ImGui::IsItemHovered()) {
        const Document& d = i == s.active ? app.doc : v.doc;
        ImGui::SetTooltip("%s", d.photo_path.filename().string().c_str());
      }
      if (open) {
        if (i == s.active) shown_active = true;
        else if (!ui.select_pending) clicked = i;
        ImGui::EndTabItem();
      }
    }
    if (shown_active) ui.select_pending = false;
    if (ImGui::TabItemButton("+", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip)) add = true;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ui.add_rect = {a.x, a.y, b.x - a.x, b.y - a.y};
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a view of this client from a photo");
    ImGui::EndTabBar();
  }
  const float height = ImGui::GetWindowHeight();
  ImGui::End();
  ImGui::PopStyleVar();
  if (clicked) switch_view(app, *clicked);
  if (add) begin_add_view(app);
  return height;
}

nlohmann::json project_layout(const AppState& app) {
  const ProjectUi& ui = app.project;
  if (!ui.session) return nullptr;
  const ProjectSession& s = *ui.session;
  nlohmann::json views = nlohmann::json::array();
  for (std::size_t i = 0; i < s.views.size(); ++i) {
    const ViewSlot& v = s.views[i];
    const Document& d = i == s.active ? app.doc : v.doc;
    views.push_back({{"name", v.name},
                     {"photo", d.photo_path.string()},
                     {"counts", {{"scalp", v.counts.scalp}, {"hairline_band", v.counts.hairline_band}}},
                     {"density", d.plan.params.density_per_cm2},
                     {"hairline_points", d.plan.hairline.control_points.size()},
                     {"undo_steps", i == s.active ? app.undo.undo_size() : v.undo.undo_size()}});
  }
  nlohmann::json j = {{"path", s.path ? s.path->string() : std::string()},
                      {"active", s.active},
                      {"views", views},
                      {"tabs", ui.tab_rects},
                      {"add_tab", ui.add_rect},
                      {"dirty", project_dirty(s, app.doc)}};
  if (ui.estimate) {
    nlohmann::json shares = nlohmann::json::array();
    for (const sim::ViewShare& v : ui.estimate->views)
      shares.push_back({{"name", v.name}, {"area_cm2", v.area_cm2}, {"impressions", v.impressions}});
    j["estimate"] = {{"area_cm2", ui.estimate->combined.area_cm2},
                     {"impressions", ui.estimate->combined.impressions},
                     {"cost_min", ui.estimate->combined.cost_min},
                     {"cost_max", ui.estimate->combined.cost_max},
                     {"currency", ui.estimate->combined.currency},
                     {"views", shares}};
  }
  return j;
}

}  // namespace smp::studio
