// The tiled, multithreaded compositor: same pixels whatever the number of threads, and
// the same density as summing every touch's Gaussian directly (touches across tile edges).

#include "smp/render/compositor.hpp"
#include "smp/sim/density_field.hpp"
#include "smp/sim/needle_cluster.hpp"
#include "smp/sim/placement.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>

#include <array>
#include <cmath>

namespace smp {
namespace {

struct Scene {
  sim::Plan plan;
  std::vector<sim::Impression> impressions;
  cv::Mat3b photo;
};

Scene scene() {
  Scene s;
  s.plan = test::uniform_plan(700, 500, 9.0, 90);
  s.plan.params.sessions = 2;
  s.impressions = sim::place_all_sessions(sim::build_density_field(s.plan), 2, 31);
  s.photo.create(500, 700);
  cv::randu(s.photo, cv::Scalar::all(60), cv::Scalar::all(230));
  return s;
}

// Restores OpenCV's thread count when a test ends.
class ThreadCount {
 public:
  explicit ThreadCount(int n) : saved_(cv::getNumThreads()) { cv::setNumThreads(n); }
  ~ThreadCount() { cv::setNumThreads(saved_); }
  ThreadCount(const ThreadCount&) = delete;
  ThreadCount& operator=(const ThreadCount&) = delete;

 private:
  int saved_;
};

TEST(CompositorTiling, SamePixelsWithOneThreadOrMany) {
  const Scene s = scene();
  ASSERT_GT(s.impressions.size(), 1000u);
  cv::Mat3b one, many;
  cv::Mat1f od_one, od_many;
  {
    ThreadCount t(1);
    one = render::composite(s.photo, s.plan, s.impressions);
    od_one = render::pigment_layer(s.photo.size(), 1.0, s.plan, s.impressions);
  }
  {
    ThreadCount t(8);
    many = render::composite(s.photo, s.plan, s.impressions);
    od_many = render::pigment_layer(s.photo.size(), 1.0, s.plan, s.impressions);
  }
  EXPECT_EQ(cv::norm(one, many, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(od_one, od_many, cv::NORM_INF), 0.0);
  // Rendering into a reused buffer gives the same pixels too.
  cv::Mat3b reused = many.clone();
  render::composite_into(s.photo, s.plan, s.impressions, reused);
  EXPECT_EQ(cv::norm(one, reused, cv::NORM_INF), 0.0);
}

TEST(CompositorTiling, MatchesDirectSumOfGaussians) {
  const Scene s = scene();
  const render::AppearanceParams ap;
  cv::Mat1f direct(s.photo.size(), 0.0f);
  std::array<cv::Point2f, 9> pts;
  for (const sim::Impression& imp : s.impressions) {
    const auto shape = render::touch_shape(s.plan.params.needle, s.plan.params.pigment, s.plan.calibration.px_per_mm,
                                           render::impression_variation(imp.key, ap), ap);
    const std::size_t n = sim::cluster_touches(imp, s.plan.params.needle, s.plan.calibration.px_per_mm, pts);
    for (std::size_t i = 0; i < n; ++i) {
      const double reach = 3.0 * shape.sigma_px;
      for (int y = std::max(0, static_cast<int>(std::floor(pts[i].y - reach)));
           y <= std::min(direct.rows - 1, static_cast<int>(std::ceil(pts[i].y + reach))); ++y)
        for (int x = std::max(0, static_cast<int>(std::floor(pts[i].x - reach)));
             x <= std::min(direct.cols - 1, static_cast<int>(std::ceil(pts[i].x + reach))); ++x) {
          const double dx = x + 0.5 - pts[i].x, dy = y + 0.5 - pts[i].y;
          direct(y, x) += static_cast<float>(shape.peak_od * std::exp(-(dx * dx + dy * dy) / (2.0 * shape.sigma_px * shape.sigma_px)));
        }
    }
  }
  const cv::Mat1f tiled = render::pigment_layer(s.photo.size(), 1.0, s.plan, s.impressions, ap);
  double peak = 0;
  cv::minMaxLoc(direct, nullptr, &peak);
  ASSERT_GT(peak, 0.1);
  EXPECT_LT(cv::norm(direct, tiled, cv::NORM_INF), 1e-4 * peak);
}

}  // namespace
}  // namespace smp
