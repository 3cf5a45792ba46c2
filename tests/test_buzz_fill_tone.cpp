// The clipped scalp's tone against the bare skin next to it (render/src/buzz_fill_tone.*).

#include "../render/src/buzz_fill_tone.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace {

using smp::render::detail::cap_fill_to_adjacent_skin;
using smp::render::detail::luma;

// The photo's luma, and the weight known skin keeps at each pixel with a reach of `reach` px.
cv::Mat1b grey_of(const cv::Mat3b& img) {
  cv::Mat1b g;
  cv::cvtColor(img, g, cv::COLOR_BGR2GRAY);
  return g;
}
cv::Mat1f near_of(const cv::Mat1f& to_known, float reach) {
  cv::Mat1f near;
  cv::exp(to_known * (-1.0f / reach), near);
  return near;
}

// A head of 200 x 200: the left 80 columns bare skin of `skin_bgr`, the rest clipped hair.
struct Scene {
  cv::Mat3b img;
  cv::Mat1b clip, known;
  cv::Mat1f to_known;
  explicit Scene(cv::Vec3b skin_bgr)
      : img(200, 200, cv::Vec3b(40, 40, 40)), clip(200, 200, uchar{0}), known(200, 200, uchar{0}) {
    img.colRange(0, 80).setTo(skin_bgr);
    known.colRange(0, 80).setTo(255);
    clip.colRange(80, 200).setTo(255);
    cv::Mat1b unknown;
    cv::bitwise_not(known, unknown);
    cv::distanceTransform(unknown, to_known, cv::DIST_L2, 3);
  }
  double mean_over_clip(const cv::Mat3f& fill) const {
    double s = 0, n = 0;
    for (int y = 0; y < fill.rows; ++y)
      for (int x = 0; x < fill.cols; ++x)
        if (clip(y, x)) s += luma(fill(y, x)), ++n;
    return s / n;
  }
};

TEST(BuzzFillTone, ALighterFillIsBroughtDownToTheSkinBesideIt) {
  const Scene scene(cv::Vec3b(90, 110, 140));
  const double skin_luma = luma(cv::Vec3f(90, 110, 140));
  cv::Mat3f fill(200, 200, cv::Vec3f(130, 150, 185));
  const cv::Mat3f before = fill.clone();
  const double f = cap_fill_to_adjacent_skin(fill, grey_of(scene.img), scene.clip, scene.known, near_of(scene.to_known, 10), 15, 0.4);
  EXPECT_LT(f, 1.0);
  EXPECT_NEAR(scene.mean_over_clip(fill), skin_luma, 0.5);
  // Next to the known skin the fill continues it nearly unchanged; far from it the hue is kept.
  const cv::Vec3f far = fill(100, 199), far_before = before(100, 199);
  EXPECT_LT(before(100, 80)[1] - fill(100, 80)[1], 0.15 * (far_before[1] - far[1]));
  EXPECT_NEAR(far[0] / far[2], far_before[0] / far_before[2], 1e-4);
  EXPECT_LT(luma(far), luma(far_before));
}

TEST(BuzzFillTone, AFillNoLighterThanTheSkinIsLeftAlone) {
  const Scene scene(cv::Vec3b(120, 140, 170));
  cv::Mat3f fill(200, 200, cv::Vec3f(100, 120, 150));
  const cv::Mat3f before = fill.clone();
  EXPECT_EQ(cap_fill_to_adjacent_skin(fill, grey_of(scene.img), scene.clip, scene.known, near_of(scene.to_known, 10), 15, 0.4), 1.0);
  EXPECT_EQ(cv::norm(fill, before, cv::NORM_INF), 0.0);
}

TEST(BuzzFillTone, TheDarkeningIsBoundedAndNeedsSkinBesideTheClip) {
  const Scene scene(cv::Vec3b(20, 25, 30));  // skin far darker than any believable fill
  cv::Mat3f fill(200, 200, cv::Vec3f(130, 150, 185));
  const double f = cap_fill_to_adjacent_skin(fill, grey_of(scene.img), scene.clip, scene.known, near_of(scene.to_known, 10), 15, 0.4);
  EXPECT_NEAR(f, 0.6, 1e-9);
  // No bare skin within the band: nothing to compare with, nothing changes.
  cv::Mat3f fill2(200, 200, cv::Vec3f(130, 150, 185));
  const cv::Mat1b none(200, 200, uchar{0});
  EXPECT_EQ(cap_fill_to_adjacent_skin(fill2, grey_of(scene.img), scene.clip, none, near_of(scene.to_known, 10), 15, 0.4), 1.0);
}

}  // namespace

