// The automatic plan measured on the hand-labelled evaluation set (tests/eval/labels): the
// scoring itself on synthetic plans, the label files' validity, and the figures on the real
// photos (skipped when ../shared/photos is absent). Thresholds sit at the figures the
// current detection reaches, so any regression fails.

#include "eval/eval_labels.hpp"
#include "smp/sim/auto_plan.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using smp::eval::PhotoLabel;

const fs::path kLabelDir = fs::path(SMP_SOURCE_DIR) / "tests" / "eval" / "labels";
const fs::path kPhotoDir = SMP_TEST_PHOTO_DIR;

PhotoLabel square_label() {
  PhotoLabel l;
  l.name = "synthetic";
  l.size = {100, 100};
  l.view = smp::sim::ViewKind::Top;
  l.front = cv::Point2d(0, 1);
  l.scalp = {{{20, 20}, {80, 20}, {80, 80}, {20, 80}}};
  l.off_scalp = {{5, 5}, {95, 95}};
  l.hair = {{50, 50}};
  return l;
}

smp::sim::Plan plan_with_treatment(cv::Rect r) {
  smp::sim::Plan p;
  p.masks.treatment = cv::Mat1b(200, 200, uchar{0});
  p.masks.treatment(r).setTo(255);
  p.head.front_dir = {0, 1};
  return p;
}

TEST(EvalScoring, IouFrontAndPointHits) {
  const PhotoLabel label = square_label();
  // Exactly the polygon (label coordinates x2 on a 200x200 mask).
  smp::eval::PhotoScore s = smp::eval::score_plan(label, plan_with_treatment({40, 40, 120, 120}));
  ASSERT_TRUE(s.iou);
  EXPECT_NEAR(*s.iou, 1.0, 0.05);
  ASSERT_TRUE(s.front_right);
  EXPECT_TRUE(*s.front_right);
  EXPECT_EQ(s.off_hits, 0);
  EXPECT_EQ(s.hair_hits, 1);  // the hair point lies inside the treated square
  EXPECT_FALSE(s.clean());
  ASSERT_TRUE(s.shown);
  EXPECT_NEAR(*s.shown, 1.0, 0.05);
  // Half of the polygon, treatment spilling onto a corner point, face the wrong way.
  smp::sim::Plan p = plan_with_treatment({0, 0, 80, 200});
  p.head.front_dir = {0, -1};
  s = smp::eval::score_plan(label, p);
  EXPECT_LT(*s.iou, 0.45);
  EXPECT_FALSE(*s.front_right);
  EXPECT_EQ(s.off_hits, 1);
}

TEST(EvalScoring, OcclusionHidesPigmentButKeepsTheArea) {
  const PhotoLabel label = square_label();
  smp::sim::Plan p = plan_with_treatment({40, 40, 120, 120});
  p.masks.occlusion = cv::Mat1b(200, 200, uchar{0});
  cv::circle(p.masks.occlusion, {100, 100}, 20, cv::Scalar(255), cv::FILLED);
  const smp::eval::PhotoScore s = smp::eval::score_plan(label, p);
  EXPECT_EQ(s.hair_hits, 0);
  EXPECT_NEAR(*s.iou, 1.0, 0.05);
  // The hidden disk is 400 pi of the square's 120 x 120 mask pixels.
  ASSERT_TRUE(s.shown);
  EXPECT_NEAR(*s.shown, 1.0 - 400 * 3.14159 / (120 * 120), 0.03);
}

TEST(EvalScoring, SummaryCountsAndMedian) {
  std::vector<smp::eval::PhotoScore> v(3);
  v[0].iou = 0.2;
  v[1].iou = 0.9;
  v[1].front_right = true;
  v[2].iou = 0.6;
  v[2].front_right = false;
  v[2].off_hits = 2;
  v[0].shown = 0.1;
  v[2].shown = 0.5;
  const smp::eval::Totals t = smp::eval::summarise(v);
  EXPECT_DOUBLE_EQ(t.median_iou, 0.6);
  EXPECT_DOUBLE_EQ(t.median_shown, 0.3);
  EXPECT_EQ(t.front_known, 2);
  EXPECT_EQ(t.front_right, 1);
  EXPECT_EQ(t.clean, 2);
}

