// Hair-loss templates: geometry in the head frame, names, diagrams.

#include "smp/render/template_diagram.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/hairline_curve.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

using smp::sim::HairLossScale;
using smp::sim::HairLossTemplate;
using smp::sim::ViewKind;

constexpr double kPxPerMm = 4.0;
const cv::Size kPhoto(1200, 1400);

smp::sim::HeadFrame head_frame(ViewKind view) {
  smp::sim::HeadFrame h;
  h.view = view;
  // A 150 x 195 mm head seen from above (face up), or 150 x 230 mm from the front (face down).
  const float w = static_cast<float>(150 * kPxPerMm);
  const float l = static_cast<float>((view == ViewKind::Top ? 195 : 230) * kPxPerMm);
  h.outline = cv::RotatedRect(cv::Point2f(600, 700), cv::Size2f(w, l), 0);
  h.midline_origin = {600, 700};
  h.front_dir = view == ViewKind::Top ? cv::Point2d(0, -1) : cv::Point2d(0, 1);
  return h;
}

smp::sim::TemplateGeometry geometry(HairLossTemplate t, ViewKind view) {
  return smp::sim::template_geometry(t, head_frame(view), kPxPerMm, kPhoto, kPhoto);
}

class TemplateViews : public ::testing::TestWithParam<ViewKind> {};

TEST_P(TemplateViews, NorwoodTreatedAreaGrowsFromStageIIToVII) {
  int previous = 0;
  for (int stage = 1; stage <= 7; ++stage) {
    const auto g = geometry({HairLossScale::Norwood, stage}, GetParam());
    const int area = cv::countNonZero(g.treatment);
    ASSERT_TRUE(g.hairline.enabled());
    // Never shrinks; grows at every stage except VI -> VII seen from the front, where the
    // difference (a lower fringe) lies at the sides and the back, out of view.
    if (stage >= 2) {
      EXPECT_GE(area, previous) << "Norwood " << stage;
    }
    if (stage >= 2 && (stage <= 6 || GetParam() == ViewKind::Top)) {
      EXPECT_GT(area, previous) << "Norwood " << stage;
    }
    previous = area;
  }
}

TEST_P(TemplateViews, LudwigKeepsTheFrontalHairline) {
  const auto norwood1 = geometry({HairLossScale::Norwood, 1}, GetParam());
  int previous = 0;
  for (int stage = 1; stage <= 3; ++stage) {
    const auto g = geometry({HairLossScale::Ludwig, stage}, GetParam());
    // The hairline stays where a full head of hair has it (no mature shift) ...
    EXPECT_NEAR(cv::norm(g.hairline.control_points[0] - norwood1.hairline.control_points[0]), 0, 1e-6);
    // ... and nothing within 15 mm behind it is treated.
    const cv::Mat1f dist = smp::sim::hairline_signed_distance(g.hairline, head_frame(GetParam()), kPhoto, kPhoto);
    const cv::Mat1b near_line = cv::Mat(dist < 14.0 * kPxPerMm);
    EXPECT_EQ(cv::countNonZero(g.treatment & near_line), 0) << "Ludwig " << stage;
    const int area = cv::countNonZero(g.treatment);
    EXPECT_GT(area, previous);
    previous = area;
  }
}

INSTANTIATE_TEST_SUITE_P(Views, TemplateViews, ::testing::Values(ViewKind::Top, ViewKind::Front));

TEST(Templates, NorwoodTreatsRightBehindTheHairlineAndOnlyInsideTheHead) {
  const auto g = geometry({HairLossScale::Norwood, 3}, ViewKind::Top);
  const cv::Mat1f dist = smp::sim::hairline_signed_distance(g.hairline, head_frame(ViewKind::Top), kPhoto, kPhoto);
  EXPECT_GT(cv::countNonZero(g.treatment & cv::Mat(dist < 3.0 * kPxPerMm)), 0);
  EXPECT_EQ(cv::countNonZero(g.treatment & cv::Mat(dist < 0)), 0);  // nothing in front of the line
  cv::Mat1b head(kPhoto, uchar{0});
  cv::ellipse(head, head_frame(ViewKind::Top).outline, cv::Scalar(255), cv::FILLED);
  cv::dilate(head, head, cv::Mat());
  EXPECT_EQ(cv::countNonZero(g.treatment & ~head), 0);
}

