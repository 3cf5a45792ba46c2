// The buzz lane of the viewer (BuzzWorker): the clipping is drawn off the calling thread,
// the newest request wins, a result identifies the photo, buzz and seed it was drawn for, and
// the photo's detection and regions are kept for its next buzz.

#include "core/buzz_worker.hpp"

#include "smp/sim/auto_plan.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <memory>
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

// The lane draws with the document's scalp detection when the request carries one, and keeps
// it and the regions for the next length of the same photo: the same pictures as drawing
// from regions decided here with that detection.
TEST(BuzzWorker, UsesTheDocumentsDetectionAndKeepsTheRegions) {
  const cv::Mat3b photo = small_demo();
  ASSERT_FALSE(photo.empty());
  cv::theRNG().state = 12345;
  const sim::CheckedAutoPlan checked = sim::make_checked_auto_plan(photo, sim::PhotoRef{"demo", "", photo.cols, photo.rows});
  ASSERT_TRUE(checked.detection);
  sim::Plan no_guard = checked.plan;
  no_guard.params.buzz = {sim::BuzzLength::NoGuard, 0};
  sim::Plan longer = no_guard;
  longer.params.buzz = {sim::BuzzLength::Guard1, 2};

  BuzzWorker worker;
  worker.post({photo, no_guard, false, checked.detection});
  worker.wait();
  const std::optional<BuzzResult> first = worker.take();
  ASSERT_TRUE(first && first->error.empty());
  ASSERT_TRUE(first->step.buzzed) << first->step.refusal;
  const sim::BuzzRegions first_regions = sim::plan_buzz(photo, no_guard, *checked.detection);
  EXPECT_EQ(cv::norm(draw_buzz({photo, no_guard, false}, 0, &first_regions).step.base, first->step.base, cv::NORM_INF), 0.0);

  worker.post({photo, longer, false});  // no detection with it: the kept one
  worker.wait();
  const std::optional<BuzzResult> second = worker.take();
  ASSERT_TRUE(second && second->error.empty());
  const sim::BuzzRegions longer_regions = sim::plan_buzz(photo, longer, *checked.detection);
  EXPECT_EQ(cv::norm(draw_buzz({photo, longer, false}, 0, &longer_regions).step.base, second->step.base, cv::NORM_INF), 0.0);
  EXPECT_GT(cv::norm(first->step.base, second->step.base, cv::NORM_L1), 0.0);  // another length drawn

  // And it is the one used: a detection whose head is the whole photo decides otherwise.
  sim::ScalpDetection whole = *checked.detection;
  whole.head = cv::Mat1b(whole.head.size(), uchar{255});
  BuzzWorker other;
  other.post({photo, no_guard, false, std::make_shared<const sim::ScalpDetection>(whole)});
  other.wait();
  const std::optional<BuzzResult> odd = other.take();
  ASSERT_TRUE(odd && odd->error.empty());
  EXPECT_TRUE(!odd->step.refusal.empty() || cv::norm(odd->step.base, first->step.base, cv::NORM_L1) > 0.0);
}

}  // namespace
}  // namespace smp::studio
