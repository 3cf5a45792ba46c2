// Placement throughput (one thread) at 10k, 100k and 1M impressions, uniform and variable
// density, plus a second-session gap fill; baselines: plain dart throwing, random floor.

#include "bench_context.hpp"
#include "placement_baselines.hpp"
#include "point_metrics.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace smp::bench {

namespace {

const char* kind_name(DensityKind k) { return k == DensityKind::Uniform ? "uniform" : "variable"; }

void set_quality(benchmark::State& state, const PlacementScenario& s, std::span<const sim::Impression> imps,
                 DensityKind kind) {
  const double target = expected_impressions(s.field);
  state.counters["impressions"] = static_cast<double>(imps.size());
  state.counters["imp/s"] = benchmark::Counter(static_cast<double>(imps.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["fill"] = static_cast<double>(imps.size()) / target;  // achieved / target count
  state.counters["rho"] = kind == DensityKind::Uniform ? rho_uniform(imps, s.field.photo_size.area())
                                                       : rho_variable(imps, s.field, sim::PlacementParams{}.floor_fraction);
}

}  // namespace

void register_placement(BenchContext& ctx) {
  for (DensityKind kind : {DensityKind::Uniform, DensityKind::Variable}) {
    for (std::size_t n : {10'000u, 100'000u, 1'000'000u}) {
      const std::string suffix = std::string(kind_name(kind)) + "/" + std::to_string(n);
      benchmark::RegisterBenchmark(("place/" + suffix).c_str(), [&ctx, kind, n](benchmark::State& state) {
        const PlacementScenario& s = ctx.placement(kind, n);
        std::vector<sim::Impression> imps;
        const double cpu0 = process_cpu_ms();
        for (auto _ : state) {
          imps = sim::place_session(s.field, 1.0, 1, s.plan.params.seed, {});
          benchmark::DoNotOptimize(imps.data());
        }
        state.counters["cpu_ms"] = (process_cpu_ms() - cpu0) / static_cast<double>(state.iterations());
        set_quality(state, s, imps, kind);
      })->Unit(benchmark::kMillisecond)->UseRealTime();

      benchmark::RegisterBenchmark(("dart-throwing/" + suffix).c_str(), [&ctx, kind, n](benchmark::State& state) {
        const PlacementScenario& s = ctx.placement(kind, n);
        std::vector<sim::Impression> imps;
        // Ten darts per wanted impression: plain dart throwing stalls long before it fills.
        for (auto _ : state) {
          imps = dart_throwing(s.field, 10 * n, s.plan.params.seed);
          benchmark::DoNotOptimize(imps.data());
        }
        set_quality(state, s, imps, kind);
      })->Unit(benchmark::kMillisecond)->UseRealTime();

      benchmark::RegisterBenchmark(("random-floor/" + suffix).c_str(), [&ctx, kind, n](benchmark::State& state) {
        const PlacementScenario& s = ctx.placement(kind, n);
        for (auto _ : state) benchmark::DoNotOptimize(random_candidates(s.field, n, s.plan.params.seed));
        state.counters["imp/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
      })->Unit(benchmark::kMillisecond)->UseRealTime();
    }
  }
  // Second session filling the gaps of the first (variable density, 2 sessions in total).
  for (std::size_t n : {100'000u, 1'000'000u}) {
    benchmark::RegisterBenchmark(("gap-fill/variable/" + std::to_string(n)).c_str(), [&ctx, n](benchmark::State& state) {
      const PlacementScenario& s = ctx.placement(DensityKind::Variable, n, 2);
      const auto fractions = sim::session_cumulative_fractions(2);
      const auto first = sim::place_session(s.field, fractions[0], 1, s.plan.params.seed, {});
      std::vector<sim::Impression> second;
      for (auto _ : state) {
        second = sim::place_session(s.field, fractions[1], 2, s.plan.params.seed, first);
        benchmark::DoNotOptimize(second.data());
      }
      std::vector<sim::Impression> all = first;
      all.insert(all.end(), second.begin(), second.end());
      state.counters["impressions"] = static_cast<double>(second.size());
      state.counters["imp/s"] = benchmark::Counter(static_cast<double>(second.size()), benchmark::Counter::kIsIterationInvariantRate);
      state.counters["rho"] = rho_variable(all, s.field, sim::PlacementParams{}.floor_fraction);
    })->Unit(benchmark::kMillisecond)->UseRealTime();
  }
}

}  // namespace smp::bench
