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

// A face found below a bare midline: a portrait's skull rises well above the face box, a
// bowed head's crown hardly does.
TEST(ForeheadScan, AFaceBelowABareCrownMakesATopViewNotAPortrait) {
  const cv::Mat1b head = head_mask();  // rows 20-280
  const cv::Mat1b skin = head.clone(), hair(head.size(), uchar{0});
  const cv::Mat1b luma(head.size(), uchar{128});
  const cv::Rect bowed(60, 80, 180, 190);     // head top 60 px above: 0.32 face heights
  const cv::Rect portrait(80, 150, 140, 120);  // head top 130 px above: 1.1 face heights
  const auto top = orient_head(head, skin, hair, head, luma, kHead, bowed);
  EXPECT_EQ(top.view, ViewKind::Top);
  EXPECT_TRUE(top.face_below_crown);
  const auto front = orient_head(head, skin, hair, head, luma, kHead, portrait);
  EXPECT_EQ(front.view, ViewKind::Front);
  EXPECT_FALSE(front.face_below_crown);
}
