// The hair's soft edge beside the clipped area (render/src/buzz_hair_edge): the pixels a photo's
// blur mixed from the hair and the skin get the skin in the hair's place, so no contour of the
// old hairline is left; everything else stays.

#include "../render/src/buzz_hair_edge.hpp"
#include "buzz_synthetic.hpp"
#include "smp/render/buzz.hpp"
#include "smp/sim/buzz.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace {

using namespace smp;
using render::detail::hair_edge;
using render::detail::HairEdgeParams;
using render::detail::take_out_hair_edge;

// `img` with the hair's edge beside `clipped` taken out, at one size.
cv::Mat3b without_edge(const cv::Mat3b& img, const cv::Mat1b& clipped, const cv::Mat1b& eligible, cv::Vec3b hair,
                       const HairEdgeParams& p) {
  cv::Mat3b out = img.clone();
  take_out_hair_edge(img, out, cv::Rect(cv::Point(0, 0), img.size()), hair_edge(img, clipped, eligible, p), 1.0,
                     cv::Vec3f(hair), p);
  return out;
}

constexpr int kHairRows = 60;  // hair above this row, skin below, before the blur

// Hair over skin with a straight hairline, blurred like a soft phone photo, with a little grain.
cv::Mat3b blurred_hairline(cv::Vec3b hair, cv::Vec3b skin, double blur_sigma) {
  cv::Mat3b img(140, 200, skin);
  img.rowRange(0, kHairRows).setTo(hair);
  cv::GaussianBlur(img, img, cv::Size(), blur_sigma, blur_sigma, cv::BORDER_REPLICATE);
  cv::Mat noise(img.size(), CV_16SC3), wide;
  cv::RNG(3).fill(noise, cv::RNG::NORMAL, 0, 1.5);
  img.convertTo(wide, CV_16SC3);
  wide += noise;
  wide.convertTo(img, CV_8UC3);
  return img;
}

double row_luma(const cv::Mat3b& img, int y) {
  cv::Mat1b grey;
  cv::cvtColor(img.row(y), grey, cv::COLOR_BGR2GRAY);
  return cv::mean(grey)[0];
}

// The hair mask stops where pixels stop reading as hair, a little short of the blurred edge.
cv::Mat1b clipped_rows(cv::Size size, int rows) {
  cv::Mat1b m(size, uchar{0});
  m.rowRange(0, rows).setTo(255);
  return m;
}

void expect_edge_returns_to_skin(cv::Vec3b hair, cv::Vec3b skin) {
  const double sigma = 2.0;
  const cv::Mat3b img = blurred_hairline(hair, skin, sigma);
  const cv::Mat1b clipped = clipped_rows(img.size(), kHairRows - 1);
  const cv::Mat1b eligible(img.size(), uchar{255});
  HairEdgeParams p;
  p.margin_px = 1;
  p.blur_sigma_px = sigma;
  const cv::Mat3b out = without_edge(img, clipped, eligible, hair, p);
  const double skin_luma = row_luma(img, 120);
  // The photo's first rows below the mask are a visible contour (the test has something to do) ...
  EXPECT_GT(std::abs(row_luma(img, kHairRows) - skin_luma), 25.0);
  // ... which is gone: every row beside the clipped hair reads as the skin.
  for (int y = kHairRows - 1; y < kHairRows + 12; ++y)
    EXPECT_NEAR(row_luma(out, y), skin_luma, 4.0) << "row " << y << " photo " << row_luma(img, y);
  // Past the band nothing changes (inside the clipped area, the clip replaces the pixels anyway).
  const int far = kHairRows - 1 + static_cast<int>(std::ceil(p.reach_px()));
  EXPECT_EQ(cv::norm(img.rowRange(far, img.rows), out.rowRange(far, img.rows), cv::NORM_INF), 0.0);
}

TEST(BuzzHairEdge, DarkHairsBlurredEdgeBesideTheClipReturnsToTheSkin) {
  expect_edge_returns_to_skin({30, 38, 52}, {120, 150, 205});
}

