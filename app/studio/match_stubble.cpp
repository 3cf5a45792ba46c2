// "Match stubble": one click sets the SMP shade and density so the healed work reads like the
// client's own stubble (dots as light as shaved strands, the density making up the rest), by the
// automatic plan's rule (render::suggest_shades, which measures it with
// render::measure_stubble). Runs on the application's background lane; the result is one
// undo step. Disabled, saying why, when the photo shows no stubble to match.

#include "actions.hpp"
#include "automation.hpp"
#include "panels.hpp"
#include "view_open.hpp"

#include "smp/render/shade.hpp"

#include <imgui.h>

#include <cfloat>
#include <cstdio>
#include <string>

namespace smp::studio {

namespace {

void start_match(AppState& app) {
  const bool started = app.task.start(
      "Matching the client's stubble",
      [&app, photo = app.doc.photo, plan = app::plan_snapshot(app.doc.plan), appearance = app.appearance](const TaskProgress&) {
        sim::Plan matched = plan;
        render::suggest_shades(photo, matched, appearance);
        const sim::PlanParams p = matched.params;
        return TaskResult{{}, [&app, photo, p] {
                            if (!app.has_document || app.doc.photo.data != photo.data) return;  // another photo now
                            sim::PlanParams& now = app.doc.plan.params;
                            now.pigment.dilution_pct = p.pigment.dilution_pct;
                            now.pigment.hair_dilution_pct = p.pigment.hair_dilution_pct;
                            now.density_per_cm2 = p.density_per_cm2;
                            mark_plan_changed(app);
                            char line[160];
                            std::snprintf(line, sizeof line, "Shade matched to the client's stubble: %.0f %% strength, %.0f impressions/cm².",
                                          100.0 - p.pigment.dilution_pct, p.density_per_cm2);
                            toast(app, line);
                          }};
      });
  if (!started) toast(app, "Busy: " + app.task.stage() + "; try again when it is done.", 4.0, Level::Warning);
}

}  // namespace

void match_stubble_button(AppState& app) {
  const std::optional<render::StubbleMeasure>& stubble = app.regen_state.stubble;
  ImGui::BeginDisabled(!stubble || app.task.running());
  if (ImGui::Button("Match stubble", {-FLT_MIN, 0})) start_match(app);
  ImGui::EndDisabled();
  note_widget(app, "match_stubble");
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  if (!stubble) {
    ImGui::SetTooltip("No stubble measured on this photo: it needs the client's shaved hair (the hair area)\n"
                      "next to bare scalp in the treatment area. Use the eyedropper instead.");
  } else {
    ImGui::SetTooltip("Set the Shade (and, if needed, the Density) so the healed SMP reads like the client's own\n"
                      "stubble, %.0f %% darker than the bare skin beside it.%s Ctrl+Z undoes it.",
                      100.0 * stubble->contrast,
                      stubble->grey_or_white ? "\nGrey or white stubble: pigment cannot imitate it; the lightest shade is used." : "");
  }
}

}  // namespace smp::studio
