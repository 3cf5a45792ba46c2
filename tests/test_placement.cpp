// Dot placement measured: spacing, density, masks, determinism, session layering.

#include "smp/sim/density_field.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/placement.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace smp {
namespace {

using sim::Impression;

// Nearest-neighbour distance of each point among `points` (grid accelerated).
std::vector<double> nearest_distances(const std::vector<cv::Point2f>& pts, double cell) {
  std::map<std::pair<int, int>, std::vector<int>> grid;
  for (int i = 0; i < static_cast<int>(pts.size()); ++i)
    grid[{static_cast<int>(pts[i].x / cell), static_cast<int>(pts[i].y / cell)}].push_back(i);
  std::vector<double> out(pts.size(), 1e30);
  for (int i = 0; i < static_cast<int>(pts.size()); ++i) {
    const int cx = static_cast<int>(pts[i].x / cell), cy = static_cast<int>(pts[i].y / cell);
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) {
        auto it = grid.find({cx + dx, cy + dy});
        if (it == grid.end()) continue;
        for (int j : it->second)
          if (j != i) out[i] = std::min(out[i], static_cast<double>(cv::norm(pts[i] - pts[j])));
      }
  }
  return out;
}

std::vector<cv::Point2f> positions(const std::vector<Impression>& imps) {
  std::vector<cv::Point2f> p;
  for (const auto& i : imps) p.push_back(i.pos);
  return p;
}

// Impressions per cm^2 inside a photo-pixel rectangle.
double density_in(const std::vector<Impression>& imps, cv::Rect2d r, double px_per_mm) {
  long n = 0;
  for (const auto& i : imps) n += r.contains(cv::Point2d(i.pos));
  const double area_cm2 = r.area() / (px_per_mm * px_per_mm) / 100.0;
  return static_cast<double>(n) / area_cm2;
}

class UniformDensity : public ::testing::TestWithParam<double> {};

TEST_P(UniformDensity, AchievedDensityWithinFivePercentAndSpacingRespected) {
  const double target = GetParam();
  const double ppmm = 8.0;
  const sim::Plan plan = test::uniform_plan(1200, 1000, ppmm, target);
  const sim::DensityField field = sim::build_density_field(plan);
  const auto imps = sim::place_all_sessions(field, 1, 42);
  // Away from the photo border (edge effects of the sampler).
  const cv::Rect2d inner(100, 100, 1000, 800);
  const double achieved = density_in(imps, inner, ppmm);
  EXPECT_NEAR(achieved / target, 1.0, 0.05) << "target " << target << "/cm2, achieved " << achieved;

  const double per_px2 = target / 100.0 / (ppmm * ppmm);
  const double r = sim::poisson_radius_px(per_px2);
  const auto nn = nearest_distances(positions(imps), r);
  const double min_nn = *std::min_element(nn.begin(), nn.end());
  EXPECT_GE(min_nn, r * 0.999) << "minimum spacing " << min_nn << " px vs target spacing " << r << " px";
  // Quality figure: half the minimum distance over the hexagonal packing radius.
  const double n = static_cast<double>(imps.size());
  const double hex_r = std::sqrt(1200.0 * 1000.0 / (2.0 * std::sqrt(3.0) * n));
  const double rho = 0.5 * min_nn / hex_r;
  RecordProperty("rho", std::to_string(rho));
  std::printf("placement figures: target %.0f/cm2 achieved %.2f/cm2 (error %+.2f%%), min spacing / target spacing %.4f, rho %.3f\n",
              target, achieved, 100.0 * (achieved / target - 1.0), min_nn / r, rho);
  EXPECT_GE(rho, 0.70);
}

INSTANTIATE_TEST_SUITE_P(Densities, UniformDensity, ::testing::Values(30.0, 60.0, 80.0, 100.0));

