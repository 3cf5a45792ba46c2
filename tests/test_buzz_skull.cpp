// The skull after clipping: the hair's volume over it is measured from the head's outline and
// follows it, thin where the hair comes down to the face, even over the top.

#include "../simulation/src/buzz_skull.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"
#include "smp/render/compositor.hpp"
#include "smp/sim/buzz.hpp"
#include "smp/sim/mask_ops.hpp"
#include "smp/sim/simulate.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace smp;
using namespace smp::test;

// Hair lies close to the skull where its outline comes down to the face: just above the
// hairline the clipped head is about as wide as the head under the hair, not cut in by the
// volume the hair has over the top.
TEST(BuzzRegions, SidesKeepTheSkullsWidthDownToTheFace) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  cv::Mat1b after;
  cv::resize(regions.head_after, after, img.size(), 0, 0, cv::INTER_NEAREST);
  const int row = 185;  // 15 px above the hairline
  const double skull = 2 * 170 * std::sqrt(1 - std::pow((row - 300) / 215.0, 2));  // synthetic_head's ellipse
  EXPECT_GE(cv::countNonZero(after.row(row)), skull - 3 * plan.calibration.px_per_mm);
  // Over the top the volume still goes: the clipped head is lower than the hair.
  EXPECT_GT(cv::boundingRect(after).y, cv::boundingRect(synthetic_cap(img.size())).y + 5 * plan.calibration.px_per_mm);
}

// The wall seen through gaps between tufts is no outline: the hair's volume is measured from
// the head's outline, so the clipped head is as high as without the gaps.
TEST(BuzzRegions, GapsBetweenTuftsDoNotLowerTheSkull) {
  const cv::Mat3b img = synthetic_head(true);
  cv::Mat3b gaps = img.clone();
  const cv::Mat1b cap = synthetic_cap(img.size());
  cv::RNG rng(11);
  for (int i = 0; i < 14; ++i) {  // wall-coloured holes in the hair's top, inside its outline
    const cv::Point p(rng.uniform(200, 440), rng.uniform(75, 140));
    cv::Mat1b hole(img.size(), uchar{0});
    cv::circle(hole, p, 10, cv::Scalar(255), cv::FILLED);
    cv::Mat1b inner;
    cv::erode(cap, inner, cv::Mat(), {-1, -1}, 6);
    gaps.setTo(cv::Vec3b(200, 206, 210), hole & inner);
  }
  const auto top_of = [](const cv::Mat3b& photo) {
    const sim::Plan plan = plan_with(photo, sim::BuzzLength::NoGuard);
    const sim::BuzzRegions r = sim::plan_buzz(photo, plan);
    EXPECT_TRUE(r.refusal.empty()) << r.refusal;
    return r.head_after.empty() ? 0.0 : cv::boundingRect(r.head_after).y / r.work_per_photo;
  };
  const double plain = top_of(img), holed = top_of(gaps);
  EXPECT_LE(holed, plain + 4.0);  // lower = larger y; the gaps may change the rest of the segmentation
}

// A boxy haircut (flat top, straight sides) leaves no polygon head: the skull's outline turns
// gradually over the top, with no corner where the hair's silhouette had one.
TEST(BuzzRegions, ABoxyHaircutLeavesARoundSkull) {
  cv::Mat1b cap(480, 640, uchar{0});
  const std::vector<cv::Point> box{{135, 200}, {135, 95}, {200, 35}, {440, 35}, {505, 95}, {505, 200}};
  cv::fillConvexPoly(cap, box, cv::Scalar(255));
  const cv::Mat3b img = synthetic_head_with(cap);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions r = sim::plan_buzz(img, plan);
  ASSERT_TRUE(r.refusal.empty()) << r.refusal;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(r.head_after.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  ASSERT_FALSE(contours.empty());
  const auto& outline = *std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
    return cv::contourArea(a) < cv::contourArea(b);
  });
  // The largest turn over any 6 mm of outline over the top of the head, 50 px (about 20 mm)
  // above the hairline and higher, clear of where the skull's outline meets the face's (a
  // corner of the box turns 45 degrees at a point; the arc over the whole top about 180).
  const int n = static_cast<int>(outline.size());
  const int step = std::max(2, static_cast<int>(std::lround(3 * plan.calibration.px_per_mm * r.work_per_photo)));
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    const cv::Point a = outline[static_cast<std::size_t>((i - step + n) % n)], b = outline[static_cast<std::size_t>(i)],
                    c = outline[static_cast<std::size_t>((i + step) % n)];
    if (b.y / r.work_per_photo > 150) continue;
    const double turn = std::abs(std::remainder(std::atan2(c.y - b.y, c.x - b.x) - std::atan2(b.y - a.y, b.x - a.x), 2 * CV_PI));
    worst = std::max(worst, turn * 180 / CV_PI);
  }
  EXPECT_LT(worst, 25.0) << "step " << step << " px";
}

