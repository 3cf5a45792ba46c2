// Mask steps of the buzz decision (simulation/src/buzz_mask_steps.*): which dark pieces and
// holes go with the clipped hair.

#include "buzz_mask_steps.hpp"
#include "smp/sim/mask_ops.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace {

using namespace smp::sim::detail;
using smp::sim::pieces_bordered_by;

TEST(BuzzMaskSteps, DarkHolesOfAnySizeAreFilledLightLargeOnesStay) {
  cv::Mat1b clip(200, 200, uchar{0});
  clip(cv::Rect(20, 20, 160, 160)).setTo(255);
  cv::Mat1b grey(200, 200, uchar{150});
  clip(cv::Rect(40, 40, 40, 40)).setTo(0);    // a large dark hole
  grey(cv::Rect(40, 40, 40, 40)).setTo(40);
  clip(cv::Rect(100, 100, 50, 50)).setTo(0);  // a large light hole (bare scalp)
  clip(cv::Rect(150, 40, 3, 3)).setTo(0);     // a small light hole
  const cv::Mat1b out = with_holes_filled(clip, 20, grey, 90);
  EXPECT_EQ(out(60, 60), 255);
  EXPECT_EQ(out(125, 125), 0);
  EXPECT_EQ(out(151, 41), 255);
  EXPECT_EQ(out(5, 5), 0);  // the background off the clip touches the border: never a hole
}

TEST(BuzzMaskSteps, PiecesMostlyBorderedByTheClipAreKept) {
  cv::Mat1b by(200, 200, uchar{0});
  by.colRange(100, 200).setTo(255);
  cv::Mat1b mask(200, 200, uchar{0});
  mask(cv::Rect(130, 50, 30, 30)).setTo(255);  // inside the clipped half: all its border in `by`
  mask(cv::Rect(20, 50, 30, 30)).setTo(255);   // in the other half: none of it
  mask(cv::Rect(90, 120, 20, 20)).setTo(255);  // across the edge: half of it
  const cv::Mat1b out = pieces_bordered_by(mask, by, 0.5);
  EXPECT_EQ(out(65, 145), 255);
  EXPECT_EQ(out(65, 35), 0);
  const cv::Mat1b strict = pieces_bordered_by(mask, by, 0.6);
  EXPECT_EQ(strict(130, 100), 0);
  EXPECT_EQ(strict(65, 145), 255);
}


// Pieces of bare skin inside the clipped hair that are as busy as strands go with it: not the
// smooth ones, not busy ones out in the bare skin; busy is against the bare skin's own spread,
// never below half a level.
TEST(BuzzMaskSteps, BusyPiecesInsideTheClipAreStrands) {
  cv::Mat1b clip(200, 200, uchar{0});
  clip.rowRange(0, 150).setTo(255);
  cv::Mat1b bare(200, 200, uchar{0});
  bare(cv::Rect(0, 160, 120, 40)).setTo(255);    // the forehead
  bare(cv::Rect(140, 160, 40, 40)).setTo(255);   // busy skin out in the bare skin (an ear)
  cv::Mat1f spread(200, 200, 1.0f);
  spread(cv::Rect(140, 160, 40, 40)).setTo(3.0f);
  const cv::Rect busy_piece(40, 40, 20, 20), smooth_piece(100, 40, 20, 20);
  for (const cv::Rect piece : {busy_piece, smooth_piece}) {
    clip(piece).setTo(0);
    bare(piece).setTo(255);
  }
  spread(busy_piece).setTo(3.0f);
  spread(smooth_piece).setTo(1.5f);
  const smp::sim::BuzzDecisionParams p;  // busy: 2x the median spread
  const cv::Mat1b out = busy_pieces(spread, bare, clip, p);
  EXPECT_EQ(out(50, 50), 255);
  EXPECT_EQ(out(50, 110), 0);
  EXPECT_EQ(out(180, 160), 0);
  EXPECT_EQ(out(180, 60), 0);
  // On a noiseless photo the threshold is never below twice half a level.
  spread.setTo(0.1f);
  spread(busy_piece).setTo(0.6f);
  EXPECT_EQ(cv::countNonZero(busy_pieces(spread, bare, clip, p)), 0);
  spread(busy_piece).setTo(1.2f);
  EXPECT_EQ(busy_pieces(spread, bare, clip, p)(50, 50), 255);
}

