// The buzz's regions kept for the next buzz of the same photo: another length or regrowth
// gets the regions a fresh decision gives, with its own length; a change of what the
// decision reads (the hair mask, the hairline, the photo) decides again.

#include "buzz_synthetic.hpp"
#include "smp/sim/buzz_region_cache.hpp"
#include "smp/sim/mask_ops.hpp"

#include <gtest/gtest.h>

namespace {

using namespace smp;
using namespace smp::test;

void expect_same_regions(const sim::BuzzRegions& a, const sim::BuzzRegions& b) {
  EXPECT_EQ(a.refusal, b.refusal);
  EXPECT_TRUE(sim::same_pixels(a.clip, b.clip));
  EXPECT_TRUE(sim::same_pixels(a.uncover, b.uncover));
  EXPECT_TRUE(sim::same_pixels(a.head_after, b.head_after));
  EXPECT_TRUE(sim::same_pixels(a.sparse, b.sparse));
  ASSERT_EQ(a.density_per_cm2.size(), b.density_per_cm2.size());
  if (!a.density_per_cm2.empty()) {
    EXPECT_EQ(cv::norm(a.density_per_cm2, b.density_per_cm2, cv::NORM_INF), 0.0);
  }
  EXPECT_DOUBLE_EQ(a.length_mm, b.length_mm);
}

TEST(BuzzRegionCache, AnotherLengthKeepsTheRegionsAnEditDecidesAgain) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  sim::BuzzRegionCache cache;
  const sim::BuzzRegions first = cache.regions(img, plan);
  EXPECT_FALSE(cache.reused());
  ASSERT_TRUE(first.refusal.empty()) << first.refusal;
  ASSERT_GT(cv::countNonZero(first.clip), 100);
  expect_same_regions(first, sim::plan_buzz(img, plan));

  // Another length and some regrowth: kept, and what a fresh decision gives.
  sim::Plan longer = plan;
  longer.params.buzz = {sim::BuzzLength::Guard1, 3.0};
  const sim::BuzzRegions kept = cache.regions(img, longer);
  EXPECT_TRUE(cache.reused());
  expect_same_regions(kept, sim::plan_buzz(img, longer));
  EXPECT_DOUBLE_EQ(kept.length_mm, sim::buzz_length_mm(longer.params.buzz));

  // Less hair marked: decided again.
  sim::Plan less_hair = longer;
  less_hair.masks.hair = longer.masks.hair.clone();
  less_hair.masks.hair.rowRange(0, less_hair.masks.hair.rows / 3).setTo(0);
  const sim::BuzzRegions again = cache.regions(img, less_hair);
  EXPECT_FALSE(cache.reused());
  expect_same_regions(again, sim::plan_buzz(img, less_hair));

  // The hairline moved, or another photo (a copy: another buffer): decided again.
  sim::Plan moved = less_hair;
  ASSERT_TRUE(moved.hairline.enabled());
  moved.hairline.control_points.front().y += 10;
  cache.regions(img, moved);
  EXPECT_FALSE(cache.reused());
  cache.regions(img.clone(), moved);
  EXPECT_FALSE(cache.reused());
  cache.regions(img.clone(), moved);
  EXPECT_FALSE(cache.reused()) << "each copy is a buffer of its own";
}

}  // namespace
