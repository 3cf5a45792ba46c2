// How sure the top view's front direction is (simulation/src/detect/front_vote.cpp), on
// synthetic bald heads: the photo's own cues give the confidence; the habit of photographing
// the face toward the bottom only breaks ties.

#include "detect/head_geometry.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <optional>
#include <string>

namespace {

using smp::sim::ViewKind;
using smp::sim::detect::orient_head;
using smp::sim::detect::Orientation;

const cv::RotatedRect kHead(cv::Point2f(150, 150), cv::Size2f(200, 260), 0);  // longer up and down

// A bald top view, with remaining hair in a crescent along the rim of the end `fringe_y`
// (-1: the top of the photo, +1: the bottom, 0: none).
Orientation orient(int fringe_y, const smp::sim::detect::FrontCues& cues = {}) {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  cv::Mat1b hair(head.size(), uchar{0});
  if (fringe_y != 0) {
    cv::Mat1b inner(head.size(), uchar{0});
    cv::ellipse(inner, cv::RotatedRect(kHead.center, kHead.size * 0.8f, 0), cv::Scalar(255), cv::FILLED);
    cv::bitwise_and(head, ~inner, hair);
    if (fringe_y < 0) hair.rowRange(100, 300).setTo(0);
    else hair.rowRange(0, 200).setTo(0);
  }
  cv::Mat1b skin;
  cv::bitwise_and(head, ~hair, skin);
  const cv::Mat1b luma(head.size(), uchar{128});
  return orient_head(head, skin, hair, skin, luma, kHead, cv::Rect(), std::nullopt, cues);
}

}  // namespace

// Both ends alike: the face is guessed toward the bottom, as photos mostly are, but with no
// confidence, so the plan asks to check it (an upside-down photo is not silently reversed).
TEST(FrontVote, EndsThatLookAlikeGiveAGuessWithoutConfidence) {
  const Orientation o = orient(0);
  EXPECT_EQ(o.view, ViewKind::Top);
  EXPECT_EQ(o.front_dir, cv::Point2d(0, 1));
  EXPECT_LT(o.confidence, 0.05);
}

// A fringe kept at one end marks the back; the face is at the other end, whichever way up the
// photo was taken, and sure.
TEST(FrontVote, AFringeAtOneEndGivesTheOtherEndSurelyEitherWayUp) {
  const Orientation back_up = orient(-1);
  EXPECT_EQ(back_up.front_dir, cv::Point2d(0, 1));
  EXPECT_GE(back_up.confidence, 0.5) << back_up.why;
  const Orientation back_down = orient(+1);
  EXPECT_EQ(back_down.front_dir, cv::Point2d(0, -1));
  EXPECT_GE(back_down.confidence, 0.5) << back_down.why;
  // Upside down, the photo's cues are as sure as the right way up: the habit adds nothing
  // (a sure margin that the margins stay below, so the confidences are not both capped at 1).
  smp::sim::detect::FrontCues unsure;
  unsure.sure_margin = 10.0;
  const double up = orient(-1, unsure).confidence, down = orient(+1, unsure).confidence;
  EXPECT_GT(up, 0.0);
  EXPECT_LT(up, 1.0);
  EXPECT_NEAR(down, up, 1e-9);
}

// A bowed head whose face runs out of the bottom of the photo: the outline's ellipse ends inside
// the photo, the head goes on to its edge, and the brows lie in the ellipse's rim at that end,
// far from any outline (the photo's edge is none). Only the fringe hugging the outline at the
// top marks the back.
TEST(FrontVote, DarkFeaturesWhereThePhotoCutsTheHeadOffAreNoFringe) {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  head(cv::Rect(60, 150, 180, 150)).setTo(255);  // the face, down to the photo's edge
  cv::Mat1b hair(head.size(), uchar{0});
  cv::Mat1b inner(head.size(), uchar{0});
  cv::ellipse(inner, cv::RotatedRect(kHead.center, kHead.size * 0.9f, 0), cv::Scalar(255), cv::FILLED);
  cv::bitwise_and(head, ~inner, hair);
  hair.rowRange(100, 300).setTo(0);  // a thin fringe at the back (top)
  for (const int x0 : {106, 156}) hair(cv::Rect(x0, 250, 38, 20)).setTo(255);  // the brows
  cv::Mat1b skin;
  cv::bitwise_and(head, ~hair, skin);
  const cv::Mat1b luma(head.size(), uchar{128});
  const Orientation o = orient_head(head, skin, hair, skin, luma, kHead, cv::Rect(), std::nullopt);
  EXPECT_EQ(o.front_dir, cv::Point2d(0, 1)) << o.why;
  EXPECT_GE(o.confidence, 0.6) << o.why;
  // The same head cut down to a tighter outline (the skull's ellipse found from the photo's
  // edges): that cut is no outline in the photo, so the brows beside it are still no fringe.
  cv::Mat1b skull(head.size(), uchar{0});
  cv::ellipse(skull, cv::RotatedRect(kHead.center, kHead.size * 1.04f, 0), cv::Scalar(255), cv::FILLED);
  cv::Mat1b cut, cut_skin, cut_hair;
  cv::bitwise_and(head, skull, cut);
  cv::bitwise_and(skin, skull, cut_skin);
  cv::bitwise_and(hair, skull, cut_hair);
  const Orientation tight =
      orient_head(cut, cut_skin, cut_hair, cut_skin, luma, kHead, cv::Rect(), std::nullopt, {}, head);
  EXPECT_EQ(tight.front_dir, cv::Point2d(0, 1)) << tight.why;
  EXPECT_GE(tight.confidence, 0.6) << tight.why;
}

