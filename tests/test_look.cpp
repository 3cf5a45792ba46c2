// The photo-matched look: arm's-length darkening of the default healed result, never-black
// dots, the photo optics estimate, and dots that stay irregular at every resolution.

#include "smp/render/compositor.hpp"
#include "smp/render/look_metrics.hpp"
#include "smp/render/photo_optics.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <numeric>
#include <random>

namespace smp {
namespace {

const cv::Vec3b kSkin(120, 150, 190);  // BGR light skin

// A uniform patch of skin `mm` wide at `ppm`, with mild noise, and its automatic shade.
struct Patch {
  cv::Mat3b photo;
  sim::Plan plan;
};

Patch skin_patch(double ppm, double mm = 40) {
  const int side = static_cast<int>(std::lround(mm * ppm));
  Patch p;
  p.photo = cv::Mat3b(side, side, kSkin);
  cv::Mat noise(side, side, CV_16SC3);
  cv::randn(noise, 0, 2);
  cv::Mat3s s;
  p.photo.convertTo(s, CV_16S);
  s += noise;
  s.convertTo(p.photo, CV_8U);
  p.plan = test::uniform_plan(side, side, ppm, 80);
  p.plan.params.sessions = 3;
  p.plan.params.pigment.session_offsets_pct = {0, -5, -10};
  render::suggest_shades(p.photo, p.plan);
  return p;
}

double darkening_of(const Patch& p) {
  const sim::Simulation s = sim::simulate(p.plan);
  const cv::Mat3b after = render::composite(p.photo, p.plan, s.impressions);
  cv::Mat1b inner(p.photo.size(), uchar{0});
  const int m = p.photo.cols / 8;
  inner(cv::Rect(m, m, p.photo.cols - 2 * m, p.photo.rows - 2 * m)) = 255;
  return render::arm_length_darkening(p.photo, after, inner).mean;
}

TEST(Look, DefaultHealedWorkDarkensBareSkinLikeStubbleAtEveryResolution) {
  std::vector<double> d;
  for (double ppm : {4.0, 8.0, 16.0}) {
    const double v = darkening_of(skin_patch(ppm));
    EXPECT_GE(v, 0.10) << ppm << " px/mm";
    EXPECT_LE(v, 0.25) << ppm << " px/mm";
    d.push_back(v);
  }
  const auto [lo, hi] = std::minmax_element(d.begin(), d.end());
  EXPECT_LT(*hi - *lo, 0.05) << "the same work reads the same at arm's length whatever the photo's resolution";
}

TEST(Look, SuggestedShadeReachesItsTargetAndLighterTargetGivesMoreDilution) {
  const Patch p = skin_patch(12, 16);
  const render::PhotoTone tone = render::estimate_plan_tone(p.photo, p.plan);
  const double d15 = render::dilution_for_darkening(0.15, p.plan, tone);
  const double d10 = render::dilution_for_darkening(0.10, p.plan, tone);
  EXPECT_LT(d15, d10);
  EXPECT_NEAR(render::predicted_darkening(p.plan, d15, tone), 0.15, 0.01);
}

TEST(Look, HealedDotCentreNeverReadsBlack) {
  sim::Plan plan = test::uniform_plan(61, 61, 25, 80);
  plan.params.needle.points = 5;
  plan.params.pigment.dilution_pct = 0;
  const cv::Mat3b skin(61, 61, kSkin);
  const std::vector<sim::Impression> imp = {{cv::Point2f(30.5f, 30.5f), 7u, 1}};
  const cv::Mat3b out = render::composite(skin, plan, imp);
  cv::Mat1b g0, g1;
  cv::cvtColor(skin, g0, cv::COLOR_BGR2GRAY);
  cv::cvtColor(out, g1, cv::COLOR_BGR2GRAY);
  double darkest = 0;
  cv::minMaxLoc(g1, &darkest);
  EXPECT_GT(darkest / g0(0, 0), 0.28) << "undiluted, five touches on one spot: still at most ~70 % darker";
  EXPECT_LT(darkest / g0(0, 0), 0.75) << "but clearly a dot";
}

// ---- photo optics ----

// Skin with specks and edges, blurred by a known sigma, plus noise.
cv::Mat3b textured(double sigma, double noise, unsigned seed) {
  cv::Mat1f g(600, 600, 150.0f);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(20, 580);
  for (int i = 0; i < 400; ++i) g(static_cast<int>(u(rng)), static_cast<int>(u(rng))) = 20.0f;  // specks
  for (int i = 0; i < 20; ++i) {
    const int x = static_cast<int>(u(rng)), y = static_cast<int>(u(rng));
    cv::rectangle(g, cv::Rect(x, y, 15, 15), 90.0f, cv::FILLED);
  }
  cv::GaussianBlur(g, g, cv::Size(), sigma);
  cv::Mat1f n(g.size());
  cv::randn(n, 0, noise);
  g += n;
  cv::Mat1b b;
  g.convertTo(b, CV_8U);
  cv::Mat3b out;
  cv::cvtColor(b, out, cv::COLOR_GRAY2BGR);
  return out;
}

TEST(PhotoOptics, BlurAndNoiseAreMeasuredFromThePhoto) {
  double prev = 0;
  for (double sigma : {1.0, 1.5, 2.2}) {  // phone photos; larger blurs read low (see photo_optics.hpp)
    const render::PhotoOptics o = render::estimate_photo_optics(textured(sigma, 1.5, 3));
    EXPECT_NEAR(o.blur_sigma_px, sigma, 0.3 * sigma) << "true blur " << sigma;
    EXPECT_GT(o.blur_sigma_px, prev);
    prev = o.blur_sigma_px;
  }
  const render::PhotoOptics quiet = render::estimate_photo_optics(textured(1.5, 1.0, 4));
  const render::PhotoOptics noisy = render::estimate_photo_optics(textured(1.5, 5.0, 4));
  EXPECT_NEAR(noisy.noise_sigma, 5.0, 1.5);
  EXPECT_LT(quiet.noise_sigma, 2.0);
}

// A smooth treated area has no edges to measure; that says nothing about the photo's blur.
TEST(PhotoOptics, SmoothTreatedAreaTakesThePhotosBlur) {
  cv::Mat3b photo = textured(2.0, 1.0, 5);
  const cv::Rect smooth(200, 200, 120, 120);
  photo(smooth).setTo(cv::Vec3b(150, 150, 150));
  cv::Mat1b mask(photo.size(), uchar{0});
  mask(cv::Rect(230, 230, 60, 60)).setTo(255);
  ASSERT_EQ(render::estimate_photo_optics(photo, smooth).edges, 0);  // the region alone: unknown
  const render::PhotoTone tone = render::estimate_photo_tone(photo, mask);
  EXPECT_NEAR(tone.blur_sigma_px, render::estimate_photo_optics(photo).blur_sigma_px, 1e-6);
  EXPECT_NEAR(tone.blur_sigma_px, 2.0, 0.6);
  // No edge anywhere: the camera's own softness, never a perfectly sharp photo.
  const render::PhotoTone flat = render::estimate_photo_tone(cv::Mat3b(300, 300, cv::Vec3b(150, 150, 150)), {});
  EXPECT_FLOAT_EQ(flat.blur_sigma_px, static_cast<float>(render::OpticsParams{}.min_sigma_px));
}

TEST(PhotoOptics, DotsAreSeenThroughThePhotosBlur) {
  sim::Plan plan = test::uniform_plan(61, 61, 15, 80);
  const std::vector<sim::Impression> imp = {{cv::Point2f(30.5f, 30.5f), 7u, 1}};
  render::PhotoTone sharp, soft;
  soft.blur_sigma_px = 2.0f;
  const cv::Mat1f a = render::pigment_layers({61, 61}, 1.0, plan, imp, sharp).od;
  const cv::Mat1f b = render::pigment_layers({61, 61}, 1.0, plan, imp, soft).od;
  double pa = 0, pb = 0;
  cv::minMaxLoc(a, nullptr, &pa);
  cv::minMaxLoc(b, nullptr, &pb);
  EXPECT_LT(pb, 0.6 * pa) << "a blurred photo shows a softer dot";
  // The camera averages light: the darkened area is kept, not the pigment.
  const auto dark_area = [](const cv::Mat1f& od) {
    cv::Mat1f t;
    cv::exp(-od, t);
    return static_cast<double>(od.total()) - cv::sum(t)[0];
  };
  EXPECT_NEAR(dark_area(b) / dark_area(a), 1.0, 0.15) << "kept within the kernel's and the touches' overlap";
}

}  // namespace
}  // namespace smp
