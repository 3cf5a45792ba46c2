// The detection's exposure step (simulation/src/detect/exposure): an underexposed photo is
// brought up to the exposures the detection's rules were made at.

#include "detect/exposure.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

using smp::sim::detect::brightened_to;
using smp::sim::detect::bright_luma;

// A grey ramp: a row of every level from 0 to `top`, repeated down the image.
cv::Mat3b ramp(int top) {
  cv::Mat3b img(20, top + 1);
  for (int x = 0; x <= top; ++x) img.col(x).setTo(cv::Vec3b::all(static_cast<uchar>(x)));
  return img;
}

TEST(Exposure, BrightLumaIsThe99thPercentile) {
  EXPECT_EQ(bright_luma(ramp(199)), 197);  // 200 levels: 99 % of the pixels lie at or below 197
  EXPECT_EQ(bright_luma(cv::Mat3b(10, 10, cv::Vec3b(30, 60, 90))), 66);  // the grey of that colour
  EXPECT_EQ(bright_luma(cv::Mat3b()), 0);
}

TEST(Exposure, ADarkPhotoIsBroughtUpAndABrightOneStays) {
  const cv::Mat3b dark = ramp(149), bright = ramp(255);
  EXPECT_NEAR(bright_luma(brightened_to(dark, 196)), 196, 2);
  EXPECT_EQ(brightened_to(bright, 196).data, bright.data);
  // Colours keep their proportions: a skin tone darkened by 0.7 comes back within a level.
  const cv::Mat3b skin(8, 8, cv::Vec3b(120, 150, 205));
  cv::Mat3b dim;
  skin.convertTo(dim, CV_8UC3, 0.7);
  const cv::Vec3b back = brightened_to(dim, bright_luma(skin))(0, 0);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(back[c], skin(0, 0)[c], 1.5) << "channel " << c;
}

TEST(Exposure, AnExposedPhotoIsSharedAndTheGainIsBounded) {
  const cv::Mat3b exposed = ramp(220);
  EXPECT_EQ(brightened_to(exposed, 196).data, exposed.data);
  EXPECT_EQ(brightened_to(exposed, 0).data, exposed.data);
  const cv::Mat3b black(8, 8, cv::Vec3b(0, 0, 0)), nearly_there = ramp(197);
  EXPECT_EQ(brightened_to(black, 196).data, black.data);
  ASSERT_EQ(bright_luma(nearly_there), 196);
  EXPECT_EQ(brightened_to(nearly_there, 196.5).data, nearly_there.data) << "a gain within half a percent of 1";
  const cv::Mat3b nearly_black = ramp(40);
  EXPECT_NEAR(bright_luma(brightened_to(nearly_black, 196)), 2 * bright_luma(nearly_black), 2);
}

}  // namespace