// A bald head seen from above, 12 % broader toward `back_y` (-1: the top of the photo), with
// its left `cut` columns off the photo.
cv::Mat1b egg_head(int back_y, int cut = 0) {
  cv::Mat1b head(300, 300, uchar{0});
  const double a = kHead.size.height / 2, b = kHead.size.width / 2;
  for (int y = 0; y < head.rows; ++y) {
    const double v = (y - static_cast<double>(kHead.center.y)) / a;  // -1 at the top, +1 at the bottom
    if (std::abs(v) >= 1) continue;
    const double half = b * std::sqrt(1 - v * v) * (1 + 0.12 * v * back_y);
    const int x0 = static_cast<int>(std::lround(kHead.center.x - half));
    const int x1 = static_cast<int>(std::lround(kHead.center.x + half));
    head.row(y).colRange(x0, x1).setTo(255);
  }
  return cut > 0 ? cv::Mat1b(head.colRange(cut, head.cols).clone()) : head;
}

// The breadth cue's value toward `d` in the vote's note ("broader behind N%").
int broader_behind_percent(const std::string& why, const std::string& d) {
  const std::size_t at = why.find("(" + d + ")");
  const std::string key = "broader behind ";
  const std::size_t k = why.find(key, at);
  return at == std::string::npos || k == std::string::npos ? -999 : std::stoi(why.substr(k + key.size()));
}

// A bald head with no fringe, no face and even light: seen from above the skull is an egg,
// broadest behind its middle, so the narrow end is the front, whichever way up the photo is,
// by a margin of its own (without the breadth cue both ends tie). At its full weight the cue
// alone only equals the habit of photographing the face toward the bottom, so the habit is
// left out here: with the other cues it decides between directions that they leave close.
// The ellipse is fitted to the head as in the detection.
TEST(FrontVote, TheSkullsNarrowEndIsTheFront) {
  smp::sim::detect::FrontCues no_habit;
  no_habit.down_prior = 0;
  smp::sim::detect::FrontCues without = no_habit;
  without.breadth_weight = 0;
  for (const int back_y : {-1, +1}) {
    const cv::Mat1b head = egg_head(back_y);
    const std::optional<cv::RotatedRect> fitted = smp::sim::detect::fit_head_ellipse(head);
    ASSERT_TRUE(fitted);
    const cv::Mat1b hair(head.size(), uchar{0});
    const cv::Mat1b luma(head.size(), uchar{128});
    const Orientation o = orient_head(head, head, hair, head, luma, *fitted, cv::Rect(), std::nullopt, no_habit);
    EXPECT_EQ(o.front_dir, cv::Point2d(0, -back_y)) << o.why;
    EXPECT_GE(o.confidence, 0.4) << o.why;
    EXPECT_LT(orient_head(head, head, hair, head, luma, *fitted, cv::Rect(), std::nullopt, without).confidence, 0.05);
  }
}

// Where the photo's border cuts the head off, the cut side would read narrow: the breadth cue
// gives no evidence there (bare scalp running out of the photo is the "open" cue's).
TEST(FrontVote, AHeadCutOffByThePhotoGivesNoBreadthEvidence) {
  const cv::Mat1b head = egg_head(-1, 80);  // broad end at the top, its left side cut off
  const std::optional<cv::RotatedRect> fitted = smp::sim::detect::fit_head_ellipse(head);
  ASSERT_TRUE(fitted);
  const cv::Mat1b hair(head.size(), uchar{0});
  const cv::Mat1b luma(head.size(), uchar{128});
  const Orientation o = orient_head(head, head, hair, head, luma, *fitted, cv::Rect(), std::nullopt);
  EXPECT_EQ(broader_behind_percent(o.why, "0,1"), 0) << o.why;
  EXPECT_EQ(broader_behind_percent(o.why, "0,-1"), 0) << o.why;
  // Uncut, the same head reads broader at the top.
  const cv::Mat1b whole = egg_head(-1);
  const Orientation w = orient_head(whole, whole, cv::Mat1b(whole.size(), uchar{0}), whole,
                                    cv::Mat1b(whole.size(), uchar{128}), *smp::sim::detect::fit_head_ellipse(whole),
                                    cv::Rect(), std::nullopt);
  EXPECT_GT(broader_behind_percent(w.why, "0,1"), 3) << w.why;
}
