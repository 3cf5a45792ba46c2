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
  // Some impressions take little pigment or heal small, a few spread: log-normal factors cut
  // at 3 deviations, whose dot area and pigment load still average 1 (the arm's-length tone).
  const render::AppearanceParams p;
  const double so = p.opacity_variation;
  constexpr int kImpressions = 40000;
  double area = 0, load = 0, lo = 1e9, hi = 0;
  int faint = 0, small = 0;
  for (int i = 0; i < kImpressions; ++i) {
    const render::ImpressionVariation v = render::impression_variation(static_cast<std::uint32_t>(i), p);
    area += v.size * v.size;
    load += v.opacity;
    faint += v.opacity < 0.6f;
    small += v.size < 0.7f;
    lo = std::min(lo, static_cast<double>(v.opacity));
    hi = std::max(hi, static_cast<double>(v.opacity));
  }
  EXPECT_NEAR(area / kImpressions, 1.0, 0.02);
  EXPECT_NEAR(load / kImpressions, 1.0, 0.02);
  // Log-normal shares below those factors: 9.9 % and 12.0 % (a bounded +-35 % / +-25 % has none).
  EXPECT_NEAR(faint / static_cast<double>(kImpressions), 0.099, 0.01);
  EXPECT_NEAR(small / static_cast<double>(kImpressions), 0.120, 0.01);
  EXPECT_GE(lo, std::exp(-3 * so - 0.5 * so * so) * 0.999);
  EXPECT_LE(hi, std::exp(3 * so - 0.5 * so * so) * 1.001);
  EXPECT_GT(hi, 2.0) << "a few impressions hold twice the pigment";
}

}  // namespace
}  // namespace smp
