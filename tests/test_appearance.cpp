// The appearance model: depth, specular highlights, fresh vs healed, sessions' shades, fading,
// perspective, hair blending, scars and shade suggestions, measured on synthetic inputs.

#include "smp/render/compositor.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/density_field.hpp"
#include "smp/sim/fading.hpp"
#include "smp/sim/head_surface.hpp"
#include "smp/sim/pigment_map.hpp"
#include "smp/sim/plan_io.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace smp {
namespace {

std::vector<sim::Impression> one_impression(float c = 50.5f) { return {{cv::Point2f(c, c), 12345u, 1}}; }

double spread(const cv::Mat1f& od) {
  const cv::Moments m = cv::moments(od);
  return (m.mu20 + m.mu02) / (2.0 * m.m00);
}

double peak(const cv::Mat1f& od) {
  double v = 0;
  cv::minMaxLoc(od, nullptr, &v);
  return v;
}

render::AppearanceParams steady() {
  render::AppearanceParams p;
  p.size_variation = p.opacity_variation = p.elongation = 0;
  return p;
}

// ---- depth ----

TEST(Appearance, DeeperPigmentIsWiderAndCooler) {
  sim::Plan plan = test::uniform_plan(101, 101, 30.0, 80);
  plan.params.needle.points = 1;
  const cv::Mat1f shallow = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), steady());
  plan.params.pigment.depth_mm = 1.4;
  const cv::Mat1f deep = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), steady());
  EXPECT_GT(spread(deep), spread(shallow) * 1.5);
  EXPECT_NEAR(cv::sum(deep)[0], cv::sum(shallow)[0], cv::sum(shallow)[0] * 0.02) << "same pigment";

  // Cool cast: blue keeps more of its light than red, more so with depth.
  const render::ApplyUniforms u_default = render::apply_uniforms(0.5, {}, {});
  const render::ApplyUniforms u_deep = render::apply_uniforms(1.4, {}, {});
  const cv::Vec3f skin(150, 170, 200);
  auto blue_over_red = [&](const render::ApplyUniforms& u) {
    const cv::Vec3f c = render::apply_formula(skin, 1.0f, 0, u);
    return (c[0] / skin[0]) / (c[2] / skin[2]);
  };
  EXPECT_GT(blue_over_red(u_default), 1.0);
  EXPECT_GT(blue_over_red(u_deep), blue_over_red(u_default) + 0.05);
  // No blue shift at the default depth: the dot stays a grey of the skin, not bluer than red.
  const cv::Vec3f dot = render::apply_formula(skin, 1.0f, 0, u_default);
  EXPECT_LE(dot[0], dot[2] + 2.0f);
}

// ---- specular highlights and lighting ----

TEST(Appearance, HighlightStaysLightAndShadowGetsDarker) {
  render::PhotoTone tone;
  tone.skin_bgr = cv::Vec3f(120, 150, 190);
  const render::ApplyUniforms u = render::apply_uniforms(0.5, tone, {});
  const cv::Vec3f matte(120, 150, 190), shadow(60, 75, 95);
  const cv::Vec3f highlight(245, 248, 252);  // skin plus white surface reflection
  EXPECT_NEAR(render::specular_part(matte, u), 0.0f, 1e-3f);
  EXPECT_GT(render::specular_part(highlight, u), 150.0f);
  const float od = 1.2f;
  const cv::Vec3f m = render::apply_formula(matte, od, 0, u);
  const cv::Vec3f h = render::apply_formula(highlight, od, 0, u);
  const cv::Vec3f s = render::apply_formula(shadow, od, 0, u);
  EXPECT_GT(h[1] / highlight[1], 0.85f) << "a dot on a highlight stays light";
  EXPECT_LT(m[1] / matte[1], 0.6f);
  EXPECT_LT(s[1], m[1]) << "a dot in shadow is darker";
  EXPECT_NEAR(s[1] / shadow[1], m[1] / matte[1], 0.01f) << "darkening multiplies with lighting";
  // Nothing changes without pigment.
  const cv::Vec3f same = render::apply_formula(highlight, 0, 0, u);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(same[k], highlight[k], 1e-3f);
}

// ---- fresh vs healed ----