// The spread is read inside the piece: windows across its edge are busy with the step to the
// hair around it, which says nothing of the piece (a shaded ear rim, a smooth temple).
TEST(BuzzMaskSteps, APiecesEdgeDoesNotMakeItBusy) {
  cv::Mat1b clip(120, 120, uchar{255}), bare(120, 120, uchar{0});
  bare(cv::Rect(0, 100, 120, 20)).setTo(255);  // the forehead, smooth
  const cv::Rect piece(40, 40, 30, 30), sliver(90, 20, 3, 40);
  for (const cv::Rect r : {piece, sliver}) {
    clip(r).setTo(0);
    bare(r).setTo(255);
  }
  clip.rowRange(100, 120).setTo(0);
  cv::Mat1f spread(120, 120, 1.0f);
  // Busy along the edges, where the 5x5 windows straddle the hair: 2 px each side of every edge.
  cv::Mat1b edges = smp::sim::dilated(bare, 2);
  edges.setTo(0, smp::sim::disc_erode(bare, 2));
  spread.setTo(5.0f, edges);
  const smp::sim::BuzzDecisionParams p;
  const cv::Mat1b out = busy_pieces(spread, bare, clip, p);
  EXPECT_EQ(out(55, 55), 0);  // smooth inside
  EXPECT_EQ(out(40, 91), 0);  // too thin to read
  spread(cv::Rect(44, 44, 22, 22)).setTo(3.0f);  // busy inside too: strands
  EXPECT_EQ(busy_pieces(spread, bare, clip, p)(55, 55), 255);
}

// A frontal line whose ends stop at the temples: beside each end and further toward the face
// lie the ears; beside the end but above it, and anything between the ends, is the scalp's.
TEST(BuzzMaskSteps, BesideTheFaceIsBelowAndOutsideTheHairlinesEnds) {
  smp::sim::Plan plan;
  plan.head.view = smp::sim::ViewKind::Front;
  plan.head.midline_origin = {500, 300};
  plan.head.front_dir = {0, 1};
  plan.hairline.symmetric = true;
  plan.hairline.control_points = {{500, 300}, {640, 310}, {700, 400}};  // ends at x 300 and 700, y 400
  const cv::Size photo(1000, 800), work(500, 400);
  const cv::Mat1b sides = beside_the_face(plan, photo, work, 20);
  ASSERT_EQ(sides.size(), work);
  EXPECT_EQ(sides(250, 400), 255);  // photo (800, 500): right of the right end, 100 px below it
  EXPECT_EQ(sides(250, 100), 255);  // its mirror on the left
  EXPECT_EQ(sides(150, 400), 0);    // beside the end but above it: the side of the scalp
  EXPECT_EQ(sides(205, 400), 0);    // within the margin below the end
  EXPECT_EQ(sides(300, 250), 0);    // between the ends: the forehead, the line decides there
  plan.head.view = smp::sim::ViewKind::Top;
  EXPECT_TRUE(beside_the_face(plan, photo, work, 20).empty());
}

// The rim of a bare head: smooth skin up to the step to the background is no wisp, on either
// side of that step; the edge of a mass of hair, strands that are busy in every window, and the
// rim right beside the hair stay wisps.
TEST(BuzzMaskSteps, ShadedSkinRimIsOnlyTheBareSmoothOutlineAwayFromTheHair) {
  const double ppm = 2.0;  // px per mm: the rim is 6 px, the hair's reach 20 px
  smp::sim::BuzzDecisionParams p;
  cv::Mat1b head(200, 300, uchar{0});
  cv::circle(head, {150, 100}, 80, cv::Scalar(255), cv::FILLED);
  cv::Mat1b skin = head.clone();
  skin(cv::Rect(0, 0, 300, 60)).setTo(0);  // the top of the head is hair
  cv::Mat1b hair = head.clone();
  hair.setTo(0, skin);
  cv::Mat1f to_hair;
  cv::distanceTransform(smp::sim::inverse(hair), to_hair, cv::DIST_L2, 3);
  cv::Mat1f spread(head.size(), 1.0f);                      // smooth skin ...
  spread(cv::Rect(220, 100, 20, 20)).setTo(10.0f);          // ... but strands on one side of the rim
  const cv::Mat1b rim = shaded_skin_rim(spread, head, skin, to_hair, ppm, p);
  EXPECT_EQ(rim(178, 150), 255) << "the bare rim at the bottom, inside the outline";
  EXPECT_EQ(rim(182, 150), 255) << "and just outside it";
  EXPECT_EQ(rim(150, 150), 0) << "well inside the head";
  EXPECT_EQ(rim(100, 72), 255) << "the left side, far from the hair";
  EXPECT_EQ(rim(110, 229), 0) << "busy in every window: strands";
  EXPECT_EQ(rim(62, 75), 0) << "just outside the outline, right beside the hair";
  EXPECT_EQ(rim(22, 150), 0) << "the edge of the hair on top";
  // However far from the hair: the edge of a mass of hair is no rim of skin (skin share 0).
  const cv::Mat1f far_from_hair(head.size(), 1000.0f);
  const cv::Mat1b rim_far = shaded_skin_rim(spread, head, skin, far_from_hair, ppm, p);
  EXPECT_EQ(rim_far(22, 150), 0) << "the edge of the hair on top";
  EXPECT_EQ(rim_far(178, 150), 255) << "the bare rim at the bottom";
}

}  // namespace
