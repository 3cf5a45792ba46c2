// Keyboard shortcuts (GLFW key codes: ImGui 1.86 indexes KeysDown by them).

#include "actions.hpp"
#include "panels.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace smp::studio {

namespace {

void shortcut(AppState& app, const KeyPress& k) {
  const bool ctrl = (k.mods & GLFW_MOD_CONTROL) != 0, shift = (k.mods & GLFW_MOD_SHIFT) != 0;
  // Auto-repeat only steps undo/redo; toggles and file commands fire once per press.
  auto pressed = [&](int key) { return k.key == key && (!k.repeat || key == GLFW_KEY_Z); };
  if (ctrl && pressed(GLFW_KEY_N)) request(app, PendingAction::New);
  if (ctrl && pressed(GLFW_KEY_O)) request(app, PendingAction::Open);
  if (ctrl && !shift && pressed(GLFW_KEY_S)) save(app);
  if (ctrl && shift && pressed(GLFW_KEY_S) && app.project.session) {
    begin_save_project_as(app);
  } else if (ctrl && shift && pressed(GLFW_KEY_S) && app.has_document) {
    app.browser.purpose = FileBrowserState::Purpose::SavePlan;
    app.browser.open_request = true;
    app.browser.name = app.doc.photo_path.stem().string() + "-plan.json";
  }
  if (ctrl && pressed(GLFW_KEY_E) && app.has_document) begin_export(app);
  if (ctrl && pressed(GLFW_KEY_R) && app.has_document) start_report(app);
  if (ctrl && pressed(GLFW_KEY_Q)) request(app, PendingAction::Quit);
  if (ctrl && pressed(GLFW_KEY_Z)) shift ? redo(app) : undo(app);
  if (ctrl && pressed(GLFW_KEY_Y)) redo(app);
  if (ctrl) return;
  if (pressed(GLFW_KEY_F5) || (app.presentation && pressed(GLFW_KEY_ESCAPE))) {
    app.presentation = !app.presentation;
    app.view.fit_pending = true;  // the canvas changes size
  }
  if (pressed(GLFW_KEY_S)) {
    const bool split = app.view.compare != CompareMode::Split;
    app.view.compare = split ? CompareMode::Split : CompareMode::After;
  }
  if (app.presentation) return;  // no tool switches the client could trigger by accident
  if (pressed(GLFW_KEY_F)) app.view.fit_pending = true;
  if (pressed(GLFW_KEY_1)) app.view.actual_pending = true;
  if (pressed(GLFW_KEY_M)) app.overlays.masks = !app.overlays.masks;
  if (pressed(GLFW_KEY_H)) app.tool = Tool::Hairline;
  if (pressed(GLFW_KEY_P)) app.tool = Tool::Mask;
  if (pressed(GLFW_KEY_E)) {
    app.tool = Tool::Mask;
    app.brush.erase = !app.brush.erase;
  }
  if (pressed(GLFW_KEY_C)) app.tool = Tool::Calibrate;
  if (pressed(GLFW_KEY_I)) app.tool = app.tool == Tool::Eyedropper ? Tool::Hairline : Tool::Eyedropper;
  if (pressed(GLFW_KEY_LEFT_BRACKET)) app.brush.size_mm = std::max(2.0f, app.brush.size_mm / 1.2f);
  if (pressed(GLFW_KEY_RIGHT_BRACKET)) app.brush.size_mm = std::min(120.0f, app.brush.size_mm * 1.2f);
}

}  // namespace

void shortcuts(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  // Hold-to-compare works even while the canvas has the mouse, but never while typing.
  app.view.holding_before = !io.WantTextInput && ImGui::IsKeyDown(GLFW_KEY_B);
  // WantTextInput tells of the last frame: a field that Return ended in it is no longer
  // active now, and a shortcut typed right after the Return is the person's.
  const bool typing = io.WantTextInput && ImGui::IsAnyItemActive();
  if (typing || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
  for (const KeyPress& k : app.key_presses) shortcut(app, k);
}

}  // namespace smp::studio