TEST(Appearance, FreshDotsAreLargerDarkerAndOnReddenedSkin) {
  sim::Plan plan = test::uniform_plan(101, 101, 30.0, 80);
  plan.params.needle.points = 1;
  render::CompositeOptions fresh;
  fresh.latest_healing = 0;
  render::AppearanceParams core = steady();  // the dots themselves, without the healed halo
  core.halo_ink_fraction = 0;
  const render::PigmentLayers f = render::pigment_layers({101, 101}, 1.0, plan, one_impression(), {}, core, fresh);
  const render::PigmentLayers h = render::pigment_layers({101, 101}, 1.0, plan, one_impression(), {}, core, {});
  EXPECT_GT(spread(f.od), spread(h.od) * 1.2);
  EXPECT_GT(cv::sum(f.od)[0], cv::sum(h.od)[0] * 1.2);
  ASSERT_FALSE(f.redness.empty());
  EXPECT_GT(peak(f.redness), 0.02);
  EXPECT_TRUE(h.redness.empty());
  // Healed: a fraction of the needle diameter (disc variance D^2/16 plus the scatter's).
  render::AppearanceParams p = core;
  p.scatter_per_depth = 0;
  p.pixel_variance = 0;
  const cv::Mat1f healed = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), p);
  const double d_px = p.healed_size_fraction * 0.25 * 30.0;
  EXPECT_NEAR(spread(healed), d_px * d_px / 16.0, d_px * d_px / 16.0 * 0.15);
}

// ---- sessions ----

TEST(Appearance, SessionsHaveTheirOwnShadeAndLayerDarker) {
  sim::Pigment g;
  g.dilution_pct = 40;
  g.session_offsets_pct = {0, -5, -10};
  EXPECT_DOUBLE_EQ(sim::session_dilution_pct(g, 1), 40);
  EXPECT_DOUBLE_EQ(sim::session_dilution_pct(g, 2), 35);
  EXPECT_DOUBLE_EQ(sim::session_dilution_pct(g, 3), 30);
  EXPECT_DOUBLE_EQ(sim::session_dilution_pct(g, 5), 30) << "later sessions use the last entry";
  g.session_offsets_pct.clear();
  EXPECT_DOUBLE_EQ(sim::session_dilution_pct(g, 2), 40);

  sim::Plan plan = test::uniform_plan(101, 101, 30.0, 80);
  const std::vector<sim::Impression> s1 = {{{50.5f, 50.5f}, 9u, 1}}, s3 = {{{50.5f, 50.5f}, 9u, 3}};
  const double ink1 = cv::sum(render::pigment_layer({101, 101}, 1.0, plan, s1, steady()))[0];
  const double ink3 = cv::sum(render::pigment_layer({101, 101}, 1.0, plan, s3, steady()))[0];
  EXPECT_NEAR(ink3 / ink1, (1 - 0.20) / (1 - 0.30), 0.01);
}

// ---- longevity ----

TEST(Fading, MonotoneInYears) {
  const sim::Lifestyle life;
  sim::FadeState prev = sim::fade_after_years(0, life);
  EXPECT_DOUBLE_EQ(prev.ink_remaining, 1.0);
  EXPECT_DOUBLE_EQ(prev.extra_sigma_mm, 0.0);
  for (double y = 0.25; y <= 10.0; y += 0.25) {
    const sim::FadeState f = sim::fade_after_years(y, life);
    EXPECT_LT(f.ink_remaining, prev.ink_remaining);
    EXPECT_GT(f.extra_sigma_mm, prev.extra_sigma_mm);
    EXPECT_GE(f.extra_depth_mm, prev.extra_depth_mm);
    prev = f;
  }
  // Plausible: still clearly there after 5 years, not gone after 10.
  EXPECT_GT(sim::fade_after_years(5, life).ink_remaining, 0.4);
  EXPECT_GT(sim::fade_after_years(10, life).ink_remaining, 0.2);
  EXPECT_LT(sim::fade_after_years(5, life).extra_sigma_mm, 0.06) << "only slight spreading";
}

TEST(Fading, SunFasterSunscreenSlowerSmokingFaster) {
  sim::Lifestyle base;
  base.sun_exposure = 0.3;
  sim::Lifestyle sunny = base, protected_ = base, smoker = base;
  sunny.sun_exposure = 1.0;
  protected_.sunscreen = true;
  smoker.smoker = true;
  const double y = 5;
  const double b = sim::fade_after_years(y, base).ink_remaining;
  EXPECT_LT(sim::fade_after_years(y, sunny).ink_remaining, b);
  EXPECT_GT(sim::fade_after_years(y, protected_).ink_remaining, b);
  EXPECT_LT(sim::fade_after_years(y, smoker).ink_remaining, b);
  EXPECT_GT(sim::fade_after_years(y, sunny).extra_sigma_mm, sim::fade_after_years(y, base).extra_sigma_mm);
}

