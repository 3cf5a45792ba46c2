#pragma once
// The panels around the canvas. Each feature lives in its own file.

#include "app_state.hpp"

#include "smp/sim/param_table.hpp"

#include <imgui.h>

namespace smp::studio {

float menu_bar(AppState& app);                    // returns its height
void side_panel(AppState& app, ImVec2 pos, ImVec2 size);
void status_bar(AppState& app, ImVec2 pos, ImVec2 size);
void dialogs(AppState& app);
void file_browser(AppState& app);
void shortcuts(AppState& app);
// The current message in `width` pixels, and the history window (messages_ui.cpp).
void message_line(AppState& app, float width);
// The first line of `text`, cut with "..." to fit `width` pixels (current font).
std::string fitted(const std::string& text, float width);
void message_history_window(AppState& app);

// Sections of the side panel.
void tools_section(AppState& app);
void hairline_section(AppState& app);
void masks_section(AppState& app);
void parameters_section(AppState& app);
void remaining_hair_section(AppState& app);  // the buzz-cut preview (panel_buzz.cpp)
void match_stubble_button(AppState& app);    // shade (and density) matched to the client's stubble
void sync_buzz_preview(AppState& app);       // keeps the canvas photo in step with the plan's buzz
// The widget of one parameter-table row (range, step, unit, help from the row); true when
// the value changed. `label` replaces the row's label (e.g. in the clinic settings).
bool param_widget(const sim::ParamSpec& spec, sim::PlanParams& params, const char* label = nullptr);
void estimate_section(AppState& app);
void over_time_section(AppState& app);  // the moment shown, lifestyle, session shades, eyedropper
// The rows of an estimate (area, impressions, sessions, needle time, cost), and money as
// "12,345" (panel_estimate.cpp).
void estimate_table(const sim::Estimate& estimate);
std::string money(double v);
void view_section(AppState& app);

}  // namespace smp::studio