TEST(Placement, NoImpressionOutsideMaskOrInsideExclusion) {
  sim::Plan plan = test::uniform_plan(800, 600, 6.0, 80);
  plan.masks.treatment = cv::Mat1b(600, 800, uchar{0});
  cv::ellipse(plan.masks.treatment, {400, 300}, {300, 200}, 20, 0, 360, 255, cv::FILLED);
  plan.masks.exclusion = cv::Mat1b(600, 800, uchar{0});
  cv::circle(plan.masks.exclusion, {400, 300}, 60, 255, cv::FILLED);
  const auto field = sim::build_density_field(plan);
  const auto imps = sim::place_all_sessions(field, 3, 7);
  ASSERT_GT(imps.size(), 1000u);
  for (const auto& i : imps) {
    const int x = static_cast<int>(i.pos.x), y = static_cast<int>(i.pos.y);
    ASSERT_TRUE(plan.masks.treatment(y, x)) << "impression outside the treatment mask at " << i.pos;
    ASSERT_FALSE(plan.masks.exclusion(y, x)) << "impression inside an exclusion at " << i.pos;
  }
}

TEST(Placement, SameSeedSameResultOtherSeedDifferent) {
  const sim::Plan plan = test::uniform_plan(500, 400, 6.0, 70);
  const auto field = sim::build_density_field(plan);
  const auto a = sim::place_all_sessions(field, 3, 99);
  const auto b = sim::place_all_sessions(field, 3, 99);
  const auto c = sim::place_all_sessions(field, 3, 100);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].pos, b[i].pos);
    ASSERT_EQ(a[i].key, b[i].key);
    ASSERT_EQ(a[i].session, b[i].session);
  }
  std::size_t same = 0;
  for (std::size_t i = 0; i < std::min(a.size(), c.size()); ++i) same += a[i].pos == c[i].pos;
  EXPECT_LT(same, a.size() / 100);
}

TEST(Placement, LaterSessionsFillGapsAndKeepEarlierDots) {
  const double ppmm = 6.0, target = 80;
  const sim::Plan plan = test::uniform_plan(900, 700, ppmm, target);
  const auto field = sim::build_density_field(plan);
  const auto fractions = sim::session_cumulative_fractions(3);
  ASSERT_EQ(fractions.size(), 3u);
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
  EXPECT_LT(fractions[0], fractions[1]);

  const auto s1 = sim::place_session(field, fractions[0], 1, 5, {});
  const auto s2 = sim::place_session(field, fractions[1], 2, 5, s1);
  std::vector<Impression> upto2 = s1;
  upto2.insert(upto2.end(), s2.begin(), s2.end());
  const auto s3 = sim::place_session(field, fractions[2], 3, 5, upto2);

  // The all-sessions call lays down exactly these layers, earlier ones untouched.
  const auto all = sim::place_all_sessions(field, 3, 5);
  ASSERT_EQ(all.size(), s1.size() + s2.size() + s3.size());
  for (std::size_t i = 0; i < s1.size(); ++i) ASSERT_EQ(all[i].pos, s1[i].pos);
  for (std::size_t i = 0; i < s2.size(); ++i) ASSERT_EQ(all[s1.size() + i].pos, s2[i].pos);

  // Session 2 dots keep session 2's spacing from session 1 dots (they fill the gaps).
  const double r2 = sim::poisson_radius_px(fractions[1] * target / 100.0 / (ppmm * ppmm));
  for (const auto& b : s2)
    for (const auto& a : s1) ASSERT_GE(cv::norm(a.pos - b.pos), r2 * 0.999);

  // Density grows session by session and reaches the target at the end.
  const cv::Rect2d inner(100, 100, 700, 500);
  const double d1 = density_in(s1, inner, ppmm), d12 = density_in(upto2, inner, ppmm), d123 = density_in(all, inner, ppmm);
  EXPECT_NEAR(d1 / (fractions[0] * target), 1.0, 0.07);
  EXPECT_NEAR(d12 / (fractions[1] * target), 1.0, 0.07);
  EXPECT_NEAR(d123 / target, 1.0, 0.07);
}

