#include "key_event_queue.hpp"

#define GLFW_INCLUDE_NONE  // key codes only: no GL header
#include <GLFW/glfw3.h>

#include <algorithm>

namespace smp::studio {

bool types_only(int key, int mods) {
  if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) return false;
  if (key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) return true;
  if (key == GLFW_KEY_WORLD_1 || key == GLFW_KEY_WORLD_2) return true;
  return key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_EQUAL && key != GLFW_KEY_KP_ENTER;
}

bool is_modifier_key(int key) {
  return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;  // left Shift, Ctrl, Alt, Super, then the right ones
}

void KeyEventQueue::push_key(int key, int scancode, int action, int mods) {
  InputEvent e;
  e.kind = InputEvent::Kind::Key;
  e.key = key;
  e.scancode = scancode;
  e.action = action;
  e.mods = mods;
  queue_.push_back(e);
}

void KeyEventQueue::push_char(unsigned codepoint) {
  InputEvent e;
  e.kind = InputEvent::Kind::Char;
  e.codepoint = codepoint;
  queue_.push_back(e);
}

std::vector<InputEvent> KeyEventQueue::take_frame() {
  std::vector<InputEvent> out;
  std::vector<int> moved;  // keys that went up or down in this frame
  bool chars = false, commands = false;
  bool pressed = false;  // a key other than a modifier went down in this frame
  while (!queue_.empty()) {
    const InputEvent& e = queue_.front();
    if (e.kind == InputEvent::Kind::Char) {
      if (commands) break;
      chars = true;
    } else if (e.action != GLFW_REPEAT) {
      if (std::find(moved.begin(), moved.end(), e.key) != moved.end()) break;
      const bool modifier = is_modifier_key(e.key);
      if (modifier && pressed) break;
      const bool command = e.action == GLFW_PRESS && !types_only(e.key, e.mods);
      if (command && chars) break;
      commands = commands || command;
      pressed = pressed || (e.action == GLFW_PRESS && !modifier);
      moved.push_back(e.key);
    }
    out.push_back(e);
    queue_.pop_front();
  }
  return out;
}

}  // namespace smp::studio
