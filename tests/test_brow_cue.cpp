// The eyebrow cue of the front vote (simulation/src/detect/brow_cue.hpp), on synthetic heads.

#include "detect/brow_cue.hpp"
#include "detect/hairline_placement.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <optional>

namespace {

using smp::sim::detect::brows_toward;

const cv::RotatedRect kHead(cv::Point2f(150, 150), cv::Size2f(200, 260), 0);

cv::Mat1b head_mask() {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  return head;
}

void bar(cv::Mat1b& hair, cv::Point centre, cv::Size half_axes) {
  cv::ellipse(hair, centre, half_axes, 0, 0, 360, cv::Scalar(255), cv::FILLED);
}

}  // namespace

TEST(BrowCue, TwoBarsAcrossTheAxisWithFaceBeyondMarkTheFront) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b hair(head.size(), uchar{0});
  bar(hair, {115, 230}, {22, 5});
  bar(hair, {185, 230}, {22, 5});
  const std::optional<double> at = brows_toward(head, hair, kHead, {0, 1});
  ASSERT_TRUE(at);
  EXPECT_NEAR(*at, 80.0 / 130.0, 0.03);  // 80 px ahead of the centre; front semi-axis 130 px
  EXPECT_FALSE(brows_toward(head, hair, kHead, {0, -1}));
  EXPECT_FALSE(brows_toward(head, hair, kHead, {1, 0}));
}

TEST(BrowCue, OneBarOrBarsAlongTheAxisAreNotBrows) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b one(head.size(), uchar{0});
  bar(one, {115, 230}, {22, 5});
  EXPECT_FALSE(brows_toward(head, one, kHead, {0, 1}));
  cv::Mat1b along(head.size(), uchar{0});  // strands combed front to back, not brows
  bar(along, {115, 220}, {5, 22});
  bar(along, {185, 220}, {5, 22});
  EXPECT_FALSE(brows_toward(head, along, kHead, {0, 1}));
}

// The Norwood horseshoe: hair along the outline at the back and sides, nothing beyond it.
TEST(BrowCue, FringeAlongTheOutlineIsNotBrows) {
  const cv::Mat1b head = head_mask();
  cv::Mat1b inner;
  cv::erode(head, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {31, 31}));
  cv::Mat1b hair;
  cv::bitwise_and(head, ~inner, hair);
  hair(cv::Rect(0, 200, 300, 100)).setTo(0);  // the fringe stops before the front
  for (const cv::Point2d dir : {cv::Point2d(0, 1), cv::Point2d(0, -1), cv::Point2d(1, 0), cv::Point2d(-1, 0)})
    EXPECT_FALSE(brows_toward(head, hair, kHead, dir)) << dir;
}

// A top view whose outline takes in the forehead: the default mid-frontal point (0.7 of the
// front semi-axis) would sit just above the brows; it keeps a foreshortened forehead instead.
TEST(TopHairline, StaysAForeheadAboveTheBrows) {
  smp::sim::ScalpDetection det;
  det.found = true;
  det.scalp = cv::Mat1b(300, 300, uchar{255});
  det.hair = cv::Mat1b(300, 300, uchar{0});
  smp::sim::HeadFrame frame;
  frame.view = smp::sim::ViewKind::Top;
  frame.outline = kHead;
  frame.midline_origin = {150, 150};
  frame.front_dir = {0, 1};
  const double px_per_mm = 1.0;
  const smp::sim::detect::HairlineRules rules;
  const auto plain = smp::sim::detect::default_hairline(det, frame, px_per_mm, {300, 300}, rules);
  ASSERT_FALSE(plain.empty());
  EXPECT_NEAR(plain[0].y, 150 + 0.7 * 130, 1.0);
  det.brows = cv::Point2d(150, 260);
  const auto kept = smp::sim::detect::default_hairline(det, frame, px_per_mm, {300, 300}, rules);
  ASSERT_FALSE(kept.empty());
  const double forehead = rules.mid_frontal_above_glabella_mm * rules.top_forehead_foreshortening * px_per_mm;
  EXPECT_NEAR(plain[0].y - kept[0].y, 0.7 * 130 + 150 + forehead - 260, 1.0);
  // Brows far ahead of the default point change nothing.
  det.brows = cv::Point2d(150, 150 + 0.7 * 130 + forehead + 5);
  EXPECT_NEAR(smp::sim::detect::default_hairline(det, frame, px_per_mm, {300, 300}, rules)[0].y, plain[0].y, 1e-9);
}

// A head bowed toward the camera whose face runs out of the bottom of the photo while the
// fitted outline ends just inside it: the outline's front end is a guess, so the mid-frontal
// point stays within the visible head length, as when the outline itself leaves the photo.
// A head that ends inside the photo keeps the outline's proportions.
TEST(TopHairline, HeadRunningOutOfThePhotoKeepsTheHairlineWithinWhatIsSeen) {
  smp::sim::ScalpDetection det;
  det.found = true;
  det.hair = cv::Mat1b(300, 300, uchar{0});
  smp::sim::HeadFrame frame;
  frame.view = smp::sim::ViewKind::Top;
  frame.outline = kHead;  // front end at y = 280, inside the 300 px photo
  frame.midline_origin = {150, 150};
  frame.front_dir = {0, 1};
  const smp::sim::detect::HairlineRules rules;
  const auto hairline_with_face_to = [&](int face_end_y) {
    det.head = head_mask();
    cv::rectangle(det.head, cv::Point(90, 150), cv::Point(210, face_end_y), cv::Scalar(255), cv::FILLED);
    det.scalp = det.head.clone();
    const auto pts = smp::sim::detect::default_hairline(det, frame, 1.0, {300, 300}, rules);
    return pts.empty() ? -1.0 : pts[0].y;
  };
  EXPECT_NEAR(hairline_with_face_to(289), 150 + rules.top_mid_frontal * 130, 1.0);  // ends inside
  const double back = 20, front = 300;  // the head's visible extent along the axis
  EXPECT_NEAR(hairline_with_face_to(299), back + rules.top_visible_limit * (front - back), 2.0);
}