TEST(Fading, OldDotsAreLighterAndWider) {
  sim::Plan plan = test::uniform_plan(101, 101, 30.0, 80);
  render::CompositeOptions later;
  later.years = 8;
  const cv::Mat1f now = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), steady());
  const cv::Mat1f old = render::pigment_layer({101, 101}, 1.0, plan, one_impression(), steady(), later);
  EXPECT_LT(cv::sum(old)[0], cv::sum(now)[0] * 0.8);
  EXPECT_GT(spread(old), spread(now));
  EXPECT_LT(peak(old), peak(now));
}

// ---- perspective ----

sim::Plan top_view_plan() {
  sim::Plan plan = test::uniform_plan(401, 401, 2.0, 80);
  plan.head.view = sim::ViewKind::Top;
  plan.head.outline = cv::RotatedRect({200.5f, 200.5f}, {300, 360}, 0);
  return plan;
}

TEST(Perspective, AreaFactorGrowsTowardTheOutline) {
  const sim::Plan plan = top_view_plan();
  const cv::Mat1f a = sim::surface_area_factor(plan, {401, 401});
  ASSERT_FALSE(a.empty());
  EXPECT_NEAR(a(200, 200), 1.0f, 0.01f);
  float prev = 0;
  for (int x = 200; x < 345; x += 10) {
    EXPECT_GE(a(200, x), prev);
    prev = a(200, x);
  }
  EXPECT_GT(a(200, 340), 2.0f);
  EXPECT_LE(a(200, 400), 1.0f / static_cast<float>(plan.params.perspective.min_cos) + 1e-3f);
  // Hemisphere check: on a sphere the factor at radius r is 1 / sqrt(1 - r^2/R^2).
  sim::Plan sphere = plan;
  sphere.head.outline = cv::RotatedRect({200.5f, 200.5f}, {300, 300}, 0);
  sphere.params.perspective.dome_ratio = 1.0;
  const float f = sim::surface_area_factor(sphere, {401, 401})(200, 290);  // r = 90 of R = 150
  EXPECT_NEAR(f, 1.0 / std::sqrt(1.0 - 0.36), 0.03);
  // Front views and disabled perspective are flat.
  sim::Plan front = plan;
  front.head.view = sim::ViewKind::Front;
  EXPECT_TRUE(sim::surface_area_factor(front, {401, 401}).empty());
}

TEST(Perspective, SurfaceAreaCountsInTheEstimateAndDotsAreDenserNearTheRim) {
  sim::Plan plan = top_view_plan();
  const sim::DensityField curved = sim::build_density_field(plan);
  plan.params.perspective.enabled = false;
  const sim::DensityField flat = sim::build_density_field(plan);
  EXPECT_GT(curved.per_px2_at({330, 200}), 1.8 * flat.per_px2_at({330, 200}));
  EXPECT_NEAR(curved.per_px2_at({200, 200}), flat.per_px2_at({200, 200}), 1e-9);
}

TEST(Perspective, DotsNearTheOutlineAreCompressedRadially) {
  sim::Plan plan = top_view_plan();
  plan.calibration.px_per_mm = 30;
  plan.params.needle.points = 1;
  const std::vector<sim::Impression> rim = {{{345.5f, 200.5f}, 5u, 1}};
  const cv::Mat1f od = render::pigment_layer({401, 401}, 1.0, plan, rim, steady());
  const cv::Moments m = cv::moments(od);
  EXPECT_LT(m.mu20, 0.6 * m.mu02) << "x (radial) is compressed, y (tangential) is not";
}

// ---- hair blending and scars ----

TEST(HairBlend, DensityContinuesIntoHairAndFades) {
  sim::Plan plan = test::uniform_plan(200, 100, 2.0, 80);  // 100 mm x 50 mm
  plan.masks.treatment = cv::Mat1b(100, 200, uchar{0});
  plan.masks.treatment(cv::Rect(0, 0, 100, 100)) = 255;
  plan.masks.hair = cv::Mat1b(100, 200, uchar{0});
  plan.masks.hair(cv::Rect(100, 0, 100, 100)) = 255;
  const sim::DensityField f = sim::build_density_field(plan);
  const float edge_inside = f.at({98, 50}), just_in_hair = f.at({102, 50});
  const float deep_in_hair = f.at({100 + 2 * 12, 50});  // 12 mm into the hair, beyond blend_mm
  EXPECT_GT(edge_inside, 0.9f * 80) << "no feathering against remaining hair";
  EXPECT_GT(just_in_hair, 0.3f * 80);
  EXPECT_EQ(deep_in_hair, 0.0f);
  float prev = 1e9f;
  for (int x = 100; x < 120; ++x) {
    EXPECT_LE(f.at({static_cast<float>(x) + 0.5f, 50}), prev);
    prev = f.at({static_cast<float>(x) + 0.5f, 50});
  }
  // Shade moves toward the hair's near it.
  plan.params.pigment.hair_dilution_pct = 70;
  const sim::PigmentMap shades(plan);
  EXPECT_NEAR(shades.dilution_at({10, 50}, 1), 30, 0.5);
  EXPECT_GT(shades.dilution_at({99, 50}, 1), 60);
  EXPECT_NEAR(shades.dilution_at({150, 50}, 1), 70, 0.5);
}

