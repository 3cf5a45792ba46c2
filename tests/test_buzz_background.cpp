// The background behind the removed hair (render/src/buzz_background): a wall darker toward
// its corners continues its own gradient into the hole, not the colour of the hole's nearest
// edge; strands and objects in the band around the hole do not pull it. Also the buzz step's
// photo-sized images made in bands of rows (work_maps.hpp).

#include "../render/src/buzz_background.hpp"
#include "../render/src/work_maps.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace {

using smp::render::detail::fill_background;
using smp::render::detail::pull_push;

constexpr int kW = 320, kH = 240;

// A wall lit from the centre of the photo: 60 levels darker in the corners than in the middle.
cv::Vec3f wall(int x, int y) {
  const double u = (x - 0.5 * kW) / (0.5 * kW), v = (y - 0.5 * kH) / (0.5 * kW);
  const float l = static_cast<float>(200 - 60 * (u * u + v * v));
  return {0.9f * l, 0.95f * l, l};
}

struct Scene {
  cv::Mat3f image = cv::Mat3f(kH, kW);
  cv::Mat1b hole = cv::Mat1b(kH, kW, uchar{0});  // a head with its hair reaching the top edge
  cv::Mat1b band = cv::Mat1b(kH, kW, uchar{0});  // the background around it
  cv::Mat1f known;
};

Scene scene(bool strands) {
  Scene s;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) s.image(y, x) = wall(x, y);
  cv::ellipse(s.hole, cv::Point(kW / 2, kH), cv::Size(90, 230), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::Mat1b grown;
  cv::dilate(s.hole, grown, cv::getStructuringElement(cv::MORPH_ELLIPSE, {81, 81}));
  s.band = grown & ~s.hole;
  if (strands) {  // dark strands and a dark object in the band, beside the hole
    for (int i = 0; i < 40; ++i) {
      const double a = CV_PI * (0.15 + 0.7 * i / 39.0);
      const cv::Point p0(kW / 2 + static_cast<int>(95 * std::cos(a)), kH - static_cast<int>(235 * std::sin(a)));
      const cv::Point p1(kW / 2 + static_cast<int>(110 * std::cos(a)), kH - static_cast<int>(250 * std::sin(a)));
      cv::line(s.image, p0, p1, cv::Scalar(40, 40, 45), 1);
    }
    cv::rectangle(s.image, cv::Rect(kW - 60, kH - 50, 40, 40), cv::Scalar(30, 60, 90), cv::FILLED);
  }
  s.image.setTo(cv::Scalar(30, 40, 60), s.hole);  // what the hole held (hair): never read
  s.hole.convertTo(s.known, CV_32F, -1.0 / 255, 1.0);
  return s;
}

// Largest luma error against the true wall over the hole's pixels within 30 px of its edge
// (the removed hair's band; the rest of the hole is the new head).
double worst_error(const cv::Mat3f& filled, const Scene& s) {
  cv::Mat1b inner;
  cv::erode(s.hole, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {61, 61}));
  double worst = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x)
      if (s.hole(y, x) && !inner(y, x)) {
        const cv::Vec3f d = filled(y, x) - wall(x, y);
        worst = std::max(worst, std::abs(0.114 * d[0] + 0.587 * d[1] + 0.299 * d[2]));
      }
  return worst;
}

}  // namespace

TEST(BuzzBackground, AWallsGradientContinuesIntoTheHole) {
  const Scene s = scene(false);
  const double trend = worst_error(fill_background(s.image, s.known, s.band), s);
  const double spread = worst_error(pull_push(s.image, s.known), s);
  EXPECT_LT(trend, 3.0);
  EXPECT_GT(spread, 8.0) << "the scene no longer tells a trend from spreading the nearest pixels";
}

TEST(BuzzBackground, StrandsAndObjectsBesideTheHoleAreNotCarriedIn) {
  const Scene s = scene(true);
  EXPECT_LT(worst_error(fill_background(s.image, s.known, s.band), s), 6.0);
}

// The wall as photographed stays; the strands and objects in the band beside the hole get the
// wall's estimate, so the photo's departure from it there is the haze the fill meets.
TEST(BuzzBackground, TheWallStaysAndStrandsBesideTheHoleGetItsEstimate) {
  const Scene clean = scene(false), s = scene(true);
  const cv::Mat3f filled = fill_background(s.image, s.known, s.band);
  cv::Mat1b strands;  // what the strands and the object changed, grown by 2 px
  cv::Mat diff;
  cv::absdiff(s.image, clean.image, diff);
  cv::transform(diff, diff, cv::Matx13f(1, 1, 1));
  cv::compare(diff, 1.0, strands, cv::CMP_GT);
  strands.setTo(0, s.hole);
  cv::Mat1b near_strands;
  cv::dilate(strands, near_strands, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  double kept = 0, estimate = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      if (s.hole(y, x)) continue;
      if (!near_strands(y, x)) kept = std::max(kept, cv::norm(filled(y, x) - s.image(y, x), cv::NORM_INF));
      if (strands(y, x) && s.band(y, x))
        estimate = std::max(estimate, cv::norm(filled(y, x) - wall(x, y), cv::NORM_INF));
    }
  EXPECT_LT(kept, 0.5);
  EXPECT_LT(estimate, 8.0);
}

