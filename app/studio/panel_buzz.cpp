// "Remaining hair": the buzz-cut preview's clipper length and regrowth, beside the SMP
// parameters. Choosing a length redraws the canvas photo buzzed and sets the SMP shade to
// match the simulated stubble, as one undo step with the length.

#include "actions.hpp"
#include "buzz_step.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace smp::studio {

namespace {

bool same(const sim::BuzzParams& a, const sim::BuzzParams& b) {
  return a.length == b.length && a.days_since_shave == b.days_since_shave;
}

// Redraws the canvas photo for the plan's buzz; `match_shade` also sets the SMP shade.
void redraw(AppState& app, bool match_shade) {
  BuzzPreview& bp = app.buzz_preview;
  bp.shown = app.doc.plan.params.buzz;
  bp.photo_id = app.doc.photo.data;
  bp.seed = app.doc.plan.params.seed;
  bp.warnings.clear();
  const app::BuzzStep step = app::apply_buzz(app.doc.photo, app.doc.plan, match_shade, bp.warnings);
  bp.refusal = step.refusal;
  bp.drawn = step.buzzed;
  bp.stubble_darkening = step.stubble_darkening;
  bp.smp_occlusion = step.buzzed ? step.smp_plan.masks.occlusion : cv::Mat1b();
  if (app.scene) app.scene->set_photo(step.base);
}

}  // namespace

void sync_buzz_preview(AppState& app) {
  if (!app.has_document || !app.scene) return;
  const BuzzPreview& bp = app.buzz_preview;
  const sim::PlanParams& p = app.doc.plan.params;
  if (bp.photo_id == app.doc.photo.data && same(bp.shown, p.buzz) && (!p.buzz.active() || bp.seed == p.seed)) return;
  if (bp.photo_id == nullptr && !p.buzz.active()) {  // nothing to draw: the photo as installed
    app.buzz_preview.photo_id = app.doc.photo.data;
    return;
  }
  redraw(app, false);
}

void remaining_hair_section(AppState& app) {
  sim::BuzzParams& b = app.doc.plan.params.buzz;
  bool changed = false;
  ImGui::PushItemWidth(-ImGui::CalcTextSize("Days since shave").x - 12);
  const char* lengths[] = {"As photographed", "Shaved smooth (0 mm)", "No guard (0.5 mm)", "#0.5 guard (1.5 mm)",
                           "#1 guard (3 mm)"};
  int choice = static_cast<int>(b.length);
  if (ImGui::Combo("Clipped to", &choice, lengths, 5)) {
    b.length = static_cast<sim::BuzzLength>(std::clamp(choice, 0, 4));
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("SMP is worn with the remaining hair clipped short: preview the client's head buzzed");
  ImGui::BeginDisabled(!b.active());
  float days = static_cast<float>(b.days_since_shave);
  if (ImGui::SliderFloat("Days since shave", &days, 0.0f, static_cast<float>(sim::kMaxDaysSinceShave), "%.0f days",
                         ImGuiSliderFlags_AlwaysClamp)) {
    b.days_since_shave = std::round(days);
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stubble grows about 0.35 mm a day after clipping");
  ImGui::EndDisabled();
  ImGui::PopItemWidth();
  if (changed) {
    // The SMP shade follows the new stubble; same frame, so one undo step with the length.
    redraw(app, b.active());
    mark_plan_changed(app);
  }
  const BuzzPreview& bp = app.buzz_preview;
  if (!bp.refusal.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.7f, 0.3f, 1.0f));
    ImGui::TextWrapped("No buzz preview: %s", bp.refusal.c_str());
    ImGui::PopStyleColor();
  } else if (bp.drawn) {
    ImGui::TextWrapped("Stubble %.0f %% darker than bare skin; SMP shade matched to it.", 100 * bp.stubble_darkening);
  }
  for (const std::string& w : bp.warnings)
    if (w.rfind("buzz-cut preview not drawn", 0) != 0) ImGui::TextWrapped("%s", w.c_str());
}

}  // namespace smp::studio
