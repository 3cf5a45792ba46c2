// CPU compositing of 100k impressions into 12 and 24 MP photos on all cores (a new image with
// the skin reference measured, and the steady state with a reused buffer); baselines:
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
      const double cpu0 = process_cpu_ms();
      for (auto _ : state) benchmark::DoNotOptimize(render::composite(photo, s.plan, imps).data);
      state.counters["cpu_ms"] = (process_cpu_ms() - cpu0) / static_cast<double>(state.iterations());
      state.counters["impressions"] = static_cast<double>(imps.size());
    })->Unit(benchmark::kMillisecond)->UseRealTime();

    // Steady state (the viewer, repeated exports): the skin reference is kept and the output
    // buffer reused, so only the dots are composited.
    benchmark::RegisterBenchmark(("composite-reuse/" + suffix).c_str(), [&ctx, c](benchmark::State& state) {
      const PlacementScenario& s = scenario_for(ctx, c.size);
      const auto& imps = ctx.impressions(s);
      const cv::Mat3b& photo = ctx.photo(c.size);
      const render::PhotoTone tone = render::estimate_plan_tone(photo, s.plan);
      cv::Mat3b out;
      const double cpu0 = process_cpu_ms();
      for (auto _ : state) {
        render::composite_into(photo, s.plan, imps, tone, {}, {}, out);
        benchmark::DoNotOptimize(out.data);
      }
      state.counters["cpu_ms"] = (process_cpu_ms() - cpu0) / static_cast<double>(state.iterations());
      state.counters["impressions"] = static_cast<double>(imps.size());
    })->Unit(benchmark::kMillisecond)->UseRealTime();

    benchmark::RegisterBenchmark(("circle-blur/" + suffix).c_str(), [&ctx, c](benchmark::State& state) {
      const PlacementScenario& s = scenario_for(ctx, c.size);
      const auto& imps = ctx.impressions(s);
      const cv::Mat3b& photo = ctx.photo(c.size);
      const double cpu0 = process_cpu_ms();
      for (auto _ : state) benchmark::DoNotOptimize(circle_blur_composite(photo, s.plan, imps).data);
      state.counters["cpu_ms"] = (process_cpu_ms() - cpu0) / static_cast<double>(state.iterations());
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