TEST(BuzzBackground, WithoutABandItSpreadsTheNearestPixels) {
  Scene s = scene(false);
  s.band.setTo(0);
  const cv::Mat3f a = fill_background(s.image, s.known, s.band), b = pull_push(s.image, s.known);
  EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
}

// A wall no quadratic describes: a lamp lights a patch of it beside the hole. Next to the hole
// the fill continues the patch (the band's own departures from the trend), not the trend alone.
TEST(BuzzBackground, TheBandsOwnDeparturesContinueIntoTheHole) {
  Scene s = scene(false);
  const auto lit = [](int x, int y) {
    const cv::Vec3f w = wall(x, y);
    const float patch = y >= 40 && y < 140 && x < 110 ? 20.0f : 0.0f;  // beside the hole's left side
    return cv::Vec3f(w[0] + patch, w[1] + patch, w[2] + patch);
  };
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x)
      if (!s.hole(y, x)) s.image(y, x) = lit(x, y);
  const cv::Mat3f filled = fill_background(s.image, s.known, s.band);
  double sum = 0;
  int n = 0;
  for (int y = 60; y < 120; ++y)  // the hole's first 3 px beside the middle of the patch, left side
    for (int x = 0; x < kW / 2; ++x)
      if (s.hole(y, x) && !s.hole(y, x - 3)) {
        sum += filled(y, x)[2] - wall(x, y)[2];
        ++n;
      }
  ASSERT_GT(n, 0);
  EXPECT_GT(sum / n, 15.0) << "of the patch's 20 levels (the trend alone gives about 12)";
}

// A band on one side of a steep wall: the quadratic would run far past anything the band shows
// across the hole; the fill stays near the band's range.
TEST(BuzzBackground, TheTrendStaysNearTheBandsRange) {
  cv::Mat3f image(kH, kW);
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      const float l = static_cast<float>(60 + 140 * (x / 100.0) * (x / 100.0));  // 60-200 over the band
      image(y, x) = cv::Vec3f(l, l, l);
    }
  cv::Mat1b hole(kH, kW, uchar{0}), band(kH, kW, uchar{0});
  hole.colRange(100, kW).setTo(255);
  band.colRange(0, 100).setTo(255);
  cv::Mat1f known;
  hole.convertTo(known, CV_32F, -1.0 / 255, 1.0);
  const cv::Mat3f filled = fill_background(image, known, band);
  double top = 0;
  for (int y = 0; y < kH; ++y)
    for (int x = 100; x < kW; ++x) top = std::max(top, static_cast<double>(filled(y, x)[0]));
  EXPECT_LT(top, 200 + 0.25 * 140 + 2);  // the quadratic itself reaches 1500 at the far edge
}

// A band along one row determines no slope across it: the fill invents none.
TEST(BuzzBackground, ABandAlongOneLineGivesNoSlopeAcrossIt) {
  Scene s = scene(false);
  s.band.setTo(0);
  s.band.row(2).colRange(40, 280).setTo(255);
  double lo = 1e9, hi = -1e9;
  for (int x = 40; x < 280; ++x) {
    const cv::Vec3f c = s.image(2, x);
    const double l = 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2];
    lo = std::min(lo, l), hi = std::max(hi, l);
  }
  const cv::Mat3f filled = fill_background(s.image, s.known, s.band);
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x)
      if (s.hole(y, x)) {
        const cv::Vec3f c = filled(y, x);
        const double l = 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2];
        ASSERT_GE(l, lo - 1) << x << "," << y;
        ASSERT_LE(l, hi + 1) << x << "," << y;
      }
}

// Filled and copied band by band on all threads: the same pixels as a plain fill or copy, for
// images of one row, many bands, a view into a larger image, and none at all.
TEST(BandedImages, SameAsAPlainFillAndCopy) {
  using smp::render::detail::copied_in_bands;
  using smp::render::detail::filled_in_bands;
  cv::Mat3b big(1000, 700);
  cv::randu(big, cv::Scalar::all(0), cv::Scalar::all(256));
  for (const cv::Rect r : {cv::Rect(0, 0, 700, 1000), cv::Rect(13, 7, 301, 555), cv::Rect(5, 5, 9, 1), cv::Rect(0, 0, 0, 0),
                           cv::Rect(3, 3, 0, 40)}) {
    const cv::Mat3b src = big(r);
    const cv::Mat3b copy = copied_in_bands(src);
    const cv::Mat1f zeros = filled_in_bands(r.size(), 0.0f);
    const cv::Mat1b marks = filled_in_bands(r.size(), uchar{7});
    ASSERT_EQ(copy.total(), src.total()) << r;
    ASSERT_EQ(zeros.total(), static_cast<std::size_t>(r.area())) << r;
    ASSERT_EQ(marks.total(), static_cast<std::size_t>(r.area())) << r;
    if (r.area() == 0) continue;
    EXPECT_EQ(cv::norm(copy, src, cv::NORM_INF), 0.0) << r;
    EXPECT_EQ(cv::countNonZero(zeros), 0) << r;
    EXPECT_EQ(cv::countNonZero(marks == 7), r.area()) << r;
  }
}
