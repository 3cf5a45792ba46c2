// Skin beside the clipped hair: an ear standing in the hair's volume is skin, kept as
// photographed, while the hair, the wall and specks of skin between strands go with the volume.

#include "buzz_skin_pieces.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"
#include "smp/sim/buzz.hpp"
#include "smp/sim/mask_ops.hpp"

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

TEST(BuzzSkinPieces, AnEarsRimPastTheHairIsKeptWhereAGlimpseOfScalpIsNot) {
  // A piece of skin too small for a whole ear (about 14 mm²) on the side of the head: kept when
  // it reaches the photo past the head and its hair (an ear's rim the hair half hides), not
  // when the hair encloses it (scalp glimpsed between strands) or nothing past the hair is given.
  Scene s;
  cv::Mat1b rim(s.img.size(), uchar{0});
  cv::ellipse(rim, cv::Point(280, 70), cv::Size(6, 12), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  s.img.setTo(kEar, rim);
  const auto kept_with = [&](const cv::Mat1b& beyond) {
    return cv::countNonZero(sim::detail::skin_pieces(s.img, s.uncover, s.forehead, kSides, kPpm, sim::BuzzDecisionParams{}, beyond) & rim);
  };
  cv::Mat1b past(s.img.size(), uchar{0}), far(s.img.size(), uchar{0});
  past.colRange(287, 300).setTo(255);  // the rim's right edge (x = 286) borders it
  far.colRange(294, 300).setTo(255);   // the hair lies between
  EXPECT_GE(kept_with(past), 0.9 * cv::countNonZero(rim));
  EXPECT_EQ(kept_with(far), 0);
  EXPECT_EQ(kept_with(cv::Mat1b()), 0);
}

// An ear kept beside the clipped hair stays joined to the head: the hair's volume between
// them is the side of the head, clipped, not background.
TEST(BuzzSkinPieces, AKeptEarStaysJoinedToTheHead) {
  const cv::Mat1b cap = test::synthetic_cap({640, 480});
  cv::Mat3b img = test::synthetic_head_with(cap);
  // An ear on the right side, its inner half in the hair's volume and its rim past it.
  cv::Mat1b ear(img.size(), uchar{0});
  cv::ellipse(ear, cv::Point(476, 160), cv::Size(12, 24), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  img.setTo(kEar, ear);
  const sim::Plan plan = test::plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  cv::Mat1b ear_work;
  cv::resize(ear, ear_work, regions.work, 0, 0, cv::INTER_NEAREST);
  ASSERT_GT(cv::countNonZero(sim::both(regions.kept_skin, ear_work)), 0.3 * cv::countNonZero(ear_work)) << "the ear is kept";
  cv::Mat1i labels;
  cv::connectedComponents(sim::either(regions.head_after, regions.kept_skin), labels, 4);
  const cv::Point centre(regions.work.width / 2, regions.work.height * 300 / 480);
  ASSERT_TRUE(regions.head_after(centre));
  const cv::Mat1b on_ear = sim::both(regions.kept_skin, ear_work);
  for (int y = 0; y < on_ear.rows; ++y)
    for (int x = 0; x < on_ear.cols; ++x) {
      if (!on_ear(y, x)) continue;
      ASSERT_EQ(labels(y, x), labels(centre)) << "ear pixel " << x << "," << y << " apart from the head";
    }
}

TEST(BuzzSkinPieces, AnEarIsJoinedToTheHeadOrLeftOut) {
  // A head, the hair's volume around it, an ear 8 px beside it on the right and another 45 px
  // beside it on the left, beyond the reach of 20 px.
  const sim::detail::HeadSides sides{{150, 100}, {1, 0}, 60};
  cv::Mat1b head(200, 300, uchar{0}), kept(200, 300, uchar{0}), uncover(200, 300, uchar{0});
  cv::circle(head, {150, 100}, 60, cv::Scalar(255), cv::FILLED);
  cv::circle(uncover, {150, 100}, 110, cv::Scalar(255), cv::FILLED);
  uncover.setTo(0, head);
  cv::Mat1b near_ear(200, 300, uchar{0}), far_ear(200, 300, uchar{0});
  cv::ellipse(near_ear, cv::Point(226, 100), cv::Size(8, 16), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::ellipse(far_ear, cv::Point(51, 100), cv::Size(6, 16), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  // The ear's rim, apart from its body by a shaded fold 3 px wide: joined through the body.
  cv::Mat1b rim(200, 300, uchar{0});
  cv::ellipse(rim, cv::Point(242, 104), cv::Size(4, 12), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  kept = sim::either(sim::either(near_ear, far_ear), rim);
  uncover.setTo(0, kept);
  const sim::detail::JoinedSkin joined = sim::detail::join_kept_skin(head, kept, uncover, sides, 20);
  EXPECT_EQ(cv::countNonZero(sim::without(joined.bridge, uncover)), 0);  // only where the hair's volume was
  EXPECT_EQ(cv::countNonZero(sim::without(near_ear, joined.kept)), 0);
  EXPECT_EQ(cv::countNonZero(sim::without(rim, joined.kept)), 0);
  EXPECT_EQ(cv::countNonZero(sim::both(far_ear, joined.kept)), 0) << "an ear beyond reach is left out";
  cv::Mat1i labels;
  cv::connectedComponents(sim::either(sim::either(head, joined.kept), joined.bridge), labels, 4);
  EXPECT_EQ(labels(100, 226), labels(100, 150)) << "the near ear is joined to the head";
  // The band at the ear's height: nothing above or below it.
  const cv::Rect band(0, 84, 300, 33);
  EXPECT_EQ(cv::countNonZero(joined.bridge) - cv::countNonZero(joined.bridge(band)), 0);
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
