// Hairline rules for frontal photos: the geometry from given landmarks, the calibration from
// the interpupillary distance, the no-face path on the bundled (top-view) demo, and the real
// frontal photos when ../shared/photos exists.

#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

constexpr double kPxPerMm = 5.0;

// A level face: pupils 63 mm apart at y = 600, outer eye corners 0.75 IPD from the midpoint.
smp::sim::FaceLandmarks level_face() {
  smp::sim::FaceLandmarks f;
  f.found = f.eyes_detected = true;
  f.pupil_left = {500 - 31.5 * kPxPerMm, 600};
  f.pupil_right = {500 + 31.5 * kPxPerMm, 600};
  f.outer_corner_left = {500 - 0.75 * 63 * kPxPerMm, 600};
  f.outer_corner_right = {500 + 0.75 * 63 * kPxPerMm, 600};
  f.glabella = {500, 600 - 12 * kPxPerMm};
  f.up = {0, -1};
  f.face = {300, 400, 400, 400};
  return f;
}

TEST(HairlineGuides, MidFrontalPointsAt7_8_10CmAboveTheGlabella) {
  const smp::sim::HairlineRuleParams p;
  const smp::sim::HairlineGuides g = smp::sim::hairline_guides(level_face(), kPxPerMm, p);
  const double k = kPxPerMm * p.forehead_foreshortening;
  const double glabella_y = 600 - 12 * kPxPerMm;
  EXPECT_NEAR(glabella_y - g.mid_frontal[0].y, 70 * k, 1e-9);
  EXPECT_NEAR(glabella_y - g.mid_frontal[1].y, 80 * k, 1e-9);
  EXPECT_NEAR(glabella_y - g.mid_frontal[2].y, 100 * k, 1e-9);
  for (const cv::Point2d& m : g.mid_frontal) EXPECT_DOUBLE_EQ(m.x, 500);
  // Fronto-temporal points on the lateral epicanthal lines, above the mid-frontal point.
  EXPECT_NEAR(g.fronto_temporal_left.x, 500 - 0.75 * 63 * kPxPerMm, 1e-9);
  EXPECT_NEAR(g.fronto_temporal_right.x, 500 + 0.75 * 63 * kPxPerMm, 1e-9);
  EXPECT_LT(g.fronto_temporal_left.y, g.mid_frontal[1].y);
  EXPECT_DOUBLE_EQ(g.epicanthal_left[0].x, g.epicanthal_left[1].x);
}

TEST(HairlineGuides, FollowATiltedHead) {
  smp::sim::FaceLandmarks f = level_face();
  const double a = 0.2;  // rotate everything about the glabella
  auto rot = [&](cv::Point2d p) {
    const cv::Point2d d = p - f.glabella;
    return f.glabella + cv::Point2d(d.x * std::cos(a) - d.y * std::sin(a), d.x * std::sin(a) + d.y * std::cos(a));
  };
  f.pupil_left = rot(f.pupil_left);
  f.pupil_right = rot(f.pupil_right);
  f.outer_corner_left = rot(f.outer_corner_left);
  f.outer_corner_right = rot(f.outer_corner_right);
  f.up = rot(f.glabella + f.up) - f.glabella;
  const auto g = smp::sim::hairline_guides(f, kPxPerMm);
  EXPECT_NEAR(cv::norm(g.mid_frontal[1] - f.glabella), 80 * kPxPerMm * 0.85, 1e-9);
  EXPECT_NEAR((g.mid_frontal[1] - f.glabella).dot(cv::Point2d(std::cos(a), std::sin(a))), 0, 1e-9);
}

TEST(SuggestHairline, NaturalCurveThroughTheRulePoints) {
  const auto f = level_face();
  const auto half = smp::sim::suggest_hairline(f, kPxPerMm);
  ASSERT_GE(half.size(), 4u);
  const auto g = smp::sim::hairline_guides(f, kPxPerMm);
  EXPECT_NEAR(cv::norm(half[0] - g.mid_frontal[1]), 0, 1e-9);  // 8 cm default on the midline
  EXPECT_NEAR(cv::norm(half[2] - g.fronto_temporal_right), 0, 1e-9);
  // Never straight: the line rises from the midline to the fronto-temporal angle, then drops.
  EXPECT_LT(half[1].y, half[0].y);
  EXPECT_LT(half[2].y, half[1].y);
  EXPECT_GT(half[3].y, half[2].y);
}

TEST(SuggestHairline, CalibratesFromTheEyesWhenNothingIsMeasured) {
  smp::sim::Plan plan = smp::test::uniform_plan(1000, 1200, 3.0, 80);
  plan.calibration = {3.0, false, "head-width"};
  const auto outcome = smp::sim::apply_hairline_rules(plan, level_face());
  EXPECT_TRUE(outcome.applied);
  EXPECT_TRUE(outcome.calibrated);
  EXPECT_NEAR(plan.calibration.px_per_mm, kPxPerMm, 1e-9);  // 315 px between the pupils / 63 mm
  EXPECT_FALSE(plan.calibration.measured);
  EXPECT_EQ(plan.calibration.source, "face");
  EXPECT_EQ(plan.head.view, smp::sim::ViewKind::Front);
  EXPECT_EQ(smp::sim::validate(plan), "");
  // Treatment starts at the new line: nothing in front of it.
  const cv::Mat1f d = smp::sim::hairline_signed_distance(plan.hairline, plan.head, {1000, 1200}, plan.masks.treatment.size());
  EXPECT_EQ(cv::countNonZero(plan.masks.treatment & cv::Mat(d <= 0)), 0);
  EXPECT_GT(cv::countNonZero(plan.masks.treatment), 0);
}

