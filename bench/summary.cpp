// The closing table: each figure next to its baseline or floor and its target.

#include "bench_context.hpp"
#include "median_reporter.hpp"
#include "memory_peak.hpp"
#include "viewer_frames.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace smp::bench {

namespace {

void row(const char* figure, double value, const char* unit, const std::string& baseline, const char* target, bool met) {
  if (std::isnan(value)) return;  // filtered out of this run
  std::printf("%-44s %12.3g %-6s  %-40s %-16s %s\n", figure, value, unit, baseline.c_str(), target, met ? "met" : "NOT MET");
}

std::string fmt(const char* f, double a, double b = 0) {
  char buf[128];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

}  // namespace

void print_summary(const MedianReporter& r, const MemoryPeak* memory, const ViewerFrames* viewer,
                   const std::string& viewer_why) {
  std::printf("\nSummary (medians):\n%-44s %12s %-6s  %-40s %-16s %s\n", "figure", "measured", "", "baseline / floor",
              "target", "");
  for (const char* kind : {"uniform", "variable"}) {
    for (const char* n : {"10000", "100000", "1000000"}) {
      const std::string s = std::string(kind) + "/" + n;
      const double ips = r.counter("place/" + s, "imp/s"), rho = r.counter("place/" + s, "rho");
      const std::string base = fmt("darts %.3g/s (rho %.2f), ", r.counter("dart-throwing/" + s, "imp/s"),
                                   r.counter("dart-throwing/" + s, "rho")) +
                               fmt("floor %.3g/s", r.counter("random-floor/" + s, "imp/s"));
      const bool strict = std::string(kind) == "variable";
      row(("placement " + s + " imp/s").c_str(), ips, "1/s", base, strict ? ">= 1e6" : "", !strict || ips >= 1e6);
      row(("placement " + s + " rho").c_str(), rho, "", "", ">= 0.75", rho >= 0.75);
    }
    const double scale = r.ms(std::string("place/") + kind + "/1000000") / r.ms(std::string("place/") + kind + "/100000");
    row((std::string("placement ") + kind + " time 1M / 100k").c_str(), scale, "x", "", "<= 11", scale <= 11);
  }
  for (const char* n : {"100000", "1000000"}) {
    const std::string s = std::string("gap-fill/variable/") + n;
    row(("second session " + std::string(n) + " imp/s").c_str(), r.counter(s, "imp/s"), "1/s",
        fmt("rho of both sessions %.2f", r.counter(s, "rho")), "", true);
  }
  for (const char* size : {"12MP", "24MP"}) {
    const double ours = r.ms(std::string("composite/") + size + "/100k");
    const double circle = r.ms(std::string("circle-blur/") + size + "/100k");
    const double floor = r.ms(std::string("rmw-floor/") + size);
    const bool is24 = std::string(size) == "24MP";
    row((std::string("composite 100k into ") + size).c_str(), ours, "ms",
        fmt("circle+blur %.0f ms (%.1fx), ", circle, circle / ours) + fmt("RMW floor %.1f ms", floor),
        is24 ? "<= 50 ms, >= 5x" : ">= 5x", (!is24 || ours <= 50) && circle / ours >= 5);
    const double reuse = r.ms(std::string("composite-reuse/") + size + "/100k");
    row((std::string("  same, output buffer reused ") + size).c_str(), reuse, "ms", fmt("circle+blur %.1fx", circle / reuse),
        is24 ? "<= 50 ms" : "", !is24 || reuse <= 50);
  }
  for (const char* ext : {"png", "jpg"}) {
    const std::string s = std::string("end-to-end/24MP/") + ext;
    row(("end to end 24 MP, after." + std::string(ext)).c_str(), r.ms(s), "ms",
        fmt("decode %.0f plan %.0f ", r.counter(s, "decode_ms"), r.counter(s, "plan_ms")) +
            fmt("place %.0f comp %.0f ", r.counter(s, "place_ms"), r.counter(s, "composite_ms")) +
            fmt("enc %.0f", r.counter(s, "encode_ms")),
        "<= 2000 ms", r.ms(s) <= 2000);
  }
  {
    const std::string s = "end-to-end/24MP/buzz-jpg";
    row("end to end 24 MP buzzed (no guard), after.jpg", r.ms(s), "ms",
        fmt("buzz %.0f place %.0f ", r.counter(s, "buzz_ms"), r.counter(s, "place_ms")) +
            fmt("comp %.0f enc %.0f", r.counter(s, "composite_ms"), r.counter(s, "encode_ms")),
        "<= 2000 ms", r.ms(s) <= 2000);
  }
  {
    const std::string s = "end-to-end/196MP-uniform/jpg";
    row("end to end 196 MP flat, after.jpg", r.ms(s), "ms",
        fmt("decode %.0f plan %.0f ", r.counter(s, "decode_ms"), r.counter(s, "plan_ms")) +
            fmt("place %.0f comp %.0f ", r.counter(s, "place_ms"), r.counter(s, "composite_ms")) +
            fmt("enc %.0f", r.counter(s, "encode_ms")),
        "<= 10000 ms", r.ms(s) <= 10000);
  }
  // Edit to dot layer at 1600 px (the interactive/... rows).
  const double layer_ms = r.ms("interactive/dot-layer-1600/100k");
  struct Edit {
    const char* name;
    const char* figure;
    double goal_ms;
  };
  for (const Edit e : {Edit{"shade-only", "shade-only change 100k", 30}, Edit{"hairline-drag", "hairline drag 100k", 100},
                       Edit{"brush-stroke", "brush stroke 100k", 100}, Edit{"slider", "full regeneration 100k (slider)", 150}}) {
    const std::string s = std::string("interactive/") + e.name + "/100k";
    const double ms = r.ms(s);
    char target[32];
    std::snprintf(target, sizeof target, "<= %.0f ms", e.goal_ms);
    row(e.figure, ms, "ms",
        fmt("simulate %.1f ms, re-placed %.0f imp., ", r.counter(s, "simulate_ms"), r.counter(s, "replaced")) +
            fmt("dot layer alone %.1f ms", layer_ms),
        target, ms <= e.goal_ms);
  }
  {
    // The viewer's buzz-cut length control: no goal of its own in the targets; shown beside
    // the same switch without the kept regions.
    const std::string s = "buzz/length-switch/12MP";
    const double kept = r.ms(s), again = r.ms("buzz/regions-decided-again/12MP");
    row("buzz length switch 12 MP (viewer)", kept, "ms",
        fmt("regions decided again %.0f ms (%.1fx)", again, again / kept), "", true);
  }
  for (const char* size : {"12MP", "24MP"}) {
    const double isolated = r.ms(std::string("decode-isolated/") + size), in_process = r.ms(std::string("decode-in-process/") + size);
    const double first = r.ms(std::string("decode-isolated-first/") + size);
    row((std::string("decode JPEG ") + size + " in smp-decode").c_str(), isolated, "ms",
        fmt("in process %.0f ms (isolation %+.0f%%); ", in_process, 100 * (isolated / in_process - 1)) +
            fmt("a program's first photo %.0f ms", first),
        "<= +25 %", isolated <= 1.25 * in_process);
  }
  if (viewer) {
    const std::string n = fmt("%.0fk impressions, ", viewer->impressions / 1000);
    row("viewer frame p95, pan/zoom, 1600x1000", viewer->still.p95_ms, "ms",
        n + fmt("median %.1f ms, max %.0f ms", viewer->still.median_ms, viewer->still.max_ms), "<= 33 ms",
        viewer->still.p95_ms <= 33);
    row("viewer frame p95, while regenerating", viewer->regenerating.p95_ms, "ms",
        fmt("median %.1f ms, edit to dots %.0f ms", viewer->regenerating.median_ms, viewer->edit_to_dots_ms), "<= 33 ms",
        viewer->regenerating.p95_ms <= 33);
  } else if (!viewer_why.empty()) {
    std::printf("%-44s %12s %-6s  %-40s %-16s %s\n", "viewer frame p95 (smp-studio --bench-frames)", "-", "",
                viewer_why.c_str(), "<= 33 ms", "NOT MEASURED");
  }
  if (memory)
    row("peak memory 48 MP, 1M impressions", memory->peak_mb, "MB",
        fmt("%.0f impressions, %.0f ms", memory->impressions, memory->wall_ms), "<= 1024 MB", memory->peak_mb <= 1024);
}

}  // namespace smp::bench
