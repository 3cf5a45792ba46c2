// The buzz preview's outlines. The new silhouette (render/src/buzz_silhouette.*): as soft as
// the photo's own edges where the background drawn behind the removed hair meets the head,
// never a row of pixel steps; ears and everything away from that border keep their weight.
// The old outline of the removed hair: the wall goes on across it, no band tracing it.

#include "../render/src/buzz_silhouette.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
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

// A thin uncovered ring between the head and the wall kept beyond it: the soft edge shares the
// weight between the ring and the head only, so the scalp's weight never reaches out past the
// ring onto the wall (shared against everything not uncovered, it rose again at the ring's
// outer edge, painting skin on the wall).
TEST(BuzzSilhouette, AThinRingKeepsTheScalpOffTheWallBeyondIt) {
  const cv::Size size(200, 200);
  cv::Mat1b head_after(size, uchar{0}), uncover(size, uchar{0});
  cv::circle(head_after, {100, 100}, 60, cv::Scalar(255), cv::FILLED);
  cv::circle(uncover, {100, 100}, 63, cv::Scalar(255), cv::FILLED);  // a 3 px ring
  uncover.setTo(0, head_after);
  cv::Mat1f clip_w, bg_w;
  head_after.convertTo(clip_w, CV_32F, 1.0 / 255);
  uncover.convertTo(bg_w, CV_32F, 1.0 / 255);
  cv::GaussianBlur(clip_w, clip_w, cv::Size(), 0.5, 0.5);
  cv::GaussianBlur(bg_w, bg_w, cv::Size(), 0.5, 0.5);
  ASSERT_TRUE(render::detail::soften_silhouette(uncover, head_after, cv::Mat1b(), 1.5, clip_w, bg_w));
  double worst = 0;
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x)
      if (std::hypot(x - 100.0, y - 100.0) >= 63.0) worst = std::max(worst, static_cast<double>(clip_w(y, x)));
  EXPECT_LT(worst, 0.05);  // the ring's outer pixels and the wall: background or photo, no scalp
  // Across the ring the scalp's weight only falls.
  for (int x = 157; x < 164; ++x) EXPECT_LE(clip_w(100, x + 1), clip_w(100, x) + 1e-6f) << x;
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
    for (int y = edge - 5; y <= edge + 4; ++y)
      steepest = std::max(steepest, static_cast<double>(grey(y, x)) - grey(y + 1, x));
    steepest_share += steepest / (wall - scalp);
    ++columns;
  }
  ASSERT_GE(columns, 10);
  // A one-pixel step takes most of the contrast in one pixel (about 0.8 with the feather alone);
  // blurred by a sigma of 0.7 px or more, at most about 0.55.
  EXPECT_LT(steepest_share / columns, 0.62);
}

}  // namespace

namespace {

// Mean output luma of the pixels at a distance band from the removed hair: `lo` < d <= `hi`
// outside it (positive, off the head) or inside it (negative), away from the head itself.
double band_luma(const cv::Mat1b& grey, const smp::render::BuzzImage& buzz, const smp::sim::BuzzRegions& r, float lo,
                 float hi) {
  cv::Mat1b beyond, outside, off_head;
  cv::bitwise_or(r.head_after, r.uncover, beyond);
  if (!r.kept_skin.empty()) cv::bitwise_or(beyond, r.kept_skin, beyond);
  cv::bitwise_or(beyond, buzz.removed, beyond);
  cv::bitwise_not(beyond, outside);
  cv::bitwise_not(r.head_after, off_head);
  cv::Mat1f out_d, in_d, to_head;
  cv::distanceTransform(outside, out_d, cv::DIST_L2, 3);
  cv::distanceTransform(buzz.removed, in_d, cv::DIST_L2, 3);
  cv::distanceTransform(off_head, to_head, cv::DIST_L2, 3);
  double sum = 0;
  int n = 0;
  for (int y = 0; y < grey.rows; ++y)
    for (int x = 0; x < grey.cols; ++x) {
      const float d = buzz.removed(y, x) ? -in_d(y, x) : out_d(y, x);
      if (d > lo && d <= hi && to_head(y, x) > 8) {
        sum += grey(y, x);
        ++n;
      }
    }
  return n > 0 ? sum / n : 0.0;
}

// Where the hair's volume gave way to the wall, the wall goes on across the old outline: the
// fill inside the removed hair, the band the fill was grown over just outside it and the wall
// kept beyond that are within 2 levels. The fill used to be matched to the pixels right next
// to the removed hair, which carry the hair's haze: a darker band inside the old outline,
// with the grown band left unmatched beside it (a light line on real photos).
TEST(BuzzSilhouette, TheWallGoesOnAcrossTheRemovedHairsOutline) {
  cv::Mat3b img = synthetic_head(true);
  // The haze a photo's blur and the hair's shadow leave on the wall beside the hair: the three
  // pixels beyond the cap's edge, 10 levels darker (too faint to be taken for wisps).
  const cv::Mat1b cap = synthetic_cap(img.size());
  cv::Mat1b haze;
  cv::dilate(cap, haze, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
  haze.setTo(0, cap);
  haze.rowRange(200, haze.rows).setTo(0);
  cv::subtract(img, cv::Scalar(10, 10, 10), img, haze);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  ASSERT_GT(cv::countNonZero(buzz.removed), 1000);
  cv::Mat1b grey;
  cv::cvtColor(buzz.image, grey, cv::COLOR_BGR2GRAY);
  const double fill = band_luma(grey, buzz, regions, -5, -2), grown = band_luma(grey, buzz, regions, 0, 2),
               wall = band_luma(grey, buzz, regions, 3, 5);
  EXPECT_NEAR(fill, wall, 2.0) << "grown band " << grown;
  EXPECT_NEAR(grown, wall, 2.0) << "fill " << fill;
}

}  // namespace
