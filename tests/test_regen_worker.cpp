// The viewer's regeneration lane: a posted plan comes back with its dots, with the same
// naturalness check the exports and `smp-render --check` give for that plan and photo, and
// with the tone its dots were drawn with.

#include "core/regen_worker.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/naturalness.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace smp::studio {
namespace {

TEST(RegenWorker, DotsComeWithTheNaturalnessCheckOfThePlan) {
  sim::Plan plan = test::uniform_plan(240, 180, 4.0, 150);
  plan.params.pigment.dilution_pct = 0;  // undiluted at the densest: a helmet on bare skin
  const cv::Mat3b photo(180, 240, cv::Vec3b(150, 170, 205));
  RegenWorker worker;
  RegenRequest request;
  request.generation = 1;
  request.plan_revision = 1;
  request.plan = plan;
  request.photo = photo;
  worker.post(request);
  while (worker.busy()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const std::optional<RegenResult> result = worker.take();
  ASSERT_TRUE(result);
  ASSERT_TRUE(result->error.empty()) << result->error;
  ASSERT_TRUE(result->simulation);
  EXPECT_GT(result->simulation->impressions.size(), 0u);
  const render::LookFigures expected = render::look_figures(photo, plan);
  EXPECT_EQ(result->look, render::look_summary(expected));
  EXPECT_EQ(result->naturalness, render::naturalness_warnings(plan, expected));
  EXPECT_FALSE(result->naturalness.empty()) << result->look;
  // And with the tone its dots were drawn with, for the timeline's thumbnails.
  ASSERT_TRUE(result->tone);
  const render::PhotoTone tone = render::estimate_plan_tone(photo, plan);
  EXPECT_EQ(result->tone->skin_bgr, tone.skin_bgr);
  EXPECT_EQ(result->tone->blur_sigma_px, tone.blur_sigma_px);
  EXPECT_EQ(result->tone->blur_field, tone.blur_field);
}

// The worker simulates through its SimulationCache: a small brush edit re-places only its
// region, a shade change places nothing, and `placed` says how many impressions were placed.
TEST(RegenWorker, ReportsHowManyImpressionsEachEditPlaced) {
  sim::Plan plan = test::uniform_plan(400, 300, 5.0, 80);
  RegenWorker worker;
  RegenRequest request;
  request.plan = plan;
  const auto run = [&](std::uint64_t generation) {
    request.generation = generation;
    request.plan_revision = generation;
    worker.post(request);
    while (worker.busy()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::optional<RegenResult> result = worker.take();
    EXPECT_TRUE(result && result->error.empty());
    return result ? *result : RegenResult{};
  };
  const RegenResult first = run(1);
  ASSERT_TRUE(first.simulation);
  EXPECT_EQ(first.placed, first.simulation->impressions.size());
  request.plan.masks.treatment = plan.masks.treatment.clone();
  cv::circle(request.plan.masks.treatment, {200, 150}, 20, 0, cv::FILLED);
  const RegenResult brushed = run(2);
  ASSERT_TRUE(brushed.simulation);
  EXPECT_GT(brushed.placed, 0u);
  EXPECT_LT(brushed.placed, brushed.simulation->impressions.size() / 4);
  request.plan.params.pigment.dilution_pct = 40;
  EXPECT_EQ(run(3).placed, 0u);
}

}  // namespace
}  // namespace smp::studio
