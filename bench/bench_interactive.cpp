// Interactive update: a parameter changes in the viewer -> new density field, new dots of
// every session, new estimate (what sim::simulate does) for 100k impressions; and the dot
// layer at display resolution the viewer draws from.

#include "bench_context.hpp"
#include "smp/render/compositor.hpp"
#include "smp/sim/simulate.hpp"

#include <benchmark/benchmark.h>

namespace smp::bench {

void register_interactive(BenchContext& ctx) {
  benchmark::RegisterBenchmark("interactive/simulate/100k", [&ctx](benchmark::State& state) {
    const PlacementScenario& s = ctx.placement(DensityKind::Variable, 100'000, 3);
    sim::Plan plan = s.plan;
    std::size_t n = 0;
    for (auto _ : state) {
      plan.params.density_per_cm2 = plan.params.density_per_cm2 == 80 ? 81 : 80;  // the slider moved
      const sim::Simulation result = sim::simulate(plan);
      n = result.impressions.size();
      benchmark::DoNotOptimize(result.impressions.data());
    }
    state.counters["impressions"] = static_cast<double>(n);
  })->Unit(benchmark::kMillisecond)->UseRealTime();

  benchmark::RegisterBenchmark("interactive/dot-layer-1600/100k", [&ctx](benchmark::State& state) {
    const PlacementScenario& s = ctx.placement(DensityKind::Variable, 100'000, 3);
    const auto& imps = ctx.impressions(s);
    const double scale = 1600.0 / s.plan.photo.width;
    const cv::Size size(1600, static_cast<int>(s.plan.photo.height * scale));
    for (auto _ : state) benchmark::DoNotOptimize(render::pigment_layer(size, scale, s.plan, imps).data);
    state.counters["impressions"] = static_cast<double>(imps.size());
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace smp::bench
