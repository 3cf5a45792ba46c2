// Estimate arithmetic on calibrated synthetic masks of known area.

#include "smp/sim/estimate.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <numbers>

namespace smp {
namespace {

// A disc of radius 50 mm at 4 px/mm inside an 800 x 800 photo: 25*pi cm^2.
sim::Plan disc_plan(cv::Size mask_size) {
  sim::Plan plan = test::uniform_plan(800, 800, 4.0, 80);
  plan.masks.treatment = cv::Mat1b(800, 800, uchar{0});
  cv::circle(plan.masks.treatment, {400, 400}, 200, 255, cv::FILLED, cv::LINE_8);
  if (mask_size != plan.masks.treatment.size()) {
    cv::Mat1b small;
    cv::resize(plan.masks.treatment, small, mask_size, 0, 0, cv::INTER_AREA);
    plan.masks.treatment = small;
  }
  plan.params.sessions = 3;
  return plan;
}

TEST(Estimate, AreaOfKnownDiscInCm2AndSquareInches) {
  const double expected_cm2 = 25.0 * std::numbers::pi;
  for (const cv::Size size : {cv::Size(800, 800), cv::Size(400, 400)}) {
    const sim::Plan plan = disc_plan(size);
    const sim::Simulation s = sim::simulate(plan);
    EXPECT_NEAR(s.estimate.area_cm2, expected_cm2, expected_cm2 * 0.01) << "mask " << size;
    EXPECT_NEAR(s.estimate.area_sq_in, expected_cm2 / 6.4516, expected_cm2 / 6.4516 * 0.01);
  }
}

TEST(Estimate, ImpressionsHoursAndCostFollowTheRates) {
  const sim::Plan plan = disc_plan({800, 800});
  const sim::Simulation s = sim::simulate(plan);
  const sim::Estimate& e = s.estimate;
  ASSERT_EQ(e.sessions, 3);
  ASSERT_EQ(e.impressions_per_session.size(), 3u);
  long sum = 0;
  for (long n : e.impressions_per_session) sum += n;
  EXPECT_EQ(sum, e.impressions);
  EXPECT_EQ(e.impressions, static_cast<long>(s.impressions.size()));
  // Session 1 lays the widest layer, later sessions fewer impressions.
  EXPECT_GT(e.impressions_per_session[0], e.impressions_per_session[1]);
  EXPECT_GT(e.impressions_per_session[1], e.impressions_per_session[2]);
  // Total roughly density x area (edges feather down a little).
  EXPECT_NEAR(static_cast<double>(e.impressions), 80 * e.area_cm2, 80 * e.area_cm2 * 0.12);

  const sim::ClinicRates rates;
  EXPECT_DOUBLE_EQ(e.hours_min, static_cast<double>(e.impressions) / rates.impressions_per_hour_max);
  EXPECT_DOUBLE_EQ(e.hours_max, static_cast<double>(e.impressions) / rates.impressions_per_hour_min);
  EXPECT_DOUBLE_EQ(e.cost_min, e.area_sq_in * 60.0);
  EXPECT_DOUBLE_EQ(e.cost_max, e.area_sq_in * 75.0);
  EXPECT_EQ(e.currency, "USD");
}

TEST(Estimate, MinimumPriceAndCustomRates) {
  const sim::Plan plan = disc_plan({800, 800});
  sim::SimulationSettings settings;
  settings.rates.price_per_sq_in_min = 10;
  settings.rates.price_per_sq_in_max = 20;
  settings.rates.minimum_price = 200;
  settings.rates.currency = "EUR";
  const sim::Estimate e = sim::simulate(plan, settings).estimate;
  EXPECT_DOUBLE_EQ(e.cost_min, 200);  // 12.17 sq in x 10 = 122 < minimum
  EXPECT_DOUBLE_EQ(e.cost_max, e.area_sq_in * 20);
  EXPECT_EQ(e.currency, "EUR");
}

TEST(Estimate, JsonHasTheDocumentedFields) {
  const sim::Plan plan = disc_plan({400, 400});
  const sim::Simulation s = sim::simulate(plan);
  const auto j = nlohmann::json::parse(sim::estimate_to_json(s.estimate, plan, {}));
  for (const char* key : {"area_cm2", "area_sq_in", "impressions", "sessions", "hours_min", "hours_max", "cost_min",
                          "cost_max", "currency"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["impressions"].get<long>(), s.estimate.impressions);
  EXPECT_NEAR(j["area_cm2"].get<double>(), s.estimate.area_cm2, 0.01);
}

TEST(Estimate, InvalidPlanIsRefusedWithTheReason) {
  sim::Plan plan = disc_plan({400, 400});
  plan.params.density_per_cm2 = -1;
  try {
    sim::simulate(plan);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("density"), std::string::npos);
  }
}

}  // namespace
}  // namespace smp
