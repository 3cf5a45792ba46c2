// The client's stubble and the shade matched to it: its contrast measured against the skin
// beside it, dots no darker than the client's own strands where the photo resolves them (and
// than typical strands where it does not or shows none), light stubble, strands over the
// treated skin, and the naturalness warnings that compare the plan with the stubble.

#include "smp/render/compositor.hpp"
#include "smp/render/naturalness.hpp"
#include "smp/render/shade.hpp"
#include "smp/render/stubble.hpp"
#include "smp/sim/param_table.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace smp {
namespace {

const cv::Vec3b kSkin(120, 150, 190);  // BGR light skin

// Bare skin on the left, the client's stubble on the right: dark specks on the same skin
// covering `cover` of the strip, marked as hair in the plan.
struct StubbleScene {
  cv::Mat3b photo;
  sim::Plan plan;
  double expected = 0;  // luma contrast of the stubble strip against the skin
};

StubbleScene stubble_scene(double cover, cv::Vec3b speck) {
  StubbleScene s;
  const int w = 400, h = 300;
  s.photo = cv::Mat3b(h, w, kSkin);
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> ux(200, w - 1), uy(0, h - 1);
  const int n = static_cast<int>(cover * 200 * h);
  cv::Mat1b hit(h, w, uchar{0});
  for (int i = 0; i < n * 3; ++i) {  // draw until the share is covered
    if (cv::countNonZero(hit) >= n) break;
    const int x = ux(rng), y = uy(rng);
    s.photo(y, x) = speck;
    hit(y, x) = 255;
  }
  const double skin_l = 0.114 * kSkin[0] + 0.587 * kSkin[1] + 0.299 * kSkin[2];
  const double speck_l = 0.114 * speck[0] + 0.587 * speck[1] + 0.299 * speck[2];
  s.expected = cover * (1.0 - speck_l / skin_l);
  s.plan = test::uniform_plan(w, h, 8.0, 80);
  s.plan.masks.hair = cv::Mat1b(h, w, uchar{0});
  s.plan.masks.hair(cv::Rect(200, 0, 200, h)) = 255;
  return s;
}

TEST(Stubble, ContrastIsMeasuredAgainstTheAdjacentBareSkin) {
  const StubbleScene s = stubble_scene(0.25, cv::Vec3b(40, 45, 55));
  const auto m = render::measure_stubble(s.photo, s.plan);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->contrast, s.expected, 0.02);
  EXPECT_FALSE(m->grey_or_white);
  sim::Plan bald = s.plan;
  bald.masks.hair.release();
  EXPECT_FALSE(render::measure_stubble(s.photo, bald)) << "no hair marked: no stubble";
}

// The grain is each strip's own fine texture: the stubble's specks (a quarter of the pixels,
// 0.85 of the mean darker than the rest: a relative deviation of sqrt(0.25 * 0.75) * 0.85,
// about 0.37), none on plain skin, and none from the step between plain skin and plain hair.
TEST(Stubble, GrainIsEachStripsOwnTextureNotTheFringesStep) {
  const StubbleScene s = stubble_scene(0.25, cv::Vec3b(40, 45, 55));
  render::StubbleParams with_grain;
  with_grain.measure_grain = true;
  const auto m = render::measure_stubble(s.photo, s.plan, with_grain);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->grain, 0.37, 0.04);
  EXPECT_LT(m->skin_grain, 0.01);
  cv::Mat3b step = s.photo.clone();
  step(cv::Rect(200, 0, 200, step.rows)).setTo(cv::Scalar(60, 70, 90));  // plain dark hair
  const auto plain = render::measure_stubble(step, s.plan, with_grain);
  ASSERT_TRUE(plain);
  EXPECT_GT(plain->contrast, 0.4);
  EXPECT_LT(plain->grain, 0.01);
  EXPECT_LT(plain->skin_grain, 0.01);
}

