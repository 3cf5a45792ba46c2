// Hair-loss templates fitted to the photo: on a top view whose bare scalp was found, a
// template's treated area runs over the bald area to the client's remaining hair.

#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"
#include "smp/sim/plan_io.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

namespace sim = smp::sim;

constexpr double kPxPerMm = 4.0;
const cv::Size kPhoto(1200, 1400);
const cv::Size kMask(600, 700);  // masks at half the photo's size, as the automatic plan keeps them

// A 150 x 195 mm head seen from above, face up.
sim::Plan top_view_plan() {
  sim::Plan plan;
  plan.photo = {"synthetic.png", "", kPhoto.width, kPhoto.height};
  plan.calibration.px_per_mm = kPxPerMm;
  plan.head.view = sim::ViewKind::Top;
  plan.head.outline = cv::RotatedRect(cv::Point2f(600, 700), cv::Size2f(150 * kPxPerMm, 195 * kPxPerMm), 0);
  plan.head.midline_origin = {600, 700};
  plan.head.front_dir = {0, -1};
  return plan;
}

cv::Mat1b head_mask(const sim::Plan& plan) {
  cv::Mat1b head(kMask, uchar{0});
  const cv::RotatedRect& e = plan.head.outline;
  cv::ellipse(head, cv::RotatedRect(e.center * 0.5f, cv::Size2f(e.size.width * 0.5f, e.size.height * 0.5f), e.angle),
              cv::Scalar(255), cv::FILLED);
  return head;
}

// A Norwood VI-VII head: a horseshoe fringe 25 mm wide along the sides and the back of the
// head (behind its middle), bare scalp inside it.
cv::Mat1b fringe(const sim::Plan& plan) {
  const cv::Mat1b head = head_mask(plan);
  cv::Mat1f to_edge;
  cv::distanceTransform(head, to_edge, cv::DIST_L2, 3);
  cv::Mat1b out = sim::both(head, cv::Mat1b(to_edge < 25 * kPxPerMm * 0.5));
  out.rowRange(0, kMask.height / 2 - 20).setTo(0);
  return out;
}

TEST(TemplateFit, EveryTemplateRunsOverTheBareScalpToTheFringe) {
  sim::Plan plan = top_view_plan();
  const cv::Mat1b bald = sim::without(head_mask(plan), fringe(plan));
  plan.masks.bald = bald;
  plan.masks.treatment = cv::Mat1b(kMask, uchar{0});
  for (const sim::HairLossTemplate& t : sim::all_hair_loss_templates()) {
    sim::apply_template(plan, t);
    EXPECT_LE(sim::widest_untreated_bald_mm(plan, t), 5.0) << sim::template_name(t);
    // Never in front of the hairline, never off the head.
    const cv::Mat1f behind = sim::hairline_signed_distance(plan.hairline, plan.head, kPhoto, kMask);
    EXPECT_EQ(cv::countNonZero(plan.masks.treatment & cv::Mat(behind <= 0)), 0) << sim::template_name(t);
    cv::Mat1b head = head_mask(plan);
    cv::dilate(head, head, cv::Mat());
    EXPECT_EQ(cv::countNonZero(plan.masks.treatment & ~head), 0) << sim::template_name(t);
  }
  // Without the bald area the shapes alone leave the scalp bare between them and the fringe.
  sim::Plan unfitted = top_view_plan();
  unfitted.masks.treatment = cv::Mat1b(kMask, uchar{0});
  const sim::HairLossTemplate n3{sim::HairLossScale::Norwood, 3};
  sim::apply_template(unfitted, n3);
  unfitted.masks.bald = bald;  // measured against it, not fitted to it
  EXPECT_GT(sim::widest_untreated_bald_mm(unfitted, n3), 30.0);
}

TEST(TemplateFit, BareScalpOffTheTemplateOrOffTheHeadStaysUntreated) {
  sim::Plan plan = top_view_plan();
  plan.masks.treatment = cv::Mat1b(kMask, uchar{0});
  // Bare skin everywhere (the face and the shoulders too), and a bare patch on the fringe
  // that hair separates from the bald top.
  plan.masks.bald = cv::Mat1b(kMask, uchar{255});
  plan.masks.bald.setTo(0, fringe(plan));
  const cv::Point patch(kMask.width / 2 + static_cast<int>(75 * kPxPerMm * 0.5) - 25, kMask.height / 2 + 50);
  cv::circle(plan.masks.bald, patch, 6, cv::Scalar(255), cv::FILLED);
  sim::apply_template(plan, {sim::HairLossScale::Norwood, 2});
  cv::Mat1b head = head_mask(plan);
  cv::dilate(head, head, cv::Mat());
  EXPECT_EQ(cv::countNonZero(plan.masks.treatment & ~head), 0);
  EXPECT_EQ(plan.masks.treatment(patch), 0);
}

TEST(TemplateFit, FrontViewsAndPlansWithoutABaldAreaKeepTheShapes) {
  sim::Plan with = top_view_plan(), without = top_view_plan();
  with.head.view = without.head.view = sim::ViewKind::Front;
  with.head.front_dir = without.head.front_dir = {0, 1};
  with.masks.bald = cv::Mat1b(kMask, uchar{255});
  with.masks.treatment = without.masks.treatment = cv::Mat1b(kMask, uchar{0});
  sim::apply_template(with, {sim::HairLossScale::Norwood, 3});
  sim::apply_template(without, {sim::HairLossScale::Norwood, 3});
  EXPECT_EQ(cv::norm(with.masks.treatment, without.masks.treatment, cv::NORM_INF), 0);
}

TEST(TemplateFit, TheBaldAreaIsSavedWithThePlanAndIsOptional) {
  sim::Plan p = top_view_plan();
  p.masks.treatment = cv::Mat1b(kMask, uchar{0});
  p.masks.bald = sim::without(head_mask(p), fringe(p));
  const sim::Plan back = sim::plan_from_json(sim::plan_to_json(p));
  ASSERT_EQ(back.masks.bald.size(), p.masks.bald.size());
  EXPECT_EQ(cv::norm(back.masks.bald, p.masks.bald, cv::NORM_INF), 0);
  p.masks.bald.release();
  EXPECT_TRUE(sim::plan_from_json(sim::plan_to_json(p)).masks.bald.empty());
}

}  // namespace
