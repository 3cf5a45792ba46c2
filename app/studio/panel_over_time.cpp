// "Result over time": which moment the canvas shows (sessions, day 0 or healed, years after
// the last session) and the plan parameters that shape it over time (lifestyle, per-session
// shade offsets), plus the shade eyedropper. The moment is view state (the dots are redrawn
// in the background); the parameters are plan edits, one undo step each.

#include "actions.hpp"
#include "panels.hpp"

#include "smp/sim/param_table.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace smp::studio {

namespace {

// The last item's rectangle; for a slider (`frame_only`) without its label, so a fraction
// of the width is a position on the slider.
void remember_rect(AppState& app, const char* name, bool frame_only = false) {
  if (!ImGui::IsItemVisible()) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const float w = frame_only ? std::min(b.x - a.x, ImGui::CalcItemWidth()) : b.x - a.x;
  app.widget_rects[name] = {a.x, a.y, w, b.y - a.y};
}

void tooltip(const char* text) {
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

void moment_controls(AppState& app, int sessions) {
  ViewState& vs = app.view;
  vs.up_to_session = std::clamp(vs.up_to_session, 0, sessions);
  const char* format = vs.up_to_session == 0 ? "all" : vs.up_to_session == 1 ? "session 1 only" : "sessions 1 to %d";
  if (ImGui::SliderInt("Sessions shown", &vs.up_to_session, 0, sessions, format))
    vs.force_before = false;
  tooltip("Show the work of the first sessions only (\"all\" = every planned session).");
  remember_rect(app, "sessions_shown", true);
  const bool healed_only = vs.years > 0;
  if (ImGui::RadioButton("Day 0 (fresh)", vs.fresh && !healed_only)) {
    vs.fresh = true;
    vs.years = 0;
    vs.force_before = false;
  }
  tooltip("The last shown session right after the treatment: larger, darker dots with reddened skin.");
  remember_rect(app, "state_fresh");
  ImGui::SameLine();
  if (ImGui::RadioButton("Healed (~4 weeks)", !vs.fresh || healed_only)) {
    vs.fresh = false;
    vs.force_before = false;
  }
  tooltip("The last shown session healed: dots about half the needle, 2-3 shades lighter than on day 0.");
  remember_rect(app, "state_healed");
  float years = static_cast<float>(vs.years);
  if (ImGui::SliderFloat("Years after", &years, 0.0f, 10.0f, years < 0.5f ? "now" : "%.0f years", ImGuiSliderFlags_AlwaysClamp)) {
    vs.years = std::round(years);
    if (vs.years > 0) vs.fresh = false;  // years are counted from the healed result
    vs.force_before = false;
  }
  tooltip("Years after the last session, healed (0-10): pigment lightens and spreads with sun and smoking.\n"
          "An illustration for the conversation, not a prediction. Touch-ups every 2-6 years are typical.");
  remember_rect(app, "years", true);
}

bool lifestyle_controls(AppState& app) {
  sim::PlanParams& p = app.doc.plan.params;
  bool changed = false;
  if (const sim::ParamSpec* sun = sim::find_param("lifestyle.sun_exposure")) changed |= param_widget(*sun, p);
  remember_rect(app, "sun_exposure", true);
  changed |= ImGui::Checkbox("Sunscreen (SPF 30+)", &p.lifestyle.sunscreen);
  tooltip("Daily SPF 30+ on the scalp slows the fading.");
  remember_rect(app, "sunscreen");
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Smoker", &p.lifestyle.smoker);
  tooltip("Smoking speeds up the fading.");
  remember_rect(app, "smoker");
  return changed;
}

// Offsets are stored as dilution (water) added per session; shown as strength (darker = +).
bool session_shade_controls(AppState& app) {
  sim::Pigment& g = app.doc.plan.params.pigment;
  const int sessions = std::min(app.doc.plan.params.sessions, 6);
  bool changed = false;
  const bool show_first = !g.session_offsets_pct.empty() && g.session_offsets_pct.front() != 0.0;
  for (int s = show_first ? 1 : 2; s <= sessions; ++s) {
    const std::size_t i = static_cast<std::size_t>(s - 1);
    const double stored = g.session_offsets_pct.empty() ? 0.0 : g.session_offsets_pct[std::min(i, g.session_offsets_pct.size() - 1)];
    float strength = static_cast<float>(-stored);
    const std::string label = "Session " + std::to_string(s) + " shade";
    if (ImGui::SliderFloat(label.c_str(), &strength, -50.0f, 50.0f, "%+.0f %% strength", ImGuiSliderFlags_AlwaysClamp)) {
      // Later sessions use the last entry: fill up to this session before changing it.
      const double last = g.session_offsets_pct.empty() ? 0.0 : g.session_offsets_pct.back();
      while (g.session_offsets_pct.size() <= i) g.session_offsets_pct.push_back(last);
      g.session_offsets_pct[i] = -std::round(strength);
      changed = true;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Session %d's ink relative to the Shade (session 1): + is darker (less water), - lighter.\n"
                        "Later sessions usually go a little darker to layer depth (\"3D\" layering).", s);
    if (s == 2) remember_rect(app, "session2_shade", true);
  }
  return changed;
}

}  // namespace

void over_time_section(AppState& app) {
  const int sessions = app.doc.plan.params.sessions;
  ImGui::PushItemWidth(-ImGui::CalcTextSize("Session 6 shade").x - 12);
  moment_controls(app, sessions);
  bool changed = false;
  ImGui::TextDisabled("Lifestyle (for the years preview)");
  changed |= lifestyle_controls(app);
  if (sessions > 1) {
    ImGui::TextDisabled("Shade of later sessions");
    changed |= session_shade_controls(app);
  }
  ImGui::PopItemWidth();
  const bool picking = app.tool == Tool::Eyedropper;
  if (picking) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(picking ? "Eyedropper: drag over stubble or hair (I)" : "Match shade from the photo... (I)", {-FLT_MIN, 0}))
    app.tool = picking ? Tool::Hairline : Tool::Eyedropper;
  if (picking) ImGui::PopStyleColor();
  tooltip("Drag a rectangle (or click) on the client's own stubble or remaining hair:\n"
          "the Shade is set so healed dots match it. Ctrl+Z undoes it.");
  remember_rect(app, "eyedropper");
  match_stubble_button(app);
  if (changed) mark_plan_changed(app);
}

}  // namespace smp::studio