// A piece of the head the segmentation left unclipped but lying loose in the hair's volume
// beyond the skull (wall or light strands called head) goes with that volume; the face below
// the hair, which continues the head inside the skull, keeps its outline.
TEST(BuzzSkull, LoosePiecesInTheHairsVolumeGoWithIt) {
  cv::Mat1b head(400, 400, uchar{0});
  cv::ellipse(head, cv::Point(200, 220), cv::Size(120, 150), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::Mat1b clip = head.clone(), skin = head.clone();
  clip.rowRange(170, 400).setTo(0);
  skin.rowRange(0, 170).setTo(0);
  const cv::Rect loose(195, 75, 10, 10);  // the hair's top is at y = 70
  clip(loose).setTo(0);
  const cv::Mat1b after = sim::detail::skull_after(head, clip, skin, 2.0, sim::BuzzDecisionParams{});
  EXPECT_EQ(cv::countNonZero(after(loose)), 0);
  EXPECT_GT(cv::boundingRect(after).y, 80);  // the hair's volume over the top went
  cv::Mat1b face_kept;
  cv::bitwise_and(skin, after, face_kept);
  EXPECT_EQ(cv::countNonZero(face_kept), cv::countNonZero(skin));
}

// Where the hair's volume beyond the skull gave way to the background there is no scalp: the
// SMP drawn over the buzzed photo leaves it as the fill drew it (before, dots stood on the
// wall in a band beside the new outline).
TEST(BuzzSkull, NoPigmentOnTheBackgroundBehindTheRemovedHair) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  ASSERT_FALSE(buzz.background.empty());
  ASSERT_GT(cv::countNonZero(buzz.background), 100) << "the synthetic hair has a volume beyond the skull";
  const sim::Plan over = render::plan_over_buzz(plan, buzz);
  ASSERT_FALSE(over.masks.occlusion.empty());
  cv::Mat1b background;
  cv::resize(buzz.background, background, over.masks.occlusion.size(), 0, 0, cv::INTER_NEAREST);
  for (int y = 0; y < background.rows; ++y)
    for (int x = 0; x < background.cols; ++x)
      if (background(y, x)) {
        ASSERT_EQ(over.masks.occlusion(y, x), 255) << x << "," << y;
      }
  // Placed: no impression stands there, so the estimate counts none of that air (before, the
  // plan's dots there were only hidden, and counted).
  const sim::Simulation s = sim::simulate(over);
  ASSERT_FALSE(s.impressions.empty());
  cv::Mat1b off_head;
  cv::resize(buzz.background, off_head, img.size(), 0, 0, cv::INTER_NEAREST);
  const auto on_wall = [&](const sim::Simulation& sim) {
    return std::count_if(sim.impressions.begin(), sim.impressions.end(), [&](const sim::Impression& imp) {
      const int x = std::clamp(static_cast<int>(imp.pos.x), 0, img.cols - 1);
      const int y = std::clamp(static_cast<int>(imp.pos.y), 0, img.rows - 1);
      return off_head(y, x) != 0;
    });
  };
  const sim::Simulation unbuzzed = sim::simulate(plan);
  ASSERT_GE(on_wall(unbuzzed), 5) << "the plan treats part of the hair's volume";
  EXPECT_EQ(on_wall(s), 0);
  EXPECT_LT(s.estimate.area_cm2, unbuzzed.estimate.area_cm2);
  EXPECT_LT(s.estimate.impressions, unbuzzed.estimate.impressions);
  EXPECT_TRUE(plan.masks.exclusion.empty() || cv::countNonZero(plan.masks.exclusion) == 0) << "the plan itself keeps its masks";
  // A plan's picture over the buzzed photo (the report's) tints the head only, all of it: here
  // a treatment area over the whole photo.
  sim::Plan everywhere = plan;
  everywhere.masks.treatment = cv::Mat1b(plan.masks.treatment.size(), uchar{255});
  const sim::Plan picture = render::plan_picture_over_buzz(everywhere, buzz.background);
  cv::Mat1b off_mask;
  cv::resize(buzz.background, off_mask, plan.masks.treatment.size(), 0, 0, cv::INTER_NEAREST);
  EXPECT_EQ(cv::countNonZero(picture.masks.treatment & off_mask), 0);
  EXPECT_EQ(cv::countNonZero(picture.masks.treatment), static_cast<int>(off_mask.total()) - cv::countNonZero(off_mask));
  EXPECT_EQ(cv::countNonZero(everywhere.masks.treatment), static_cast<int>(off_mask.total())) << "the plan keeps its mask";
  // Drawn: the background pixels keep the fill's colours.
  const cv::Mat3b after = render::composite(buzz.image, over, s.impressions);
  cv::Mat1b wall;
  cv::resize(buzz.background, wall, img.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(wall, wall, cv::Mat(), {-1, -1}, 2);
  cv::Mat3b diff;
  cv::absdiff(after, buzz.image, diff);
  cv::Mat1b changed;
  cv::cvtColor(diff, changed, cv::COLOR_BGR2GRAY);
  cv::threshold(changed, changed, 2, 255, cv::THRESH_BINARY);
  changed &= wall;
  EXPECT_EQ(cv::countNonZero(changed), 0);
}

// The automatic plan's scalp detection, handed on, decides the same regions as detecting the
// photo again; a detection made for a photo of another size is not used.
TEST(BuzzRegions, TheAutomaticPlansDetectionDecidesTheSame) {
  const cv::Mat3b img = synthetic_head(true);
  cv::theRNG().state = 12345;
  const sim::CheckedAutoPlan checked = sim::make_checked_auto_plan(img, sim::PhotoRef{"synthetic", "", img.cols, img.rows});
  ASSERT_TRUE(checked.detection);
  sim::Plan plan = checked.plan;
  plan.params.buzz.length = sim::BuzzLength::NoGuard;
  cv::theRNG().state = 12345;
  const sim::BuzzRegions fresh = sim::plan_buzz(img, plan);
  ASSERT_TRUE(fresh.refusal.empty()) << fresh.refusal;
  ASSERT_GT(cv::countNonZero(fresh.clip), 100);
  sim::ScalpDetection elsewhere = *checked.detection;
  elsewhere.head = cv::Mat1b(16, 16, uchar{255});
  for (const sim::ScalpDetection* det : {checked.detection.get(), static_cast<const sim::ScalpDetection*>(&elsewhere)}) {
    cv::theRNG().state = 12345;
    const sim::BuzzRegions given = sim::plan_buzz(img, plan, *det);
    EXPECT_TRUE(given.refusal.empty()) << given.refusal;
    for (auto [a, b] : {std::pair{&fresh.clip, &given.clip}, std::pair{&fresh.uncover, &given.uncover},
                        std::pair{&fresh.head_after, &given.head_after}, std::pair{&fresh.sparse, &given.sparse},
                        std::pair{&fresh.skin_known, &given.skin_known}})
      EXPECT_TRUE(sim::same_pixels(*a, *b));
    EXPECT_EQ(cv::norm(fresh.density_per_cm2, given.density_per_cm2, cv::NORM_INF), 0.0);
  }
  // And it is the one used: a detection whose head is the whole photo decides otherwise.
  sim::ScalpDetection whole = *checked.detection;
  whole.head = cv::Mat1b(whole.head.size(), uchar{255});
  cv::theRNG().state = 12345;
  const sim::BuzzRegions used = sim::plan_buzz(img, plan, whole);
  EXPECT_TRUE(!used.refusal.empty() || !sim::same_pixels(fresh.uncover, used.uncover));
}

// The bundled demo's head is shaded dark toward its rim, and the step from the rim to the wall
// is busy, as strands are. Taken for wisps of the fringe, that rim was clipped down the side of
// the head below the fringe, and the skull's convex outline bridged from it over the wall to
// the head's shadow: a band of stubble standing on the background. The clipped area stays on
// the head found in the photo.
TEST(BuzzRegions, ShadedRimBelowTheDemoFringeIsNotClipped) {
  const cv::Mat3b img = cv::imread(std::string(SMP_TEST_ASSET_DIR) + "/demo/demo-scalp.jpg", cv::IMREAD_COLOR);
  ASSERT_FALSE(img.empty());
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions r = sim::plan_buzz(img, plan);
  ASSERT_TRUE(r.refusal.empty()) << r.refusal;
  ASSERT_GT(cv::countNonZero(r.clip), 1000);
  const auto detection = sim::detect_scalp(img);
  cv::Mat1b head;
  cv::resize(detection.head, head, r.work, 0, 0, cv::INTER_NEAREST);
  cv::Mat1f to_head;
  cv::distanceTransform(sim::inverse(head), to_head, cv::DIST_L2, 3);
  const double work_ppm = plan.calibration.px_per_mm * r.work_per_photo;
  int beyond = 0;
  for (int y = 0; y < r.clip.rows; ++y)
    for (int x = 0; x < r.clip.cols; ++x)
      if (r.clip(y, x) && to_head(y, x) > 1.0 * work_ppm) ++beyond;
  // 6.3 % (3,193 of 50,481 px) when the rim was taken for wisps; the fringe's own tips 1.3 %.
  EXPECT_LT(beyond, 0.02 * cv::countNonZero(r.clip)) << "clipped stubble over the wall beside the head";
}

}  // namespace
