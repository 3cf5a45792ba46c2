#pragma once
// The panels around the canvas. Each feature lives in its own file.

#include "app_state.hpp"

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
void message_history_window(AppState& app);

// Sections of the side panel.
void tools_section(AppState& app);
void hairline_section(AppState& app);
void masks_section(AppState& app);
void parameters_section(AppState& app);
void estimate_section(AppState& app);
void view_section(AppState& app);

}  // namespace smp::studio