namespace {

using smp::render::detail::shade_fill_like_the_hair;

TEST(BuzzFillTone, TheFillTakesTheHairsLightWithoutChangingItsMean) {
  // Bare skin along the top rows; below it hair lit on the left and shaded on the right.
  cv::Mat3b img(200, 200, cv::Vec3b(60, 60, 60));
  img(cv::Rect(0, 100, 100, 100)).setTo(cv::Vec3b(100, 100, 100));
  cv::Mat1b clip(200, 200, uchar{0}), known(200, 200, uchar{0});
  clip.rowRange(100, 200).setTo(255);
  known.rowRange(0, 60).setTo(255);
  cv::Mat1b unknown;
  cv::bitwise_not(known, unknown);
  cv::Mat1f to_known;
  cv::distanceTransform(unknown, to_known, cv::DIST_L2, 3);
  const cv::Mat3f flat(200, 200, cv::Vec3f(120, 140, 170));
  cv::Mat3f fill = flat.clone();
  shade_fill_like_the_hair(fill, grey_of(img), clip, near_of(to_known, 10), 8, 0.5, 0.35);
  EXPECT_GT(luma(fill(190, 20)), luma(flat(190, 20)));
  EXPECT_LT(luma(fill(190, 180)), luma(flat(190, 180)));
  double before = 0, after = 0;
  for (int y = 100; y < 200; ++y)
    for (int x = 0; x < 200; ++x) before += luma(flat(y, x)), after += luma(fill(y, x));
  EXPECT_NEAR(after / before, 1.0, 0.005);
  // At most max_change either way (before the mean is restored), and none without strength.
  EXPECT_LT(luma(fill(190, 20)) / luma(fill(190, 180)), 1.35 / 0.65 + 1e-3);
  cv::Mat3f same = flat.clone();
  shade_fill_like_the_hair(same, grey_of(img), clip, near_of(to_known, 10), 8, 0.0, 0.35);
  EXPECT_EQ(cv::norm(same, flat, cv::NORM_INF), 0.0);
}

}  // namespace

namespace {

// Mean luma of `img` over `box`.
double mean_luma(const cv::Mat3b& img, cv::Rect box) { return cv::mean(grey_of(img(box)))[0]; }

TEST(BuzzFillTone, TheScalpContinuesShadedSkinBesideItWithoutAStep) {
  // A receding temple in the hair's shade: bare skin at two thirds of the forehead's light,
  // right under the hairline. After clipping, the new scalp next to it starts at its tone, not
  // at the lit forehead's, which would outline the shaded skin as a dark hole in the scalp.
  // Shaved smooth, so stubble barely darkens the scalp; the strands end about 14 px below
  // y = 200, so rows 203-211 are the new scalp's last and rows 226-238 the kept skin.
  cv::Mat3b img = smp::test::synthetic_head(true);
  const cv::Rect shaded(200, 200, 160, 45);
  img(shaded).convertTo(img(shaded), -1, 0.68);
  const smp::sim::Plan plan = smp::test::plan_with(img, smp::sim::BuzzLength::Smooth);
  const smp::render::BuzzImage buzz = smp::render::render_buzz(img, plan);
  ASSERT_TRUE(buzz.refusal.empty()) << buzz.refusal;
  const double skin_below = mean_luma(buzz.image, cv::Rect(250, 226, 50, 12));
  const double scalp_above = mean_luma(buzz.image, cv::Rect(250, 203, 50, 8));
  const double lit_forehead = mean_luma(buzz.image, cv::Rect(400, 226, 50, 12));
  EXPECT_GT(lit_forehead, skin_below * 1.3);  // the shade is there, and kept
  EXPECT_LT(std::abs(scalp_above - skin_below), 0.12 * skin_below) << scalp_above << " vs " << skin_below << " lit " << lit_forehead;
}

}  // namespace

namespace {

// The head's shaded side beside the hair, darker than half of the lit skin the new scalp takes
// its colour from but not than half of the bare skin's own mean: a colour source, so the new
// scalp meets it at its tone (taken for a strand, it was skipped and the lit fill outlined the
// shade with a pale band).
TEST(BuzzFillTone, DeepShadeBesideTheHairIsAColourSource) {
  const cv::Vec3b lit(120, 150, 205), hair(30, 38, 52);
  cv::Vec3b shade;
  for (int c = 0; c < 3; ++c) shade[c] = static_cast<uchar>(0.42 * lit[c]);
  cv::Mat3b img(200, 240, hair);
  img.colRange(0, 60).setTo(lit);
  img.colRange(60, 100).setTo(shade);
  smp::sim::Plan plan;
  plan.calibration.px_per_mm = 2;
  smp::sim::BuzzRegions r;
  r.work = img.size();
  r.work_image = img;
  r.clip = cv::Mat1b(img.size(), uchar{0});
  r.clip.colRange(100, 240).setTo(255);
  r.skin_known = cv::Mat1b(img.size(), uchar{0});
  r.skin_known.colRange(0, 100).setTo(255);
  r.head_after = cv::Mat1b(img.size(), uchar{255});
  r.uncover = cv::Mat1b(img.size(), uchar{0});
  r.density_per_cm2 = cv::Mat1f(img.size(), 0.0f);  // no stubble: the fill alone
  r.full_density_per_cm2 = 190;
  r.hair_bgr = cv::Vec3f(hair[0], hair[1], hair[2]);
  r.skin_bgr = cv::Vec3f(lit[0], lit[1], lit[2]);
  const smp::render::BuzzImage buzz = smp::render::render_buzz(img, plan, r);
  // The new scalp's first two columns: 81 levels beside shade of 68 (115 when the shade was
  // taken for strands), then a ramp toward the fill over the skin's reach.
  const double first = mean_luma(buzz.image, cv::Rect(100, 20, 2, 160));
  const double shade_luma = mean_luma(img, cv::Rect(70, 20, 20, 160)), lit_luma = mean_luma(img, cv::Rect(10, 20, 40, 160));
  ASSERT_LT(shade_luma, 0.5 * lit_luma);
  EXPECT_LT(first, 1.25 * shade_luma) << first << " vs shade " << shade_luma << ", lit " << lit_luma;
}

}  // namespace
