// The buzz drawn in bands of rows on all cores, from the photo at the work size its regions
// were decided on: the same pixels whatever the thread count, and whether the regions carry
// that image or the photo is reduced again.

#include "smp/render/buzz.hpp"
#include "smp/sim/buzz.hpp"
#include "buzz_synthetic.hpp"

#include <gtest/gtest.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

namespace {

using namespace smp;

TEST(BuzzBands, SamePixelsFromTheRegionsWorkImageOrThePhotoWithAnyThreadCount) {
  // Larger than the work size (1024 px), so the work image is a reduction and the maps are
  // brought up to the photo's size band by band.
  cv::Mat3b img;
  cv::resize(test::synthetic_head(true), img, {2560, 1920}, 0, 0, cv::INTER_CUBIC);
  const sim::Plan plan = test::plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_FALSE(regions.empty()) << regions.refusal;
  ASSERT_LT(regions.work.width, img.cols);
  ASSERT_EQ(regions.work_image.size(), regions.work);
  const int threads = cv::getNumThreads();
  cv::setNumThreads(4);
  const render::BuzzImage drawn = render::render_buzz(img, plan, regions);
  sim::BuzzRegions without_image = regions;
  without_image.work_image.release();
  const cv::Mat3b reduced_again = render::render_buzz(img, plan, without_image).image;
  cv::setNumThreads(1);
  const render::BuzzImage one_thread = render::render_buzz(img, plan, regions);
  cv::setNumThreads(threads);
  EXPECT_GT(drawn.hairs, 1000u);
  EXPECT_GT(cv::norm(drawn.image, img, cv::NORM_INF), 20.0) << "the buzz must change the photo";
  EXPECT_EQ(cv::norm(drawn.image, reduced_again, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(drawn.image, one_thread.image, cv::NORM_INF), 0.0);
  EXPECT_EQ(drawn.stubble_darkening, one_thread.stubble_darkening);
}

}  // namespace
