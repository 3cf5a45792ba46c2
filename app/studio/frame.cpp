#include <epoxy/gl.h>

#include "frame.hpp"

#include "actions.hpp"
#include "canvas.hpp"
#include "panels.hpp"
#include "project_ui.hpp"
#include "recovery_ui.hpp"
#include "tools.hpp"

#include <imgui.h>

#include <algorithm>

namespace smp::studio {

void frame_events(AppState& app, PlatformWindow& window, bool may_sleep) {
  // Idle politely: sleep until input, also while work runs in the background. Its runner wakes
  // the loop when its result is ready (BackgroundTask::set_wake), and frames drawn back to back
  // in the meantime (software GL: tens of ms each, on the cores the work needs) would only slow
  // it down; its progress is redrawn four times a second.
  const bool moving = window.input_pending() || app.messages.showing() || app.pictures.previews.busy() ||
                      (!dots_up_to_date(app) && !app.regen.busy());  // the dots' upload goes a slice per frame
  const bool automated = app.options.bench_frames > 0 || !app.options.screenshot.empty();
  if (may_sleep && !moving && !automated)
    glfwWaitEventsTimeout(0.25);
  else
    glfwPollEvents();
  for (const auto& p : window.take_dropped()) request(app, PendingAction::OpenPath, p);
  window.deliver_input();  // outside the frame: ImGui reads its key state when the frame starts
  app.key_presses = window.take_key_presses();
  app.clicks = window.take_clicks();
  if (glfwWindowShouldClose(window.handle())) {
    glfwSetWindowShouldClose(window.handle(), GLFW_FALSE);
    request(app, PendingAction::Quit);
  }
  receive_regeneration(app);
  update_mask_overlay(app);
}

namespace {

void layout_and_ui(AppState& app) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float scale = ImGui::GetFontSize() / 15.0f;
  float top = 0, status_h = 0, panel_w = 0, tabs_h = 0, strip_h = 0;
  const bool panels = !app.options.hide_panels && !app.presentation;
  if (panels) {
    top = menu_bar(app);
    status_h = ImGui::GetFrameHeight() + 8 * scale;
    panel_w = std::min(380 * scale, display.x * 0.4f);
    tabs_h = project_tabs(app, 0, top, std::max(display.x - panel_w, 1.0f));  // a project's views, above the canvas
  }
  // The timeline stays in Presentation mode: showing the client the moments is its purpose.
  if (!app.options.hide_panels && app.has_document) strip_h = std::min(timeline_strip_height(scale), display.y * 0.25f);
  poll_background_task(app);  // inside the frame: an edit it makes is undoable like any other
  if (app.has_document) derive_output_paths(app);
  app.messages.tick(ImGui::GetIO().DeltaTime);
  app.view.canvas = {0, top + tabs_h, std::max(display.x - panel_w, 1.0f),
                     std::max(display.y - top - tabs_h - status_h - strip_h, 1.0f)};
  update_timeline(app);
  shortcuts(app);
  canvas_frame(app);
  if (strip_h > 0)
    timeline_strip(app, 0, static_cast<float>(app.view.canvas.y + app.view.canvas.height),
                   static_cast<float>(app.view.canvas.width), strip_h);
  if (panels) {
    side_panel(app, {display.x - panel_w, top}, {panel_w, display.y - top - status_h});
    status_bar(app, {0, display.y - status_h}, {display.x, status_h});
  }
  sync_buzz_preview(app);  // after this frame's edits and undo, with or without the panels
  dialogs(app);
  file_browser(app);
  app.pictures.previews.poll(app.options.gl_checks);  // after this frame's requests
}

}  // namespace

cv::Size frame_ui_and_scene(AppState& app, PlatformWindow& window) {
  int fb_w = 0, fb_h = 0, win_w = 0, win_h = 0;
  glfwGetFramebufferSize(window.handle(), &fb_w, &fb_h);
  glfwGetWindowSize(window.handle(), &win_w, &win_h);
  app.view.pixel_ratio = win_w > 0 ? static_cast<double>(fb_w) / win_w : 1.0;

  window.begin_frame();
  app.frame_start_plan = app.doc.plan;
  app.changed_this_frame = false;
  app.client_field_rect = {};  // set again when the field is drawn this frame
  app.widget_rects.clear();
  layout_and_ui(app);
  // One undo step per gesture: a drag, a stroke, a slider movement.
  const bool gesture = ImGui::IsAnyItemActive() || ImGui::IsMouseDown(ImGuiMouseButton_Left) ||
                       ImGui::IsMouseDown(ImGuiMouseButton_Right);
  if (auto before = app.grouper.frame(app.frame_start_plan, app.changed_this_frame, gesture))
    app.undo.push(std::move(*before));
  project_tick(app);  // after the undo step: an undo in one view updates the shared parameters too
  autosave_tick(app);
  request_regeneration(app);
  std::string title = app.has_document ? app.doc.title() + " - " : std::string();
  if (app.project.session && app.has_document)
    title = project_title(*app.project.session, app.doc) + " [" +
            app.project.session->views[app.project.session->active].name + "] - ";
  window.set_title(title + "SMP Studio");

  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.08f, 0.085f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  draw_scene(app, {fb_w, fb_h});
  window.end_frame();
  return {fb_w, fb_h};
}

}  // namespace smp::studio
