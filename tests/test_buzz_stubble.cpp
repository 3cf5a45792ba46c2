// Stubble of the buzz-cut preview: follicular units at the decided density, and the shadow
// each shaved hair casts under the skin.

#include "smp/render/buzz_metrics.hpp"

#include "../render/src/buzz_stubble.hpp"

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <utility>
#include <vector>

namespace {

using namespace smp;

TEST(BuzzStubble, FollicularUnitsAtTheDensityIrregularAndSeeded) {
  for (double per_px2 : {0.02, 0.08, 0.3}) {
    const cv::Mat1f density(100, 100, static_cast<float>(per_px2));
    const cv::Rect area(10, 20, 300, 300);
    const auto units = render::detail::place_follicular_units(density, area, 42);
    const auto hairs = render::detail::unit_hairs(units, 42);
    const double expected = per_px2 * area.area();
    EXPECT_NEAR(static_cast<double>(hairs.size()), expected, 0.03 * expected) << per_px2;
    const cv::Rect2f near_area(cv::Rect2f(area) - cv::Point2f(1, 1) + cv::Size2f(2, 2));  // + a unit's radius
    for (const auto& h : hairs) ASSERT_TRUE(near_area.contains(h));
    // Mostly 2-hair units, as on a real scalp.
    const double per_unit = static_cast<double>(hairs.size()) / static_cast<double>(units.size());
    EXPECT_GT(per_unit, 1.8) << per_px2;
    EXPECT_LT(per_unit, 2.3) << per_px2;
    // Units stand irregularly, like real follicles: no lattice (CV near 0) and no clumps of
    // pure chance (0.52).
    std::vector<cv::Point2f> centres;
    for (const auto& u : units) centres.push_back(u.at);
    const double cv_nn = render::nearest_neighbour_cv(centres);
    EXPECT_GT(cv_nn, 0.08) << per_px2;
    EXPECT_LT(cv_nn, 0.35) << per_px2;
    EXPECT_EQ(render::detail::unit_hairs(render::detail::place_follicular_units(density, area, 42), 42), hairs);
    EXPECT_NE(render::detail::unit_hairs(render::detail::place_follicular_units(density, area, 43), 43), hairs);
  }
}


// Spread (px^2) of a layer along x and y about its centre of mass.
cv::Vec2d spread(const cv::Mat1f& layer) {
  const cv::Moments m = cv::moments(layer);
  return {m.mu20 / m.m00, m.mu02 / m.m00};
}

TEST(BuzzStubble, ShadowOfTheObliqueShaftIsAStreakAgainstTheGrowth) {
  const std::vector<cv::Point2f> hair{{30, 30}};
  const cv::Rect area(0, 0, 60, 60);
  render::detail::StubbleLook look;
  look.length_px = 0;  // the shadow alone matters here
  look.jitter_rad = 0;
  look.shadow_radius_px = 1.0;
  look.blur_px = 0.7;
  cv::Mat1f shaft, round, streak;
  render::detail::draw_stubble(hair, area, {0, 1}, look, 7, shaft, round);
  look.shadow_length_px = 4.0;
  render::detail::draw_stubble(hair, area, {0, 1}, look, 7, shaft, streak);
  // The same shadow in all, spread along the growth direction only, and behind the exit
  // (against the growth, which points down here).
  EXPECT_NEAR(cv::sum(streak)[0], cv::sum(round)[0], 1e-3 * cv::sum(round)[0]);
  const cv::Vec2d r = spread(round), s = spread(streak);
  EXPECT_NEAR(s[0], r[0], 0.02 * r[0]);
  EXPECT_NEAR(s[1] - r[1], 4.0 * 4.0 / 12.0, 0.25);  // a uniform segment of length L adds L^2 / 12
  const cv::Moments m = cv::moments(streak);
  EXPECT_LT(m.m01 / m.m00, 30.0 - 1.5);
}

// A close-up's defocused side: a hair standing where the photo's blur field is wide is drawn as
// soft, with the same mass; where the field is at the photo's blur, as before.
TEST(BuzzStubble, HairsTakeTheBlurWhereTheyStand) {
  const std::vector<cv::Point2f> hairs{{40, 50}, {160, 50}};
  const cv::Rect area(0, 0, 200, 100);
  render::detail::StubbleLook look;
  look.length_px = 0;
  look.jitter_rad = 0;
  look.blur_px = 0.8;
  cv::Mat1f sharp_shaft, sharp_shadow, soft_shaft, soft_shadow;
  render::detail::draw_stubble(hairs, area, {0, 1}, look, 3, sharp_shaft, sharp_shadow);
  const render::BlurField field(cv::Mat1f(1, 2, std::vector<float>{0.8f, 3.0f}.data()), {0, 0, 200, 100});
  look.blur_field = &field;
  render::detail::draw_stubble(hairs, area, {0, 1}, look, 3, soft_shaft, soft_shadow);
  const cv::Range left(0, 100), right(100, 200);
  for (const auto& [sharp, soft] : {std::pair{sharp_shaft, soft_shaft}, std::pair{sharp_shadow, soft_shadow}}) {
    EXPECT_NEAR(cv::sum(soft)[0], cv::sum(sharp)[0], 1e-3 * cv::sum(sharp)[0]) << "the same mass";
    EXPECT_NEAR(cv::norm(soft.colRange(left), sharp.colRange(left), cv::NORM_INF), 0.0, 1e-6) << "left: the photo's blur";
    double peak_sharp = 0, peak_soft = 0;
    cv::minMaxLoc(sharp.colRange(right), nullptr, &peak_sharp);
    cv::minMaxLoc(soft.colRange(right), nullptr, &peak_soft);
    EXPECT_LT(peak_soft, 0.5 * peak_sharp) << "right: defocused";
  }
}

// Hairs standing on the border between two of the bands drawn on separate cores, and the same
// hairs well inside one band: every hair keeps its whole mass, and the layers are the same bit
// for bit with one thread or many.
TEST(BuzzStubble, BandsDrawnOnSeparateCoresKeepEveryHairWhole) {
  const cv::Rect area(5, 7, 200, 256);
  std::vector<cv::Point2f> on_border, inside;
  for (int i = 0; i < 40; ++i) {
    const float x = 20.0f + 4.0f * static_cast<float>(i), dy = 0.25f * static_cast<float>(i % 8) - 1.0f;
    on_border.emplace_back(x + static_cast<float>(area.x), 64.0f + dy + static_cast<float>(area.y));
    inside.emplace_back(x + static_cast<float>(area.x), 96.0f + dy + static_cast<float>(area.y));
  }
  render::detail::StubbleLook look;
  look.length_px = 6;
  look.diameter_px = 1.0;
  look.shadow_radius_px = 1.5;
  look.shadow_length_px = 3;
  look.blur_px = 1.2;
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  cv::Mat1f shaft_one, shadow_one;
  render::detail::draw_stubble(on_border, area, {0, 1}, look, 11, shaft_one, shadow_one);
  cv::setNumThreads(5);
  cv::Mat1f shaft_many, shadow_many, shaft_inside, shadow_inside;
  render::detail::draw_stubble(on_border, area, {0, 1}, look, 11, shaft_many, shadow_many);
  render::detail::draw_stubble(inside, area, {0, 1}, look, 11, shaft_inside, shadow_inside);
  cv::setNumThreads(threads);
  EXPECT_EQ(cv::norm(shaft_one, shaft_many, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(shadow_one, shadow_many, cv::NORM_INF), 0);
  // The same hairs (same seed, so the same lengths and leans) hold the same mass on the border.
  EXPECT_GT(cv::sum(shaft_inside)[0], 1.0);
  EXPECT_NEAR(cv::sum(shaft_many)[0], cv::sum(shaft_inside)[0], 1e-4 * cv::sum(shaft_inside)[0]);
  EXPECT_NEAR(cv::sum(shadow_many)[0], cv::sum(shadow_inside)[0], 1e-4 * cv::sum(shadow_inside)[0]);
  // The hairs do reach both bands: the shadow runs up from the border, the shaft down.
  for (const cv::Mat1f* layer : {&shaft_many, &shadow_many}) {
    const double total = cv::sum(*layer)[0];
    EXPECT_GT(cv::sum(layer->rowRange(0, 64))[0], 0.05 * total);
    EXPECT_GT(cv::sum(layer->rowRange(64, layer->rows))[0], 0.05 * total);
  }
}

// More footprints than are listed at once (the list is drawn a chunk at a time): the layers are
// still the same with one thread or many, and every hair adds to them.
TEST(BuzzStubble, ManyHairsDrawnInChunksSameWithOneThreadOrMany) {
  const cv::Rect area(0, 0, 400, 300);
  cv::RNG rng(3);
  std::vector<cv::Point2f> hairs;
  for (int i = 0; i < 6000; ++i) hairs.emplace_back(rng.uniform(0.0f, 400.0f), rng.uniform(0.0f, 300.0f));
  render::detail::StubbleLook look;
  look.length_px = 12;  // about 25 footprints a hair: some 150,000 in all
  look.diameter_px = 0.8;
  look.shadow_length_px = 2;
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  cv::Mat1f shaft_one, shadow_one, shaft_fewer, shadow_fewer;
  render::detail::draw_stubble(hairs, area, {1, 0}, look, 5, shaft_one, shadow_one);
  cv::setNumThreads(4);
  cv::Mat1f shaft_many, shadow_many;
  render::detail::draw_stubble(hairs, area, {1, 0}, look, 5, shaft_many, shadow_many);
  const std::vector<cv::Point2f> fewer(hairs.begin(), hairs.begin() + 3000);
  render::detail::draw_stubble(fewer, area, {1, 0}, look, 5, shaft_fewer, shadow_fewer);
  cv::setNumThreads(threads);
  EXPECT_EQ(cv::norm(shaft_one, shaft_many, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(shadow_one, shadow_many, cv::NORM_INF), 0);
  // Twice the hairs, about twice the cover (a few reach past the area's edge).
  EXPECT_NEAR(cv::sum(shaft_many)[0] / cv::sum(shaft_fewer)[0], 2.0, 0.1);
  EXPECT_NEAR(cv::sum(shadow_many)[0] / cv::sum(shadow_fewer)[0], 2.0, 0.1);
}

}  // namespace
