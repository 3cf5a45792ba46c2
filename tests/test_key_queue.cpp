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
