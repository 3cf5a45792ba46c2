// Default hairline of the automatic plan (simulation/src/detect/hairline_placement.hpp), on
// synthetic detections.

#include "detect/hairline_placement.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

const cv::RotatedRect kHead(cv::Point2f(150, 150), cv::Size2f(200, 260), 0);

cv::Mat1b head_mask() {
  cv::Mat1b head(300, 300, uchar{0});
  cv::ellipse(head, kHead, cv::Scalar(255), cv::FILLED);
  return head;
}

// A frontal view of kHead, 200 px wide, with no face found and no hair yet.
smp::sim::ScalpDetection frontal_detection() {
  smp::sim::ScalpDetection det;
  det.found = true;
  det.view = smp::sim::ViewKind::Front;
  det.head = head_mask();
  det.scalp = det.head.clone();
  det.head_width_px = 200;
  return det;
}

smp::sim::HeadFrame frontal_frame() {
  smp::sim::HeadFrame frame;
  frame.view = smp::sim::ViewKind::Front;
  frame.outline = kHead;
  frame.midline_origin = {150, 150};
  frame.front_dir = {0, 1};
  return frame;
}

}  // namespace

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

// A frontal view without a face: the hairline starts at the client's hair on the midline. Where
// the temple hair starts higher (a recession), the lateral points follow it instead of filling
// the fronto-temporal angle; where it comes down lower, the shape is kept.
TEST(FrontHairline, FollowsTheTempleHairInsteadOfFillingTheAngle) {
  smp::sim::ScalpDetection det = frontal_detection();
  const smp::sim::HeadFrame frame = frontal_frame();
  const smp::sim::detect::HairlineRules rules;
  const auto hairline_with_temples_bare_from = [&](int temple_end_y) {
    det.hair = cv::Mat1b(300, 300, uchar{0});
    det.hair(cv::Rect(0, 0, 300, 150)).setTo(255);  // hair down to row 149
    det.hair(cv::Rect(0, temple_end_y, 100, 150 - temple_end_y)).setTo(0);  // recessions at both temples
    det.hair(cv::Rect(200, temple_end_y, 100, 150 - temple_end_y)).setTo(0);
    return smp::sim::detect::default_hairline(det, frame, 1.0, {300, 300}, rules);
  };
  const auto receded = hairline_with_temples_bare_from(90);
  ASSERT_EQ(receded.size(), 5u);
  EXPECT_NEAR(receded[0].y, 149, 1.0);  // the midline's own hair edge
  for (std::size_t i = 2; i < 5; ++i) EXPECT_NEAR(receded[i].y, 89, 1.0) << i;
  // Hair down to row 149 everywhere: the shape's lateral points, below the midline at the
  // sideburns, stay where the shape puts them (the temple hair is lower than they are).
  det.hair = cv::Mat1b(300, 300, uchar{0});
  det.hair(cv::Rect(0, 0, 300, 150)).setTo(255);
  det.hair(cv::Rect(0, 150, 60, 150)).setTo(255);  // sideburns
  det.hair(cv::Rect(240, 150, 60, 150)).setTo(255);
  const auto full = smp::sim::detect::default_hairline(det, frame, 1.0, {300, 300}, rules);
  ASSERT_EQ(full.size(), 5u);
  EXPECT_NEAR(full[2].y, 149 - 0.12 * 100, 1.0);
  EXPECT_NEAR(full[4].y, 149 + 0.10 * 100, 1.0);
}

// A frontal view of full hair cropped above the eyes, without a face found: the hair mask also
// takes in the brows below a strip of forehead. The midline hairline starts at the hair joined
// to the thick hair, not at the brows (which would treat the forehead between them); a sparse
// fringe joined to the thick hair still counts as the client's hair.
TEST(FrontHairline, MidlineStartsAtTheHairNotAtTheBrows) {
  smp::sim::ScalpDetection det = frontal_detection();
  det.hair = cv::Mat1b(300, 300, uchar{0});
  det.hair(cv::Rect(0, 0, 300, 160)).setTo(255);   // hair down to row 159
  det.hair(cv::Rect(60, 195, 180, 20)).setTo(255);  // brows, rows 195-214
  det.thick_hair = cv::Mat1b(300, 300, uchar{0});
  det.thick_hair(cv::Rect(0, 0, 300, 150)).setTo(255);  // thick down to row 149, a sparse fringe below
  const smp::sim::HeadFrame frame = frontal_frame();
  const auto with_brows = smp::sim::detect::default_hairline(det, frame, 1.0, {300, 300});
  ASSERT_EQ(with_brows.size(), 5u);
  EXPECT_NEAR(with_brows[0].y, 159, 1.0);
  // Without the thick-hair mask the midline takes the lowest hair, the brows.
  det.thick_hair.release();
  EXPECT_NEAR(smp::sim::detect::default_hairline(det, frame, 1.0, {300, 300})[0].y, 214, 1.0);
}
