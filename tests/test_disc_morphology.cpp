// sim::disc_dilate and sim::disc_erode (and disc_close, disc_open): OpenCV's dilation and
// erosion by its own disc, the same pixels, with either border, on masks of every kind of shape
// and at every radius the buzz uses.

#include "smp/sim/mask_ops.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace {

using smp::sim::disc_dilate;
using smp::sim::disc_erode;

// Blobs, thin lines, single pixels and noise, touching the image's edges.
cv::Mat1b shapes(cv::Size size, int seed) {
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  cv::Mat1b m(size, uchar{0});
  for (int i = 0; i < 6; ++i)
    cv::ellipse(m, cv::Point(rng.uniform(-20, size.width + 20), rng.uniform(-20, size.height + 20)),
                cv::Size(rng.uniform(3, size.width / 3), rng.uniform(3, size.height / 3)), rng.uniform(0, 180), 0, 360,
                cv::Scalar(255), cv::FILLED);
  for (int i = 0; i < 4; ++i)
    cv::line(m, cv::Point(rng.uniform(0, size.width), rng.uniform(0, size.height)),
             cv::Point(rng.uniform(0, size.width), rng.uniform(0, size.height)), cv::Scalar(rng.uniform(0, 2) * 255), 1);
  for (int i = 0; i < 60; ++i) m(rng.uniform(0, size.height), rng.uniform(0, size.width)) = rng.uniform(0, 2) ? 255 : 0;
  return m;
}

TEST(DiscMorphology, SamePixelsAsOpenCVWithEitherBorder) {
  int compared = 0;
  for (const cv::Size size : {cv::Size(97, 61), cv::Size(240, 180), cv::Size(13, 200)})
    for (int seed = 1; seed <= 3; ++seed) {
      const cv::Mat1b m = shapes(size, seed);
      for (int r : {1, 3, 8, 15, 16, 17, 20, 28, 34, 57}) {  // OpenCV's own below 16, rows from it
        const cv::Mat se = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1});
        for (const bool replicate : {false, true}) {
          const int border = replicate ? cv::BORDER_REPLICATE : cv::BORDER_CONSTANT;
          cv::Mat1b grown, shrunk;
          cv::dilate(m, grown, se, {-1, -1}, 1, border);
          cv::erode(m, shrunk, se, {-1, -1}, 1, border);
          ASSERT_EQ(cv::norm(disc_dilate(m, r, replicate), grown, cv::NORM_INF), 0)
              << size << " seed " << seed << " r " << r << " replicate " << replicate;
          ASSERT_EQ(cv::norm(disc_erode(m, r, replicate), shrunk, cv::NORM_INF), 0)
              << size << " seed " << seed << " r " << r << " replicate " << replicate;
          ++compared;
        }
      }
    }
  EXPECT_EQ(compared, 3 * 3 * 10 * 2);
}

// The closing and opening the buzz's masks use, against OpenCV's morphologyEx.
TEST(DiscMorphology, CloseAndOpenAsOpenCV) {
  for (int seed = 1; seed <= 3; ++seed) {
    const cv::Mat1b m = shapes({240, 180}, seed);
    for (int r : {3, 20, 34})
      for (const bool replicate : {false, true}) {
        const cv::Mat se = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1});
        const int border = replicate ? cv::BORDER_REPLICATE : cv::BORDER_CONSTANT;
        cv::Mat1b closed, opened;
        cv::morphologyEx(m, closed, cv::MORPH_CLOSE, se, {-1, -1}, 1, border);
        cv::morphologyEx(m, opened, cv::MORPH_OPEN, se, {-1, -1}, 1, border);
        EXPECT_EQ(cv::norm(smp::sim::disc_close(m, r, replicate), closed, cv::NORM_INF), 0) << seed << " " << r;
        EXPECT_EQ(cv::norm(smp::sim::disc_open(m, r, replicate), opened, cv::NORM_INF), 0) << seed << " " << r;
      }
  }
}

TEST(DiscMorphology, EmptyFullAndNonBinaryMasks) {
  const cv::Mat1b empty(40, 50, uchar{0}), full(40, 50, uchar{255});
  EXPECT_EQ(cv::countNonZero(disc_dilate(empty, 20)), 0);
  EXPECT_EQ(cv::countNonZero(disc_erode(full, 20)), 40 * 50);  // nothing unset past the edge
  EXPECT_EQ(cv::countNonZero(disc_dilate(full, 20)), 40 * 50);
  EXPECT_EQ(cv::countNonZero(disc_erode(empty, 20)), 0);
  // Values other than 0 and 255 are OpenCV's: the largest value within the disc.
  cv::Mat1b grey(40, 50, uchar{0});
  grey(20, 25) = 100;
  grey(5, 5) = 255;
  cv::Mat1b reference;
  cv::dilate(grey, reference, cv::getStructuringElement(cv::MORPH_ELLIPSE, {41, 41}));
  EXPECT_EQ(cv::norm(disc_dilate(grey, 20), reference, cv::NORM_INF), 0);
  EXPECT_EQ(disc_dilate(grey, 20)(20, 28), 100);
  EXPECT_TRUE(disc_dilate(cv::Mat1b(), 3).empty());
  // One row, one column, a disc wider than the image.
  for (const cv::Size size : {cv::Size(90, 1), cv::Size(1, 70), cv::Size(9, 6)}) {
    cv::Mat1b thin(size, uchar{0});
    thin(size.height / 2, size.width / 2) = 255;
    thin(0, 0) = 255;
    const cv::Mat se = cv::getStructuringElement(cv::MORPH_ELLIPSE, {41, 41});
    cv::Mat1b grown, shrunk;
    cv::dilate(thin, grown, se);
    cv::erode(thin, shrunk, se, {-1, -1}, 1, cv::BORDER_REPLICATE);
    EXPECT_EQ(cv::norm(disc_dilate(thin, 20), grown, cv::NORM_INF), 0) << size;
    EXPECT_EQ(cv::norm(disc_erode(thin, 20, true), shrunk, cv::NORM_INF), 0) << size;
  }
  // A view into a larger mask: OpenCV reads the pixels around it, and so does disc_dilate.
  cv::Mat1b big(200, 200, uchar{0});
  big(64, 100) = 255;  // 6 px above the view
  const cv::Mat1b view = big(cv::Rect(70, 70, 60, 60));
  cv::Mat1b around;
  cv::dilate(view, around, cv::getStructuringElement(cv::MORPH_ELLIPSE, {41, 41}));
  EXPECT_GT(cv::countNonZero(around), 100);
  EXPECT_EQ(cv::norm(disc_dilate(view, 20), around, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(disc_dilate(grey, 0), grey, cv::NORM_INF), 0);
}

}  // namespace