TEST(Scar, ScarTissueGetsItsOwnShadeAndDensity) {
  sim::Plan plan = test::uniform_plan(100, 100, 2.0, 80);
  plan.masks.scar = cv::Mat1b(100, 100, uchar{0});
  plan.masks.scar(cv::Rect(40, 0, 20, 100)) = 255;
  const sim::PigmentMap shades(plan);
  EXPECT_TRUE(shades.scar_at({50, 50}));
  EXPECT_FALSE(shades.scar_at({10, 50}));
  EXPECT_NEAR(shades.dilution_at({50, 50}, 1) - shades.dilution_at({10, 50}, 1), plan.params.pigment.scar_offset_pct, 1e-9);
  const sim::DensityField f = sim::build_density_field(plan);
  EXPECT_NEAR(f.at({50, 50}) / f.at({20, 50}), plan.params.scar_density_factor, 0.01);
}

// ---- shade suggestions ----

TEST(Shade, EyedropperDarkerRegionGivesLessDilution) {
  sim::Plan plan = test::uniform_plan(200, 100, 10.0, 80);
  cv::Mat3b photo(100, 200, cv::Vec3b(120, 150, 190));
  photo(cv::Rect(0, 0, 50, 50)) = cv::Vec3b(106, 132, 167);  // stubble reading 12 % darker than the skin
  photo(cv::Rect(50, 0, 50, 50)) = cv::Vec3b(113, 141, 179); // lighter stubble, 6 % darker
  const render::PhotoTone tone = render::estimate_photo_tone(photo);
  EXPECT_NEAR(tone.skin_bgr[2], 190, 1);
  const double dark = render::eyedropper_dilution(photo, {0, 0, 50, 50}, tone, plan);
  const double light = render::eyedropper_dilution(photo, {50, 0, 50, 50}, tone, plan);
  EXPECT_LT(dark, light);
  // A mid-grey sample lands inside the shade range, and the healed work it gives reads as
  // dark as the sample at arm's length.
  const render::ShadeParams range;
  EXPECT_GT(dark, range.min_dilution_pct + 1);
  EXPECT_LT(light, range.max_dilution_pct - 1);
  EXPECT_NEAR(render::predicted_darkening(plan, dark, tone), 0.12, 0.015);
  EXPECT_NEAR(render::predicted_darkening(plan, light, tone), 0.06, 0.015);
  // The solved dilution reproduces the ratio it was asked for.
  const double d = render::dilution_for_ratio(0.3, plan);
  plan.params.pigment.dilution_pct = d;
  plan.params.pigment.session_offsets_pct.clear();
  plan.calibration.px_per_mm = render::ShadeParams{}.reference_px_per_mm;
  const double core = render::healed_core_od(plan, plan.calibration.px_per_mm) * render::pigment_concentration(d);
  const render::ApplyUniforms u = render::apply_uniforms(plan.params.pigment.depth_mm, {}, {});
  EXPECT_NEAR(u.veil_bgr[1] + (1 - u.veil_bgr[1]) * std::exp(-core * u.absorption_bgr[1]), 0.3, 0.02);
}

