// Resolution-aware dots: what the pixel grid shows of the healed work must stay irregular
// (nearest-neighbour distances of the visible dots with a coefficient of variation 0.06-0.42)
// and show no periodic peak in its spectrum, at every scale from 3 to 20 px/mm. The visible
// dots are found as a person would: local maxima of the darkening (render::visible_dot_figures,
// the measure smp-look-table prints). And impressions are not all alike.

#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/dot_figures.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace smp {
namespace {

TEST(DotPattern, HealedWorkIsIrregularWithoutAGridAtEveryScale) {
  // Up to 20 px/mm: at 25 the overlapping halos leave a darkened floor whose noise the maxima
  // search picks up as extra dots (nn_cv about 0.6); not yet met there.
  for (double ppm : {3.0, 4.0, 5.0, 6.0, 8.0, 12.0, 16.0, 20.0}) {
    SCOPED_TRACE(ppm);
    const int side = std::max(340, static_cast<int>(22 * ppm));  // enough dots to measure
    cv::Mat3b photo(side, side, cv::Vec3b(120, 150, 190));
    cv::Mat noise(side, side, CV_16SC3);
    cv::randn(noise, 0, 2);
    cv::Mat3s s16;
    photo.convertTo(s16, CV_16S);
    s16 += noise;
    s16.convertTo(photo, CV_8U);
    sim::Plan plan = test::uniform_plan(side, side, ppm, 80);
    plan.params.sessions = 3;
    plan.params.pigment.session_offsets_pct = {0, -5, -10};
    render::suggest_shades(photo, plan);
    const sim::Simulation sim = sim::simulate(plan);
    const cv::Mat3b after = render::composite(photo, plan, sim.impressions);
    const render::DotFigures st = render::visible_dot_figures(photo, after, cv::Mat1b(), 30);
    ASSERT_GE(st.dots, 50);
    EXPECT_GE(st.nn_cv, 0.06);
    EXPECT_LE(st.nn_cv, 0.42);
    EXPECT_LT(st.grid, 60.0) << "a periodic peak: the dots alias into a screen";
    std::printf("px/mm %5.1f: %5d visible dots, nn_cv %.3f, grid %.1f\n", ppm, st.dots, st.nn_cv, st.grid);
  }
}

TEST(DotPattern, ImpressionsVaryWithATailAndKeepTheirMeans) {
  // Some impressions take little pigment or heal small, a few spread: log-normal factors cut at
  // 3 deviations, whose dot area and load average 1 (the arm's-length tone of a shade), about
  // a median impression a little smaller and lighter (the typical dot a shade is chosen for).
  const render::AppearanceParams p;
  const render::ImpressionVariation median = render::median_impression(p);
  const double ss = p.size_variation, so = p.opacity_variation;
  constexpr int kImpressions = 40000;
  double area = 0, load = 0, size_lo = 1e9, size_hi = 0, load_lo = 1e9, load_hi = 0;
  int faint = 0, heavy = 0, small = 0, below_median = 0;
  for (int i = 0; i < kImpressions; ++i) {
    const render::ImpressionVariation v = render::impression_variation(static_cast<std::uint32_t>(i), p);
    area += v.size * v.size;
    load += v.opacity;
    faint += v.opacity < 0.6f;
    heavy += v.opacity > 2.0f;
    small += v.size < 0.7f;
    below_median += v.opacity < median.opacity;
    size_lo = std::min(size_lo, static_cast<double>(v.size));
    size_hi = std::max(size_hi, static_cast<double>(v.size));
    load_lo = std::min(load_lo, static_cast<double>(v.opacity));
    load_hi = std::max(load_hi, static_cast<double>(v.opacity));
  }
  const auto share = [](double n) { return n / kImpressions; };
  EXPECT_NEAR(share(area), 1.0, 0.01);
  EXPECT_NEAR(share(load), 1.0, 0.01);
  EXPECT_NEAR(share(below_median), 0.5, 0.01);
  EXPECT_NEAR(median.size, std::exp(-ss * ss), 1e-6);
  EXPECT_NEAR(median.opacity, std::exp(-0.5 * so * so), 1e-6);
  // Log-normal shares: load under 0.6 9.9 %, over 2 1.6 %, size under 0.7 12.0 % (a bounded
  // +-35 % / +-25 % spread has none of them).
  EXPECT_NEAR(share(faint), 0.099, 0.01);
  EXPECT_NEAR(share(heavy), 0.016, 0.004);
  EXPECT_NEAR(share(small), 0.120, 0.01);
  EXPECT_GE(size_lo, median.size * std::exp(-3 * ss) * 0.999);
  EXPECT_LE(size_hi, median.size * std::exp(3 * ss) * 1.001);
  EXPECT_GE(load_lo, median.opacity * std::exp(-3 * so) * 0.999);
  EXPECT_LE(load_hi, median.opacity * std::exp(3 * so) * 1.001);
}

TEST(DotPattern, StrandToneIsMatchedOnTheTypicalDot) {
  // The median impression is a little smaller and lighter than one without variation: the
  // reference a dilution is matched to strands or hair on (healed_core_od) is that typical dot.
  const sim::Plan plan = test::uniform_plan(200, 200, 12.0, 80);
  render::AppearanceParams plain;
  plain.size_variation = plain.opacity_variation = 0;
  const double typical = render::healed_core_od(plan, 12.0, {});
  const double without = render::healed_core_od(plan, 12.0, plain);
  std::printf("typical / without variation: %.3f\n", typical / without);
  EXPECT_LT(typical, 0.93 * without);  // load alone: 0.94; the smaller dot takes some more
  EXPECT_GT(typical, 0.80 * without);
}

}  // namespace
}  // namespace smp
