// The typed-event queue in front of ImGui 1.86 (KeyEventQueue): each frame gets events
// whose effect does not depend on their order inside the frame, and nothing is lost.

#include "core/key_event_queue.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace smp::studio {
namespace {

// One frame's events written compactly: "+K" press of key K, "-K" release, "c" a character.
std::string describe(const std::vector<InputEvent>& events) {
  std::string out;
  for (const InputEvent& e : events) {
    if (!out.empty()) out += ' ';
    if (e.kind == InputEvent::Kind::Char) {
      out += static_cast<char>(e.codepoint);
      continue;
    }
    out += e.action == GLFW_RELEASE ? '-' : '+';
    switch (e.key) {
      case GLFW_KEY_LEFT_CONTROL: out += "Ctrl"; break;
      case GLFW_KEY_ENTER: out += "Return"; break;
      case GLFW_KEY_BACKSPACE: out += "BS"; break;
      default: out += static_cast<char>(e.key);
    }
  }
  return out;
}

void press(KeyEventQueue& q, int key, int mods = 0) { q.push_key(key, 0, GLFW_PRESS, mods); }
void release(KeyEventQueue& q, int key, int mods = 0) { q.push_key(key, 0, GLFW_RELEASE, mods); }
// A letter typed with its character, as X delivers it.
void type(KeyEventQueue& q, char c) {
  const int key = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
  const int mods = c >= 'A' && c <= 'Z' ? GLFW_MOD_SHIFT : 0;
  press(q, key, mods);
  q.push_char(static_cast<unsigned>(c));
  release(q, key, mods);
}

std::vector<std::string> frames(KeyEventQueue& q) {
  std::vector<std::string> out;
  for (int i = 0; i < 100 && !q.empty(); ++i) out.push_back(describe(q.take_frame()));
  return out;
}

TEST(KeyEventQueue, CtrlAThenTypingWaitsForTheSelection) {
  KeyEventQueue q;
  press(q, GLFW_KEY_LEFT_CONTROL);
  press(q, GLFW_KEY_A, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_A, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL);
  type(q, 'B');
  type(q, 'o');
  type(q, 'b');
  // Ctrl+A is seen down in a frame of its own, before any character; the letters then follow
  // (each key's press and release in different frames), with Ctrl up before the first one.
  const std::vector<std::string> expected = {"+Ctrl +A", "-A -Ctrl +B B", "-B +O o", "-O +B b", "-B"};
  EXPECT_EQ(frames(q), expected);
}

// The modifiers ImGui holds at the end of a frame, as the window gives them: a modifier
// key's press or release sets or clears its bit, any other key brings the mods it was typed with.
int mods_at_frame_end(const std::vector<InputEvent>& frame, int mods) {
  const auto bit = [](int key) {
    switch (key) {
      case GLFW_KEY_LEFT_CONTROL: case GLFW_KEY_RIGHT_CONTROL: return GLFW_MOD_CONTROL;
      case GLFW_KEY_LEFT_SHIFT: case GLFW_KEY_RIGHT_SHIFT: return GLFW_MOD_SHIFT;
      case GLFW_KEY_LEFT_ALT: case GLFW_KEY_RIGHT_ALT: return GLFW_MOD_ALT;
      default: return GLFW_MOD_SUPER;
    }
  };
  for (const InputEvent& e : frame) {
    if (e.kind != InputEvent::Kind::Key) continue;
    if (!is_modifier_key(e.key)) mods = e.mods;
    else if (e.action == GLFW_RELEASE) mods &= ~bit(e.key);
    else mods |= bit(e.key);
  }
  return mods;
}

// xdotool's "key ctrl+a" releases Ctrl before A: Ctrl's release waits for the frame after A's press.
TEST(KeyEventQueue, CtrlReleasedBeforeAStillSelectsAll) {
  KeyEventQueue q;
  press(q, GLFW_KEY_LEFT_CONTROL);
  press(q, GLFW_KEY_A, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_A);
  type(q, 'b');
  const std::vector<std::string> expected = {"+Ctrl +A", "-Ctrl -A +B b", "-B"};
  EXPECT_EQ(frames(q), expected);
}

// The same keys arriving while the frames go: Ctrl alone in one frame (A not yet received),
// then A with Ctrl's release right behind it. A must not share its frame with that release.
TEST(KeyEventQueue, CtrlAArrivingAcrossFrames) {
  KeyEventQueue q;
  press(q, GLFW_KEY_LEFT_CONTROL);
  EXPECT_EQ(describe(q.take_frame()), "+Ctrl");
  press(q, GLFW_KEY_A, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL);
  release(q, GLFW_KEY_A);
  const std::vector<std::string> expected = {"+A", "-Ctrl -A"};
  EXPECT_EQ(frames(q), expected);
}

// The viewer test's burst as X delivers xdotool's keys (Ctrl released before the letter):
// Ctrl+A, "Bob", Return, Ctrl+S, one step at a time.
std::vector<void (*)(KeyEventQueue&)> burst() {
  return {
      [](KeyEventQueue& q) { press(q, GLFW_KEY_LEFT_CONTROL); },
      [](KeyEventQueue& q) { press(q, GLFW_KEY_A, GLFW_MOD_CONTROL); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_A); },
      [](KeyEventQueue& q) { press(q, GLFW_KEY_LEFT_SHIFT); },
      [](KeyEventQueue& q) {
        press(q, GLFW_KEY_B, GLFW_MOD_SHIFT);
        q.push_char('B');
      },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_LEFT_SHIFT, GLFW_MOD_SHIFT); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_B); },
      [](KeyEventQueue& q) { type(q, 'o'); },
      [](KeyEventQueue& q) { type(q, 'b'); },
      [](KeyEventQueue& q) { press(q, GLFW_KEY_ENTER); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_ENTER); },
      [](KeyEventQueue& q) { press(q, GLFW_KEY_LEFT_CONTROL); },
      [](KeyEventQueue& q) { press(q, GLFW_KEY_S, GLFW_MOD_CONTROL); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_LEFT_CONTROL, GLFW_MOD_CONTROL); },
      [](KeyEventQueue& q) { release(q, GLFW_KEY_S); },
  };
}

