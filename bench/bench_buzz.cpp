// The viewer's buzz-cut control on a 12 MP photo (the demo photo scaled up): the length
// switched between no guard and #1, each switch drawn from the regions the viewer's buzz lane
// keeps for the photo (sim::BuzzRegionCache), beside the same switch with the regions decided
// again each time (what a length change cost before they were kept). Both start from the
// automatic plan's detection, as the viewer does when it opened the photo with one.

#include "bench_context.hpp"
#include "buzz_step.hpp"
#include "memory_reuse.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz_region_cache.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace smp::bench {

namespace {

// Alternates the plan's length so every iteration draws another buzz.
sim::Plan with_length(const sim::Plan& plan, int i) {
  sim::Plan p = plan;
  p.params.buzz = sim::BuzzParams{i % 2 ? sim::BuzzLength::Guard1 : sim::BuzzLength::NoGuard, 0};
  return p;
}

void length_switch(benchmark::State& state, BenchContext& ctx, bool keep_regions) {
  app::keep_freed_memory_for_reuse(app::kViewerMemoryReuse);
  const cv::Mat3b& photo = ctx.photo(k12MP);
  const sim::CheckedAutoPlan checked =
      sim::make_checked_auto_plan(photo, sim::PhotoRef{"bench-12MP.jpg", "", photo.cols, photo.rows});
  sim::BuzzRegionCache cache;
  (void)cache.regions(photo, with_length(checked.plan, 1), checked.detection.get());  // the photo's first buzz
  int i = 0, reused = 0, drawn = 0;
  for (auto _ : state) {
    sim::Plan plan = with_length(checked.plan, i++);
    std::vector<std::string> warnings;
    app::BuzzStep step;
    if (keep_regions) {
      const sim::BuzzRegions regions = cache.regions(photo, plan, checked.detection.get());
      reused += cache.reused() ? 1 : 0;
      step = app::apply_buzz(photo, plan, true, warnings, regions);
    } else {
      step = app::apply_buzz(photo, plan, true, warnings, checked.detection.get());
    }
    drawn += step.buzzed ? 1 : 0;
    benchmark::DoNotOptimize(step.base.data);
  }
  state.counters["reused"] = static_cast<double>(reused) / i;  // share of switches that kept the regions
  state.counters["drawn"] = static_cast<double>(drawn) / i;    // share that drew a buzz (1: none refused)
}

}  // namespace

void register_buzz(BenchContext& ctx) {
  benchmark::RegisterBenchmark("buzz/length-switch/12MP", [&ctx](benchmark::State& s) { length_switch(s, ctx, true); })
      ->Unit(benchmark::kMillisecond)->UseRealTime();
  benchmark::RegisterBenchmark("buzz/regions-decided-again/12MP",
                               [&ctx](benchmark::State& s) { length_switch(s, ctx, false); })
      ->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace smp::bench
