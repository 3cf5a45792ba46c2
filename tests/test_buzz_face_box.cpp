// The face finder's box in the buzz decision: on a frontal view the face below the brows is
// never clipped (and hair over much of it refuses the preview); on a top view the box is the
// bowed head itself, and the hair inside it is the scalp's like any other: no refusal, and no
// straight cut across the hair down the sides.

#include "buzz_synthetic.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <string>

namespace {

using namespace smp;
using namespace smp::test;

// The share of the cap's rows 120-200 clipped or removed beyond the skull (rows a box from
// row 100 down would leave standing).
double clipped_share_of_lower_cap(const sim::BuzzRegions& r, cv::Size size) {
  cv::Mat1b clip;
  cv::resize(r.clip | r.uncover, clip, size, 0, 0, cv::INTER_NEAREST);
  cv::Mat1b lower = synthetic_cap(size);
  lower.rowRange(0, 120).setTo(0);
  return cv::countNonZero(clip & lower) / static_cast<double>(cv::countNonZero(lower));
}

TEST(BuzzFaceBox, GuardsAFrontalFaceNotATopViewsHead) {
  const cv::Mat3b img = synthetic_head(true);
  sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  sim::ScalpDetection det = sim::detect_scalp(img);
  ASSERT_TRUE(det.found);
  // A box as wide as the head whose upper 30 % ends at row 100, well inside the cap.
  det.face = cv::Rect2d(130, 40, 200 * 1.9, 200);

  plan.head.view = sim::ViewKind::Front;
  const sim::BuzzRegions frontal = sim::plan_buzz(img, plan, det);
  EXPECT_NE(frontal.refusal.find("covers the face"), std::string::npos) << frontal.refusal;

  plan.head.view = sim::ViewKind::Top;
  const sim::BuzzRegions top = sim::plan_buzz(img, plan, det);
  ASSERT_TRUE(top.refusal.empty()) << top.refusal;
  EXPECT_GT(clipped_share_of_lower_cap(top, img.size()), 0.9);
}

}  // namespace
