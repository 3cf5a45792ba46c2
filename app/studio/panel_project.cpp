// The estimate panel with a project open: the combined estimate (sim::combine_estimates,
// each region of the scalp counted by one view), each view's share, and which view counts
// which region as editable checkboxes, with the counting rule's warnings.

#include "actions.hpp"
#include "panels.hpp"
#include "project_ui.hpp"

#include <imgui.h>

namespace smp::studio {

namespace {

const Document& doc_of(const AppState& app, std::size_t i) {
  const ProjectSession& s = *app.project.session;
  return i == s.active ? app.doc : s.views[i].doc;
}

void warning_line(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 200, 110, 255));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void counts_changed(ProjectSession& s) {
  s.dirty = true;
  ++s.structure_revision;
}

// One row per view: its name, the regions it counts (editable) and its counted share.
void views_table(AppState& app) {
  ProjectSession& s = *app.project.session;
  const auto& estimate = app.project.estimate;
  if (!ImGui::BeginTable("project_views", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("View", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Scalp");
  ImGui::TableSetupColumn("Hairline");
  ImGui::TableSetupColumn("Counted");
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < s.views.size(); ++i) {
    ViewSlot& v = s.views[i];
    ImGui::PushID(static_cast<int>(v.id));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted((v.name + (i == s.active ? "  (shown)" : "")).c_str());
    ImGui::TableSetColumnIndex(1);
    if (ImGui::Checkbox("##scalp", &v.counts.scalp)) counts_changed(s);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This view counts the scalp behind the hairline band");
    ImGui::TableSetColumnIndex(2);
    if (ImGui::Checkbox("##band", &v.counts.hairline_band)) counts_changed(s);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This view counts the hairline band (its first 20 mm)");
    ImGui::TableSetColumnIndex(3);
    if (estimate && i < estimate->views.size())
      ImGui::Text("%.0f cm², %s", estimate->views[i].area_cm2, money(static_cast<double>(estimate->views[i].impressions)).c_str());
    else if (i != s.active && !v.simulation_error.empty())
      ImGui::TextDisabled("cannot be simulated");
    else
      ImGui::TextDisabled("...");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void project_estimate_table(AppState& app) {
  ProjectSession& s = *app.project.session;
  ImGui::TextDisabled("Combined estimate of %zu views", s.views.size());
  views_table(app);
  for (const std::string& w : sim::region_warnings(to_project(s, app.doc))) warning_line(w + ".");
  for (std::size_t i = 0; i < s.views.size(); ++i)
    if (!price_allowed(doc_of(app, i))) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
      ImGui::TextWrapped("No estimate: view \"%s\": %s, so its plan is a guess. Paint its treatment area (Masks).",
                         s.views[i].name.c_str(), doc_of(app, i).guess_reason.c_str());
      ImGui::PopStyleColor();
      return;
    }
  if (!app.project.estimate) {
    ImGui::TextDisabled("Calculating...");
    return;
  }
  estimate_table(app.project.estimate->combined);
}

}  // namespace smp::studio
