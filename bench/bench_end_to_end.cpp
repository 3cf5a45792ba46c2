// smp-render end to end on a 24 MP photo (decode, automatic plan, placement, composite,
// encode; also with the buzz-cut preview), and on a flat 196 MP photo (the size limit's
// order; no head, so forced), with the time of each stage as counters.

#include "bench_context.hpp"
#include "render_job.hpp"

#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>

#include <string>

namespace smp::bench {

namespace {

// The render job's counters for `job`, run once per iteration.
void run_job(benchmark::State& state, const app::RenderJob& job) {
  app::RenderResult r;
  app::RenderStageTimes sum;
  for (auto _ : state) {
    r = app::run_render_job(job);
    sum.decode_ms += r.times.decode_ms, sum.plan_ms += r.times.plan_ms, sum.buzz_ms += r.times.buzz_ms;
    sum.placement_ms += r.times.placement_ms;
    sum.composite_ms += r.times.composite_ms, sum.encode_ms += r.times.encode_ms;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["impressions"] = static_cast<double>(r.impressions);
  state.counters["decode_ms"] = sum.decode_ms / n;
  state.counters["plan_ms"] = sum.plan_ms / n;
  state.counters["buzz_ms"] = sum.buzz_ms / n;
  state.counters["place_ms"] = sum.placement_ms / n;
  state.counters["composite_ms"] = sum.composite_ms / n;
  state.counters["encode_ms"] = sum.encode_ms / n;
}

// `after_ext`: the format of the full-resolution result (".png" or ".jpg"); `buzz`: with the
// buzz-cut preview at no guard (the demo photo's fringe clipped, the SMP drawn on it).
void end_to_end(benchmark::State& state, BenchContext& ctx, const std::string& after_ext, bool buzz = false) {
  const std::filesystem::path out = scratch_dir("end-to-end");
  app::RenderJob job;
  job.photo = ctx.photo_file(k24MP);
  job.after = out / ("after" + after_ext);
  job.mockup = out / "mockup.jpg";
  job.estimate = out / "estimate.json";
  if (buzz) job.buzz = sim::BuzzParams{sim::BuzzLength::NoGuard, 0};
  run_job(state, job);
}

// smp-render --force --after after.jpg --estimate on a flat 14000 x 14000 JPEG.
void uniform_196mp(benchmark::State& state) {
  const std::filesystem::path photo = scratch_dir("photo-uniform-196MP") / "photo.jpg";
  if (!std::filesystem::exists(photo))
    cv::imwrite(photo.string(), cv::Mat3b(14000, 14000, cv::Vec3b(120, 140, 170)), {cv::IMWRITE_JPEG_QUALITY, 92});
  const std::filesystem::path out = scratch_dir("end-to-end-196MP");
  app::RenderJob job;
  job.photo = photo;
  job.force = true;
  job.after = out / "after.jpg";
  job.estimate = out / "estimate.json";
  run_job(state, job);
}

}  // namespace

void register_end_to_end(BenchContext& ctx) {
  benchmark::RegisterBenchmark("end-to-end/24MP/png", [&ctx](benchmark::State& s) { end_to_end(s, ctx, ".png"); })
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
  benchmark::RegisterBenchmark("end-to-end/24MP/jpg", [&ctx](benchmark::State& s) { end_to_end(s, ctx, ".jpg"); })
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
  benchmark::RegisterBenchmark("end-to-end/24MP/buzz-jpg", [&ctx](benchmark::State& s) { end_to_end(s, ctx, ".jpg", true); })
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
  benchmark::RegisterBenchmark("end-to-end/196MP-uniform/jpg", uniform_196mp)
      ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

}  // namespace smp::bench