// The fringe in the shadow of one side, and a few tufts of it on the lit top: each part of the
// stubble is compared with the skin right beside it, so the contrast is that of the stubble
// itself (as on a uniformly lit head), not that of a shadowed fringe against the lit top.
TEST(Stubble, ContrastIsLocalToTheSkinBesideEachPartOfTheFringe) {
  const StubbleScene s = stubble_scene(0.25, cv::Vec3b(40, 45, 55));  // stubble from x = 200 on
  sim::Plan plan = s.plan;
  cv::Mat3b shaded = s.photo.clone();
  for (const cv::Point tuft : {cv::Point(20, 30), cv::Point(80, 30), cv::Point(20, 200), cv::Point(80, 200)}) {
    const cv::Rect box(tuft, cv::Size(8, 8));
    s.photo(cv::Rect(260, 170, 8, 8)).copyTo(shaded(box));  // a piece of the stubble
    plan.masks.hair(box) = 255;
  }
  // From x = 150 on (the fringe and the skin just beside it) in shadow, 55 % of the light.
  for (int y = 0; y < shaded.rows; ++y)
    for (int x = 0; x < shaded.cols; ++x) {
      const double f = 1.0 - 0.45 * std::clamp((x - 140) / 20.0, 0.0, 1.0);
      for (int c = 0; c < 3; ++c) shaded(y, x)[c] = cv::saturate_cast<uchar>(shaded(y, x)[c] * f);
    }
  const auto m = render::measure_stubble(shaded, plan);
  ASSERT_TRUE(m);
  EXPECT_NEAR(m->contrast, s.expected, 0.03) << "the shadow is not the stubble's";
}

TEST(Stubble, AutomaticShadeMatchesTheStubbleWithinFivePoints) {
  for (double cover : {0.18, 0.3}) {
    StubbleScene s = stubble_scene(cover, cv::Vec3b(40, 45, 55));
    render::suggest_shades(s.photo, s.plan);
    const render::LookFigures f = render::look_figures(s.photo, s.plan);
    ASSERT_TRUE(f.stubble);
    EXPECT_NEAR(f.simulated, f.stubble->contrast, 0.05) << render::look_summary(f);
    EXPECT_NE(render::look_summary(f).find("stubble"), std::string::npos);
    EXPECT_TRUE(render::naturalness_warnings(s.plan, f).empty()) << render::look_summary(f);
  }
}

// The suggested shade's work reads no darker at arm's length than the same work in the
// strands' own shade, beyond the tolerance the shade is matched within (in the dark range a
// few points of dilution change the darkening by less than that).
::testing::AssertionResult no_darker_than_strands(const StubbleScene& s, double strand_ratio) {
  const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
  const double chosen = render::predicted_darkening(s.plan, s.plan.params.pigment.dilution_pct, tone);
  const double strands = render::predicted_darkening(s.plan, render::dilution_for_ratio(strand_ratio, s.plan), tone);
  if (chosen <= strands + render::ShadeParams{}.darkening_tolerance + 1e-3) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "darkening " << chosen << " against " << strands << " in the strands' shade";
}

// Salt-and-pepper stubble: light, colourless strands. Dots darker than the strands would read
// as pepper beside them, so the shade stops at the strands' tone (density makes up the rest).
TEST(Stubble, GreyStrandsGetDotsNoDarkerThanThemselves) {
  const cv::Vec3b grey(105, 108, 112);  // 0.69 of the skin's luminance, colourless
  StubbleScene s = stubble_scene(0.4, grey);
  const auto m = render::measure_stubble(s.photo, s.plan);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->grey_strands);
  EXPECT_FALSE(m->grey_or_white) << "grey strands on a dense strip still read darker than the skin";
  const double luma = [](cv::Vec3b c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; }(grey);
  EXPECT_NEAR(m->strand_ratio, luma / (0.114 * kSkin[0] + 0.587 * kSkin[1] + 0.299 * kSkin[2]), 0.02);
  const double density_before = s.plan.params.density_per_cm2;
  render::suggest_shades(s.photo, s.plan);
  EXPECT_GE(s.plan.params.pigment.dilution_pct, render::dilution_for_ratio(m->strand_ratio, s.plan) - 0.5);
  EXPECT_GE(s.plan.params.density_per_cm2, density_before);

  // Dark strands: dots no darker than themselves either, unless the density is at its top.
  StubbleScene dark = stubble_scene(0.4, cv::Vec3b(40, 45, 55));
  const auto dm = render::measure_stubble(dark.photo, dark.plan);
  ASSERT_TRUE(dm);
  EXPECT_FALSE(dm->grey_strands);
  const double dark_density_before = dark.plan.params.density_per_cm2;
  render::suggest_shades(dark.photo, dark.plan);
  const double max_density = sim::find_param("density_per_cm2")->max;
  EXPECT_GT(dark.plan.params.density_per_cm2, dark_density_before) << "density first";
  if (dark.plan.params.density_per_cm2 < max_density) {
    EXPECT_TRUE(no_darker_than_strands(dark, dm->strand_ratio));
  }
}