// Skin that darkens toward the hair (the head's shading, the hair's own shade): the band takes
// the skin the trend gives at its distance, so the forehead's profile down from the clipped hair
// still rises smoothly. Lifted to the mean of the skin past it, the band stood as a light line
// along the old hairline with a darker one below it.
TEST(BuzzHairEdge, ShadedSkinBesideTheHairKeepsItsSmoothProfile) {
  const cv::Vec3b hair(30, 38, 52);
  const double sigma = 2.0;
  cv::Mat3b img(140, 200, hair);
  for (int y = kHairRows; y < img.rows; ++y) {  // 20 % darker at the hairline, over 40 px
    const double light = 0.8 + 0.2 * std::min(1.0, (y - kHairRows) / 40.0);
    img.row(y).setTo(cv::Vec3b(cv::saturate_cast<uchar>(120 * light), cv::saturate_cast<uchar>(150 * light),
                               cv::saturate_cast<uchar>(205 * light)));
  }
  cv::GaussianBlur(img, img, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  HairEdgeParams p;
  p.margin_px = 1;
  p.blur_sigma_px = sigma;
  const cv::Mat3b out = without_edge(img, clipped_rows(img.size(), kHairRows - 1), cv::Mat1b(img.size(), uchar{255}), hair, p);
  EXPECT_GT(row_luma(img, kHairRows + 20) - row_luma(img, kHairRows), 25.0) << "the edge and the shade to work on";
  const int end = kHairRows + static_cast<int>(std::ceil(p.reach_px())) + 4;
  for (int y = kHairRows - 1; y < end; ++y)
    EXPECT_LE(row_luma(out, y), row_luma(out, y + 1) + 1.0) << "row " << y << " lighter than the row below it";
  // The band reads as the shaded skin continued, not as the hair's edge.
  const double trend_at_edge = 0.299 * 205 * 0.8 + 0.587 * 150 * 0.8 + 0.114 * 120 * 0.8;
  EXPECT_NEAR(row_luma(out, kHairRows), trend_at_edge, 6.0) << "photo " << row_luma(img, kHairRows);
}

// The preview refuses hair lighter than the skin; the unmixing itself works either way.
TEST(BuzzHairEdge, HairLighterThanTheSkinIsTakenOutToo) {
  expect_edge_returns_to_skin({190, 192, 195}, {50, 70, 105});
}

// A mole in the band stays when the plan excludes it, and mostly stays when it lies past what
// the blur carries (only the hair's edge is taken out); an ear beside the hairline stays.
TEST(BuzzHairEdge, MolesEarsAndExcludedMarksBesideTheHairlineStay) {
  const cv::Vec3b hair(30, 38, 52), skin(120, 150, 205);
  const double sigma = 2.0;
  cv::Mat3b img = blurred_hairline(hair, skin, sigma);
  const int last_clipped = kHairRows - 2;
  // A mole 5-6 px past the clipped hair (inside the band, past what the blur carries) and one
  // the plan excludes, right beside it.
  const cv::Rect far_mole(148, last_clipped + 5, 6, 2), excluded_mole(98, kHairRows + 1, 5, 5);
  img(excluded_mole).setTo(cv::Vec3b(60, 70, 90));
  img(far_mole).setTo(cv::Vec3b(60, 70, 90));
  cv::Mat1b eligible(img.size(), uchar{255});
  eligible.colRange(0, 40).setTo(0);  // an ear
  eligible(excluded_mole).setTo(0);
  HairEdgeParams p;
  p.margin_px = 1;
  p.blur_sigma_px = sigma;
  ASSERT_LT(far_mole.br().y - 1 - last_clipped, p.reach_px()) << "the far mole lies in the band";
  const cv::Mat3b out = without_edge(img, clipped_rows(img.size(), last_clipped + 1), eligible, hair, p);
  EXPECT_EQ(cv::norm(img.colRange(0, 40), out.colRange(0, 40), cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(img(excluded_mole), out(excluded_mole), cv::NORM_INF), 0.0);
  // At most what a blurred edge carries that far is taken out: 2 Phi(-4/2) ~ 5 % at 5 px.
  for (int row = 0; row < far_mole.height; ++row)
    EXPECT_LT(std::abs(row_luma(out(far_mole), row) - row_luma(img(far_mole), row)), 8.0) << "mole row " << row;
  EXPECT_GT(cv::norm(img.colRange(40, 200), out.colRange(40, 200), cv::NORM_INF), 30.0) << "the edge itself is taken out";
}

TEST(BuzzHairEdge, HairAsLightAsTheSkinIsLeftAlone) {
  const cv::Vec3b hair(120, 146, 200), skin(120, 150, 205);
  const cv::Mat3b img = blurred_hairline(hair, skin, 2.0);
  const cv::Mat3b out = without_edge(img, clipped_rows(img.size(), kHairRows - 1), cv::Mat1b(img.size(), uchar{255}), hair,
                                     HairEdgeParams{});
  EXPECT_EQ(cv::norm(img, out, cv::NORM_INF), 0.0);
}

// The band's maps made at a quarter of the photo's size, sampled at the photo's: the same
// result within a few levels, and nothing moves on an ear beside the hairline.
TEST(BuzzHairEdge, AWorkSizeEdgeServesThePhoto) {
  const cv::Vec3b hair(30, 38, 52), skin(120, 150, 205);
  const double sigma = 4.0, scale = 0.25;
  cv::Mat3b img = blurred_hairline(hair, skin, sigma);
  cv::resize(img, img, {}, 4, 4, cv::INTER_LINEAR);  // 800 x 560: the hairline at row 240
  const int hairline = 4 * kHairRows;
  cv::Mat1b eligible(img.size(), uchar{255});
  eligible.colRange(0, 160).setTo(0);  // an ear
  cv::Mat3b small;
  cv::resize(img, small, {}, scale, scale, cv::INTER_AREA);
  cv::Mat1b small_clipped = clipped_rows(small.size(), kHairRows - 1), small_eligible;
  cv::resize(eligible, small_eligible, small.size(), 0, 0, cv::INTER_NEAREST);
  HairEdgeParams p;
  p.margin_px = 1;
  p.blur_sigma_px = 4 * sigma * scale;
  const render::detail::HairEdge edge = hair_edge(small, small_clipped, small_eligible, p);
  cv::Mat3b out = img.clone();
  take_out_hair_edge(img, out, cv::Rect(cv::Point(0, 0), img.size()), edge, scale, cv::Vec3f(hair), p);
  const double skin_luma = row_luma(img.colRange(160, 800), 500);
  for (int y = hairline; y < hairline + 30; y += 3)
    EXPECT_NEAR(row_luma(out.colRange(160, 800), y), skin_luma, 3.0) << "row " << y;
  EXPECT_EQ(cv::norm(img.colRange(0, 160), out.colRange(0, 160), cv::NORM_INF), 0.0);
}

// A soft photo of the synthetic head whose hair mask stops where the blurred edge stops reading
// as hair, a few pixels short of it: after the buzz, the forehead just below the clipped hair
// is no darker than the forehead further down (no contour of the old hairline).
TEST(BuzzHairEdge, NoDarkContourWhereTheClippedHairMetTheForehead) {
  cv::Mat3b img = test::synthetic_head(true);
  cv::GaussianBlur(img, img, cv::Size(), 1.8, 1.8);
  const sim::Plan plan = test::plan_with(img, sim::BuzzLength::NoGuard);
  sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_FALSE(regions.empty()) << regions.refusal;
  const int short_px = std::max(1, static_cast<int>(std::lround(4 * regions.work_per_photo)));
  cv::erode(regions.clip, regions.clip, cv::getStructuringElement(cv::MORPH_RECT, {1, 2 * short_px + 1}));
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  cv::Mat1b clip;
  cv::resize(regions.clip, clip, img.size(), 0, 0, cv::INTER_NEAREST);
  cv::Mat1b grey_out, grey_in;
  cv::cvtColor(buzz.image, grey_out, cv::COLOR_BGR2GRAY);
  cv::cvtColor(img, grey_in, cv::COLOR_BGR2GRAY);
  // Down each column of the forehead: the first rows below the clipped area, and rows 12-20 px below.
  double ring_in = 0, ring_out = 0, far_out = 0;
  int n = 0, m = 0;
  for (int x = 260; x < 380; ++x) {
    int edge = -1;
    for (int y = 150; y < 260; ++y)
      if (clip(y, x) && !clip(y + 1, x)) edge = y;
    if (edge < 0) continue;
    for (int y = edge + 1; y <= edge + 3; ++y, ++n) {
      ring_in += grey_in(y, x);
      ring_out += grey_out(y, x);
    }
    for (int y = edge + 12; y <= edge + 20; ++y, ++m) far_out += grey_out(y, x);
  }
  ASSERT_GT(n, 100);
  ring_in /= n, ring_out /= n, far_out /= m;
  EXPECT_LT(ring_in, far_out - 10) << "the soft photo has a contour to remove";
  EXPECT_NEAR(ring_out, far_out, 4.0) << "photo " << ring_in << " buzz " << ring_out << " forehead " << far_out;
}

}  // namespace
