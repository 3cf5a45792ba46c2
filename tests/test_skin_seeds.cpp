// The skin model's seeds (simulation/src/detect/skin_model.hpp): brown hair passes the broad
// skin rule, and the photo's skin colour must be learned from the skin, not from the hair.

#include "detect/skin_model.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

namespace {

using smp::sim::detect::drop_hair_coloured_seeds;

// Left half `left` (YCrCb), right half `right`, with +-`noise` levels of luma grain on the right.
cv::Mat3b halves(cv::Vec3b left, cv::Vec3b right, int noise) {
  cv::Mat3b img(120, 200, left);
  cv::RNG rng(7);
  for (int y = 0; y < img.rows; ++y)
    for (int x = img.cols / 2; x < img.cols; ++x) {
      img(y, x) = right;
      img(y, x)[0] = cv::saturate_cast<uchar>(right[0] + rng.uniform(-noise, noise + 1));
    }
  return img;
}

cv::Mat1f texture_of(const cv::Mat3b& img, float left, float right) {
  cv::Mat1f t(img.size(), left);
  t.colRange(img.cols / 2, img.cols).setTo(right);
  return t;
}

}  // namespace

TEST(SkinSeeds, DarkBusyLessRedGroupIsDroppedAsHair) {
  // Skin: bright and red. Brown hair: half as bright at most, yellower, busier.
  const cv::Mat3b img = halves({160, 158, 106}, {68, 138, 117}, 6);
  const cv::Mat1b seeds(img.size(), uchar{255});
  const cv::Mat1b kept = drop_hair_coloured_seeds(img, texture_of(img, 1.5f, 5.0f), seeds);
  EXPECT_EQ(cv::countNonZero(kept.colRange(0, 100)), 100 * 120);
  EXPECT_EQ(cv::countNonZero(kept.colRange(100, 200)), 0);
}

TEST(SkinSeeds, ShadedSkinAndOneColourAreKept) {
  const cv::Mat1b seeds(120, 200, uchar{255});
  // The dome's shadow side: same colour, darker, not busier.
  const cv::Mat3b shaded = halves({160, 150, 110}, {100, 150, 110}, 0);
  EXPECT_EQ(cv::countNonZero(drop_hair_coloured_seeds(shaded, texture_of(shaded, 2, 2), seeds)), 200 * 120);
  // A second colour group that is not much darker: skin under other light, kept.
  const cv::Mat3b two_lights = halves({160, 158, 106}, {120, 138, 117}, 0);
  EXPECT_EQ(cv::countNonZero(drop_hair_coloured_seeds(two_lights, texture_of(two_lights, 2, 5), seeds)), 200 * 120);
  // Darker and less red but smoother than the rest: not hair.
  const cv::Mat3b smooth_dark = halves({160, 158, 106}, {68, 138, 117}, 0);
  EXPECT_EQ(cv::countNonZero(drop_hair_coloured_seeds(smooth_dark, texture_of(smooth_dark, 5, 1.5f), seeds)), 200 * 120);
}
