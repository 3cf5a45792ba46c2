// The timeline strip under the canvas: before · session 1 day 0 · session 1 healed · final
// healed · years later. Thumbnails are rendered by the viewer's background task runner from
// the dots the regeneration worker made, and kept until the plan changes.

#include "timeline_strip.hpp"

#include "actions.hpp"
#include "app_state.hpp"
#include "frame.hpp"
#include "view_open.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace smp::studio {

namespace {

constexpr int kThumbnailWidthPx = 320;  // rendered size; drawn smaller (sharp on HiDPI screens)

int shown_sessions(int up_to_session, int sessions) {
  return up_to_session <= 0 || up_to_session >= sessions ? sessions : up_to_session;
}

bool step_is_shown(const ViewState& vs, const app::TimelineStep& step, int sessions) {
  if (step.before || vs.force_before) return step.before && vs.force_before;
  const bool fresh = vs.fresh && vs.years <= 0;
  return shown_sessions(vs.up_to_session, sessions) == shown_sessions(step.state.up_to_session, sessions) &&
         fresh == step.state.fresh && std::abs(vs.years - step.state.years) < 1e-9;
}

void show_step(ViewState& vs, const app::TimelineStep& step) {
  vs.force_before = step.before;
  if (step.before) return;
  vs.up_to_session = step.state.up_to_session;
  vs.fresh = step.state.fresh;
  vs.years = step.state.years;
}

void start_rendering(AppState& app) {
  // Over the buzzed photo the canvas shows, with the plan its dots were made from: the buzz
  // is drawn once, by the buzz lane, not again for every edit.
  // Started with the dots up to date: the tone they were drawn with is this plan's and base's.
  app::ThumbnailRequest request{app.doc.photo, app::plan_snapshot(app.doc.plan), app.regen_state.simulation, app.appearance,
                           kThumbnailWidthPx, app.timeline.cell_aspect, {}, app.regen_state.tone};
  const BuzzPreview& buzz = app.buzz_preview;
  plan_over_preview(buzz, app.doc.photo.data, request.plan);
  if (buzz.drawn_over(app.doc.photo.data)) request.base = buzz.base;
  TimelineStrip& t = app.timeline;
  const std::uint64_t revision = app.doc.revision;
  const bool started = t.task.start("Rendering the timeline", [&t, revision, request = std::move(request)](const TaskProgress&) {
    std::vector<app::Thumbnail> thumbs = app::render_timeline_thumbnails(request);
    // Handed over on the main thread (update_timeline), which uploads the textures.
    return TaskResult{{}, [&t, revision, thumbs = std::move(thumbs)]() mutable {
                        t.arrived = std::move(thumbs);
                        t.revision = revision;
                      }};
  });
  if (started) t.rendering_revision = revision;
}

}  // namespace

float timeline_strip_height(float ui_scale) { return 132 * ui_scale; }

void update_timeline(AppState& app) {
  TimelineStrip& t = app.timeline;
  if (auto outcome = t.task.take_finished()) {
    if (outcome->ok && outcome->on_main_thread) {
      outcome->on_main_thread();
      t.error.clear();
    } else if (!outcome->ok) {
      t.error = outcome->messages.empty() ? std::string("failed") : outcome->messages.front();
      t.revision = t.rendering_revision;  // do not retry the same plan in a loop
    }
  }
  if (t.arrived) {
    t.textures.clear();
    t.steps.clear();
    render::gl::TextureOptions options;
    options.mipmaps = true;  // drawn at about half the rendered size
    options.check_errors = app.options.gl_checks;
    for (const app::Thumbnail& th : *t.arrived) {
      t.textures.emplace_back();
      t.textures.back().upload(th.image, options);
      t.steps.push_back(th.step);
      t.thumb_size = th.image.size();
    }
    t.arrived.reset();
  }
  if (!app.has_document || t.task.running() || t.revision == app.doc.revision) return;
  if (!dots_up_to_date(app)) return;
  if (app.regen_state.simulation) {
    start_rendering(app);
  } else {  // the plan cannot be simulated (the status bar says why): nothing to show
    t.textures.clear();
    t.steps.clear();
    t.error = app.regen_state.error.empty() ? std::string("no dots") : app.regen_state.error;
    t.revision = app.doc.revision;
  }
}

