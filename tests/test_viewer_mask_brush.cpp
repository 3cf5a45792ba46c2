// The viewer's mask brush and its overlay: hard and soft stamps, the eraser, and the overlay's
// colour per layer (none for the treatment off the head of a buzzed photo).

#include "core/mask_brush.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace smp::studio {
namespace {

TEST(MaskBrush, HardBrushPaintsADiscAndEraserClearsIt) {
  cv::Mat1b m(100, 100, std::uint8_t{0});
  const cv::Rect r = stamp(m, {50, 50}, {10, 1.0, false});
  EXPECT_EQ(m(50, 50), 255);
  EXPECT_EQ(m(50, 58), 255);
  EXPECT_EQ(m(50, 62), 0);
  EXPECT_TRUE(r.contains({50, 41}));
  const double painted = cv::sum(m)[0] / 255.0;
  EXPECT_NEAR(painted, M_PI * 100, 15);
  stroke(m, {50, 50}, {50, 50.1}, {12, 1.0, true});
  EXPECT_EQ(cv::countNonZero(m), 0);
}

TEST(MaskBrush, SoftBrushFallsOff) {
  cv::Mat1b m(100, 100, std::uint8_t{0});
  stamp(m, {50, 50}, {20, 0.0, false});
  EXPECT_GT(m(50, 50), 250);
  EXPECT_GT(m(50, 60), 60);
  EXPECT_LT(m(50, 60), 200);
  EXPECT_LT(m(50, 69), 10);
}

TEST(MaskBrush, OverlayColoursEachLayer) {
  cv::Mat1b t(10, 10, std::uint8_t{255}), s(10, 10, std::uint8_t{0}), e;
  s(2, 2) = 255;
  const cv::Mat4b o = mask_overlay_image(t, s, e, {20, 20});  // resampled to the overlay size
  EXPECT_GT(o(0, 0)[3], 0);
  EXPECT_NE(o(4, 4), o(0, 0));  // the scar pixel differs from plain treatment
  // Over a buzzed photo's background (off the head) the treatment and scar are not tinted; the
  // exclusion still is.
  cv::Mat1b off(10, 10, std::uint8_t{0}), ex(10, 10, std::uint8_t{0});
  off.colRange(0, 5).setTo(255);
  ex(8, 1) = 255;
  const cv::Mat4b b = mask_overlay_image(t, s, ex, {20, 20}, off);
  EXPECT_EQ(b(0, 0)[3], 0);
  EXPECT_EQ(b(4, 4)[3], 0);
  EXPECT_GT(b(16, 2)[3], 0);
  EXPECT_EQ(b(0, 19), o(0, 19));
}

}  // namespace
}  // namespace smp::studio
