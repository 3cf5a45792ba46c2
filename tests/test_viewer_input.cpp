// Input the viewer must never lose: double clicks are told by the presses' own times, so a
// slow frame between the two clicks (a 12 MP photo on software GL) changes nothing.

#include "core/message_log.hpp"
#include "core/mouse_click.hpp"

#include <gtest/gtest.h>

namespace smp::studio {
namespace {

TEST(DoubleClick, ToldByThePressTimesNotByFrames) {
  const MouseClick first{0, 0, 10.00, 100, 100};
  // 0.25 s apart: a double click, however many frames (or none) fell between them.
  EXPECT_TRUE(is_double_click(first, {0, 0, 10.25, 102, 101}));
  // Too slow, too far, another button, or no first click at all: not one.
  EXPECT_FALSE(is_double_click(first, {0, 0, 10.55, 100, 100}));
  EXPECT_FALSE(is_double_click(first, {0, 0, 10.10, 120, 100}));
  EXPECT_FALSE(is_double_click(first, {1, 0, 10.10, 100, 100}));
  EXPECT_FALSE(is_double_click(MouseClick{}, {0, 0, 0.1, 0, 0}));
  EXPECT_FALSE(is_double_click(first, {0, 0, 9.9, 100, 100})) << "presses come in time order";
}

// One channel: every message is kept in the history; the status bar shows one at a time,
// fading out at the end, and a repeated line is not queued twice.
TEST(Messages, OneAtATimeWithHistoryAndFade) {
  MessageLog log;
  log.post(Level::Info, "Saved a.jpg", 2.0);
  log.post(Level::Warning, "No logo", 2.0);
  log.post(Level::Warning, "No logo", 2.0);
  ASSERT_EQ(log.history().size(), 3u);
  ASSERT_TRUE(log.current());
  EXPECT_EQ(log.current()->text, "Saved a.jpg");
  EXPECT_FLOAT_EQ(log.current_opacity(), 1.0f);
  log.tick(1.75);
  EXPECT_NEAR(log.current_opacity(), 0.5f, 1e-6);
  log.tick(0.25);
  ASSERT_TRUE(log.current());
  EXPECT_EQ(log.current()->level, Level::Warning);
  log.tick(2.0);
  EXPECT_FALSE(log.showing()) << "the repeated warning was queued twice";
  for (int i = 0; i < 300; ++i) log.post(Level::Info, std::to_string(i));
  EXPECT_EQ(log.history().size(), MessageLog::kHistory);
  EXPECT_EQ(log.history().back().text, "299");
}

}  // namespace
}  // namespace smp::studio
