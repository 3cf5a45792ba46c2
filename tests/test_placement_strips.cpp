// The whole photo's sessions are placed in strips of rows on all cores: the same impressions
// for any thread count, and no seam between the strips (spacing kept, density even across
// them).

#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp {
namespace {

TEST(PlacementStrips, SameImpressionsWithOneThreadOrMany) {
  const sim::Plan plan = test::uniform_plan(900, 800, 8.0, 80);
  const auto field = sim::build_density_field(plan);
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  const auto one = sim::place_all_sessions(field, 3, 7);
  cv::setNumThreads(5);
  const auto many = sim::place_all_sessions(field, 3, 7);
  cv::setNumThreads(threads);
  ASSERT_EQ(one.size(), many.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    ASSERT_EQ(one[i].pos, many[i].pos) << i;
    ASSERT_EQ(one[i].key, many[i].key) << i;
    ASSERT_EQ(one[i].session, many[i].session) << i;
  }
}

// Counts in 1.5 mm bands of rows across the photo: a strip's edge placed without its
// neighbours (a gap or a crowded line) would show as a band off the mean. Each band holds
// about 150 dots, whose count varies by a few percent.
TEST(PlacementStrips, NoSeamBetweenStrips) {
  const double ppmm = 8.0, target = 80.0;
  const sim::Plan plan = test::uniform_plan(1200, 1000, ppmm, target);
  const auto imps = sim::place_all_sessions(sim::build_density_field(plan), 1, 42);
  const double band = 1.5 * ppmm;
  const int bands = static_cast<int>((1000 - 2 * 40) / band);
  std::vector<int> count(static_cast<std::size_t>(bands), 0);
  for (const auto& i : imps) {
    if (i.pos.x < 40 || i.pos.x >= 1160 || i.pos.y < 40) continue;
    const int b = static_cast<int>((i.pos.y - 40) / band);
    if (b < bands) ++count[static_cast<std::size_t>(b)];
  }
  const double expected = target / 100.0 * (1120.0 / ppmm) * 1.5;
  for (int b = 0; b < bands; ++b)
    EXPECT_NEAR(count[static_cast<std::size_t>(b)] / expected, 1.0, 0.12) << "band " << b << " at y " << 40 + b * band;
  // And no pair closer than the spacing anywhere (seams included).
  const double r = sim::poisson_radius_px(target / 100.0 / (ppmm * ppmm));
  std::vector<cv::Point2f> sorted;
  for (const auto& i : imps) sorted.push_back(i.pos);
  std::sort(sorted.begin(), sorted.end(), [](cv::Point2f a, cv::Point2f b) { return a.y < b.y; });
  for (std::size_t i = 0; i < sorted.size(); ++i)
    for (std::size_t j = i + 1; j < sorted.size() && sorted[j].y - sorted[i].y < r; ++j)
      ASSERT_GE(cv::norm(sorted[i] - sorted[j]), r * 0.999) << sorted[i] << " " << sorted[j];
}

}  // namespace
}  // namespace smp