// The same scene photographed at half the size: photo and masks halved, px/mm with them.
StubbleScene half_size(const StubbleScene& s) {
  StubbleScene h = s;
  cv::resize(s.photo, h.photo, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  for (cv::Mat1b* m : {&h.plan.masks.treatment, &h.plan.masks.hair})
    if (!m->empty()) {
      const cv::Mat1b full = *m;
      cv::resize(full, *m, h.photo.size(), 0, 0, cv::INTER_NEAREST);
    }
  h.plan.photo.width = h.photo.cols;
  h.plan.photo.height = h.photo.rows;
  h.plan.calibration.px_per_mm *= 0.5;
  return h;
}

// A head photographed larger or smaller gets the same density and shade, so the same estimate,
// whether the photo shows no stubble, light brown stubble or dark stubble. Matching the
// contrast with dark dots at the plan's density reads as pepper beside fine hair, so the
// density makes up the contrast; a photo too soft to resolve the strands used to get fewer,
// darker dots instead (the density left where it was), and halving a photo moved its
// impressions by up to half.
TEST(Stubble, AHalfSizePhotoOfTheSameHeadGetsTheSameDensityAndShade) {
  struct Case {
    const char* name;
    double cover;
    cv::Vec3b speck;
  };
  for (const Case& c : {Case{"no stubble", 0.0, kSkin}, Case{"light brown stubble", 0.6, cv::Vec3b(95, 120, 150)},
                        Case{"dark stubble", 0.4, cv::Vec3b(40, 45, 55)}}) {
    SCOPED_TRACE(c.name);
    StubbleScene sharp = stubble_scene(c.cover, c.speck);
    if (c.cover == 0) sharp.plan.masks.hair.release();
    StubbleScene half = half_size(sharp);
    ASSERT_GE(sharp.plan.calibration.px_per_mm, render::ShadeParams{}.min_strand_px_per_mm);
    ASSERT_LT(half.plan.calibration.px_per_mm, render::ShadeParams{}.min_strand_px_per_mm) << "strands not resolved";
    ASSERT_EQ(render::measure_stubble(sharp.photo, sharp.plan).has_value(), c.cover > 0);
    ASSERT_EQ(render::measure_stubble(half.photo, half.plan).has_value(), c.cover > 0);
    const double density_before = sharp.plan.params.density_per_cm2;
    render::suggest_shades(sharp.photo, sharp.plan);
    render::suggest_shades(half.photo, half.plan);
    EXPECT_GT(sharp.plan.params.density_per_cm2, 1.3 * density_before) << "density makes up the contrast";
    EXPECT_NEAR(half.plan.params.density_per_cm2, sharp.plan.params.density_per_cm2, 1.0);
    EXPECT_NEAR(half.plan.params.pigment.dilution_pct, sharp.plan.params.pigment.dilution_pct, 1.5);
  }
}

// Stubble too light to imitate still gets work a client reads as shaved stubble (10-25 %
// darker at arm's length), from light dots made denser rather than darker ones.
TEST(Stubble, LightStubbleGetsLightDotsThatStillReadAsStubble) {
  StubbleScene white = stubble_scene(0.3, cv::Vec3b(200, 205, 210));
  const double density_before = white.plan.params.density_per_cm2;
  render::suggest_shades(white.photo, white.plan);
  const render::LookFigures f = render::look_figures(white.photo, white.plan);
  ASSERT_TRUE(f.stubble);
  ASSERT_TRUE(f.stubble->grey_or_white);
  EXPECT_GE(f.simulated, 0.10) << render::look_summary(f);
  EXPECT_LE(f.simulated, 0.25) << render::look_summary(f);
  EXPECT_GT(white.plan.params.density_per_cm2, density_before) << "density makes up the contrast";

  // At the density it had, the same darkening takes darker dots.
  const StubbleScene before = stubble_scene(0.3, cv::Vec3b(200, 205, 210));
  const double darker = render::dilution_for_darkening(f.simulated, before.plan, render::estimate_plan_tone(before.photo, before.plan));
  EXPECT_GT(white.plan.params.pigment.dilution_pct, darker + 5);
}

// Strands over thinning skin hide part of the work, so where they lie over the treated bare
// scalp the work is made darker on the skin between them, up to the band's top (25 %).
TEST(Stubble, StrandsOverTheTreatedSkinDeepenTheWorkBetweenThem) {
  StubbleScene open = stubble_scene(0.18, cv::Vec3b(40, 45, 55));
  StubbleScene strands = open;
  strands.plan.masks.occlusion = cv::Mat1b(strands.plan.masks.treatment.size(), uchar{102});  // 40 % of the skin hidden
  render::suggest_shades(open.photo, open.plan);
  render::suggest_shades(strands.photo, strands.plan);
  const render::LookFigures a = render::look_figures(open.photo, open.plan);
  const render::LookFigures b = render::look_figures(strands.photo, strands.plan);
  ASSERT_TRUE(a.stubble && b.stubble);
  EXPECT_NEAR(b.simulated, std::min(a.simulated / 0.6, 0.25), 0.02) << render::look_summary(a) << " / " << render::look_summary(b);
  EXPECT_LE(b.simulated, 0.25 + 0.01);
}

TEST(Naturalness, WarnsWhenDarkerThanTheStubbleGreyHairOrAHarshLine) {
  StubbleScene s = stubble_scene(0.15, cv::Vec3b(40, 45, 55));
  s.plan.params.pigment.dilution_pct = 0;
  s.plan.params.density_per_cm2 = 140;
  const std::vector<std::string> dark = render::naturalness_warnings(s.plan, render::look_figures(s.photo, s.plan));
  ASSERT_EQ(dark.size(), 1u);
  EXPECT_NE(dark[0].find("darker than the client's stubble"), std::string::npos) << dark[0];

  StubbleScene grey = stubble_scene(0.3, cv::Vec3b(200, 205, 210));  // white stubble on light skin
  render::suggest_shades(grey.photo, grey.plan);
  const render::LookFigures gf = render::look_figures(grey.photo, grey.plan);
  ASSERT_TRUE(gf.stubble);
  EXPECT_TRUE(gf.stubble->grey_or_white);
  const std::vector<std::string> gw = render::naturalness_warnings(grey.plan, gf);
  ASSERT_FALSE(gw.empty());
  EXPECT_NE(gw[0].find("white hair"), std::string::npos);

  StubbleScene long_hair = stubble_scene(0.6, cv::Vec3b(30, 34, 40));
  render::suggest_shades(long_hair.photo, long_hair.plan);
  const std::vector<std::string> lw = render::naturalness_warnings(long_hair.plan, render::look_figures(long_hair.photo, long_hair.plan));
  ASSERT_FALSE(lw.empty());
  EXPECT_NE(lw[0].find("clipped"), std::string::npos) << lw[0];

  sim::Plan harsh = s.plan;
  harsh.params.irregularity = 0;
  harsh.hairline.control_points = {{100, 50}, {200, 60}};
  render::LookFigures ok;
  ok.simulated = 0.15;
  const std::vector<std::string> hw = render::naturalness_warnings(harsh, ok);
  ASSERT_EQ(hw.size(), 1u);
  EXPECT_NE(hw[0].find("irregularity"), std::string::npos);
}

// A plan that shows no work (nothing treated, or every treated pixel under thick hair) has no
// look: the summary says so instead of a simulated figure, and nothing is called fake.
TEST(Naturalness, APlanThatShowsNoWorkHasNoLookToCompare) {
  StubbleScene s = stubble_scene(0.15, cv::Vec3b(40, 45, 55));
  s.plan.params.pigment.dilution_pct = 0;
  s.plan.params.density_per_cm2 = 140;  // darker than the stubble, were it shown
  ASSERT_TRUE(render::look_figures(s.photo, s.plan).treated);
  for (const bool hidden : {false, true}) {
    sim::Plan plan = s.plan;
    if (hidden)
      plan.masks.occlusion = cv::Mat1b(plan.masks.treatment.size(), uchar{255});  // thick hair everywhere
    else
      plan.masks.treatment.setTo(0);
    const render::LookFigures f = render::look_figures(s.photo, plan);
    EXPECT_FALSE(f.treated);
    EXPECT_NE(render::look_summary(f).find("nothing treated"), std::string::npos) << render::look_summary(f);
    EXPECT_TRUE(render::naturalness_warnings(plan, f).empty());
  }
}

}  // namespace
}  // namespace smp
