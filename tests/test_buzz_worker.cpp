// The buzz lane of the viewer (BuzzWorker): the clipping is drawn off the calling thread,
// the newest request wins, and a result identifies the photo, buzz and seed it was drawn for.

#include "core/buzz_worker.hpp"

#include "smp/sim/auto_plan.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <string>

namespace smp::studio {
namespace {

// The demo photo (a top view with a fringe) at a quarter of its size: a quick clipping.
cv::Mat3b small_demo() {
  const cv::Mat demo = cv::imread(std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg", cv::IMREAD_COLOR);
  cv::Mat3b small;
  cv::resize(demo, small, {}, 0.25, 0.25, cv::INTER_AREA);
  return small;
}

sim::Plan buzz_plan(const cv::Mat3b& photo, sim::BuzzLength length) {
  cv::theRNG().state = 12345;  // the automatic plan's GrabCut draws from it
  sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{"demo", "", photo.cols, photo.rows});
  plan.params.buzz.length = length;
  return plan;
}

TEST(BuzzWorker, NewestRequestWinsAndMatchesItsPlan) {
  const cv::Mat3b photo = small_demo();
  ASSERT_FALSE(photo.empty());
  const sim::Plan smooth = buzz_plan(photo, sim::BuzzLength::Smooth);
  sim::Plan no_guard = smooth;
  no_guard.params.buzz.length = sim::BuzzLength::NoGuard;

  BuzzWorker worker;
  const std::uint64_t first = worker.post({photo, smooth, false});
  const std::uint64_t second = worker.post({photo, no_guard, true});
  EXPECT_GT(second, first);
  worker.wait();
  const std::optional<BuzzResult> r = worker.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->generation, second);
  EXPECT_TRUE(r->error.empty()) << r->error;
  EXPECT_FALSE(worker.take().has_value());  // taken once

  ASSERT_TRUE(r->step.buzzed) << r->step.refusal;
  EXPECT_EQ(r->step.base.size(), photo.size());
  EXPECT_GT(cv::norm(r->step.base, photo, cv::NORM_L1), 0.0);  // the fringe is clipped
  EXPECT_EQ(photo.data, r->source.data);                      // drawn from the photo itself, not a copy
  // The same result as drawing it here: the lane only moves the work.
  const BuzzResult direct = draw_buzz({photo, no_guard, true}, 0);
  EXPECT_EQ(cv::norm(direct.step.base, r->step.base, cv::NORM_INF), 0.0);
  EXPECT_EQ(direct.matched_dilution_pct, r->matched_dilution_pct);
  EXPECT_TRUE(r->match_shade);
  EXPECT_EQ(r->asked_dilution_pct, no_guard.params.pigment.dilution_pct);

  EXPECT_TRUE(buzz_result_matches(*r, photo, no_guard.params));
  EXPECT_FALSE(buzz_result_matches(*r, photo, smooth.params));   // the length changed since
  sim::PlanParams reseeded = no_guard.params;
  reseeded.seed += 1;
  EXPECT_FALSE(buzz_result_matches(*r, photo, reseeded));        // another seed
  const cv::Mat3b other = photo.clone();
  EXPECT_FALSE(buzz_result_matches(*r, other, no_guard.params)); // another photo, same pixels
}

}  // namespace
}  // namespace smp::studio
