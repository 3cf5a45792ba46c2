// A splat puts its ink on the pixels, whichever way it is normalised: by the sum of its
// kernel over its box (narrow or cut by the image) or by the kernel's integral (wide and
// whole); a tile drawn from cached weights gives the same pixels as one drawn afresh.

#include "../render/src/splat.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <vector>

namespace smp {
namespace {

using render::detail::Splat;

double drawn_ink(const Splat& s, cv::Size size) {
  cv::Mat1f layer(size, 0.0f);
  std::vector<float> scratch;
  render::detail::accumulate(layer, s, scratch);
  return cv::sum(layer)[0];
}

TEST(Splat, PutsItsInkOnThePixelsAtEveryWidthAndPlace) {
  const cv::Size size(64, 48);
  cv::RNG rng(3);
  for (int k = 0; k < 400; ++k) {
    const float sx = static_cast<float>(rng.uniform(0.45, 4.0)), sy = static_cast<float>(rng.uniform(0.45, 4.0));
    const float rho = static_cast<float>(rng.uniform(-0.6, 0.6)) * sx * sy;
    const cv::Matx22f cov(sx * sx, rho, rho, sy * sy);
    // Centres all over the image, borders included (where the image cuts the splat).
    const cv::Point2f centre(static_cast<float>(rng.uniform(0.0, 64.0)), static_cast<float>(rng.uniform(0.0, 48.0)));
    const Splat s = render::detail::make_splat(centre, cov, 10.0f, 0.0f, 0.45f);
    EXPECT_NEAR(drawn_ink(s, size), 10.0, 10.0 * 2e-4) << "sigma " << sx << " x " << sy << " at " << centre;
  }
}

TEST(Splat, CachedWeightsGiveTheSameTilesBitForBit) {
  const cv::Size size(300, 200);
  cv::RNG rng(11);
  std::vector<Splat> splats;
  for (int k = 0; k < 600; ++k) {
    const float sigma = static_cast<float>(rng.uniform(0.45, 3.5));
    const cv::Point2f centre(static_cast<float>(rng.uniform(-4.0, 304.0)), static_cast<float>(rng.uniform(-4.0, 204.0)));
    splats.push_back(render::detail::make_splat(centre, cv::Matx22f(sigma * sigma, 0, 0, sigma * sigma),
                                                static_cast<float>(rng.uniform(0.5, 2.0)), 0.0f, 0.45f));
  }
  render::detail::TileBins bins;
  render::detail::bin_splats(splats, size, 64, bins);
  render::detail::SplatWeights cache;
  ASSERT_TRUE(render::detail::cache_splat_weights(splats, bins, 1u << 24, cache));
  std::vector<float> scratch;
  for (int t = 0; t < bins.cols * bins.rows; ++t) {
    const cv::Rect r = bins.rect(t);
    cv::Mat1f fresh(r.size(), 0.0f), cached(r.size(), 0.0f);
    render::detail::splat_tile(splats, bins, t, fresh, scratch);
    render::detail::splat_tile_cached(splats, bins, cache, t, cached);
    EXPECT_EQ(cv::norm(fresh, cached, cv::NORM_INF), 0.0) << "tile " << t;
  }
}

}  // namespace
}  // namespace smp
