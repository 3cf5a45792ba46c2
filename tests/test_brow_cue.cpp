// The eyebrow cue of the front vote (simulation/src/detect/brow_cue.hpp), on synthetic heads.

#include "detect/brow_cue.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <optional>

namespace {

using smp::sim::detect::brows_toward;

const cv::RotatedRect kHead(cv::Point2f(150, 150), cv::Size2f(200, 260), 0);

cv::Mat1b head_mask() {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  return head;
}

void bar(cv::Mat1b& hair, cv::Point centre, cv::Size half_axes) {
  cv::ellipse(hair, centre, half_axes, 0, 0, 360, cv::Scalar(255), cv::FILLED);
}

}  // namespace

TEST(BrowCue, TwoBarsAcrossTheAxisWithFaceBeyondMarkTheFront) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b hair(head.size(), uchar{0});
  bar(hair, {115, 230}, {22, 5});
  bar(hair, {185, 230}, {22, 5});
  const std::optional<double> at = brows_toward(head, hair, kHead, {0, 1});
  ASSERT_TRUE(at);
  EXPECT_NEAR(*at, 80.0 / 130.0, 0.03);  // 80 px ahead of the centre; front semi-axis 130 px
  EXPECT_FALSE(brows_toward(head, hair, kHead, {0, -1}));
  EXPECT_FALSE(brows_toward(head, hair, kHead, {1, 0}));
}

TEST(BrowCue, OneBarOrBarsAlongTheAxisAreNotBrows) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b one(head.size(), uchar{0});
  bar(one, {115, 230}, {22, 5});
  EXPECT_FALSE(brows_toward(head, one, kHead, {0, 1}));
  cv::Mat1b along(head.size(), uchar{0});  // strands combed front to back, not brows
  bar(along, {115, 220}, {5, 22});
  bar(along, {185, 220}, {5, 22});
  EXPECT_FALSE(brows_toward(head, along, kHead, {0, 1}));
}

// The Norwood horseshoe: hair along the outline at the back and sides, nothing beyond it.
TEST(BrowCue, FringeAlongTheOutlineIsNotBrows) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b inner;
  cv::erode(head, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {31, 31}));
  cv::Mat1b hair;
  cv::bitwise_and(head, ~inner, hair);
  hair(cv::Rect(0, 200, 300, 100)).setTo(0);  // the fringe stops before the front
  for (const cv::Point2d dir : {cv::Point2d(0, 1), cv::Point2d(0, -1), cv::Point2d(1, 0), cv::Point2d(-1, 0)})
    EXPECT_FALSE(brows_toward(head, hair, kHead, dir)) << dir;
}

// A bowed head's photo may end just past the brows: the part of the face it shows beyond them
// is skin, and what it does not show is no evidence against them. Hair beyond them still is.
TEST(BrowCue, BrowsWhereThePhotoEndsJustPastThem) {
  cv::Mat1b head = head_mask();
  head.rowRange(150, 300).setTo(255);  // the face goes on down
  cv::Mat1b hair(head.size(), uchar{0});
  bar(hair, {115, 230}, {22, 5});
  bar(hair, {185, 230}, {22, 5});
  const cv::Mat1b cut_head = head.rowRange(0, 244).clone(), cut_hair = hair.rowRange(0, 244).clone();
  const std::optional<double> at = brows_toward(cut_head, cut_hair, kHead, {0, 1});
  ASSERT_TRUE(at);
  EXPECT_NEAR(*at, 80.0 / 130.0, 0.03);
  cv::Mat1b hair_beyond = cut_hair.clone();
  hair_beyond.rowRange(238, 244).setTo(255);
  EXPECT_FALSE(brows_toward(cut_head, hair_beyond, kHead, {0, 1}));
}

// Hair the photo's edge cuts off, with nothing of the head shown beyond it, is no pair of brows:
// a band along the edge parted in the middle, or two bars the photo ends inside.
TEST(BrowCue, HairCutOffByThePhotosEdgeIsNotBrows) {
  cv::Mat1b head = head_mask();
  head.rowRange(150, 300).setTo(255);
  for (const int gap : {4, 10, 20}) {
    cv::Mat1b hair(head.size(), uchar{0});
    hair(cv::Rect(80, 222, 140, 12)).setTo(255);
    hair(cv::Rect(150 - gap / 2, 222, gap, 12)).setTo(0);
    const cv::Mat1b cut_head = head.rowRange(0, 234).clone(), cut_hair = hair.rowRange(0, 234).clone();
    EXPECT_FALSE(brows_toward(cut_head, cut_hair, kHead, {0, 1})) << "gap " << gap;
  }
  cv::Mat1b bars(head.size(), uchar{0});
  bar(bars, {115, 230}, {22, 5});
  bar(bars, {185, 230}, {22, 5});
  EXPECT_FALSE(brows_toward(head.rowRange(0, 234).clone(), bars.rowRange(0, 234).clone(), kHead, {0, 1}));
}
