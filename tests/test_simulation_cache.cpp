// SimulationCache: edits that placement does not read reuse the placed impressions; small
// hairline and mask edits re-place their region; every other edit that placement reads
// places again, and the result then equals a fresh simulation.

#include "smp/sim/simulation_cache.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace smp {
namespace {

sim::Plan base_plan() {
  sim::Plan plan = test::uniform_plan(300, 220, 6.0, 80);
  plan.params.sessions = 2;
  plan.hairline.control_points = {{150, 60}, {220, 75}, {280, 110}};
  plan.masks.scar = cv::Mat1b(220, 300, uchar{0});
  plan.masks.scar(cv::Rect(40, 120, 60, 20)) = 255;
  return plan;
}

bool same_impressions(const std::vector<sim::Impression>& a, const std::vector<sim::Impression>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].pos != b[i].pos || a[i].key != b[i].key || a[i].session != b[i].session) return false;
  return true;
}

using Edit = std::pair<std::string, std::function<void(sim::Plan&)>>;

TEST(SimulationCache, ShadeNeedleAndRatesSkipPlacementAndMatchAFreshSimulation) {
  const std::vector<Edit> edits = {
      {"shade", [](sim::Plan& p) { p.params.pigment.dilution_pct = 55; }},
      {"depth", [](sim::Plan& p) { p.params.pigment.depth_mm = 0.9; }},
      {"needle", [](sim::Plan& p) { p.params.needle = {5, 0.3}; }},
      {"lifestyle", [](sim::Plan& p) { p.params.lifestyle.smoker = true; }},
      {"occlusion", [](sim::Plan& p) { p.masks.occlusion = cv::Mat1b(220, 300, uchar{100}); }},
      {"notes", [](sim::Plan& p) { p.notes = "changed"; }},
  };
  for (const auto& [name, edit] : edits) {
    sim::SimulationCache cache;
    sim::Plan plan = base_plan();
    cache.simulate(plan);
    edit(plan);
    sim::SimulationSettings settings;
    settings.rates.price_per_sq_in_min *= 2;  // a price change never touches the dots
    const auto cached = cache.simulate(plan, settings);
    EXPECT_TRUE(cache.reused()) << name;
    const sim::Simulation fresh = sim::simulate(plan, settings);
    EXPECT_TRUE(same_impressions(cached->impressions, fresh.impressions)) << name;
    EXPECT_EQ(cached->estimate.cost_min, fresh.estimate.cost_min) << name;
    EXPECT_EQ(cached->estimate.impressions, fresh.estimate.impressions) << name;
  }
}

TEST(SimulationCache, EveryPlacementInputPlacesAgain) {
  const std::vector<Edit> edits = {
      {"density", [](sim::Plan& p) { p.params.density_per_cm2 = 70; }},
      {"transition", [](sim::Plan& p) { p.params.transition_mm = 5; }},
      {"irregularity", [](sim::Plan& p) { p.params.irregularity = 0.8; }},
      {"scar factor", [](sim::Plan& p) { p.params.scar_density_factor = 1.4; }},
      {"sessions", [](sim::Plan& p) { p.params.sessions = 3; }},
      {"seed", [](sim::Plan& p) { p.params.seed = 99; }},
      {"calibration", [](sim::Plan& p) { p.calibration.px_per_mm = 6.5; }},
      {"head", [](sim::Plan& p) { p.head.midline_origin.x += 3; }},
      {"treatment mostly erased", [](sim::Plan& p) { p.masks.treatment(cv::Rect(0, 0, 300, 150)) = 0; }},
  };
  for (const auto& [name, edit] : edits) {
    sim::SimulationCache cache;
    sim::Plan plan = base_plan();
    cache.simulate(plan);
    edit(plan);  // masks edited in place, as the brush does
    const auto cached = cache.simulate(plan);
    EXPECT_FALSE(cache.reused()) << name;
    EXPECT_FALSE(cache.incremental()) << name;
    EXPECT_EQ(cache.replaced(), cached->impressions.size()) << name;
    EXPECT_TRUE(same_impressions(cached->impressions, sim::simulate(plan).impressions)) << name;
  }
}

// Small mask edits re-place only the region whose density changed (hairline drags, density
// and spacing are tested in test_incremental_placement.cpp).
TEST(SimulationCache, SmallMaskEditsPlaceOnlyTheirRegion) {
  const std::vector<Edit> edits = {
      {"treatment painted in place", [](sim::Plan& p) { p.masks.treatment(cv::Rect(0, 170, 50, 50)) = 0; }},
      {"scar", [](sim::Plan& p) { p.masks.scar(cv::Rect(200, 150, 30, 30)) = 255; }},
      {"exclusion", [](sim::Plan& p) { p.masks.exclusion = cv::Mat1b(220, 300, uchar{0}); p.masks.exclusion(cv::Rect(120, 160, 40, 40)) = 255; }},
  };
  for (const auto& [name, edit] : edits) {
    sim::SimulationCache cache;
    sim::Plan plan = base_plan();
    cache.simulate(plan);
    edit(plan);
    const auto cached = cache.simulate(plan);
    EXPECT_FALSE(cache.reused()) << name;
    EXPECT_TRUE(cache.incremental()) << name;
    EXPECT_GT(cache.replaced(), 0u) << name;
    EXPECT_LT(cache.replaced(), cached->impressions.size() / 2) << name;
    const double fresh = static_cast<double>(sim::simulate(plan).estimate.impressions);
    EXPECT_NEAR(static_cast<double>(cached->estimate.impressions) / fresh, 1.0, 0.03) << name;
  }
}

TEST(SimulationCache, InvalidShadeIsStillRejected) {
  sim::SimulationCache cache;
  sim::Plan plan = base_plan();
  cache.simulate(plan);
  plan.params.pigment.dilution_pct = 400;
  EXPECT_THROW(cache.simulate(plan), std::invalid_argument);
}

}  // namespace
}  // namespace smp
