// The bowed-head cues (simulation/src/detect/forehead_scan.hpp and orient_head's face check),
// on synthetic heads.

#include "detect/forehead_scan.hpp"
#include "detect/head_geometry.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <optional>

namespace {

using smp::sim::ViewKind;
using smp::sim::detect::hair_start_toward;
using smp::sim::detect::orient_head;

const cv::RotatedRect kHead(cv::Point2f(150, 150), cv::Size2f(200, 260), 0);  // front semi-axis 130 px

cv::Mat1b head_mask() {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  return head;
}

// Texture of a head whose hair grows behind row `hair_from` (busy every third pixel, like
// sparse strands) and whose skin in front of it is smooth.
cv::Mat1f texture_with_hair_behind(int hair_from) {
  cv::Mat1f texture(300, 300, 3.0f);
  for (int y = 0; y < hair_from; ++y)
    for (int x = y % 3; x < 300; x += 3) texture(y, x) = 20.0f;
  return texture;
}

}  // namespace

TEST(ForeheadScan, SmoothForeheadThenHairGivesWhereTheHairStarts) {
  const cv::Mat1b head = head_mask();
  const std::optional<double> u = hair_start_toward(texture_with_hair_behind(190), head, kHead, {0, 1});
  ASSERT_TRUE(u);
  EXPECT_NEAR(*u, 40.0 / 130.0, 0.06);  // row 190 lies 40 px ahead of the centre
}

TEST(ForeheadScan, NoChangeOnTheMidlineGivesNothing) {
  const cv::Mat1b head = head_mask();
  EXPECT_FALSE(hair_start_toward(cv::Mat1f(300, 300, 3.0f), head, kHead, {0, 1}));   // bald throughout
  EXPECT_FALSE(hair_start_toward(cv::Mat1f(300, 300, 20.0f), head, kHead, {0, 1}));  // hair throughout
  // Hair that starts only behind the centre is the crown's, not a hairline's.
  EXPECT_FALSE(hair_start_toward(texture_with_hair_behind(120), head, kHead, {0, 1}));
}

// A face found above a bare midline: a portrait's eyes look at the camera; a head bowed toward
// it shows brows and lids but no eye, and is a top view with its face at the front.
TEST(ForeheadScan, AFaceWithoutEyesBelowABareCrownIsABowedHead) {
  const cv::Mat1b head = head_mask();
  const cv::Mat1b skin = head.clone(), hair(head.size(), uchar{0});
  const cv::Mat1b luma(head.size(), uchar{128});
  const cv::Rect face(60, 80, 180, 190);
  const auto bowed = orient_head(head, skin, hair, head, luma, kHead, face, false);
  EXPECT_EQ(bowed.view, ViewKind::Top);
  EXPECT_TRUE(bowed.face_below_crown);
  for (const std::optional<bool> eyes : {std::optional<bool>(true), std::optional<bool>()}) {  // seen, or not looked for
    const auto portrait = orient_head(head, skin, hair, head, luma, kHead, face, eyes);
    EXPECT_EQ(portrait.view, ViewKind::Front);
    EXPECT_FALSE(portrait.face_below_crown);
  }
  // Hair on the midline: the usual frontal cues decide, not the missing eyes.
  cv::Mat1b haired_skin = skin.clone(), haired = hair.clone();
  haired_skin.rowRange(0, 160).setTo(0);
  haired.rowRange(0, 160).setTo(255);
  haired &= head;
  EXPECT_FALSE(orient_head(head, haired_skin, haired, head, luma, kHead, face, false).face_below_crown);
}
