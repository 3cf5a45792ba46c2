// The share of skin over an area (simulation/src/detect/skin_visibility.hpp): thinning hair
// whose strands are thinner than a pixel blends with the skin between them into one colour
// on the line from the hair's colour to the skin's, and must read as thinning, not as thick.

#include "detect/skin_visibility.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <cmath>

namespace {

using namespace smp::sim::detect;

const cv::Vec3d kSkin(170, 155, 105), kHair(50, 135, 120);  // YCrCb

cv::Vec3b blend(double skin_share) {
  const cv::Vec3d v = skin_share * kSkin + (1 - skin_share) * kHair;
  return cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
}

struct Thirds {
  cv::Mat3b ycrcb = cv::Mat3b(90, 300, blend(1.0));
  cv::Mat1b head = cv::Mat1b(90, 300, uchar{255}), skin = cv::Mat1b(90, 300, uchar{0}), hair = cv::Mat1b(90, 300, uchar{0});
  SkinModel model;
  // Bare skin, thick hair, then `third` over the right third.
  explicit Thirds(cv::Vec3b third) {
    ycrcb.colRange(100, 200).setTo(blend(0.0));
    ycrcb.colRange(200, 300).setTo(third);
    skin.colRange(0, 100).setTo(255);
    hair.colRange(100, 200).setTo(255);
    model.mean = {kSkin[1], kSkin[2]};
    model.inv_cov = cv::Matx22d::eye() * (1.0 / 4.0);  // the skin's chroma within about 2 levels
    model.median_y = kSkin[0];
    model.valid = true;
  }
};

// The skin's colour at another luma: shading scales its chroma with the luma.
cv::Vec3b shaded_skin(double luma) {
  return cv::Vec3b(cv::saturate_cast<uchar>(luma), cv::saturate_cast<uchar>(128 + (kSkin[1] - 128) * luma / kSkin[0]),
                   cv::saturate_cast<uchar>(128 + (kSkin[2] - 128) * luma / kSkin[0]));
}

// Lit skin (columns 0-149, the skin mask), what a test puts beside it (150-199) and thick dark
// hair (200-299). The skin model's chroma spread is long along the line toward grey (sd 10
// levels) and narrow across it, as shading makes it on a photo; its median saturation is the
// lit skin's own.
struct BesideLitSkin {
  cv::Mat3b ycrcb = cv::Mat3b(90, 300, blend(1.0));
  cv::Mat1b head = cv::Mat1b(90, 300, uchar{255});
  cv::Mat1b skin = cv::Mat1b(90, 300, uchar{0}), hair = cv::Mat1b(90, 300, uchar{0});
  SkinModel model;
  BesideLitSkin() {
    ycrcb.colRange(200, 300).setTo(blend(0.0));
    skin.colRange(0, 150).setTo(255);
    hair.colRange(200, 300).setTo(255);
    model.mean = {kSkin[1], kSkin[2]};
    const cv::Vec2d u = cv::normalize(cv::Vec2d(kSkin[1] - 128, kSkin[2] - 128));
    const cv::Matx22d along(u[0] * u[0], u[0] * u[1], u[0] * u[1], u[1] * u[1]);
    model.inv_cov = (cv::Matx22d::eye() * 4.0 + along * 96.0).inv();
    model.median_y = kSkin[0];
    model.median_saturation = std::hypot(kSkin[1] - 128, kSkin[2] - 128) / kSkin[0];
    model.valid = true;
  }
  SkinVisibility visibility() const { return skin_visibility(ycrcb, head, skin, hair, model); }
};

}  // namespace

TEST(SkinVisibility, UnresolvedThinningHairReadsAsThinningNotThick) {
  // 55 % skin between strands the camera does not resolve.
  const Thirds t(blend(0.55));
  const SkinVisibility v = skin_visibility(t.ycrcb, t.head, t.skin, t.hair, t.model);
  ASSERT_TRUE(v.valid);
  const cv::Mat1b thick = thick_hair_mask(v, t.head);
  EXPECT_EQ(thick(45, 50), 0);     // bare skin
  EXPECT_EQ(thick(45, 150), 255);  // thick hair
  EXPECT_EQ(thick(45, 250), 0);    // the blend: thinning
  EXPECT_GT(v.local(45, 250), 0.5f);
  EXPECT_LT(v.local(45, 150), 0.1f);
}

