// "Remaining hair": the buzz-cut preview's clipper length and regrowth, beside the SMP
// parameters. Choosing a length asks the buzz lane for the canvas photo buzzed; when it
// arrives the SMP shade is set to match the simulated stubble, in the length's undo step.

#include "actions.hpp"
#include "automation.hpp"
#include "buzz_step.hpp"
#include "view_open.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace smp::studio {

namespace {

bool same(const sim::BuzzParams& a, const sim::BuzzParams& b) {
  return a.length == b.length && a.days_since_shave == b.days_since_shave;
}

// The photo as photographed, with why it is not buzzed (empty: none was asked for).
app::BuzzStep unbuzzed(const cv::Mat3b& photo, std::string refusal) {
  app::BuzzStep step;
  step.base = photo;
  step.refusal = std::move(refusal);
  return step;
}

// Shows `step` on the canvas as the preview of `buzz` over the document's photo.
void show(AppState& app, const sim::BuzzParams& buzz, const app::BuzzStep& step, std::vector<std::string> warnings) {
  BuzzPreview& bp = app.buzz_preview;
  bp.shown = buzz;
  bp.photo_id = app.doc.photo.data;
  bp.seed = app.doc.plan.params.seed;
  bp.warnings = std::move(warnings);
  bp.refusal = step.refusal;
  bp.drawn = step.buzzed;
  bp.stubble_darkening = step.stubble_darkening;
  bp.smp_occlusion = step.buzzed ? step.smp_plan.masks.occlusion : cv::Mat1b();
  bp.off_head = step.buzzed ? step.off_head : cv::Mat1b();
  bp.base = step.buzzed ? step.base : cv::Mat3b();
  ++bp.applied;  // the dots are redone over the new picture
  bp.applied_frame = app.stats.frames;
  if (app.scene) app.scene->set_photo(step.base);
}

// Asks the buzz lane for the plan's buzz; `match_shade` also sets the SMP shade when it comes.
void ask(AppState& app, bool match_shade) {
  BuzzPreview& bp = app.buzz_preview;
  const sim::PlanParams& p = app.doc.plan.params;
  bp.pending = true;
  bp.asked = p.buzz;
  bp.asked_photo = app.doc.photo.data;
  bp.asked_seed = p.seed;
  bp.match_shade = match_shade;
  bp.posted_frame = app.stats.frames;
  bp.generation = app.buzz.post({app.doc.photo, app::plan_snapshot(app.doc.plan), match_shade, app.doc.detection});
}

// Applies a finished clipping when it is still what the document asks for.
void receive(AppState& app) {
  std::optional<BuzzResult> r = app.buzz.take();
  if (!r) return;
  BuzzPreview& bp = app.buzz_preview;
  if (r->generation == bp.generation) bp.pending = false;  // older results may still be useful below
  if (!buzz_result_matches(*r, app.doc.photo, app.doc.plan.params)) return;  // undone, re-edited or another photo
  if (!r->error.empty()) {  // shown as the panel's refusal line; not asked again for the same buzz
    show(app, r->buzz, unbuzzed(app.doc.photo, "the clipping failed: " + r->error), {});
    return;
  }
  sim::Pigment& pigment = app.doc.plan.params.pigment;
  if (r->match_shade && r->step.buzzed && pigment.dilution_pct == r->asked_dilution_pct &&
      pigment.dilution_pct != r->matched_dilution_pct) {
    // Part of the length's edit: the undo step pushed with the length already holds the shade
    // before it, so this amends the current state without a step of its own.
    pigment.dilution_pct = r->matched_dilution_pct;
    app.doc.dirty = true;
    ++app.doc.revision;
  }
  if (r->match_shade) bp.match_shade = false;
  show(app, r->buzz, r->step, std::move(r->warnings));
}

}  // namespace

void sync_buzz_preview(AppState& app) {
  if (!app.has_document || !app.scene) return;
  receive(app);
  BuzzPreview& bp = app.buzz_preview;
  const sim::PlanParams& p = app.doc.plan.params;
  if (bp.photo_id == app.doc.photo.data && same(bp.shown, p.buzz) && (!p.buzz.active() || bp.seed == p.seed)) {
    bp.pending = false;  // a newer request gave way to what is shown (an undo back to it)
    return;
  }
  if (!p.buzz.active()) {  // the photo as photographed: nothing to compute
    bp.pending = false;
    if (bp.photo_id == nullptr) {  // as installed
      bp.photo_id = app.doc.photo.data;
      bp.shown = p.buzz;
      return;
    }
    show(app, p.buzz, unbuzzed(app.doc.photo, {}), {});
    return;
  }
  if (bp.pending && bp.asked_photo == app.doc.photo.data && same(bp.asked, p.buzz) && bp.asked_seed == p.seed) return;
  // A request for another buzz never matches now: keep the shade match only for the same length.
  ask(app, bp.match_shade && same(bp.asked, p.buzz));
}

void remaining_hair_section(AppState& app) {
  sim::BuzzParams& b = app.doc.plan.params.buzz;
  bool changed = false;
  ImGui::PushItemWidth(-ImGui::CalcTextSize("Days since shave").x - 12);
  const char* lengths[] = {"As photographed", "Shaved smooth (0 mm)", "No guard (0.5 mm)", "#0.5 guard (1.5 mm)",
                           "#1 guard (3 mm)"};
  const int shown = std::clamp(static_cast<int>(b.length), 0, 4);
  if (ImGui::BeginCombo("Clipped to", lengths[shown])) {
    for (int i = 0; i < 5; ++i) {
      if (ImGui::Selectable(lengths[i], i == shown) && i != shown) {
        b.length = static_cast<sim::BuzzLength>(i);
        changed = true;
      }
      note_widget(app, std::string("buzz_length:") + sim::buzz_name(static_cast<sim::BuzzLength>(i)));
    }
    ImGui::EndCombo();
  } else {
    note_widget(app, "buzz_length");
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
    // The SMP shade follows the new stubble when the clipping arrives, amending this edit's
    // undo step (the canvas keeps the previous picture meanwhile).
    mark_plan_changed(app);
    if (b.active()) ask(app, true);
  }
  const BuzzPreview& bp = app.buzz_preview;
  if (bp.pending) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.8f, 0.4f, 1.0f));
    ImGui::TextWrapped("Clipping the remaining hair...");
    ImGui::PopStyleColor();
  } else if (!bp.refusal.empty()) {
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