// However the burst is split between frames (a frame after every `every` steps, starting at
// any phase), each key press is seen with the modifiers it was typed with: one select-all,
// the three letters, one save.
TEST(KeyEventQueue, ChordsInABurstAreSeenWithTheirModifiersAtAnyFrameRate) {
  const auto steps = burst();
  for (std::size_t every = 1; every <= steps.size(); ++every)
    for (std::size_t phase = 0; phase < every; ++phase) {
      SCOPED_TRACE("a frame after every " + std::to_string(every) + " steps, phase " + std::to_string(phase));
      KeyEventQueue q;
      int mods = 0, select_all = 0, save = 0;
      std::string typed;
      const auto frame = [&] {
        const std::vector<InputEvent> f = q.take_frame();
        mods = mods_at_frame_end(f, mods);
        for (const InputEvent& e : f) {
          if (e.kind == InputEvent::Kind::Char) typed += static_cast<char>(e.codepoint);
          if (e.kind != InputEvent::Kind::Key || e.action != GLFW_PRESS || is_modifier_key(e.key)) continue;
          EXPECT_EQ(e.mods, mods) << describe(f);
          select_all += e.key == GLFW_KEY_A && mods == GLFW_MOD_CONTROL;
          save += e.key == GLFW_KEY_S && mods == GLFW_MOD_CONTROL;
        }
      };
      for (std::size_t i = 0; i < steps.size(); ++i) {
        steps[i](q);
        if ((i + 1 + phase) % every == 0) frame();
      }
      for (int i = 0; i < 100 && !q.empty(); ++i) frame();
      EXPECT_EQ(select_all, 1);
      EXPECT_EQ(save, 1);
      EXPECT_EQ(typed, "Bob");
    }
}

TEST(KeyEventQueue, ModifierKeys) {
  for (int key : {GLFW_KEY_LEFT_SHIFT, GLFW_KEY_LEFT_CONTROL, GLFW_KEY_LEFT_ALT, GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SHIFT,
                  GLFW_KEY_RIGHT_CONTROL, GLFW_KEY_RIGHT_ALT, GLFW_KEY_RIGHT_SUPER})
    EXPECT_TRUE(is_modifier_key(key)) << key;
  for (int key : {GLFW_KEY_A, GLFW_KEY_ENTER, GLFW_KEY_CAPS_LOCK, GLFW_KEY_MENU, GLFW_KEY_KP_EQUAL})
    EXPECT_FALSE(is_modifier_key(key)) << key;
}

TEST(KeyEventQueue, ReturnAfterTypingComesAFrameLater) {
  KeyEventQueue q;
  type(q, 'B');
  type(q, 'o');
  press(q, GLFW_KEY_ENTER);
  release(q, GLFW_KEY_ENTER);
  const std::vector<std::string> expected = {"+B B", "-B +O o", "-O +Return", "-Return"};
  EXPECT_EQ(frames(q), expected);
}

TEST(KeyEventQueue, BackspaceBetweenCharactersKeepsItsPlace) {
  KeyEventQueue q;
  q.push_char('a');
  press(q, GLFW_KEY_BACKSPACE);
  q.push_char('b');
  release(q, GLFW_KEY_BACKSPACE);
  const std::vector<std::string> expected = {"a", "+BS", "b -BS"};
  EXPECT_EQ(frames(q), expected);
}

TEST(KeyEventQueue, PrintableKeysTypeOnlyWithoutCommandModifiers) {
  EXPECT_TRUE(types_only(GLFW_KEY_A, 0));
  EXPECT_TRUE(types_only(GLFW_KEY_A, GLFW_MOD_SHIFT));
  EXPECT_TRUE(types_only(GLFW_KEY_SPACE, 0));
  EXPECT_TRUE(types_only(GLFW_KEY_KP_5, 0));
  EXPECT_FALSE(types_only(GLFW_KEY_A, GLFW_MOD_CONTROL));
  EXPECT_FALSE(types_only(GLFW_KEY_ENTER, 0));
  EXPECT_FALSE(types_only(GLFW_KEY_KP_ENTER, 0));
  EXPECT_FALSE(types_only(GLFW_KEY_BACKSPACE, 0));
  EXPECT_FALSE(types_only(GLFW_KEY_LEFT_CONTROL, 0));
  EXPECT_FALSE(types_only(GLFW_KEY_LEFT_SHIFT, 0));
}

}  // namespace
}  // namespace smp::studio