TEST(SkinVisibility, ColourOffTheHairToSkinLineIsNoSkin) {
  // As dark as the blend but grey-green: neither skin nor a mix of this skin and this hair.
  cv::Vec3b off = blend(0.55);
  off[1] = 112, off[2] = 140;
  const Thirds t(off);
  const SkinVisibility v = skin_visibility(t.ycrcb, t.head, t.skin, t.hair, t.model);
  ASSERT_TRUE(v.valid);
  EXPECT_EQ(thick_hair_mask(v, t.head)(45, 250), 255);
  EXPECT_LT(v.local(45, 250), 0.1f);
}

// Shading moves the skin's chroma toward grey with its luma, so a photo's skin colour spreads
// along that line, and lit strands of dark hair, as grey as deep shadow but far brighter, fall
// inside it. Their saturation (chroma over luma) tells them apart: shadowed skin keeps the
// skin's, the strands have well under half of it. The skin's saturation is the lit skin's
// beside them, not the model's median (set far higher here: against it the shadowed skin
// would read grey too).
TEST(SkinVisibility, LitGreyStrandsAreNoSkinButShadowedSkinIs) {
  BesideLitSkin t;
  t.ycrcb(cv::Rect(150, 0, 50, 45)).setTo(cv::Vec3b(120, 136, 121));  // lit strands
  t.ycrcb(cv::Rect(150, 45, 50, 45)).setTo(shaded_skin(100));         // over shadowed skin
  t.model.median_saturation = 0.6;                                     // the lit skin's own is 0.21
  const SkinVisibility v = t.visibility();
  ASSERT_TRUE(v.valid);
  EXPECT_LT(v.visible(20, 156), 0.1f);  // lit strands: their dots hidden
  EXPECT_GT(v.visible(70, 156), 0.3f);  // shadowed skin shows its dots
  EXPECT_GT(v.visible(45, 50), 0.9f);   // lit skin
}

// The model's median saturation is that of its seeds (chroma over luma).
TEST(SkinVisibility, SkinModelKeepsItsSeedsMedianSaturation) {
  cv::Mat3b ycrcb(10, 10, cv::Vec3b(170, 155, 105));       // saturation hypot(27, -23) / 170
  ycrcb.rowRange(0, 4).setTo(cv::Vec3b(100, 140, 118));     // hypot(12, -10) / 100, the smaller share
  const SkinModel m = learn_skin_model(ycrcb, cv::Mat1b(ycrcb.size(), uchar{255}));
  ASSERT_TRUE(m.valid);
  EXPECT_NEAR(m.median_saturation, std::hypot(27.0, 23.0) / 170, 1e-4);
}

// The saturation test ramps in below the median skin's luma: a grey strand a twentieth darker
// than the median keeps about half of what it shows otherwise, one an eighth darker nothing.
TEST(SkinVisibility, TheSaturationTestRampsInBelowTheMedianSkin) {
  const auto visible_strand = [](uchar luma) {
    BesideLitSkin t;
    t.ycrcb(cv::Rect(150, 0, 50, 90)).setTo(cv::Vec3b(luma, 136, 121));  // grey strands
    return t.visibility().visible(45, 175);
  };
  const double median = kSkin[0];
  EXPECT_GT(visible_strand(static_cast<uchar>(median)), 0.9f);  // at the median: not tested
  const float half = visible_strand(static_cast<uchar>(std::lround(0.95 * median)));
  EXPECT_GT(half, 0.3f);
  EXPECT_LT(half, 0.8f);
  EXPECT_LT(visible_strand(static_cast<uchar>(std::lround(0.875 * median))), 0.1f);
}

// The lit skin that gives the saturation must be smooth: bright grey strands the skin colour
// passed (busy stripes here, as bright as lit skin) would pull it down, and the darker grey
// strands beside them would then read as skin.
TEST(SkinVisibility, BusyBrightStrandsAreNoSaturationReference) {
  BesideLitSkin t;  // the bright strands in its lit skin passed the skin colour: in the skin mask
  t.ycrcb.colRange(60, 150).setTo(shaded_skin(150));
  for (int c = 60; c < 150; c += 4) t.ycrcb.colRange(c, c + 2).setTo(cv::Vec3b(188, 133, 124));  // bright grey strands
  t.ycrcb(cv::Rect(150, 0, 50, 90)).setTo(cv::Vec3b(120, 134, 123));                            // lit grey strands
  const SkinVisibility v = t.visibility();
  ASSERT_TRUE(v.valid);
  EXPECT_LT(v.visible(45, 156), 0.1f);
}
