// The CPU compositor: soft, cool dots that darken the local skin and conserve pigment.

#include "smp/render/compositor.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <opencv2/core/utility.hpp>

namespace smp {
namespace {

sim::Plan one_dot_plan(double px_per_mm, int points) {
  sim::Plan plan = test::uniform_plan(101, 101, px_per_mm, 80);
  plan.params.needle.points = points;
  return plan;
}

std::vector<sim::Impression> one_impression() { return {{cv::Point2f(50.5f, 50.5f), 12345u, 1}}; }

// Total optical density (pigment amount) of a layer.
double total_od(const cv::Mat1f& od) { return cv::sum(od)[0]; }

// Second moment (variance) of the layer around its centroid, in px^2.
double spread(const cv::Mat1f& od) {
  const cv::Moments m = cv::moments(od);
  return (m.mu20 + m.mu02) / (2.0 * m.m00);
}

TEST(Compositor, SameSeedSamePixelsWithOneThreadOrMany) {
  sim::Plan plan = test::uniform_plan(640, 480, 8.0, 80);
  plan.params.sessions = 3;
  const sim::Simulation s = sim::simulate(plan);
  cv::Mat3b photo(480, 640);
  cv::randu(photo, cv::Scalar::all(90), cv::Scalar::all(220));
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  const cv::Mat3b one = render::composite(photo, plan, s.impressions);
  cv::setNumThreads(8);
  const cv::Mat3b many = render::composite(photo, plan, s.impressions);
  const sim::Simulation again = sim::simulate(plan);
  const cv::Mat3b many_again = render::composite(photo, plan, again.impressions);
  cv::setNumThreads(threads);
  EXPECT_EQ(cv::norm(one, many, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(many, many_again, cv::NORM_INF), 0);
  EXPECT_GT(cv::norm(one, photo, cv::NORM_INF), 10) << "the dots must change the photo";
}

TEST(Compositor, DotDarkensButIsNeverAnOpaqueDisc) {
  const sim::Plan plan = one_dot_plan(12.0, 1);
  const cv::Mat3b skin(101, 101, cv::Vec3b(150, 170, 200));  // BGR light skin
  const cv::Mat3b out = render::composite(skin, plan, one_impression());
  double min_val;
  cv::Mat grey;
  cv::cvtColor(out, grey, cv::COLOR_BGR2GRAY);
  cv::minMaxLoc(grey, &min_val);
  cv::Mat skin_grey;
  cv::cvtColor(skin, skin_grey, cv::COLOR_BGR2GRAY);
  const double base = skin_grey.at<uchar>(0, 0);
  EXPECT_LT(min_val, base * 0.85) << "the dot must be visible";
  EXPECT_GT(min_val, base * 0.15) << "the dot must not be opaque black";
  // Soft edge: several grey levels between the centre and the skin.
  const int darkest_x = 50;
  int levels = 0;
  for (int x = darkest_x; x < 60; ++x) levels += grey.at<uchar>(50, x) < base - 2;
  EXPECT_GE(levels, 2);
}

// Pigment under the skin is hidden where the plan's occlusion mask says hair covers it, and
// shows in full where it does not; half cover halves the optical density.
TEST(Compositor, OcclusionHidesPigmentUnderHair) {
  sim::Plan plan = one_dot_plan(12.0, 1);
  const cv::Mat1f bare = render::pigment_layer({101, 101}, 1.0, plan, one_impression());
  plan.masks.occlusion = cv::Mat1b(101, 101, uchar{255});
  EXPECT_EQ(total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression())), 0.0);
  plan.masks.occlusion.setTo(0);
  EXPECT_DOUBLE_EQ(total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression())), total_od(bare));
  plan.masks.occlusion.setTo(128);
  EXPECT_NEAR(total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression())), total_od(bare) * 127.0 / 255,
              1e-3 * total_od(bare));
}

TEST(Compositor, DotsAreCoolDarkeningRedMoreThanBlue) {
  const sim::Plan plan = one_dot_plan(12.0, 1);
  const cv::Mat3b skin(101, 101, cv::Vec3b(150, 170, 200));
  const cv::Mat3b out = render::composite(skin, plan, one_impression());
  const cv::Vec3b c = out(50, 50);
  const double blue_ratio = c[0] / 150.0, red_ratio = c[2] / 200.0;
  EXPECT_LT(red_ratio, blue_ratio);
}