TEST(Shade, HairSuggestionFollowsTheHairAndSkinFallbackFollowsTheSkin) {
  sim::Plan plan = test::uniform_plan(200, 100, 10.0, 80);
  plan.masks.hair = cv::Mat1b(100, 200, uchar{0});
  plan.masks.hair(cv::Rect(150, 0, 50, 100)) = 255;
  cv::Mat3b dark_hair(100, 200, cv::Vec3b(120, 150, 190)), grey_hair;
  dark_hair(cv::Rect(150, 0, 50, 100)) = cv::Vec3b(15, 17, 20);
  grey_hair = dark_hair.clone();
  grey_hair(cv::Rect(150, 0, 50, 100)) = cv::Vec3b(90, 95, 100);
  render::PhotoTone tone;
  tone.skin_bgr = cv::Vec3f(120, 150, 190);
  const auto a = render::hair_dilution(dark_hair, tone, plan), b = render::hair_dilution(grey_hair, tone, plan);
  ASSERT_TRUE(a && b);
  EXPECT_LT(*a + 15, *b);
  // No hair marked: none.
  plan.masks.hair.release();
  EXPECT_FALSE(render::hair_dilution(dark_hair, tone, plan));
  sim::Plan suggested = test::uniform_plan(200, 100, 10.0, 80);
  render::suggest_shades(dark_hair, suggested);
  EXPECT_FALSE(suggested.params.pigment.hair_dilution_pct);
  EXPECT_GE(suggested.params.pigment.dilution_pct, 5);
  EXPECT_LE(suggested.params.pigment.dilution_pct, 85);
  // Then the bare skin decides: the shade that gives the arm's-length target on it.
  const render::PhotoTone skin_tone = render::estimate_plan_tone(dark_hair, suggested);
  EXPECT_NEAR(render::predicted_darkening(suggested, suggested.params.pigment.dilution_pct, skin_tone),
              render::ShadeParams{}.bald_target_darkening, 0.01);
}

// ---- the plan document ----

TEST(AppearancePlan, NewFieldsRoundTripAndOldFilesLoadWithDefaults) {
  sim::Plan p = test::uniform_plan(64, 48, 5.0, 70);
  p.params.pigment.depth_mm = 0.8;
  p.params.pigment.session_offsets_pct = {5, 0};
  p.params.pigment.hair_dilution_pct = 62.5;
  p.params.pigment.scar_offset_pct = -4;
  p.params.hair_blend = {12.0, 0.4};
  p.params.perspective = {false, 1.2, 0.5};
  p.params.lifestyle = {0.8, true, true};
  p.masks.hair = cv::Mat1b(48, 64, uchar{0});
  p.masks.hair(cv::Rect(0, 0, 10, 48)) = 255;
  const sim::Plan q = sim::plan_from_json(sim::plan_to_json(p), "memory");
  EXPECT_DOUBLE_EQ(q.params.pigment.depth_mm, 0.8);
  EXPECT_EQ(q.params.pigment.session_offsets_pct, p.params.pigment.session_offsets_pct);
  EXPECT_EQ(q.params.pigment.hair_dilution_pct, p.params.pigment.hair_dilution_pct);
  EXPECT_DOUBLE_EQ(q.params.pigment.scar_offset_pct, -4);
  EXPECT_DOUBLE_EQ(q.params.hair_blend.blend_mm, 12);
  EXPECT_DOUBLE_EQ(q.params.hair_blend.density_fraction, 0.4);
  EXPECT_FALSE(q.params.perspective.enabled);
  EXPECT_DOUBLE_EQ(q.params.perspective.dome_ratio, 1.2);
  EXPECT_DOUBLE_EQ(q.params.lifestyle.sun_exposure, 0.8);
  EXPECT_TRUE(q.params.lifestyle.sunscreen && q.params.lifestyle.smoker);
  EXPECT_EQ(cv::norm(q.masks.hair, p.masks.hair, cv::NORM_INF), 0);

  // A file written before these fields existed loads with the documented defaults.
  nlohmann::json j = nlohmann::json::parse(sim::plan_to_json(p));
  for (const char* k : {"hair_blend", "perspective", "lifestyle"}) j["params"].erase(k);
  j["params"]["pigment"] = {{"dilution_pct", 35}};
  j["masks"].erase("hair");
  const sim::Plan old = sim::plan_from_json(j.dump(), "old.json");
  const sim::PlanParams defaults;
  EXPECT_DOUBLE_EQ(old.params.pigment.dilution_pct, 35);
  EXPECT_DOUBLE_EQ(old.params.pigment.depth_mm, defaults.pigment.depth_mm);
  EXPECT_EQ(old.params.pigment.session_offsets_pct, defaults.pigment.session_offsets_pct);
  EXPECT_FALSE(old.params.pigment.hair_dilution_pct);
  EXPECT_TRUE(old.params.perspective.enabled);
  EXPECT_TRUE(old.masks.hair.empty());

  // Out-of-range values are refused with the field's name.
  j["params"]["pigment"]["depth_mm"] = 3.0;
  EXPECT_THROW(
      {
        try {
          sim::plan_from_json(j.dump(), "deep.json");
        } catch (const sim::PlanFileError& e) {
          EXPECT_NE(std::string(e.what()).find("depth"), std::string::npos) << e.what();
          throw;
        }
      },
      sim::PlanFileError);
}

}  // namespace
}  // namespace smp
