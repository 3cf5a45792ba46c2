// Input the viewer must never lose: double clicks are told by the presses' own times, so a
// slow frame between the two clicks (a 12 MP photo on software GL) changes nothing.

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

}  // namespace
}  // namespace smp::studio