bool timeline_settled(const AppState& app) {
  const TimelineStrip& t = app.timeline;
  return !app.has_document || (t.revision == app.doc.revision && !t.task.running() && !t.arrived);
}

void timeline_strip(AppState& app, float x, float y, float width, float height) {
  TimelineStrip& t = app.timeline;
  t.rects.clear();
  ImGui::SetNextWindowPos({x, y});
  ImGui::SetNextWindowSize({width, height});
  ImGui::Begin("##timeline", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  const int sessions = app.doc.plan.params.sessions;
  const std::vector<app::TimelineStep> steps = t.steps.empty() ? app::timeline_steps(sessions) : t.steps;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float label_h = ImGui::GetTextLineHeightWithSpacing();
  const float n = static_cast<float>(steps.size());
  const float thumb_h = std::max(height - 2 * style.WindowPadding.y - label_h - 2 * style.FramePadding.y, 8.0f);
  const float cell_w = (width - 2 * style.WindowPadding.x - (n - 1) * style.ItemSpacing.x) / n;
  t.cell_aspect = std::clamp((cell_w - 2 * style.FramePadding.x) / thumb_h, 0.75f, 2.5f);
  const bool ready = t.textures.size() == steps.size() && t.revision != 0;
  const double aspect = ready ? static_cast<double>(t.thumb_size.width) / std::max(t.thumb_size.height, 1) : t.cell_aspect;
  const float thumb_w = std::min(static_cast<float>(thumb_h * aspect), cell_w - 2 * style.FramePadding.x);
  const bool stale = t.revision != app.doc.revision;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginGroup();
    const bool current = step_is_shown(app.view, steps[i], sessions);
    const float h = static_cast<float>(thumb_w / aspect);
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.95f, 0.7f, 0.25f, 1.0f));
    bool clicked = false;
    if (ready) {
      const auto tex = static_cast<std::intptr_t>(t.textures[i].tile_texture(0));
      const ImVec4 tint = stale ? ImVec4(0.6f, 0.6f, 0.6f, 1.0f) : ImVec4(1, 1, 1, 1);
      clicked = ImGui::ImageButton(reinterpret_cast<ImTextureID>(tex), {thumb_w, h}, {0, 0}, {1, 1}, -1, {0, 0, 0, 0}, tint);
    } else {
      clicked = ImGui::Button(t.error.empty() ? "Rendering..." : "No preview", {thumb_w + 2 * style.FramePadding.x, h + 2 * style.FramePadding.y});
    }
    if (current) ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    t.rects.push_back({a.x, a.y, b.x - a.x, b.y - a.y});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\nClick to show this on the canvas.%s", app::timeline_caption(steps[i], sessions).c_str(),
                        steps[i].state.years > 0 ? "\nFading depends on the lifestyle (Result over time)." : "");
    if (clicked) show_step(app.view, steps[i]);
    const std::string& label = steps[i].label;
    const float text_w = ImGui::CalcTextSize(label.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (b.x - a.x - text_w) / 2));
    if (current) ImGui::TextUnformatted(label.c_str());
    else ImGui::TextDisabled("%s", label.c_str());
    ImGui::EndGroup();
    ImGui::PopID();
    if (i + 1 < steps.size()) ImGui::SameLine(0, style.ItemSpacing.x + std::max(0.0f, cell_w - (b.x - a.x)));
  }
  if (!t.error.empty() && ImGui::IsWindowHovered()) ImGui::SetTooltip("The timeline could not be rendered: %s", t.error.c_str());
  ImGui::End();
}

}  // namespace smp::studio
