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
  // the clipped scalp below it.
  cv::Mat1b uncover(120, 160, uchar{0});
  for (int y = 0; y < uncover.rows; ++y)
    for (int x = 0; x < uncover.cols; ++x)
      if (y < 40 + 0.2 * x) uncover(y, x) = 255;
  cv::Mat1b head_after;
  cv::bitwise_not(uncover, head_after);
  cv::Mat1b kept(uncover.size(), uchar{0});
  kept(cv::Rect(120, 50, 20, 30)).setTo(255);  // an ear across the border
  cv::Mat1f clip_w, bg_w;
  head_after.convertTo(clip_w, CV_32F, 1.0 / 255);
  uncover.convertTo(bg_w, CV_32F, 1.0 / 255);
  clip_w(cv::Rect(0, 100, 160, 20)).setTo(0);  // photo kept below the clipped scalp
  cv::GaussianBlur(clip_w, clip_w, cv::Size(), 0.5, 0.5);
  cv::GaussianBlur(bg_w, bg_w, cv::Size(), 0.5, 0.5);
  const cv::Mat1f clip_before = clip_w.clone(), bg_before = bg_w.clone();

  ASSERT_TRUE(render::detail::soften_silhouette(uncover, head_after, kept, 1.2, clip_w, bg_w));
  for (const int x : {10, 37, 64, 90}) {
    EXPECT_LE(ramp_width(bg_before, x), 2) << x;
    EXPECT_GE(ramp_width(bg_w, x), 4) << x;
    // Still the background above the border and the scalp below it, about half way on it.
    const int edge = static_cast<int>(std::ceil(40 + 0.2 * x));
    EXPECT_GT(bg_w(edge - 6, x), 0.99f);
    EXPECT_LT(bg_w(edge + 6, x), 0.01f);
    EXPECT_NEAR(0.5f * (bg_w(edge - 1, x) + bg_w(edge, x)), 0.5f, 0.15f);
  }
  // What the photo keeps is the same everywhere: the soft edge shares the scalp's and the
  // background's weight, it never lets the removed hair show through.
  cv::Mat1f sum_before, sum_after;
  cv::add(clip_before, bg_before, sum_before);
  cv::add(clip_w, bg_w, sum_after);
  EXPECT_LE(cv::norm(sum_after, sum_before, cv::NORM_INF), 1e-5);
  // The ear and everything beyond the blur's reach of the border keep their weights.
  EXPECT_EQ(cv::norm(bg_w, bg_before, cv::NORM_INF, kept), 0.0);
  EXPECT_EQ(cv::norm(clip_w, clip_before, cv::NORM_INF, kept), 0.0);
  for (int y = 0; y < bg_w.rows; ++y)
    for (int x = 0; x < bg_w.cols; ++x)
      if (std::abs(y - (40 + 0.2 * x)) > 6) {
        ASSERT_EQ(bg_w(y, x), bg_before(y, x)) << x << "," << y;
        ASSERT_EQ(clip_w(y, x), clip_before(y, x)) << x << "," << y;
      }
  // Nothing to soften: no change, said so.
  cv::Mat1f c = clip_before.clone(), b = bg_before.clone();
  EXPECT_FALSE(render::detail::soften_silhouette(cv::Mat1b(uncover.size(), uchar{0}), head_after, kept, 1.2, c, b));
  EXPECT_FALSE(render::detail::soften_silhouette(uncover, head_after, kept, 0.0, c, b));
  EXPECT_EQ(cv::norm(c, clip_before, cv::NORM_INF) + cv::norm(b, bg_before, cv::NORM_INF), 0.0);
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