TEST(Placement, DensityRisesMonotonicallyAcrossTransitionZone) {
  const double ppmm = 5.0, target = 80;
  sim::Plan plan = test::uniform_plan(2000, 900, ppmm, target);
  plan.params.transition_mm = 12;
  plan.params.irregularity = 0;
  // A straight hairline across the photo at y = 300, face toward the top.
  plan.hairline.symmetric = false;
  plan.hairline.control_points = {{-10, 300}, {1000, 300}, {2010, 300}};
  const auto field = sim::build_density_field(plan);

  // The field itself: strictly rising over the zone, full behind it, sparse in front.
  double prev = -1;
  for (double mm = 0.25; mm < 12; mm += 0.5) {
    const double d = field.at({1000.0f, static_cast<float>(300 + mm * ppmm)});
    EXPECT_GT(d, prev) << "at " << mm << " mm";
    prev = d;
  }
  EXPECT_NEAR(field.at({1000.0f, 300 + 20 * 5.0f}), target, 1e-3);
  EXPECT_LT(field.at({1000.0f, 300 - 1 * 5.0f}), 0.3 * target);

  // The placed dots: counts in 3 mm bands behind the line rise band after band.
  const auto imps = sim::place_all_sessions(field, 1, 11);
  double last = 0;
  for (int band = 0; band < 4; ++band) {
    const cv::Rect2d r(100, 300 + band * 3 * ppmm, 1800, 3 * ppmm);
    const double d = density_in(imps, r, ppmm);
    EXPECT_GT(d, last) << "band " << band;
    last = d;
  }
  // A few sparse dots ahead of the line (micro-irregularity) only when irregularity > 0.
  EXPECT_EQ(density_in(imps, {100, 300 - 5 * ppmm, 1800, 5 * ppmm}, ppmm), 0.0);
  plan.params.irregularity = 1.0;
  const auto irregular = sim::place_all_sessions(sim::build_density_field(plan), 1, 11);
  const double ahead = density_in(irregular, {100, 300 - 5 * ppmm, 1800, 5 * ppmm}, ppmm);
  EXPECT_GT(ahead, 1.0);
  EXPECT_LT(ahead, 0.2 * target);
}

TEST(Placement, SymmetricHairlineMirrorsAboutMidline) {
  sim::HeadFrame head;
  head.midline_origin = {500, 400};
  head.front_dir = {0, -1};
  sim::Hairline h;
  h.symmetric = true;
  h.control_points = {{500, 200}, {620, 230}, {760, 320}};
  const auto full = sim::full_control_points(h, head);
  ASSERT_EQ(full.size(), 5u);
  EXPECT_NEAR(full[0].x, 240, 1e-9);
  EXPECT_NEAR(full[0].y, 320, 1e-9);
  EXPECT_NEAR(full[2].x, 500, 1e-9);
  const auto curve = sim::sample_hairline(h, head);
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const auto& a = curve[i];
    const auto& b = curve[curve.size() - 1 - i];
    EXPECT_NEAR(a.x + b.x, 1000, 1e-6);
    EXPECT_NEAR(a.y, b.y, 1e-6);
  }
}

// A frontal line bends down at the temples: the span keeps the columns between its ends (plus
// the margin) and drops what lies beside them, the sideburns and ears, at any height.
TEST(Placement, HairlineSpanKeepsTheColumnsBetweenTheLinesEnds) {
  sim::HeadFrame head;
  head.midline_origin = {500, 400};
  head.front_dir = {0, 1};
  sim::Hairline h;
  h.symmetric = true;
  h.control_points = {{500, 300}, {650, 320}, {720, 480}};
  const cv::Size photo(1000, 800), field(500, 400);  // the field at half the photo's size
  const cv::Mat1b span = sim::hairline_span_mask(h, head, photo, field, 20);
  ASSERT_EQ(span.size(), field);
  // Ends at photo x 280 and 720, widened by 20 px: photo columns 260-740 stay.
  for (int y : {10, 150, 250, 390}) {
    EXPECT_EQ(span(y, 135), 255) << y;  // photo x 271
    EXPECT_EQ(span(y, 250), 255) << y;
    EXPECT_EQ(span(y, 364), 255) << y;  // photo x 729
    EXPECT_EQ(span(y, 125), 0) << y;    // photo x 251
    EXPECT_EQ(span(y, 375), 0) << y;    // photo x 751
  }
  // A tilted head: the span follows its own axis, not the photo's columns.
  head.front_dir = {1, 0};
  const cv::Mat1b side = sim::hairline_span_mask(h, head, photo, field, 0);
  EXPECT_EQ(cv::countNonZero(side.col(0)), cv::countNonZero(side.col(field.width - 1)));
  EXPECT_LT(cv::countNonZero(side.row(0)), field.width);
  // A disabled line keeps everything.
  EXPECT_EQ(cv::countNonZero(sim::hairline_span_mask(sim::Hairline{}, head, photo, field, 0)), field.area());
}

}  // namespace
}  // namespace smp
