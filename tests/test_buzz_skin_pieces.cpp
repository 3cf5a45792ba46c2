// Skin beside the clipped hair: an ear standing in the hair's volume is skin, kept as
// photographed, while the hair, the wall and specks of skin between strands go with the volume.

#include "buzz_skin_pieces.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"
#include "smp/sim/buzz.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

using namespace smp;

constexpr double kPpm = 4;  // work px per mm
// Forehead skin, an ear (redder and a little darker, as thin skin in the shade of the head is),
// the ear's shaded fold, brown hair (less saturated than skin) and a grey wall.
// The head's midline runs down the middle of the scene; the ear is on its side.
const sim::detail::HeadSides kSides{{150, 100}, {1, 0}, 120};
const cv::Vec3b kForehead(150, 170, 215), kEar(110, 125, 185), kFold(60, 62, 100), kHair(45, 60, 80),
    kWall(200, 200, 200);

struct Scene {
  cv::Mat3b img = cv::Mat3b(200, 300, kWall);
  cv::Mat1b uncover = cv::Mat1b(200, 300, uchar{0});
  cv::Mat1b forehead = cv::Mat1b(200, 300, uchar{0});
  cv::Mat1b ear = cv::Mat1b(200, 300, uchar{0});
  cv::Mat1b speck = cv::Mat1b(200, 300, uchar{0});
  Scene() {
    forehead(cv::Rect(100, 150, 150, 50)).setTo(255);
    img.setTo(kForehead, forehead);
    // The hair's volume: a band of brown hair with the wall between its wisps at the top.
    const cv::Rect band(0, 0, 300, 140);
    uncover(band).setTo(255);
    img(cv::Rect(0, 30, 300, 110)).setTo(kHair);
    // An ear (12 x 24 mm) in the band, with a shaded fold inside, and a speck of skin (3 x 3 mm).
    cv::ellipse(ear, cv::Point(40, 90), cv::Size(24, 48), 0, 0, 360, cv::Scalar(255), cv::FILLED);
    img.setTo(kEar, ear);
    cv::ellipse(img, cv::Point(44, 92), cv::Size(8, 26), 0, 0, 360, cv::Scalar(kFold), cv::FILLED);
    speck(cv::Rect(200, 80, 12, 12)).setTo(255);
    img.setTo(kForehead, speck);
  }
};

TEST(BuzzSkinPieces, AnEarInTheHairsVolumeIsKeptWithItsFolds) {
  const Scene s;
  const cv::Mat1b kept = sim::detail::skin_pieces(s.img, s.uncover, s.forehead, kSides, kPpm, sim::BuzzDecisionParams{});
  // The whole ear, its shaded fold too.
  EXPECT_GE(cv::countNonZero(kept & s.ear), 0.97 * cv::countNonZero(s.ear));
  // Nothing of the hair, the wall or the speck (smaller than an ear).
  cv::Mat1b rest = s.uncover.clone();
  rest.setTo(0, s.ear);
  EXPECT_LE(cv::countNonZero(kept & rest), 0.03 * cv::countNonZero(s.ear));  // the hull's rim
  EXPECT_EQ(cv::countNonZero(kept & s.speck), 0);
  // Only inside the volume: the forehead is not the volume's to keep.
  EXPECT_EQ(cv::countNonZero(kept & ~s.uncover), 0);
}

TEST(BuzzSkinPieces, SkinAtTheTopOfTheHeadIsNoEar) {
  // The same piece over the midline (scalp glimpsed through the hair's volume) goes with it.
  Scene s;
  cv::Mat1b top(s.img.size(), uchar{0});
  cv::ellipse(top, cv::Point(150, 60), cv::Size(24, 20), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  s.img.setTo(kEar, top);
  const cv::Mat1b kept = sim::detail::skin_pieces(s.img, s.uncover, s.forehead, kSides, kPpm, sim::BuzzDecisionParams{});
  EXPECT_EQ(cv::countNonZero(kept & top), 0);
  EXPECT_GE(cv::countNonZero(kept & s.ear), 0.97 * cv::countNonZero(s.ear));
}

TEST(BuzzSkinPieces, WithoutTheSkinsHueNothingIsKept) {
  // Without a skin reference, or with the ear as brown as the hair, nothing is kept.
  Scene s;
  EXPECT_EQ(cv::countNonZero(sim::detail::skin_pieces(s.img, s.uncover, cv::Mat1b(s.img.size(), uchar{0}), kSides, kPpm,
                                                      sim::BuzzDecisionParams{})),
            0);
  s.img.setTo(kHair, s.ear);
  EXPECT_EQ(cv::countNonZero(sim::detail::skin_pieces(s.img, s.uncover, s.forehead, kSides, kPpm, sim::BuzzDecisionParams{})), 0);
}


// The drawn buzz leaves kept skin as photographed: neither the background fill nor the wisps
// beside the removed hair take it.
TEST(BuzzSkinPieces, KeptSkinIsDrawnAsPhotographed) {
  cv::Mat3b img = test::synthetic_head(true);
  const sim::Plan plan = test::plan_with(img, sim::BuzzLength::NoGuard);
  sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  // An ear painted into the removed hair volume, on the side of the head.
  cv::Mat1b uncover;
  cv::resize(regions.uncover, uncover, img.size(), 0, 0, cv::INTER_NEAREST);
  const cv::Rect left_side(0, 120, img.cols / 2, 80);
  const cv::Moments m = cv::moments(uncover(left_side), true);
  ASSERT_GT(m.m00, 0);
  const cv::Point at(left_side.x + static_cast<int>(m.m10 / m.m00), left_side.y + static_cast<int>(m.m01 / m.m00));
  cv::Mat1b ear(img.size(), uchar{0});
  cv::ellipse(ear, at, cv::Size(10, 22), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  ear &= uncover;
  ASSERT_GT(cv::countNonZero(ear), 300) << "the ear must lie in the removed volume for this test";
  img.setTo(kEar, ear);
  regions.work_image.release();  // decided before the ear was painted: the drawing reduces the photo again
  const render::BuzzImage removed = render::render_buzz(img, plan, regions);
  EXPECT_GT(cv::norm(removed.image, img, cv::NORM_INF, ear), 20.0);  // without it, the ear goes
  cv::resize(ear, regions.kept_skin, regions.work, 0, 0, cv::INTER_NEAREST);
  regions.uncover.setTo(0, regions.kept_skin);
  const render::BuzzImage kept = render::render_buzz(img, plan, regions);
  cv::Mat1b inner;
  cv::erode(ear, inner, cv::Mat(), {-1, -1}, 2);  // the work-size mask's rim
  EXPECT_LE(cv::norm(kept.image, img, cv::NORM_INF, inner), 2.0);
}

}  // namespace
