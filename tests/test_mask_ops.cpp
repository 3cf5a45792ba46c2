// Distance maps over masks computed only where they are read: sim::within_reach (the
// automatic plan's treatment area) and the banded hairline distance (the density field); the
// filled convex hull of a mask from its rows' ends.

#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cstdint>
#include <vector>

namespace {

// The reference: a distance transform of the whole mask.
cv::Mat1b reach_by_full_transform(const cv::Mat1b& seed, double reach, int distance_mask, double px_scale) {
  cv::Mat1f d;
  cv::distanceTransform(smp::sim::inverse(seed), d, cv::DIST_L2, distance_mask);
  d *= px_scale;
  cv::Mat1b out;
  cv::compare(d, reach, out, cv::CMP_LE);
  return out;
}

cv::Mat1b blobs(int seed) {
  cv::Mat1b m(300, 400, uchar{0});
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  for (int i = 0; i < 3; ++i)
    cv::ellipse(m, cv::Point(rng.uniform(0, 400), rng.uniform(0, 300)), cv::Size(rng.uniform(5, 80), rng.uniform(5, 60)),
                rng.uniform(0.0, 180.0), 0, 360, cv::Scalar(255), cv::FILLED);
  return m;
}

}  // namespace

TEST(PiecesOfAtLeast, KeepsPiecesOfTheAreaJoinedDiagonally) {
  cv::Mat1b m(20, 20, uchar{0});
  m(cv::Rect(1, 1, 3, 3)).setTo(255);   // 9 px
  m(4, 4) = 255;                        // joined to it at a corner: 10 px
  m(cv::Rect(10, 10, 3, 3)).setTo(255);  // 9 px alone
  const cv::Mat1b out = smp::sim::pieces_of_at_least(m, 10);
  EXPECT_EQ(out(2, 2), 255);
  EXPECT_EQ(out(4, 4), 255);
  EXPECT_EQ(out(11, 11), 0);
  EXPECT_EQ(cv::countNonZero(smp::sim::pieces_of_at_least(m, 9)), 19);
}

TEST(WithinReach, SamePixelsAsADistanceTransformOfTheWholeMask) {
  for (int s = 0; s < 20; ++s) {
    const cv::Mat1b seed = blobs(s);
    for (const int mask : {cv::DIST_MASK_PRECISE, cv::DIST_MASK_5})
      for (const double reach : {0.0, 3.5, 17.0, 60.0})
        for (const double scale : {1.0, 2.7}) {
          const cv::Mat1b expected = reach_by_full_transform(seed, reach, mask, scale);
          const cv::Mat1b got = smp::sim::within_reach(seed, reach, mask, scale);
          EXPECT_EQ(cv::countNonZero(got != expected), 0) << "seed " << s << " mask " << mask << " reach " << reach;
        }
  }
}

TEST(WithinReach, EmptyAndFullSeeds) {
  const cv::Mat1b none(50, 60, uchar{0}), all(50, 60, uchar{255});
  EXPECT_EQ(cv::countNonZero(smp::sim::within_reach(none, 10, cv::DIST_MASK_PRECISE)), 0);
  EXPECT_EQ(cv::countNonZero(smp::sim::within_reach(all, 10, cv::DIST_MASK_PRECISE)), 50 * 60);
}

// The hairline term reads distances only within a band of the line: inside it the banded
// map is the full one, beyond it +-band with the full map's sign.
TEST(BandedSignedDistance, FullMapClampedToTheBand) {
  const cv::Size photo(1200, 900), field(400, 300);
  for (int s = 0; s < 10; ++s) {
    cv::Mat1b in_front(field, uchar{0});
    cv::RNG rng(static_cast<std::uint64_t>(100 + s));
    std::vector<cv::Point> poly{{0, field.height}};
    for (int x = 0; x <= field.width; x += 40) poly.emplace_back(x, rng.uniform(120, 220));
    poly.emplace_back(field.width, field.height);
    cv::fillPoly(in_front, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(255));
    const cv::Mat1f full = smp::sim::signed_distance_to_front(in_front, photo, field);
    for (const double band : {6.0, 45.0, 400.0}) {
      cv::Mat1f expected;
      cv::min(cv::max(full, -band), band, expected);
      const cv::Mat1f banded = smp::sim::signed_distance_to_front(in_front, photo, field, band);
      EXPECT_EQ(cv::norm(banded, expected, cv::NORM_INF), 0.0) << "case " << s << " band " << band;
    }
  }
  // One side only: the band everywhere, with that side's sign.
  const cv::Mat1b all_front(field, uchar{255});
  EXPECT_EQ(cv::norm(smp::sim::signed_distance_to_front(all_front, photo, field, 10.0), cv::Mat1f(field, -10.0f),
                     cv::NORM_INF), 0.0);
}

// The hull from each row's first and last pixel fills the same pixels as the hull of every
// pixel, on masks of discs, boxes, lone pixels and scattered specks of any size.
TEST(ConvexHull, SameAsTheHullOfEveryPixel) {
  cv::RNG rng(1);
  for (int i = 0; i < 500; ++i) {
    cv::Mat1b m(rng.uniform(1, 160), rng.uniform(1, 160), uchar{0});
    for (int k = rng.uniform(0, 6); k > 0; --k) {
      const cv::Point c(rng.uniform(0, m.cols), rng.uniform(0, m.rows));
      switch (rng.uniform(0, 3)) {
        case 0: cv::circle(m, c, rng.uniform(0, 40), cv::Scalar(255), cv::FILLED); break;
        case 1: cv::rectangle(m, c, c + cv::Point(rng.uniform(-30, 30), rng.uniform(-30, 30)), cv::Scalar(255), cv::FILLED); break;
        default: m(c) = 255;
      }
    }
    if (i % 5 == 0)
      for (int k = 0; k < 40; ++k) m(rng.uniform(0, m.rows), rng.uniform(0, m.cols)) = 255;
    cv::Mat1b expected(m.size(), uchar{0});
    std::vector<cv::Point> points, hull;
    cv::findNonZero(m, points);
    if (!points.empty()) {
      cv::convexHull(points, hull);
      cv::fillConvexPoly(expected, hull, cv::Scalar(255));
    }
    EXPECT_EQ(cv::countNonZero(expected != smp::sim::convex_hull(m)), 0) << "case " << i;
  }
}