TEST(SuggestHairline, KeepsAMeasuredCalibration) {
  smp::sim::Plan plan = smp::test::uniform_plan(1000, 1200, 3.0, 80);  // measured
  const auto outcome = smp::sim::apply_hairline_rules(plan, level_face());
  EXPECT_TRUE(outcome.applied);
  EXPECT_FALSE(outcome.calibrated);
  EXPECT_EQ(plan.calibration.px_per_mm, 3.0);
  EXPECT_EQ(plan.calibration.source, "two-point");
}

TEST(FaceDetection, TopViewDemoHasNoFaceAndKeepsHeadOutlineCalibration) {
  const auto demo = std::filesystem::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  const cv::Mat3b photo = smp::render::load_photo(demo);
  const smp::sim::FaceLandmarks face = smp::sim::detect_face_landmarks(photo);
  EXPECT_FALSE(face.found);
  EXPECT_NE(face.note.find("no face"), std::string::npos) << face.note;
  smp::sim::Plan plan = smp::sim::make_auto_plan(photo, {demo.string(), "", photo.cols, photo.rows});
  const smp::sim::Plan before = plan;
  const auto outcome = smp::sim::apply_hairline_rules(plan, face);
  EXPECT_FALSE(outcome.applied);
  EXPECT_NE(outcome.message.find("calibration kept"), std::string::npos);
  EXPECT_EQ(plan.calibration.source, "head-width");
  EXPECT_EQ(plan.calibration.px_per_mm, before.calibration.px_per_mm);
  EXPECT_EQ(plan.hairline.control_points, before.hairline.control_points);
}

TEST(FaceDetection, MissingCascadeSaysSo) {
  smp::sim::FaceDetectParams p;
  p.face_cascade = "/nonexistent/cascade.xml";
  const auto face = smp::sim::detect_face_landmarks(cv::Mat3b(200, 200, cv::Vec3b(128, 128, 128)), p);
  EXPECT_FALSE(face.found);
  EXPECT_NE(face.note.find("opencv-data"), std::string::npos);
}

// Real frontal photos (not in the repository). They are close-ups of the forehead with the
// eyes out of the frame: no face is found, and the rules still shape the hairline from the
// current mid-frontal point, keeping the head-outline calibration. Should a face be found,
// the line must sit above the eyes with the scale from the eyes.
TEST(FaceDetection, RealFrontalPhotos) {
  const auto dir = smp::test::shared_photos_dir();
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  int checked = 0;
  for (const char* name : {"front-thinning-01.jpg", "front-thinning-02.jpg", "front-full-hair.jpg"}) {
    const auto path = dir / name;
    if (!std::filesystem::exists(path)) continue;
    const cv::Mat3b photo = smp::render::load_photo(path);
    const auto face = smp::sim::detect_face_landmarks(photo);
    smp::sim::Plan plan = smp::sim::make_auto_plan(photo, {path.string(), "", photo.cols, photo.rows});
    const smp::sim::Plan before = plan;
    const auto outcome = smp::sim::apply_hairline_rules(plan, face);
    SCOPED_TRACE(std::string(name) + ": " + outcome.message);
    EXPECT_EQ(smp::sim::validate(plan), "");
    if (face.found) {
      ASSERT_TRUE(outcome.applied && outcome.from_face);
      EXPECT_LT(plan.hairline.control_points[0].y, 0.5 * (face.pupil_left.y + face.pupil_right.y));
      EXPECT_NEAR(face.interpupillary_px() / plan.calibration.px_per_mm, 63.0, 1e-6);
    } else if (before.head.view == smp::sim::ViewKind::Front && before.hairline.enabled()) {
      ASSERT_TRUE(outcome.applied);
      EXPECT_FALSE(outcome.from_face);
      EXPECT_NE(outcome.message.find("no face"), std::string::npos);
      EXPECT_EQ(plan.calibration.source, before.calibration.source);
      EXPECT_NEAR(cv::norm(plan.hairline.control_points[0] - before.hairline.control_points[0]), 0, 1e-6);
      const double ft_mm = std::abs(plan.hairline.control_points[2].x - plan.hairline.control_points[0].x) /
                           plan.calibration.px_per_mm;
      EXPECT_NEAR(ft_mm, 0.75 * 63, 1e-6);
      EXPECT_LT(plan.hairline.control_points[2].y, plan.hairline.control_points[0].y);  // temporal recession
      EXPECT_GT(cv::countNonZero(plan.masks.treatment), 0);
    } else {
      EXPECT_FALSE(outcome.applied);
    }
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "no frontal photos";
}

}  // namespace
