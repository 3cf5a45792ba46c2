// CPU compositing of 100k impressions into 12 and 24 MP photos on all cores; baselines:
// cv::circle + cv::GaussianBlur, and one read-modify-write pass (the memory floor).

#include "bench_context.hpp"
#include "composite_baselines.hpp"
#include "smp/render/compositor.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace smp::bench {

namespace {

struct CompositeCase {
  const char* name;
  cv::Size size;
};

// 100k impressions over the whole photo: the calibration follows the photo size.
const PlacementScenario& scenario_for(BenchContext& ctx, cv::Size size) {
  return ctx.placement(DensityKind::Uniform, 100'000, 1, size);
}

}  // namespace

void register_composite(BenchContext& ctx) {
  for (const CompositeCase c : {CompositeCase{"12MP", k12MP}, CompositeCase{"24MP", k24MP}}) {
    const std::string suffix = std::string(c.name) + "/100k";
    benchmark::RegisterBenchmark(("composite/" + suffix).c_str(), [&ctx, c](benchmark::State& state) {
      const PlacementScenario& s = scenario_for(ctx, c.size);
      const auto& imps = ctx.impressions(s);
      const cv::Mat3b& photo = ctx.photo(c.size);
      for (auto _ : state) benchmark::DoNotOptimize(render::composite(photo, s.plan, imps).data);
      state.counters["impressions"] = static_cast<double>(imps.size());
    })->Unit(benchmark::kMillisecond)->UseRealTime();

    // Steady state (the viewer, repeated exports): the output buffer is reused.
    benchmark::RegisterBenchmark(("composite-reuse/" + suffix).c_str(), [&ctx, c](benchmark::State& state) {
      const PlacementScenario& s = scenario_for(ctx, c.size);
      const auto& imps = ctx.impressions(s);
      const cv::Mat3b& photo = ctx.photo(c.size);
      for (auto _ : state) {
        cv::Mat3b out = render::composite(photo, s.plan, imps);
        benchmark::DoNotOptimize(out.data);
      }
      state.counters["impressions"] = static_cast<double>(imps.size());
    })->Unit(benchmark::kMillisecond)->UseRealTime();

    benchmark::RegisterBenchmark(("circle-blur/" + suffix).c_str(), [&ctx, c](benchmark::State& state) {
      const PlacementScenario& s = scenario_for(ctx, c.size);
      const auto& imps = ctx.impressions(s);
      const cv::Mat3b& photo = ctx.photo(c.size);
      for (auto _ : state) benchmark::DoNotOptimize(circle_blur_composite(photo, s.plan, imps).data);
      state.counters["impressions"] = static_cast<double>(imps.size());
    })->Unit(benchmark::kMillisecond)->UseRealTime();

    benchmark::RegisterBenchmark(("rmw-floor/" + std::string(c.name)).c_str(), [&ctx, c](benchmark::State& state) {
      cv::Mat3b image = ctx.photo(c.size).clone();
      for (auto _ : state) {
        read_modify_write_pass(image);
        benchmark::ClobberMemory();
      }
    })->Unit(benchmark::kMillisecond)->UseRealTime();
  }
}

}  // namespace smp::bench
