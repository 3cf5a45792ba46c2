// The message channel on screen: the current message in the status bar (its colour says
// the level; too long a line ends in "..." with the whole text on hover; it fades out) and
// the history window (View > Messages, or a click on the line).

#include "automation.hpp"
#include "panels.hpp"

#include <imgui.h>

#include <string>

namespace smp::studio {

namespace {

ImVec4 colour(Level level, float alpha) {
  switch (level) {
    case Level::Warning: return {1.0f, 0.8f, 0.4f, alpha};
    case Level::Error: return {1.0f, 0.45f, 0.4f, alpha};
    case Level::Info: break;
  }
  return {0.9f, 0.9f, 0.9f, alpha};
}

}  // namespace

std::string fitted(const std::string& text, float width) {
  std::string line = text.substr(0, text.find('\n'));
  const bool cut_line = line.size() < text.size();
  if (!cut_line && ImGui::CalcTextSize(line.c_str()).x <= width) return line;
  while (!line.empty() && ImGui::CalcTextSize((line + "...").c_str()).x > width) line.pop_back();
  return line + "...";
}

void message_line(AppState& app, float width) {
  const MessageLog& log = app.messages;
  const Message* m = log.current();
  if (!m) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour(m->level, log.current_opacity()));
  ImGui::TextUnformatted(fitted(m->text, width).c_str());
  ImGui::PopStyleColor();
  note_widget(app, "status_message");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
    ImGui::TextUnformatted(m->text.c_str());
    ImGui::TextDisabled("Click for all messages");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (ImGui::IsItemClicked()) app.dialogs.show_messages = true;
}

void message_history_window(AppState& app) {
  if (!app.dialogs.show_messages) return;
  ImGui::SetNextWindowSize({520, 300}, ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Messages", &app.dialogs.show_messages)) {
    ImGui::PushTextWrapPos(0.0f);
    const auto& history = app.messages.history();
    for (auto it = history.rbegin(); it != history.rend(); ++it) {  // newest first
      ImGui::PushStyleColor(ImGuiCol_Text, colour(it->level, 1.0f));
      ImGui::TextUnformatted(it->text.c_str());
      ImGui::PopStyleColor();
      ImGui::Separator();
    }
    if (history.empty()) ImGui::TextDisabled("No messages yet.");
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

}  // namespace smp::studio