TEST(Templates, ApplyingOneRecordsItsNameInThePlan) {
  smp::sim::Plan plan;
  plan.photo = {"synthetic.png", "", kPhoto.width, kPhoto.height};
  plan.calibration.px_per_mm = kPxPerMm;
  plan.head = head_frame(ViewKind::Top);
  ASSERT_TRUE(plan.template_name.empty());
  smp::sim::apply_template(plan, {HairLossScale::Norwood, 3});
  EXPECT_EQ(plan.template_name, "Norwood III");
  EXPECT_GT(cv::countNonZero(plan.masks.treatment), 0);
  const HairLossTemplate ludwig{HairLossScale::Ludwig, 2};
  smp::sim::apply_template(plan, ludwig);
  EXPECT_EQ(plan.template_name, smp::sim::template_name(ludwig));
}

TEST(Templates, MatureStagesMoveTheHairlineBack) {
  const auto n4 = geometry({HairLossScale::Norwood, 4}, ViewKind::Top);
  const auto n5 = geometry({HairLossScale::Norwood, 5}, ViewKind::Top);
  // Front is -y in the top view: the mature line sits 10 mm further back (larger y).
  EXPECT_NEAR(n5.hairline.control_points[0].y - n4.hairline.control_points[0].y, 10.0 * kPxPerMm, 1e-6);
}

TEST(Templates, CrownPatchAppearsFromNorwoodIV) {
  // A point near the crown (behind the head centre) is treated from IV on, never in III.
  const cv::Point crown(600, 700 + static_cast<int>(0.35 * 97.5 * kPxPerMm));
  EXPECT_EQ(geometry({HairLossScale::Norwood, 3}, ViewKind::Top).treatment(crown), 0);
  EXPECT_EQ(geometry({HairLossScale::Norwood, 4}, ViewKind::Top).treatment(crown), 255);
}

TEST(Templates, NamesParseAndPrint) {
  EXPECT_EQ(smp::sim::all_hair_loss_templates().size(), 10u);
  for (const auto& t : smp::sim::all_hair_loss_templates()) {
    const auto parsed = smp::sim::parse_template_name(smp::sim::template_name(t));
    ASSERT_TRUE(parsed) << smp::sim::template_name(t);
    EXPECT_EQ(*parsed, t);
    EXPECT_FALSE(smp::sim::template_description(t).empty());
  }
  EXPECT_EQ(smp::sim::parse_template_name("norwood-3"), (HairLossTemplate{HairLossScale::Norwood, 3}));
  EXPECT_EQ(smp::sim::parse_template_name("L2"), (HairLossTemplate{HairLossScale::Ludwig, 2}));
  EXPECT_FALSE(smp::sim::parse_template_name("Ludwig IV"));
  EXPECT_FALSE(smp::sim::parse_template_name("Norwood 8"));
  EXPECT_FALSE(smp::sim::parse_template_name("bald"));
}

TEST(Templates, ApplyKeepsScarAndExclusionMasks) {
  smp::sim::Plan plan;
  plan.photo = {"x.png", "", kPhoto.width, kPhoto.height};
  plan.calibration = {kPxPerMm, true, "two-point"};
  plan.head = head_frame(ViewKind::Top);
  plan.masks.scar = cv::Mat1b(700, 600, uchar{0});
  plan.masks.scar(cv::Rect(10, 10, 5, 5)).setTo(255);
  smp::sim::apply_template(plan, {HairLossScale::Norwood, 6});
  EXPECT_EQ(cv::countNonZero(plan.masks.scar), 25);
  EXPECT_EQ(plan.masks.treatment.size(), smp::sim::working_mask_size(kPhoto.width, kPhoto.height));
  EXPECT_GT(cv::countNonZero(plan.masks.treatment), 0);
  EXPECT_EQ(smp::sim::validate(plan), "");
}

TEST(TemplateDiagrams, EveryTemplateDrawsADistinctSmallPicture) {
  for (ViewKind view : {ViewKind::Top, ViewKind::Front}) {
    std::vector<cv::Mat3b> seen;
    for (const auto& t : smp::sim::all_hair_loss_templates()) {
      const cv::Mat3b d = smp::render::template_diagram(t, view);
      ASSERT_EQ(d.size(), cv::Size(150, 176));
      for (const cv::Mat3b& other : seen) EXPECT_GT(cv::norm(d, other, cv::NORM_L1), 1000.0) << smp::sim::template_name(t);
      seen.push_back(d);
    }
  }
}

}  // namespace
