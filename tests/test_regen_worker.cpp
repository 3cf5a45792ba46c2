// The viewer's regeneration lane: a posted plan comes back with its dots and with the same
// naturalness check the exports and `smp-render --check` give for that plan and photo.

#include "core/regen_worker.hpp"
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
}

}  // namespace
}  // namespace smp::studio