TEST(EvalLabels, BadFileIsNamed) {
  const fs::path f = fs::temp_directory_path() / "smp_eval_bad_label.json";
  std::ofstream(f) << R"({"photo": "x.jpg", "labelled_size": [100, 100], "view": "top", "front": "north"})";
  try {
    smp::eval::load_label(f);
    FAIL() << "accepted a bad front direction";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("smp_eval_bad_label.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("front"), std::string::npos) << e.what();
  }
  fs::remove(f);
}

// Every label file loads, and the set covers what it must: at least 40 photos, top and
// frontal views, all four hair-loss groups.
TEST(EvalLabels, SetIsCompleteAndValid) {
  const std::vector<PhotoLabel> labels = smp::eval::load_labels(kLabelDir);
  EXPECT_GE(labels.size(), 63u);  // every development photo
  int top = 0, front = 0, groups[5] = {};
  for (const PhotoLabel& l : labels) {
    (l.view == smp::sim::ViewKind::Top ? top : front)++;
    if (l.photo.rfind("more/group", 0) == 0) ++groups[std::clamp(l.photo[10] - '0', 0, 4)];
    EXPECT_FALSE(l.off_scalp.empty()) << l.name;
  }
  EXPECT_GE(top, 15);
  EXPECT_GE(front, 15);
  for (int g = 1; g <= 4; ++g) EXPECT_GE(groups[g], 5) << "group " << g;
}

// A photo turned clockwise turns its directions with it (y down): the face at the bottom is
// at the left after a quarter turn; and a plan's answer is right, asked about or wrong.
TEST(EvalLabels, TurnedFrontsAndTheirAnswers) {
  EXPECT_EQ(smp::eval::turned({0, 1}, 1), cv::Point2d(-1, 0));
  EXPECT_EQ(smp::eval::turned({0, 1}, 2), cv::Point2d(0, -1));
  EXPECT_EQ(smp::eval::turned({0, 1}, 3), cv::Point2d(1, 0));
  EXPECT_EQ(smp::eval::turned({1, 0}, 4), cv::Point2d(1, 0));
  cv::Mat1b bottom_left(2, 3, uchar{0});
  bottom_left(1, 0) = 255;
  const cv::Mat1b quarter = smp::eval::turned(bottom_left, 1);  // the bottom-left corner goes to the top left
  ASSERT_EQ(quarter.size(), cv::Size(2, 3));
  EXPECT_EQ(quarter(0, 0), 255);
  PhotoLabel label;
  label.view = smp::sim::ViewKind::Top;
  label.front = cv::Point2d(0, 1);
  smp::sim::Plan plan;
  plan.head.front_dir = {-1, 0};
  bool asked_right = true;
  EXPECT_EQ(smp::eval::front_answer(label, plan, 1, &asked_right), smp::eval::FrontAnswer::Right);
  EXPECT_FALSE(asked_right);
  EXPECT_EQ(smp::eval::front_answer(label, plan, 0), smp::eval::FrontAnswer::Wrong);
  plan.notes = std::string(smp::sim::kCheckFrontNote) + ": the photo does not show clearly which way the face is.";
  EXPECT_EQ(smp::eval::front_answer(label, plan, 0), smp::eval::FrontAnswer::Asked);
  EXPECT_EQ(smp::eval::front_answer(label, plan, 1, &asked_right), smp::eval::FrontAnswer::Right);
  EXPECT_TRUE(asked_right);
  label.front.reset();  // no known front: nothing to answer
  EXPECT_FALSE(smp::eval::front_answer(label, plan, 0));
}

// Floors: the figures the current detection reaches on the whole set (see the test output).
struct Floors {
  int view_right = 52;       // 54/63 photos
  double front_rate = 0.88;  // 26/28 top views
  double median_iou = 0.62;  // 0.66 over 45 photos with a polygon
  double clean_rate = 0.80;  // 52/63 photos
};

// The automatic plan of `img` (the photo of `label`, as read or changed), scored against the label.
smp::eval::PhotoScore auto_plan_score(const PhotoLabel& label, const cv::Mat& img) {
  const fs::path path = kPhotoDir / label.photo;
  return smp::eval::score_plan(label, smp::sim::make_auto_plan(img, smp::sim::PhotoRef{path.string(), "", img.cols, img.rows}));
}

TEST(EvalSet, AutomaticPlanOnLabelledPhotos) {
  if (!fs::exists(kPhotoDir)) GTEST_SKIP() << kPhotoDir << " not present";
  const std::vector<PhotoLabel> labels = smp::eval::load_labels(kLabelDir);
  std::vector<smp::eval::PhotoScore> all, halves[2];
  for (size_t i = 0; i < labels.size(); ++i) {
    const fs::path path = kPhotoDir / labels[i].photo;
    const cv::Mat img = cv::imread(path.string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(img.empty()) << path;
    all.push_back(auto_plan_score(labels[i], img));
    halves[i % 2].push_back(all.back());
  }
  const smp::eval::Totals t = smp::eval::summarise(all);
  std::printf("%s", smp::eval::format_table(all).c_str());
  std::printf("all:        %s\n", smp::eval::format_totals(t).c_str());
  std::printf("even half:  %s\n", smp::eval::format_totals(smp::eval::summarise(halves[0])).c_str());
  std::printf("odd half:   %s\n", smp::eval::format_totals(smp::eval::summarise(halves[1])).c_str());
  const Floors floors;
  EXPECT_GE(t.view_right, floors.view_right);
  EXPECT_GE(t.front_rate(), floors.front_rate);
  EXPECT_GE(t.median_iou, floors.median_iou);
  EXPECT_GE(t.clean_rate(), floors.clean_rate);
}

// The same photos 30 % darker (an underexposed phone photo, or a dim room): the detection
// brings those darker than the development photos' range into it, so the plans keep most of
// their figures: 49 of 63 clean and a median IoU of 0.61 (41 and 0.55 without that step). The
// floors leave room for three photos.
TEST(EvalSet, DarkerPhotosKeepTheirFigures) {
  if (!fs::exists(kPhotoDir)) GTEST_SKIP() << kPhotoDir << " not present";
  std::vector<smp::eval::PhotoScore> all;
  for (const PhotoLabel& label : smp::eval::load_labels(kLabelDir)) {
    const fs::path path = kPhotoDir / label.photo;
    const cv::Mat img = cv::imread(path.string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(img.empty()) << path;
    cv::Mat dark;
    img.convertTo(dark, CV_8UC3, 0.7);
    all.push_back(auto_plan_score(label, dark));
  }
  const smp::eval::Totals t = smp::eval::summarise(all);
  std::printf("30 %% darker: %s\n", smp::eval::format_totals(t).c_str());
  const Floors floors;
  EXPECT_GE(t.front_rate(), floors.front_rate);
  EXPECT_GE(t.median_iou, floors.median_iou - 0.05);
  EXPECT_GE(t.clean_rate(), floors.clean_rate - 0.08);
}

// The top views turned by 90, 180 and 270 degrees (photos taken another way up): the front
// is right, or the plan asks to check it; right on most (55 of 84 now), wrong without a word
// on few (8 of 84 now).
TEST(EvalSet, TurnedTopViewsAreRightOrAskedAbout) {
  if (!fs::exists(kPhotoDir)) GTEST_SKIP() << kPhotoDir << " not present";
  int answers = 0, right = 0, wrong = 0;
  for (const PhotoLabel& label : smp::eval::load_labels(kLabelDir)) {
    if (label.view != smp::sim::ViewKind::Top || !label.front) continue;
    const fs::path path = kPhotoDir / label.photo;
    const cv::Mat img = cv::imread(path.string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(img.empty()) << path;
    for (int quarters = 1; quarters <= 3; ++quarters) {
      const cv::Mat t = smp::eval::turned(img, quarters);
      const smp::sim::Plan plan = smp::sim::make_auto_plan(t, smp::sim::PhotoRef{path.string(), "", t.cols, t.rows});
      const auto a = smp::eval::front_answer(label, plan, quarters);
      ASSERT_TRUE(a);
      ++answers;
      if (*a == smp::eval::FrontAnswer::Right) ++right;
      if (*a == smp::eval::FrontAnswer::Wrong) {
        ++wrong;
        std::printf("%s turned %d degrees: front wrong without a word\n", label.name.c_str(), 90 * quarters);
      }
    }
  }
  EXPECT_GE(answers, 80);
  EXPECT_GE(right, 54) << "of " << answers;
  EXPECT_LE(wrong, 10) << "of " << answers;
}

}  // namespace
