// The photo's blur where it varies (render/include/smp/render/blur_field.hpp): the step fit,
// the field over a photo half in focus and half defocused, its limits, and dots drawn through it.
#include "smp/render/blur_field.hpp"
#include "smp/render/compositor.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace smp {
namespace {

std::vector<float> step_profile(double sigma, int half, double height, double slope, double noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> n(0.0, noise);
  std::vector<float> p;
  for (int i = -half; i <= half; ++i)
    p.push_back(static_cast<float>(80 + slope * i + height * 0.5 * std::erfc(-i / (sigma * std::sqrt(2.0))) + n(rng)));
  return p;
}

TEST(BlurField, StepFitRecoversTheBlurUnderShadingAndNoise) {
  for (const double sigma : {1.0, 2.5, 5.0}) {
    const std::vector<float> p = step_profile(sigma, 24, 60, 0.4, 1.5, 3);
    const render::StepFit fit = render::fit_blurred_step(p.data(), 24);
    EXPECT_NEAR(fit.sigma_px, sigma, 0.15 * sigma) << "true blur " << sigma;
    EXPECT_NEAR(fit.step, 60, 6);
    EXPECT_GT(fit.explained, 0.95);
  }
  // A strand (a thin dark line) beside the middle: as sharp as the photo, whatever its darkness.
  std::vector<float> strand;
  for (int i = -24; i <= 24; ++i) strand.push_back(static_cast<float>(150 - 40 * std::exp(-0.5 * (i - 1) * (i - 1) / (1.2 * 1.2))));
  const render::StepFit line = render::fit_blurred_step(strand.data(), 24);
  EXPECT_NEAR(line.sigma_px, 1.2, 0.2);
  EXPECT_NEAR(line.step, -40, 4);
  // Noise alone is no edge: little of it is explained.
  const std::vector<float> flat = step_profile(1.0, 24, 0, 0, 4, 9);
  EXPECT_LT(render::fit_blurred_step(flat.data(), 24).explained, 0.5);
}

// Dark blobs and bars on skin-coloured ground; the columns from `blurred_from` on seen through
// a `defocus` blur, the whole photo through 1 px, then sensor noise with pixel-sharp flecks as
// strong as the edges (the gradient-ratio estimate reads those as focus).
cv::Mat3b part_defocused(cv::Size size, int blurred_from, double defocus, unsigned seed) {
  cv::Mat1f g(size, 170.0f);
  std::mt19937 rng(seed);
  const float w = static_cast<float>(size.width), h = static_cast<float>(size.height);
  std::uniform_real_distribution<float> x(0, w), y(0, h), r(6, 30);
  const int blobs = static_cast<int>(260.0 * size.area() / (1600.0 * 1200.0));
  for (int i = 0; i < blobs; ++i) cv::circle(g, cv::Point2f(x(rng), y(rng)), static_cast<int>(r(rng)), cv::Scalar(90), cv::FILLED);
  for (int i = 0; i < blobs / 2; ++i) {
    const cv::Point2f a(x(rng), y(rng));
    cv::line(g, a, a + cv::Point2f(r(rng) * 3, r(rng) * 2), cv::Scalar(110), 3);
  }
  cv::Mat1f part = g.colRange(blurred_from, size.width).clone();
  cv::GaussianBlur(part, part, cv::Size(), defocus);
  part.copyTo(g.colRange(blurred_from, size.width));
  cv::GaussianBlur(g, g, cv::Size(), 1.0);
  cv::Mat1f noise(g.size());
  cv::randn(noise, 0, 2.0);
  g += noise;
  std::uniform_int_distribution<int> fx(0, size.width - 1), fy(0, size.height - 1);
  for (int i = 0; i < size.area() / 100; ++i) g(fy(rng), fx(rng)) += 40.0f;
  cv::Mat1b g8;
  g.convertTo(g8, CV_8U);
  cv::Mat3b photo;
  cv::cvtColor(g8, photo, cv::COLOR_GRAY2BGR);
  return photo;
}

cv::Mat3b half_defocused(double defocus, unsigned seed) { return part_defocused({1600, 1200}, 800, defocus, seed); }

TEST(BlurField, DefocusedHalfReadsSofterThanTheHalfInFocus) {
  const cv::Mat3b photo = half_defocused(4.0, 5);
  const render::BlurField f = render::estimate_blur_field(photo, {}, 1.0, 15.0);
  ASSERT_FALSE(f.empty());
  const float sharp = f.at({300, 600}, 0), soft = f.at({1300, 600}, 0);
  EXPECT_LT(sharp, 1.3f) << "in focus";
  EXPECT_GT(soft, 3.0f) << "the flecks stay pixel-sharp on the defocused half and must not read as focus";
  EXPECT_LT(soft, 5.5f);
}

// A large photo (edges found on a copy reduced by 2) with the head on its right two thirds:
// the head's defocused half reads soft, the background's sharp edges set the focus, and the
// field maps back onto the photo's pixels.
TEST(BlurField, LargePhotoHeadAgainstASharpBackground) {
  const cv::Mat3b photo = part_defocused({3000, 2000}, 2000, 4.0, 7);
  cv::Mat1b head(200, 300, uchar{0});  // a mask at another size than the photo
  head.colRange(100, 300).setTo(255);
  const render::BlurField f = render::estimate_blur_field(photo, head, 1.0, 15.0);
  ASSERT_FALSE(f.empty());
  EXPECT_LT(f.at({1500, 1000}, 0), 1.3f) << "the head in focus";
  EXPECT_GT(f.at({2600, 1000}, 0), 3.0f) << "the head out of focus";
  EXPECT_LT(f.at({2600, 1000}, 0), 5.5f);
}

// The background behind the head lies at another depth: however blurred, it leaves the head's
// blur alone.
TEST(BlurField, ADefocusedBackgroundLeavesTheHeadAlone) {
  const cv::Mat3b photo = part_defocused({1600, 1200}, 960, 5.0, 9);
  cv::Mat1b head(1200, 1600, uchar{0});
  head.colRange(0, 900).setTo(255);  // its edges count up to 48 px past it (3 % of 1600)
  const render::BlurField f = render::estimate_blur_field(photo, head, 1.0, 15.0);
  for (const float x : {100.0f, 450.0f, 800.0f, 890.0f}) EXPECT_LT(f.at({x, 600}, 1.0f), 1.25f) << x;  // 1.32 at 890 px when the background counts
}

TEST(BlurField, NoFieldFromAfarNorPastWhatDefocusReaches) {
  // Below 5 px/mm: a photo taken from afar, whose edges are as wide as what they show (on a
  // 600 px photo defocus could reach 70 * 4.9^2 / 450 = 3.7 px: the scale alone decides).
  const cv::Mat3b small = part_defocused({600, 450}, 300, 4.0, 6);
  EXPECT_TRUE(render::estimate_blur_field(small, {}, 1.0, 4.9).empty());
  EXPECT_FALSE(render::estimate_blur_field(small, {}, 1.0, 5.1).empty());
  // 6 px/mm on a 1600 px photo: defocus reaches 70 * 36 / 1200 = 2.1 px at most.
  const cv::Mat3b photo = half_defocused(4.0, 6);
  const render::BlurField mid = render::estimate_blur_field(photo, {}, 1.0, 6.0);
  ASSERT_FALSE(mid.empty());
  for (float v : mid.grid()) EXPECT_LE(v, std::hypot(1.0f, 2.1f) + 1e-3f);
}

TEST(BlurField, DotsWhereThePhotoIsDefocusedAreSofterButAsDarkAtArmsLength) {
  sim::Plan plan = test::uniform_plan(400, 200, 15, 40);
  std::vector<sim::Impression> imp;
  for (int i = 0; i < 9; ++i)
    for (int side = 0; side < 2; ++side)
      imp.push_back({cv::Point2f(40.5f + 200.0f * static_cast<float>(side) + 14.0f * static_cast<float>(i % 3), 80.5f + 14.0f * static_cast<float>(i / 3)),
                     static_cast<std::uint32_t>(7 + i), 1});
  render::PhotoTone tone;
  tone.blur_sigma_px = 1.0f;
  tone.blur_field = render::BlurField(cv::Mat1f(1, 2, std::vector<float>{1.0f, 3.5f}.data()).clone(), {0, 0, 400, 200});
  const cv::Mat1f od = render::pigment_layers({400, 200}, 1.0, plan, imp, tone).od;
  double left = 0, right = 0;
  cv::minMaxLoc(od.colRange(0, 150), nullptr, &left);
  cv::minMaxLoc(od.colRange(250, 400), nullptr, &right);
  EXPECT_LT(right, 0.5 * left) << "a defocused dot is softer";
  const auto darkened = [&](cv::Range cols) {
    cv::Mat1f t;
    cv::exp(-od.colRange(cols), t);
    return static_cast<double>(t.total()) - cv::sum(t)[0];
  };
  EXPECT_NEAR(darkened({200, 400}) / darkened({0, 200}), 1.0, 0.15) << "the camera averages light: the darkening is kept";
}

// A shiny scalp: broad highlights (white light over the skin's colour) are as wide as the
// reflection, not as the lens. Sharp strands on the left set the focus; the highlights on the
// right leave the field at the photo's blur there.
TEST(BlurField, HighlightEdgesSayNothingAboutFocus) {
  cv::Mat3f skin(1000, 1000, cv::Vec3f(120, 150, 200));
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> u(0, 1000);
  for (int i = 0; i < 40; ++i) {  // highlights 6-16 px wide, right half
    const cv::Point2f c(500 + u(rng) / 2, u(rng));
    const float r = 6 + u(rng) / 100;
    for (int y = std::max(0, static_cast<int>(c.y - 3 * r)); y < std::min(1000, static_cast<int>(c.y + 3 * r)); ++y)
      for (int x = std::max(0, static_cast<int>(c.x - 3 * r)); x < std::min(1000, static_cast<int>(c.x + 3 * r)); ++x) {
        const float d2 = (static_cast<float>(x) - c.x) * (static_cast<float>(x) - c.x) + (static_cast<float>(y) - c.y) * (static_cast<float>(y) - c.y);
        skin(y, x) += cv::Vec3f::all(100.0f * std::exp(-0.5f * d2 / (r * r)));
      }
  }
  for (int i = 0; i < 150; ++i) {  // dark strands, left half
    const cv::Point2f a(u(rng) / 2 - 30, u(rng));
    cv::line(skin, a, a + cv::Point2f(25, 12), cv::Scalar(50, 60, 80), 2, cv::LINE_AA);
  }
  cv::GaussianBlur(skin, skin, cv::Size(), 1.0);
  cv::Mat3b photo;
  skin.convertTo(photo, CV_8UC3);
  const render::BlurField f = render::estimate_blur_field(photo, {}, 1.0, 15.0);
  for (float y = 100; y < 1000; y += 200)
    for (float x = 600; x < 1000; x += 100) EXPECT_LT(f.at({x, y}, 1.0f), 1.3f) << x << "," << y;
}

// The tone of a plan reads its masks and leaves them as they are.
TEST(BlurField, PlanToneLeavesThePlansMasksAlone) {
  const cv::Mat3b photo = half_defocused(3.0, 8);
  sim::Plan plan = test::uniform_plan(photo.cols, photo.rows, 15, 80);
  plan.masks.treatment = cv::Mat1b(300, 400, uchar{0});
  plan.masks.treatment(cv::Rect(50, 50, 300, 200)).setTo(255);
  plan.masks.hair = cv::Mat1b(300, 400, uchar{0});
  plan.masks.hair(cv::Rect(0, 0, 400, 60)).setTo(255);
  const cv::Mat1b treatment = plan.masks.treatment.clone(), hair = plan.masks.hair.clone();
  const render::PhotoTone tone = render::estimate_plan_tone(photo, plan);
  EXPECT_FALSE(tone.blur_field.empty());
  EXPECT_EQ(cv::norm(plan.masks.treatment, treatment, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(plan.masks.hair, hair, cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace smp
