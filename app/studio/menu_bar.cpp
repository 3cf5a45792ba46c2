// File / Edit / View menus.

#include "actions.hpp"
#include "panels.hpp"

#include <imgui.h>

namespace smp::studio {

namespace {

void file_menu(AppState& app) {
  if (!ImGui::BeginMenu("File")) return;
  if (ImGui::MenuItem("New plan from photo...", "Ctrl+N")) request(app, PendingAction::New);
  if (ImGui::MenuItem("Open...", "Ctrl+O")) request(app, PendingAction::Open);
  if (ImGui::BeginMenu("Open recent", !app.recent.paths.empty())) {
    for (const auto& p : app.recent.paths)
      if (ImGui::MenuItem(p.filename().string().c_str())) request(app, PendingAction::OpenPath, p);
    ImGui::EndMenu();
  }
  ImGui::Separator();
  const bool project = app.project.session.has_value();
  if (ImGui::MenuItem("New project from this view", nullptr, false, app.has_document && !project)) new_project_from_view(app);
  if (ImGui::MenuItem("Add view from photo...", nullptr, false, app.has_document)) begin_add_view(app);
  ImGui::Separator();
  if (ImGui::MenuItem("Save", "Ctrl+S", false, app.has_document)) save(app);
  if (project) {
    if (ImGui::MenuItem("Save project as...", "Ctrl+Shift+S")) begin_save_project_as(app);
  } else if (ImGui::MenuItem("Save as...", "Ctrl+Shift+S", false, app.has_document)) {
    app.browser.purpose = FileBrowserState::Purpose::SavePlan;
    app.browser.open_request = true;
    app.browser.name = app.doc.plan_path ? app.doc.plan_path->filename().string()
                                         : app.doc.photo_path.stem().string() + "-plan.json";
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Export before/after...", "Ctrl+E", false, app.has_document && !app.task.running())) begin_export(app);
  if (ImGui::MenuItem("Write report (PDF)", "Ctrl+R", false, app.has_document && !app.task.running())) start_report(app);
  ImGui::Separator();
  if (ImGui::MenuItem("Quit", "Ctrl+Q")) request(app, PendingAction::Quit);
  ImGui::EndMenu();
}

void edit_menu(AppState& app) {
  if (!ImGui::BeginMenu("Edit")) return;
  if (ImGui::MenuItem("Undo", "Ctrl+Z", false, app.undo.can_undo())) undo(app);
  if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, app.undo.can_redo())) redo(app);
  ImGui::EndMenu();
}

void view_menu(AppState& app) {
  if (!ImGui::BeginMenu("View")) return;
  if (ImGui::MenuItem("Fit to window", "F")) app.view.fit_pending = true;
  if (ImGui::MenuItem("Actual pixels (100%)", "1")) app.view.actual_pending = true;
  ImGui::Separator();
  if (ImGui::MenuItem("Simulation", nullptr, app.view.compare == CompareMode::After))
    app.view.compare = CompareMode::After;
  if (ImGui::MenuItem("Before/after split", "S", app.view.compare == CompareMode::Split))
    app.view.compare = CompareMode::Split;
  if (ImGui::MenuItem("Side by side", nullptr, app.view.compare == CompareMode::SideBySide)) {
    app.view.compare = CompareMode::SideBySide;
    app.view.fit_pending = true;
  }
  ImGui::Separator();
  ImGui::MenuItem("Hairline", nullptr, &app.overlays.hairline);
  ImGui::MenuItem("Transition band", nullptr, &app.overlays.band);
  ImGui::MenuItem("Midline", nullptr, &app.overlays.midline);
  ImGui::MenuItem("Mask overlays", "M", &app.overlays.masks);
  ImGui::MenuItem("Messages", nullptr, &app.dialogs.show_messages);
  ImGui::Separator();
  if (ImGui::MenuItem("Presentation mode", "F5")) {
    app.presentation = true;
    app.view.fit_pending = true;
  }
  ImGui::EndMenu();
}

}  // namespace

float menu_bar(AppState& app) {
  float height = 0;
  if (ImGui::BeginMainMenuBar()) {
    file_menu(app);
    edit_menu(app);
    view_menu(app);
    height = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
  }
  return height;
}

}  // namespace smp::studio
