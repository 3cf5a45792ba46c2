// The buzz preview's new silhouette (render/src/buzz_silhouette.*): as soft as the photo's own
// edges where the background drawn behind the removed hair meets the head, never a row of
// pixel steps; ears and everything away from that border keep their weight.

#include "../render/src/buzz_silhouette.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace {

using namespace smp;
using namespace smp::test;

// Pixels of column `x` of `w` strictly between 0.05 and 0.95: the width of its ramp.
int ramp_width(const cv::Mat1f& w, int x) {
  int n = 0;
  for (int y = 0; y < w.rows; ++y) n += w(y, x) > 0.05f && w(y, x) < 0.95f;
  return n;
}

TEST(BuzzSilhouette, AStaircaseOutlineBecomesASoftRampExceptOnKeptSkin) {
  // The background drawn above a shallow line (a binary outline: long runs and one-pixel steps),
  // the head below it.
  cv::Mat1b uncover(120, 160, uchar{0});
  for (int y = 0; y < uncover.rows; ++y)
    for (int x = 0; x < uncover.cols; ++x)
      if (y < 40 + 0.2 * x) uncover(y, x) = 255;
  cv::Mat1b head_after;
  cv::bitwise_not(uncover, head_after);
  cv::Mat1b kept(uncover.size(), uchar{0});
  kept(cv::Rect(120, 50, 20, 30)).setTo(255);  // an ear across the border
  cv::Mat1f weight;
  uncover.convertTo(weight, CV_32F, 1.0 / 255);
  cv::GaussianBlur(weight, weight, cv::Size(), 0.5, 0.5);
  const cv::Mat1f before = weight.clone();

  ASSERT_TRUE(render::detail::soften_silhouette(uncover, head_after, kept, 1.2, weight));
  for (const int x : {10, 37, 64, 90}) {
    EXPECT_LE(ramp_width(before, x), 2) << x;
    EXPECT_GE(ramp_width(weight, x), 4) << x;
    // Still the background above the border and the head below it, about half way on it.
    const int edge = static_cast<int>(std::ceil(40 + 0.2 * x));
    EXPECT_GT(weight(edge - 6, x), 0.99f);
    EXPECT_LT(weight(edge + 6, x), 0.01f);
    EXPECT_NEAR(0.5f * (weight(edge - 1, x) + weight(edge, x)), 0.5f, 0.15f);
  }
  // The ear and everything beyond the blur's reach of the border keep their weight.
  cv::Mat1f diff;
  cv::absdiff(weight, before, diff);
  double worst = 0;
  cv::minMaxLoc(diff, nullptr, &worst, nullptr, nullptr, kept);
  EXPECT_EQ(worst, 0.0);
  for (int y = 0; y < weight.rows; ++y)
    for (int x = 0; x < weight.cols; ++x)
      if (std::abs(y - (40 + 0.2 * x)) > 6) {
        ASSERT_EQ(weight(y, x), before(y, x)) << x << "," << y;
      }
  // Nothing to soften: no change, said so.
  cv::Mat1f same = before.clone();
  EXPECT_FALSE(render::detail::soften_silhouette(cv::Mat1b(uncover.size(), uchar{0}), head_after, kept, 1.2, same));
  EXPECT_FALSE(render::detail::soften_silhouette(uncover, head_after, kept, 0.0, same));
  EXPECT_EQ(cv::norm(same, before, cv::NORM_INF), 0.0);
}

// On the synthetic head, whose hair stands beyond the skull, the output's new outline climbs
// from the wall to the scalp over several pixels, as the photo's own edges do.
TEST(BuzzSilhouette, TheBuzzedHeadsOutlineIsNoPixelStep) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::Smooth);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  ASSERT_EQ(regions.work, img.size());  // the work size is the photo's: its pixel steps would show
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  cv::Mat1b grey;
  cv::cvtColor(buzz.image, grey, cv::COLOR_BGR2GRAY);
  // Columns over the top of the head, where the uncovered hair lies above the new outline.
  double steepest_share = 0;
  int columns = 0;
  for (int x = 260; x <= 380; x += 4) {
    int edge = -1;
    for (int y = 1; y < img.rows; ++y)
      if (regions.uncover(y - 1, x) && regions.head_after(y, x)) edge = y;
    if (edge < 8) continue;
    const double wall = grey(edge - 7, x), scalp = grey(edge + 6, x);
    if (wall - scalp < 30) continue;
    double steepest = 0;
    for (int y = edge - 5; y <= edge + 4; ++y) steepest = std::max(steepest, static_cast<double>(grey(y, x)) - grey(y + 1, x));
    steepest_share += steepest / (wall - scalp);
    ++columns;
  }
  ASSERT_GE(columns, 10);
  // A one-pixel step takes most of the contrast in one pixel (about 0.8 with the feather alone);
  // blurred by a sigma of 0.7 px or more, at most about 0.55.
  EXPECT_LT(steepest_share / columns, 0.62);
}

}  // namespace
