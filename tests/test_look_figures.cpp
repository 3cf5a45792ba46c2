// The figures smp-look-table measures at 100 %: visible dots (peak darkening and its spread,
// softness, irregularity, grid peak) and the border crop between remaining hair and the treated scalp.

#include "../tools/look_checks.hpp"
#include "smp/render/border_crop.hpp"
#include "smp/render/dot_figures.hpp"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp {
namespace {

// Gaussian dots of `sigma` px darkening a flat skin by `depth` at their centres.
cv::Mat3b dotted(const cv::Mat3b& skin, const std::vector<cv::Point2d>& centres, double sigma, double depth) {
  cv::Mat1f shade(skin.size(), 1.0f);
  for (const cv::Point2d& c : centres)
    for (int v = std::max(0, static_cast<int>(c.y) - 8); v <= std::min(skin.rows - 1, static_cast<int>(c.y) + 8); ++v)
      for (int u = std::max(0, static_cast<int>(c.x) - 8); u <= std::min(skin.cols - 1, static_cast<int>(c.x) + 8); ++u) {
        const double r2 = (u - c.x) * (u - c.x) + (v - c.y) * (v - c.y);
        shade(v, u) *= static_cast<float>(1.0 - depth * std::exp(-r2 / (2 * sigma * sigma)));
      }
  cv::Mat3b out = skin.clone();
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) out(y, x) = skin(y, x) * shade(y, x);
  return out;
}

// Blue noise: random points kept when at least `min_gap` px from every earlier one.
std::vector<cv::Point2d> blue_noise(cv::Size size, double min_gap, int tries) {
  cv::RNG rng(7);
  std::vector<cv::Point2d> pts;
  for (int i = 0; i < tries; ++i) {
    const cv::Point2d p(rng.uniform(4.0, size.width - 4.0), rng.uniform(4.0, size.height - 4.0));
    if (std::none_of(pts.begin(), pts.end(), [&](const cv::Point2d& q) { return cv::norm(p - q) < min_gap; })) pts.push_back(p);
  }
  return pts;
}

std::vector<cv::Point2d> lattice(cv::Size size, double pitch) {
  std::vector<cv::Point2d> pts;
  for (double y = pitch; y < size.height - pitch; y += pitch)
    for (double x = pitch; x < size.width - pitch; x += pitch) pts.emplace_back(x, y);
  return pts;
}

TEST(LookFigures, IrregularSoftDotsReadAsSuch) {
  const cv::Mat3b skin(400, 400, cv::Vec3b(130, 160, 200));
  const cv::Mat3b after = dotted(skin, blue_noise(skin.size(), 7, 20000), 1.5, 0.4);
  const render::DotFigures f = render::visible_dot_figures(skin, after, {});
  EXPECT_GT(f.dots, 1000);
  EXPECT_NEAR(f.peak_dark, 0.4, 0.05);
  EXPECT_LT(f.tone_cv, 0.1) << "dots of one tone";
  EXPECT_NEAR(f.softness_px, 1.5, 0.4);
  EXPECT_GE(f.nn_cv, 0.06);
  EXPECT_LE(f.nn_cv, 0.42);
  EXPECT_LT(f.grid, 60);
}

TEST(LookFigures, DotsOfTwoTonesShowTheirSpread) {
  const cv::Mat3b skin(400, 400, cv::Vec3b(130, 160, 200));
  const std::vector<cv::Point2d> all = blue_noise(skin.size(), 7, 20000);
  std::vector<cv::Point2d> light, dark;
  for (std::size_t i = 0; i < all.size(); ++i) (i % 2 ? dark : light).push_back(all[i]);
  const cv::Mat3b after = dotted(dotted(skin, light, 1.5, 0.2), dark, 1.5, 0.5);
  // Peaks of about 0.2 and 0.5, half each: a spread of 0.15 about 0.35.
  EXPECT_NEAR(render::visible_dot_figures(skin, after, {}).tone_cv, 0.43, 0.1);
}

TEST(LookFigures, ALatticeShowsItsGridAndSharpDotsTheirSize) {
  const cv::Mat3b skin(400, 400, cv::Vec3b(130, 160, 200));
  // A pitch off the pixel grid, as a screen aliased by the pixels is.
  const cv::Mat3b screen = dotted(skin, lattice(skin.size(), 8.3), 0.7, 0.9);
  const render::DotFigures f = render::visible_dot_figures(skin, screen, {});
  EXPECT_LT(f.nn_cv, 0.06);
  EXPECT_GT(f.grid, 60);
  EXPECT_GT(f.peak_dark, 0.75);
  EXPECT_LT(f.softness_px, 1.0);
  // The mask limits the search: none of the dots lies in an empty one.
  EXPECT_EQ(render::visible_dot_figures(skin, screen, cv::Mat1b(40, 40, uchar(0))).dots, 0);
}

TEST(LookFigures, BorderCropHoldsBothSides) {
  const cv::Size image(1200, 900);
  cv::Mat1b hair(image, uchar(0)), treated(image, uchar(0));
  hair(cv::Rect(0, 0, 500, 900)).setTo(255);   // remaining hair on the left
  treated(cv::Rect(520, 100, 600, 700)).setTo(255);
  const auto r = render::border_crop(hair, treated, image, cv::Size(400, 300));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->size(), cv::Size(400, 300));
  EXPECT_LT(r->x, 500);
  EXPECT_GT(r->x + r->width, 520);
  EXPECT_GE(r->y, 100);
  EXPECT_LE(r->y + r->height, 800);
  // No hair beside the treated area: no border to show.
  EXPECT_FALSE(render::border_crop(cv::Mat1b(image, uchar(0)), treated, image, cv::Size(400, 300)).has_value());
  // A crop larger than the photo: none.
  EXPECT_FALSE(render::border_crop(hair, treated, image, cv::Size(1300, 300)).has_value());
}

TEST(LookFigures, ChecksAndTheirTally) {
  tools::LookTally tally;
  tools::LookRow good{0.18, 0.20, 500, 0.4, 2.0, 1.5, 0.25, 15};
  EXPECT_EQ(tally.add(good), "ASPBCG");
  // A stubble darker than the band is met at the band's edge, and counted apart as missed.
  tools::LookRow dark_stubble = good;
  dark_stubble.arm_length = 0.22;
  dark_stubble.stubble = 0.40;
  EXPECT_EQ(tally.add(dark_stubble), "ASPBCG");
  tools::LookRow bad{0.05, std::nullopt, 500, 0.8, 1.0, 1.5, 0.5, 90};
  EXPECT_EQ(tally.add(bad), "a.pbcg");
  EXPECT_NE(tally.summary().find("A arm's length 10-25 % 2/3"), std::string::npos) << tally.summary();
  EXPECT_NE(tally.summary().find("S stubble +-5 pt 2/2 (plain contrast 1/2)"), std::string::npos) << tally.summary();
}

}  // namespace
}  // namespace smp