TEST(Compositor, DarkeningMultipliesWithTheSkinTone) {
  const sim::Plan plan = one_dot_plan(12.0, 1);
  const cv::Mat3b light(101, 101, cv::Vec3b(180, 190, 220));
  const cv::Mat3b dark(101, 101, cv::Vec3b(60, 70, 90));
  const cv::Mat3b a = render::composite(light, plan, one_impression());
  const cv::Mat3b b = render::composite(dark, plan, one_impression());
  EXPECT_NEAR(a(50, 50)[2] / 220.0, b(50, 50)[2] / 90.0, 0.03);
  EXPECT_LT(220 - a(50, 50)[2], 220);  // light skin keeps some light
}

TEST(Compositor, HealedDotSizeFollowsNeedleDiameterAndCalibration) {
  sim::Plan plan = one_dot_plan(40.0, 1);  // close-up: 40 px/mm so the dot is resolved
  render::AppearanceParams ap;
  ap.scatter_per_depth = 0;
  ap.elongation = 0;
  ap.size_variation = 0;
  ap.opacity_variation = 0;
  ap.halo_ink_fraction = 0;  // the dot itself
  ap.pixel_variance = 0;
  const cv::Mat1f od = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), ap);
  // Healed diameter = 0.6 x 0.25 mm = 0.15 mm = 6 px; a disc of diameter D has variance D^2/16.
  const double d_px = ap.healed_size_fraction * 0.25 * 40.0;
  const double expected_var = d_px * d_px / 16.0;
  EXPECT_NEAR(spread(od), expected_var, expected_var * 0.15);
  plan.params.needle.diameter_mm = 0.35;
  const cv::Mat1f wider = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), ap);
  EXPECT_NEAR(std::sqrt(spread(wider) / spread(od)), 0.35 / 0.25, 0.08);
}

// Darkened area of a layer (px^2): what a camera that averages light over a pixel sees.
double dark_area(const cv::Mat1f& od) {
  cv::Mat1f t;
  cv::exp(-od, t);
  return static_cast<double>(od.total()) - cv::sum(t)[0];
}

TEST(Compositor, ScatterKeepsPigmentAndResolutionKeepsTheDarkenedArea) {
  const sim::Plan plan = one_dot_plan(20.0, 3);
  render::AppearanceParams crisp, scattered;
  crisp.scatter_per_depth = 0.0;
  scattered.scatter_per_depth = 0.16;
  crisp.pixel_variance = scattered.pixel_variance = 0;  // the skin's scatter alone
  const double a = total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression(), crisp));
  const double b = total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression(), scattered));
  EXPECT_NEAR(b / a, 1.0, 0.03);
  // Half resolution: the pixel averages light, so a quarter of the pixels carry the same
  // darkened area per area (the pigment itself is not what is kept).
  const render::AppearanceParams def;
  const double full = dark_area(render::pigment_layer({101, 101}, 1.0, plan, one_impression(), def));
  const double half = dark_area(render::pigment_layer({51, 51}, 0.5, plan, one_impression(), def));
  EXPECT_NEAR(half / full, 0.25, 0.04);
}

TEST(Compositor, GroupingMakesMoreTouchesAndLighterDilutionLessPigment) {
  sim::Plan plan = one_dot_plan(20.0, 1);
  const double single = total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression()));
  plan.params.needle.points = 3;
  const double three = total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression()));
  EXPECT_NEAR(three / single, 3.0, 0.05);
  plan.params.pigment.dilution_pct = 65;
  const double diluted = total_od(render::pigment_layer({101, 101}, 1.0, plan, one_impression()));
  EXPECT_NEAR(diluted / three, (1.0 - 0.65) / (1.0 - 0.30), 0.01);  // pigment share of the mix
}

TEST(Compositor, UpToSessionShowsOnlyEarlierSessions) {
  const sim::Plan plan = one_dot_plan(12.0, 1);
  const std::vector<sim::Impression> imps = {{{20.5f, 20.5f}, 1u, 1}, {{70.5f, 70.5f}, 2u, 2}};
  render::CompositeOptions only_first;
  only_first.up_to_session = 1;
  const cv::Mat1f od = render::pigment_layer({101, 101}, 1.0, plan, imps, {}, only_first);
  EXPECT_GT(od(20, 20), 0.05f);
  EXPECT_EQ(od(70, 70), 0.0f);
}

}  // namespace
}  // namespace smp
