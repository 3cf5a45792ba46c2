// Interactive paths of the viewer, 100k impressions in 3 sessions: an edit -> the simulation
// (through the same SimulationCache the regeneration worker uses) -> the dot layer at display
// resolution. Each edit alternates between two values so every iteration is a real change.
//   slider        density changes: density field and placement of every session
//   hairline drag a hairline control point moves by 1 mm: the changed region is re-placed
//   brush stroke  a 10 mm dab erased from (then painted back into) the treatment mask: the
//                 changed region is re-placed
//   shade-only    the shade changes: placement reused, estimate redone, the dot layer's
//                 splats re-inked (their geometry and tile bins kept by the LayerWorkspace)
// The dot layer reuses one LayerWorkspace across edits, as the viewer's regeneration worker
// does (the dot-layer row alone builds it whole every time), and the rows run with the
// viewer's allocator setting (app::keep_freed_memory_for_reuse; set when the first of them
// starts and kept for the rows after them, the decode rows, whose buffers are larger than
// what it keeps).

#include "bench_context.hpp"
#include "memory_reuse.hpp"
#include "smp/render/compositor.hpp"
#include "smp/sim/simulation_cache.hpp"

#include <benchmark/benchmark.h>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace smp::bench {

namespace {

constexpr int kDisplayWidth = 1600;  // the viewer's canvas at 100 %

// Registers "interactive/<name>/100k": edit(plan, iteration), then simulate + dot layer.
void register_edit(BenchContext& ctx, const std::string& name, std::function<void(sim::Plan&, int)> edit) {
  benchmark::RegisterBenchmark(("interactive/" + name + "/100k").c_str(), [&ctx, edit](benchmark::State& state) {
    app::keep_freed_memory_for_reuse(app::kViewerMemoryReuse);
    const PlacementScenario& s = ctx.placement(DensityKind::Variable, 100'000, 3);
    sim::Plan plan = s.plan;
    plan.masks.treatment = s.plan.masks.treatment.clone();  // the brush paints this copy
    const double scale = static_cast<double>(kDisplayWidth) / plan.photo.width;
    const cv::Size size(kDisplayWidth, static_cast<int>(plan.photo.height * scale));
    sim::SimulationCache cache;
    cache.simulate(plan);  // the state before the first edit
    render::LayerWorkspace layer_memory;  // kept across edits, as the regeneration worker keeps it
    std::size_t n = 0, replaced = 0, incremental = 0, i = 0;
    double simulate_ms = 0;
    const double cpu0 = process_cpu_ms();
    for (auto _ : state) {
      edit(plan, static_cast<int>(i++));
      const auto t = std::chrono::steady_clock::now();
      const auto sim = cache.simulate(plan);
      simulate_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
      replaced += cache.replaced();
      incremental += cache.incremental() ? 1 : 0;
      benchmark::DoNotOptimize(render::pigment_layers(size, scale, plan, sim->impressions, {}, {}, {}, &layer_memory).od.data);
      n = sim->impressions.size();
    }
    const double edits = static_cast<double>(i);
    state.counters["cpu_ms"] = (process_cpu_ms() - cpu0) / edits;
    state.counters["impressions"] = static_cast<double>(n);
    state.counters["replaced"] = static_cast<double>(replaced) / edits;        // impressions placed per edit
    state.counters["incremental"] = static_cast<double>(incremental) / edits;  // share of edits placing a region only
    state.counters["simulate_ms"] = simulate_ms / edits;
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

void register_interactive(BenchContext& ctx) {
  register_edit(ctx, "slider", [](sim::Plan& p, int i) { p.params.density_per_cm2 = i % 2 ? 80 : 81; });
  register_edit(ctx, "hairline-drag", [](sim::Plan& p, int i) {
    p.hairline.control_points[1].y += (i % 2 ? -1.0 : 1.0) * p.calibration.px_per_mm;
  });
  register_edit(ctx, "brush-stroke", [](sim::Plan& p, int i) {
    const double to_mask = static_cast<double>(p.masks.treatment.cols) / p.photo.width;
    // On the side edge of the scalp, behind the hairline (in front of it the density is zero).
    const cv::Point c(p.masks.treatment.cols / 20, p.masks.treatment.rows / 2);
    cv::circle(p.masks.treatment, c, static_cast<int>(5 * p.calibration.px_per_mm * to_mask), i % 2 ? 255 : 0, cv::FILLED);
  });
  register_edit(ctx, "shade-only", [](sim::Plan& p, int i) { p.params.pigment.dilution_pct = i % 2 ? 30 : 31; });

  benchmark::RegisterBenchmark("interactive/dot-layer-1600/100k", [&ctx](benchmark::State& state) {
    app::keep_freed_memory_for_reuse(app::kViewerMemoryReuse);
    const PlacementScenario& s = ctx.placement(DensityKind::Variable, 100'000, 3);
    const auto& imps = ctx.impressions(s);
    // Every iteration a new set of impressions (all of them nudged), so the workspace can keep
    // neither the splats nor the tiles: the layer is built whole, as after a placement.
    std::vector<sim::Impression> nudged(imps.begin(), imps.end());
    for (sim::Impression& imp : nudged) imp.pos.x += 0.01f;
    const double scale = static_cast<double>(kDisplayWidth) / s.plan.photo.width;
    const cv::Size size(kDisplayWidth, static_cast<int>(s.plan.photo.height * scale));
    render::LayerWorkspace layer_memory;
    std::size_t i = 0;
    for (auto _ : state) {
      const std::vector<sim::Impression>& these = i++ % 2 ? nudged : imps;
      benchmark::DoNotOptimize(render::pigment_layers(size, scale, s.plan, these, {}, {}, {}, &layer_memory).od.data);
    }
    state.counters["impressions"] = static_cast<double>(imps.size());
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace smp::bench
