// smp-render end to end on a 24 MP photo (decode, automatic plan, placement, composite,
// encode), with the time of each stage as counters.

#include "bench_context.hpp"
#include "render_job.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace smp::bench {

namespace {

// `after_ext`: the format of the full-resolution result (".png" or ".jpg").
void end_to_end(benchmark::State& state, BenchContext& ctx, const std::string& after_ext) {
  const std::filesystem::path& photo = ctx.photo_file(k24MP);
  const std::filesystem::path out = scratch_dir("end-to-end");
  app::RenderJob job;
  job.photo = photo;
  job.after = out / ("after" + after_ext);
  job.mockup = out / "mockup.jpg";
  job.estimate = out / "estimate.json";
  app::RenderResult r;
  app::RenderStageTimes sum;
  for (auto _ : state) {
    r = app::run_render_job(job);
    sum.decode_ms += r.times.decode_ms, sum.plan_ms += r.times.plan_ms, sum.placement_ms += r.times.placement_ms;
    sum.composite_ms += r.times.composite_ms, sum.encode_ms += r.times.encode_ms;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["impressions"] = static_cast<double>(r.impressions);
  state.counters["decode_ms"] = sum.decode_ms / n;
  state.counters["plan_ms"] = sum.plan_ms / n;
  state.counters["place_ms"] = sum.placement_ms / n;
  state.counters["composite_ms"] = sum.composite_ms / n;
  state.counters["encode_ms"] = sum.encode_ms / n;
}

}  // namespace

void register_end_to_end(BenchContext& ctx) {
  benchmark::RegisterBenchmark("end-to-end/24MP/png", [&ctx](benchmark::State& s) { end_to_end(s, ctx, ".png"); })
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
  benchmark::RegisterBenchmark("end-to-end/24MP/jpg", [&ctx](benchmark::State& s) { end_to_end(s, ctx, ".jpg"); })
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

}  // namespace smp::bench
