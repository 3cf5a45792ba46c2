// Re-placement of an edited region (SimulationCache after a hairline drag or a brush stroke):
// density as a fresh simulation's, the same spacing rule across the seam, the impressions far
// from the edit untouched, and the same impressions for the same sequence of edits.

#include "smp/sim/incremental_placement.hpp"
#include "smp/sim/simulation_cache.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <tuple>
#include <map>
#include <vector>

namespace smp {
namespace {

using sim::Impression;
constexpr double kPpmm = 6.0;

// A head seen from above: an elliptical scalp, a hairline across its front, three sessions.
sim::Plan head_plan() {
  sim::Plan plan = test::uniform_plan(900, 700, kPpmm, 80);
  plan.masks.treatment = cv::Mat1b(700, 900, uchar{0});
  cv::ellipse(plan.masks.treatment, {450, 350}, {400, 320}, 0, 0, 360, 255, cv::FILLED);
  plan.hairline.symmetric = true;
  plan.hairline.control_points = {{450, 200}, {600, 215}, {740, 290}};
  plan.params.transition_mm = 10;
  plan.params.irregularity = 0.5;
  plan.params.sessions = 3;
  return plan;
}

void drag_hairline(sim::Plan& p) { p.hairline.control_points[1].y += 2 * kPpmm; }
void erase_dab(sim::Plan& p) { cv::circle(p.masks.treatment, {300, 450}, static_cast<int>(5 * kPpmm), 0, cv::FILLED); }
void paint_dab(sim::Plan& p) { cv::circle(p.masks.treatment, {60, 420}, static_cast<int>(5 * kPpmm), 255, cv::FILLED); }

bool same(const Impression& a, const Impression& b) {
  return a.pos == b.pos && a.key == b.key && a.session == b.session;
}

bool same_all(const std::vector<Impression>& a, const std::vector<Impression>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same);
}

// Field pixels whose density differs between the two plans' fields.
cv::Mat1b changed_pixels(const sim::Plan& a, const sim::Plan& b) {
  cv::Mat1b changed;
  cv::compare(sim::build_density_field(a).density, sim::build_density_field(b).density, changed, cv::CMP_NE);
  return changed;
}

// Each impression's nearest neighbour distance over the spacing rule of a fresh placement at
// the denser end of the pair (never below the floor); the minimum over all impressions.
double worst_spacing(const std::vector<Impression>& imps, const sim::DensityField& field) {
  double peak = 0;
  for (const auto& i : imps) peak = std::max(peak, field.per_px2_at(i.pos));
  const double floor = sim::PlacementParams{}.floor_fraction * peak;
  const double cell = sim::poisson_radius_px(floor) * 2;
  std::map<std::pair<int, int>, std::vector<std::size_t>> grid;
  const auto key = [&](cv::Point2f p) { return std::pair{static_cast<int>(p.x / cell), static_cast<int>(p.y / cell)}; };
  for (std::size_t i = 0; i < imps.size(); ++i) grid[key(imps[i].pos)].push_back(i);
  double worst = 1e30;
  for (std::size_t i = 0; i < imps.size(); ++i) {
    const auto [cx, cy] = key(imps[i].pos);
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const auto it = grid.find({cx + dx, cy + dy});
        if (it == grid.end()) continue;
        for (std::size_t j : it->second) {
          if (j == i) continue;
          const double d = std::max({field.per_px2_at(imps[i].pos), field.per_px2_at(imps[j].pos), floor});
          worst = std::min(worst, cv::norm(imps[i].pos - imps[j].pos) / sim::poisson_radius_px(d));
        }
      }
  }
  return worst;
}

long count_in(const std::vector<Impression>& imps, const cv::Rect2f& r) {
  return std::count_if(imps.begin(), imps.end(), [&](const Impression& i) { return r.contains(i.pos); });
}

