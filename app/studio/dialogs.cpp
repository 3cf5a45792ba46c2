// Modal prompts: unsaved changes, errors, export results.

#include "actions.hpp"
#include "panels.hpp"
#include "recovery_ui.hpp"

#include <imgui.h>

namespace smp::studio {

namespace {

void unsaved_prompt(AppState& app) {
  Dialogs& d = app.dialogs;
  if (d.ask_unsaved) {
    ImGui::OpenPopup("Unsaved changes");
    d.ask_unsaved = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const std::string name = app.project.session ? project_title(*app.project.session, app.doc) : app.doc.title();
  ImGui::Text("Save the changes to %s before continuing?", name.c_str());
  ImGui::Spacing();
  const float w = 120 * ImGui::GetFontSize() / 15.0f;
  if (ImGui::Button("Save", {w, 0})) {
    ImGui::CloseCurrentPopup();
    if (save(app)) {
      perform(app, d.pending, d.pending_path);
      d.pending = PendingAction::None;
    } else if (app.browser.open_request && (app.browser.purpose == FileBrowserState::Purpose::SavePlan ||
                                            app.browser.purpose == FileBrowserState::Purpose::SaveProject)) {
      d.resume_after_save = true;  // untitled: the file browser runs `pending` after a successful Save As
    } else {
      d.pending = PendingAction::None;  // the save failed (its error is shown): stay here
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Don't save", {w, 0})) {
    ImGui::CloseCurrentPopup();
    perform(app, d.pending, d.pending_path);
    d.pending = PendingAction::None;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel", {w, 0}) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
    d.pending = PendingAction::None;
  }
  ImGui::EndPopup();
}

void error_box(AppState& app) {
  if (!app.dialogs.error.empty() && !ImGui::IsPopupOpen("Problem")) ImGui::OpenPopup("Problem");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal("Problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  ImGui::TextUnformatted(app.dialogs.error.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button("OK", {120, 0}) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
    app.dialogs.error.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void dialogs(AppState& app) {
  message_history_window(app);
  unsaved_prompt(app);
  recovery_prompt(app);
  error_box(app);
}

}  // namespace smp::studio
