// Mask operations of the automatic plan (smp/sim/mask_ops.hpp).

#include "smp/sim/mask_ops.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

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
