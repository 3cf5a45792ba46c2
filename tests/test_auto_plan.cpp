// Automatic plan: measured against the synthetic demo photo's known geometry, robustness on
// degenerate input, and plausibility on the real development photos (skipped when absent).

#include "buzz_synthetic.hpp"
#include "demo_photo_geometry.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "helpers/cpu_time.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

namespace {

using smp::sim::Plan;

double treatment_fraction(const Plan& plan) {
  const cv::Mat1b& m = plan.masks.treatment;
  return m.empty() ? 0.0 : cv::countNonZero(m) / static_cast<double>(m.total());
}

std::uint64_t rng_state_after(std::uint64_t state, int draws) {
  cv::RNG rng(state);
  for (int i = 0; i < draws; ++i) rng.next();
  return rng.state;
}

Plan plan_for(const cv::Mat& img, const std::string& name = "synthetic") {
  return smp::sim::make_auto_plan(img, smp::sim::PhotoRef{name, "", img.cols, img.rows});
}

class DemoPhoto : public ::testing::Test {
 protected:
  void SetUp() override {
    photo_ = cv::imread(std::string(SMP_TEST_ASSET_DIR) + "/demo/demo-scalp.jpg", cv::IMREAD_COLOR);
    ASSERT_FALSE(photo_.empty()) << "assets/demo/demo-scalp.jpg is missing; run smp-make-demo-photo";
  }
  cv::Mat photo_;
  smp::demo::DemoPhotoGeometry geo_;
};

TEST_F(DemoPhoto, OutlineMatchesGeneratedSkull) {
  const smp::sim::ScalpDetection det = smp::sim::detect_scalp(photo_);
  ASSERT_TRUE(det.found) << det.note;
  const double breadth = 2 * geo_.head_semi_x;
  EXPECT_NEAR(det.outline.center.x, geo_.head_cx, 0.05 * breadth);
  EXPECT_NEAR(det.outline.center.y, geo_.head_cy, 0.08 * breadth);
  // The fitted ellipse's axes, whatever their order, match the skull's within 12 %.
  const double minor = std::min(det.outline.size.width, det.outline.size.height) / 2;
  const double major = std::max(det.outline.size.width, det.outline.size.height) / 2;
  EXPECT_NEAR(minor, geo_.head_semi_x, 0.12 * geo_.head_semi_x);
  EXPECT_NEAR(major, geo_.head_semi_y, 0.12 * geo_.head_semi_y);
  EXPECT_NEAR(det.head_width_px, breadth, 0.15 * breadth);
}

TEST_F(DemoPhoto, FaceIsTowardTheBottom) {
  const smp::sim::ScalpDetection det = smp::sim::detect_scalp(photo_);
  EXPECT_EQ(det.view, smp::sim::ViewKind::Top);
  EXPECT_GT(det.front_dir.y, 0.95) << det.note;
}

// The head segmentation's clustering draws from OpenCV's per-thread RNG: whatever state other
// code left it in, the same photo gives the same plan (the viewer re-plans in one process).
TEST_F(DemoPhoto, SamePhotoGivesTheSamePlanWhateverRanBefore) {
  const Plan first = plan_for(photo_, "demo-scalp.jpg");
  cv::theRNG().state = 12345;
  for (int i = 0; i < 1000; ++i) cv::theRNG().next();
  const Plan second = plan_for(photo_, "demo-scalp.jpg");
  ASSERT_EQ(first.masks.treatment.size(), second.masks.treatment.size());
  EXPECT_EQ(cv::norm(first.masks.treatment, second.masks.treatment, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(first.masks.hair, second.masks.hair, cv::NORM_INF), 0.0);
  EXPECT_EQ(first.hairline.control_points, second.hairline.control_points);
  EXPECT_EQ(cv::theRNG().state, rng_state_after(12345, 1000)) << "the caller's RNG state is given back";
}

// Skin is told from hair by colour: a black-and-white copy of the demo photo finds no head,
// and the note says why (not "no skin found", which reads as a fault of the photo's subject).
TEST_F(DemoPhoto, ABlackAndWhiteCopyIsSaidToHaveNoColour) {
  cv::Mat grey, grey_bgr;
  cv::cvtColor(photo_, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(grey, grey_bgr, cv::COLOR_GRAY2BGR);
  const smp::sim::ScalpDetection det = smp::sim::detect_scalp(grey_bgr);
  EXPECT_FALSE(det.found);
  EXPECT_NE(det.note.find("black and white"), std::string::npos) << det.note;
  EXPECT_EQ(smp::sim::detect_scalp(photo_).note.find("black and white"), std::string::npos);
  // A black frame or a flat card has no colour either, but is no picture at all.
  for (const cv::Scalar& fill : {cv::Scalar(0, 0, 0), cv::Scalar(120, 150, 200)}) {
    const cv::Mat flat(photo_.size(), CV_8UC3, fill);
    EXPECT_EQ(smp::sim::detect_scalp(flat).note.find("black and white"), std::string::npos) << fill;
  }
}

TEST_F(DemoPhoto, PlanIsValidWithHairlineAndTreatment) {
  const Plan plan = plan_for(photo_, "demo-scalp.jpg");
  EXPECT_EQ(smp::sim::validate(plan), "");
  EXPECT_EQ(plan.calibration.source, "head-width");
  EXPECT_FALSE(plan.calibration.measured);
  // 150 mm head breadth over ~1080 px: about 7 px/mm.
  EXPECT_NEAR(plan.calibration.px_per_mm, 2 * geo_.head_semi_x / 150.0, 1.0);
  ASSERT_TRUE(plan.hairline.enabled());
  ASSERT_TRUE(plan.hairline.symmetric);
  // First control point on the midline, ahead of the head centre (toward the face).
  const cv::Point2d first = plan.hairline.control_points.front() - plan.head.midline_origin;
  EXPECT_NEAR(first.dot(plan.head.lateral_dir()), 0.0, 1.0);
  EXPECT_GT(first.dot(plan.head.front_dir), 0.3 * geo_.head_semi_y);
  // Treatment: the bald top, a sizeable part of the image but not the background.
  const double frac = treatment_fraction(plan);
  EXPECT_GT(frac, 0.12);
  EXPECT_LT(frac, 0.35);
  // Its centroid lies inside the bald region.
  const cv::Moments m = cv::moments(plan.masks.treatment, true);
  ASSERT_GT(m.m00, 0);
  const double sx = static_cast<double>(photo_.cols) / plan.masks.treatment.cols;
  const double u = (m.m10 / m.m00 * sx - geo_.bald_cx) / geo_.bald_semi_x;
  const double v = (m.m01 / m.m00 * sx - geo_.bald_cy) / geo_.bald_semi_y;
  EXPECT_LT(std::hypot(u, v), 0.5);
}

// The one-click flip: the face the other way, the hairline and treatment with it, no
// "Check the front direction" left.
TEST_F(DemoPhoto, FlipFrontReversesTheHeadFrame) {
  const Plan plan = plan_for(photo_, "demo-scalp.jpg");
  const Plan flipped = smp::sim::replan_facing(photo_, plan, -plan.head.front_dir);
  EXPECT_EQ(smp::sim::validate(flipped), "");
  EXPECT_NEAR(flipped.head.front_dir.dot(plan.head.front_dir), -1.0, 1e-9);
  EXPECT_FALSE(smp::sim::needs_front_check(flipped));
  ASSERT_TRUE(flipped.hairline.enabled());
  // The hairline now lies on the other side of the head centre.
  const cv::Point2d first = flipped.hairline.control_points.front() - flipped.head.midline_origin;
  EXPECT_GT(first.dot(flipped.head.front_dir), 0.0);
  EXPECT_LT(first.dot(plan.head.front_dir), 0.0);
}

// Any side the person names: a top view facing it, the hairline on that side of the centre.
TEST_F(DemoPhoto, FaceTowardANamedSide) {
  const Plan plan = plan_for(photo_, "demo-scalp.jpg");
  for (const char* side : {"up", "down", "left", "right"}) {
    const auto front = smp::sim::face_side(side);
    ASSERT_TRUE(front) << side;
    EXPECT_STREQ(smp::sim::face_side_name(*front), side);
    const Plan turned = smp::sim::replan_facing(photo_, plan, *front * 3.0);
    EXPECT_EQ(smp::sim::validate(turned), "") << side;
    EXPECT_EQ(turned.head.view, smp::sim::ViewKind::Top) << side;
    EXPECT_NEAR(turned.head.front_dir.dot(*front), 1.0, 1e-9) << side;
    ASSERT_TRUE(turned.hairline.enabled()) << side;
    EXPECT_GT((turned.hairline.control_points.front() - turned.head.midline_origin).dot(*front), 0.0) << side;
  }
  EXPECT_FALSE(smp::sim::face_side("forward"));
  EXPECT_FALSE(smp::sim::face_side(""));
}

// Degenerate photos must give a valid plan and a note, never an exception.
void expect_graceful(const cv::Mat& img) {
  Plan plan;
  EXPECT_NO_THROW(plan = plan_for(img));
  EXPECT_EQ(smp::sim::validate(plan), "");
  EXPECT_FALSE(plan.notes.empty());
}

TEST(AutoPlanRobustness, UniformGrey) { expect_graceful(cv::Mat(480, 640, CV_8UC3, cv::Scalar(128, 128, 128))); }

TEST(AutoPlanRobustness, Tiny) { expect_graceful(cv::Mat(8, 8, CV_8UC3, cv::Scalar(120, 140, 200))); }

TEST(AutoPlanRobustness, PureNoise) {
  cv::Mat noise(300, 400, CV_8UC3);
  cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
  expect_graceful(noise);
}

TEST(AutoPlanRobustness, EmptyGreyAndAlphaImages) {
  expect_graceful(cv::Mat());
  expect_graceful(cv::Mat(200, 300, CV_8UC1, cv::Scalar(90)));
  expect_graceful(cv::Mat(200, 300, CV_8UC4, cv::Scalar(150, 170, 220, 255)));
  expect_graceful(cv::Mat(200, 300, CV_16UC3, cv::Scalar(30000, 35000, 50000)));
}

// Detection works on a bounded downscale: a flat 196 MP photo (the size limit) must not
// take minutes. A flat colour once sent GrabCut into a pathological cut (90 s whatever the
// size). The bound is on CPU time (all threads), which a busy machine does not inflate, and
// is ten times what detection needs, so only that kind of blow-up fails it. Grey (one
// channel) keeps the test's memory near 200 MB.
TEST(AutoPlanBounds, UniformHugePhotoIsQuick) {
  const cv::Mat flat(14000, 14000, CV_8UC1, cv::Scalar(128));
  const double cpu0 = smp::test::cpu_seconds();
  Plan plan;
  EXPECT_NO_THROW(plan = plan_for(flat));
  const double s = smp::test::cpu_seconds() - cpu0;
  EXPECT_LT(s, 20.0) << "automatic plan of a flat 196 MP photo took " << s << " CPU s";
  EXPECT_EQ(smp::sim::validate(plan), "");
  // The masks stay at the working size, never the photo's.
  EXPECT_LE(std::max(plan.masks.treatment.cols, plan.masks.treatment.rows), 2048);
}

TEST(AutoPlanBounds, FlatColoursAnySizeAreQuick) {
  for (const cv::Scalar& colour : {cv::Scalar(0, 0, 0), cv::Scalar(255, 255, 255), cv::Scalar(120, 150, 200)}) {
    const cv::Mat flat(600, 800, CV_8UC3, colour);
    const double cpu0 = smp::test::cpu_seconds();
    const smp::sim::ScalpDetection det = smp::sim::detect_scalp(flat);
    const double s = smp::test::cpu_seconds() - cpu0;
    EXPECT_LT(s, 10.0) << "detection on a flat " << colour << " photo took " << s << " CPU s";
  }
}

TEST(AutoPlanNotes, ThickHairRemarkIsItsOwnSentence) {
  Plan plan;
  plan.notes = "Automatic plan: frontal view. Thick hair covers 74 % of the head and hides the skin: SMP shows "
               "only where the skin does (1 % of the head here); see the buzz-cut preview. Calibration estimated.";
  EXPECT_EQ(smp::sim::thick_hair_remark(plan),
            "Thick hair covers 74 % of the head and hides the skin: SMP shows only where the skin does (1 % of the "
            "head here); see the buzz-cut preview.");
  plan.notes = "Automatic plan: top view.";
  EXPECT_EQ(smp::sim::thick_hair_remark(plan), "");
}

// Share of the treatment area lying ahead of (in front of) the plan's hairline.
double treated_ahead_share(const Plan& plan) {
  const cv::Mat1b& t = plan.masks.treatment;
  const cv::Size photo(plan.photo.width, plan.photo.height);
  const cv::Mat1b ahead = smp::sim::hairline_front_mask(plan.hairline, plan.head, photo, t.size());
  return cv::countNonZero(t & ahead) / std::max(1.0, static_cast<double>(cv::countNonZero(t)));
}

// A frontal view whose line runs along the client's own full hairline: what lies behind it is
// the soft edge of the hair, so no scattered dots go onto the forehead ahead of it (before,
// two thirds of the treated pixels were a band of forehead below the hair). A bald top keeps
// its sparse dots ahead of the line.
TEST(AutoPlanFrontal, NoDotsAheadOfAFullHairline) {
  cv::theRNG().state = 12345;  // GrabCut draws from it
  const Plan full = plan_for(smp::test::synthetic_head(true));
  ASSERT_EQ(full.head.view, smp::sim::ViewKind::Front);
  ASSERT_TRUE(full.hairline.enabled());
  EXPECT_LT(treated_ahead_share(full), 0.01);
  const cv::Mat demo = cv::imread(std::string(SMP_TEST_ASSET_DIR) + "/demo/demo-scalp.jpg", cv::IMREAD_COLOR);
  ASSERT_FALSE(demo.empty());
  cv::theRNG().state = 12345;
  const Plan bald = plan_for(demo);
  ASSERT_TRUE(bald.hairline.enabled());
  EXPECT_GT(treated_ahead_share(bald), 0.005);
}

// Real photos: which way the face is, by eye (see shared/photos/SOURCE.md).
struct PhotoCase {
  const char* file;
  cv::Point2d front;
  bool full_hair = false;  // no bare scalp (tests/eval/labels): thick hair is never treated
};

void PrintTo(const PhotoCase& c, std::ostream* os) { *os << c.file; }

class RealPhoto : public ::testing::TestWithParam<PhotoCase> {};

TEST_P(RealPhoto, PlanIsPlausible) {
  const std::filesystem::path path = std::filesystem::path(SMP_TEST_PHOTO_DIR) / GetParam().file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  const cv::Mat img = cv::imread(path.string(), cv::IMREAD_COLOR);
  ASSERT_FALSE(img.empty());
  const Plan plan = plan_for(img, path.string());
  EXPECT_EQ(smp::sim::validate(plan), "");
  const double frac = treatment_fraction(plan);
  if (GetParam().full_hair) {
    EXPECT_LT(frac, 0.05) << plan.notes;
    EXPECT_EQ(smp::sim::thick_hair_remark(plan).rfind(smp::sim::kThickHairNote, 0), 0u) << plan.notes;
  } else {
    EXPECT_GT(frac, 0.05) << plan.notes;
    EXPECT_LT(frac, 0.80) << plan.notes;
  }
  // Head breadth 150 mm somewhere between a tiny crop and a 20 MP close-up.
  EXPECT_GT(plan.calibration.px_per_mm, 1.0);
  EXPECT_LT(plan.calibration.px_per_mm, 40.0);
  EXPECT_GT(plan.head.front_dir.dot(GetParam().front), 0.8) << plan.notes;
  EXPECT_TRUE(plan.hairline.enabled()) << plan.notes;
}

INSTANTIATE_TEST_SUITE_P(SharedPhotos, RealPhoto,
                         ::testing::Values(PhotoCase{"top-bald-01.jpg", {0, 1}}, PhotoCase{"top-bald-02.jpg", {0, 1}},
                                           PhotoCase{"top-bald-03.jpg", {0, 1}},
                                           PhotoCase{"top-bald-landscape.jpg", {-1, 0}},
                                           PhotoCase{"top-receding-marked.jpg", {0, 1}},
                                           PhotoCase{"front-thinning-01.jpg", {0, 1}},
                                           PhotoCase{"front-thinning-02.jpg", {0, 1}},
                                           PhotoCase{"front-full-hair.jpg", {0, 1}, true}),
                         [](const ::testing::TestParamInfo<PhotoCase>& param_info) {
                           std::string n = param_info.param.file;
                           n = n.substr(0, n.find('.'));
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