// Runs `edit` through a cache that placed the plan before it, and checks the result against
// a fresh simulation of the edited plan.
void check_edit(const std::function<void(sim::Plan&)>& edit, const char* name) {
  SCOPED_TRACE(name);
  sim::Plan plan = head_plan();
  sim::SimulationCache cache;
  const std::vector<Impression> before = cache.simulate(plan)->impressions;
  const sim::Plan old_plan = plan;
  plan.masks.treatment = plan.masks.treatment.clone();
  edit(plan);
  const auto after = cache.simulate(plan);
  ASSERT_TRUE(cache.incremental());
  EXPECT_FALSE(cache.reused());
  EXPECT_GT(cache.replaced(), 0u);
  EXPECT_LT(cache.replaced(), before.size() / 4);
  const sim::Simulation fresh = sim::simulate(plan);
  std::printf("incremental placement: %zu of %zu impressions placed anew\n", cache.replaced(), after->impressions.size());

  // Density: the changed region's box grown by 10 mm, and its four quarters (seams included).
  const cv::Rect box = cv::boundingRect(changed_pixels(old_plan, plan));
  ASSERT_FALSE(box.empty());
  const int m = static_cast<int>(10 * kPpmm);
  const cv::Rect2f window(cv::Rect(box.x - m, box.y - m, box.width + 2 * m, box.height + 2 * m));
  std::vector<cv::Rect2f> windows = {window};
  for (int q = 0; q < 4; ++q)
    windows.emplace_back(window.x + static_cast<float>(q % 2) * window.width / 2, window.y + static_cast<float>(q / 2) * window.height / 2,
                         window.width / 2, window.height / 2);
  for (const cv::Rect2f& w : windows) {
    const long n_fresh = count_in(fresh.impressions, w), n_inc = count_in(after->impressions, w);
    std::printf("incremental density: window %.0fx%.0f at (%.0f, %.0f): %ld vs fresh %ld\n", w.width, w.height, w.x, w.y, n_inc, n_fresh);
    if (n_fresh < 200) continue;  // too few for a 5 % comparison
    EXPECT_NEAR(static_cast<double>(n_inc) / static_cast<double>(n_fresh), 1.0, 0.05)
        << "window " << w << ": " << n_inc << " vs fresh " << n_fresh;
  }
  EXPECT_NEAR(static_cast<double>(after->impressions.size()) / static_cast<double>(fresh.impressions.size()), 1.0, 0.01);

  // Spacing: the same rule as a fresh placement, over every pair (the seams included).
  const double fresh_worst = worst_spacing(fresh.impressions, fresh.field);
  EXPECT_GE(fresh_worst, 0.999);
  EXPECT_GE(worst_spacing(after->impressions, after->field), 0.999);

  // Far from the edit (over 8 mm from any changed density pixel), every impression is kept
  // byte for byte, in the same session.
  cv::Mat1f dist;
  cv::distanceTransform(changed_pixels(old_plan, plan) == 0, dist, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  std::size_t far = 0, kept = 0;
  for (const Impression& b : before) {
    if (dist(static_cast<int>(b.pos.y), static_cast<int>(b.pos.x)) <= 8 * kPpmm) continue;
    ++far;
    kept += std::any_of(after->impressions.begin(), after->impressions.end(), [&](const Impression& a) {
      return std::memcmp(&a.pos, &b.pos, sizeof a.pos) == 0 && a.key == b.key && a.session == b.session;
    });
  }
  EXPECT_GT(far, before.size() / 2);
  EXPECT_EQ(kept, far);
  // Ordered by session, as a fresh simulation.
  EXPECT_TRUE(std::is_sorted(after->impressions.begin(), after->impressions.end(),
                             [](const Impression& a, const Impression& b) { return a.session < b.session; }));
}

TEST(IncrementalPlacement, HairlineDragMatchesAFreshSimulationAndKeepsTheRest) { check_edit(drag_hairline, "drag"); }

TEST(IncrementalPlacement, BrushStrokesMatchAFreshSimulationAndKeepTheRest) {
  check_edit(erase_dab, "erase");
  check_edit(paint_dab, "paint");
}

TEST(IncrementalPlacement, ErasedAreaHoldsNoImpression) {
  sim::Plan plan = head_plan();
  sim::SimulationCache cache;
  cache.simulate(plan);
  erase_dab(plan);
  const auto after = cache.simulate(plan);
  ASSERT_TRUE(cache.incremental());
  // No impression on an erased pixel (the mask is at photo resolution here), and the dab holds none.
  int near = 0;
  for (const Impression& i : after->impressions) {
    EXPECT_NE(plan.masks.treatment(static_cast<int>(i.pos.y), static_cast<int>(i.pos.x)), 0) << i.pos;
    near += cv::norm(i.pos - cv::Point2f(300, 450)) < 5 * kPpmm - 2;
  }
  EXPECT_EQ(near, 0);
}

TEST(IncrementalPlacement, TheSameEditsGiveTheSameImpressions) {
  const auto replay = [] {
    sim::Plan plan = head_plan();
    sim::SimulationCache cache;
    cache.simulate(plan);
    std::vector<std::vector<Impression>> steps;
    for (const auto& edit : {drag_hairline, erase_dab, paint_dab, drag_hairline}) {
      edit(plan);
      steps.push_back(cache.simulate(plan)->impressions);
      EXPECT_TRUE(cache.incremental());
    }
    return steps;
  };
  const auto a = replay(), b = replay();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(same_all(a[i], b[i])) << "step " << i;
}

TEST(IncrementalPlacement, LargeEditsAndOtherInputsPlaceEverythingAgain) {
  const std::vector<std::pair<const char*, std::function<void(sim::Plan&)>>> edits = {
      {"half the area erased", [](sim::Plan& p) { p.masks.treatment(cv::Rect(0, 0, 900, 350)) = 0; }},
      {"hairline and density", [](sim::Plan& p) { drag_hairline(p); p.params.density_per_cm2 = 70; }},
      {"brush and calibration", [](sim::Plan& p) { erase_dab(p); p.calibration.px_per_mm = 6.5; }},
      {"density (the hairline and edge terms kept)", [](sim::Plan& p) { p.params.density_per_cm2 = 70; }},
      {"transition (the hairline term's band grows)", [](sim::Plan& p) { p.params.transition_mm = 16; }},
  };
  for (const auto& [name, edit] : edits) {
    sim::Plan plan = head_plan();
    sim::SimulationCache cache;
    cache.simulate(plan);
    edit(plan);
    const auto after = cache.simulate(plan);
    EXPECT_FALSE(cache.incremental()) << name;
    EXPECT_EQ(cache.replaced(), after->impressions.size()) << name;
    EXPECT_TRUE(same_all(after->impressions, sim::simulate(plan).impressions)) << name;
  }
}

// A drag near the midline moves the whole line (three control points); a drag of the outer
// point of a five-point line moves it at both temples only, each side updated on its own.
TEST(IncrementalPlacement, HairlineTermUpdatedNearTheMovedLineGivesTheFreshField) {
  sim::Plan five_points = head_plan();
  five_points.hairline.control_points = {{450, 200}, {530, 203}, {600, 215}, {680, 250}, {740, 290}};
  const std::vector<std::tuple<const char*, sim::Plan, std::function<void(sim::Plan&)>>> drags = {
      {"near the midline", head_plan(), drag_hairline},
      {"at the temples", five_points,
       [](sim::Plan& p) { p.hairline.control_points[4] += cv::Point2d(-2 * kPpmm, 3 * kPpmm); }},
  };
  for (const auto& [name, before, drag] : drags) {
    sim::Plan plan = before;
    drag(plan);
    const cv::Mat1f updated = sim::update_hairline_term_mm(before, sim::hairline_term_mm(before), plan);
    const sim::DensityField fresh = sim::build_density_field(plan);
    const sim::DensityField field = sim::build_density_field(plan, {}, &updated);
    EXPECT_LE(cv::norm(field.density, fresh.density, cv::NORM_INF), 1e-4 * fresh.max_density) << name;
    EXPECT_EQ(field.max_density, fresh.max_density) << name;
    // It changed: the dragged line's density differs from the one before the drag.
    EXPECT_GT(cv::norm(field.density, sim::build_density_field(before).density, cv::NORM_INF), 1.0) << name;
  }
}

TEST(IncrementalPlacement, UnchangedFieldsKeepEverything) {
  const sim::Plan plan = head_plan();
  const sim::DensityField field = sim::build_density_field(plan);
  const auto imps = sim::place_all_sessions(field, 3, plan.params.seed);
  const auto r = sim::replace_changed_region(field, field, imps, 3, plan.params.seed);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->replaced, 0u);
  EXPECT_TRUE(same_all(r->impressions, imps));
}

}  // namespace
}  // namespace smp
