#pragma once
// Key and character events in the order they were typed, handed to Dear ImGui 1.86 a frame's
// worth at a time. ImGui 1.86 has no input event queue: within one frame a text field applies
// the typed characters first and the keys (Backspace, Return, Ctrl+A ...) after, sees each
// key only as up or down, and ignores characters while Ctrl is held. So the events of one
// frame must be ones whose effect does not depend on their order:
//  - at most one transition (press or release) of a key per frame, so each is seen;
//  - typed characters and "command" key presses (anything but a printable key without
//    Ctrl/Alt/Super, modifiers included) never in the same frame;
//  - no modifier key goes up or down after another key's press in the same frame: ImGui
//    reads Ctrl/Shift/Alt/Super once per frame, so a Ctrl+A whose Ctrl is released before A
//    (xdotool's order) would otherwise be seen as a plain A.
// The first event that would break this, and all after it, wait for the next frame. Each key
// event keeps the modifiers GLFW reported with it, so the window can give ImGui the
// modifiers a key was pressed with. Key codes and modifier bits are GLFW's.

#include <cstdint>
#include <deque>
#include <vector>

namespace smp::studio {

struct InputEvent {
  enum class Kind { Key, Char };
  Kind kind = Kind::Key;
  int key = 0, scancode = 0, action = 0, mods = 0;  // Kind::Key (GLFW_PRESS / RELEASE / REPEAT)
  unsigned codepoint = 0;                           // Kind::Char
};

// True for a key press that only types a character (a letter, digit, punctuation or space,
// on the main block or the keypad, with at most Shift): a text field acts on its character,
// not on the key. Keypad Enter is not one.
bool types_only(int key, int mods);

// True for Ctrl, Shift, Alt and Super, left or right.
bool is_modifier_key(int key);

class KeyEventQueue {
 public:
  void push_key(int key, int scancode, int action, int mods);
  void push_char(unsigned codepoint);
  // The events to give ImGui before the next frame, in order; the rest stay queued.
  std::vector<InputEvent> take_frame();
  bool empty() const { return queue_.empty(); }

 private:
  std::deque<InputEvent> queue_;
};

}  // namespace smp::studio
