// smp-bench: the performance figures of SMP Studio next to their baselines and targets.
//
//   smp-bench                      every benchmark, 5 repetitions, medians, summary table
//   smp-bench --benchmark_filter=place/   a subset (any Google Benchmark flag works)
//   smp-bench --skip-memory        without the 48 MP peak-memory child run
//   smp-bench --skip-viewer        without the viewer's frame times (they need a display:
//                                  xvfb-run -a -s "-screen 0 1920x1080x24" smp-bench)
//   smp-bench --viewer --benchmark_filter=interactive/   the viewer's frame times with a subset
//   smp-bench --memory-child DIR   (internal) the child process of the memory measurement
//
// The machine is shared and noisy: read the medians, and compare instruction counts
// (valgrind --tool=callgrind) where wall times are too close to call.

#include "bench_context.hpp"
#include "median_reporter.hpp"
#include "memory_peak.hpp"
#include "memory_reuse.hpp"
#include "viewer_frames.hpp"
#include "smp/render/image_memory.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  // As smp-render runs its one job (the memory child too); the interactive rows switch to the
  // viewer's setting.
  smp::app::keep_freed_memory_for_reuse(smp::app::kOneJobMemoryReuse);
  smp::render::use_image_memory();  // as both programs
  if (argc == 3 && std::strcmp(argv[1], "--memory-child") == 0) return smp::bench::memory_child(argv[2]);

  std::vector<char*> args;
  bool skip_memory = false, skip_viewer = false, force_viewer = false, has_repetitions = false, filtered = false;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--skip-memory") == 0) {
      skip_memory = true;
      continue;
    }
    if (std::strcmp(argv[i], "--skip-viewer") == 0) {
      skip_viewer = true;
      continue;
    }
    if (std::strcmp(argv[i], "--viewer") == 0) {
      force_viewer = true;
      continue;
    }
    has_repetitions |= std::strncmp(argv[i], "--benchmark_repetitions", 23) == 0;
    filtered |= std::strncmp(argv[i], "--benchmark_filter", 18) == 0;
    args.push_back(argv[i]);
  }
  std::string repetitions = "--benchmark_repetitions=5", aggregates = "--benchmark_report_aggregates_only=true";
  if (!has_repetitions) args.push_back(repetitions.data());
  args.push_back(aggregates.data());
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 2;

  smp::bench::BenchContext ctx;
  smp::bench::register_placement(ctx);
  smp::bench::register_composite(ctx);
  smp::bench::register_end_to_end(ctx);
  smp::bench::register_interactive(ctx);
  smp::bench::register_decode(ctx);
  smp::bench::register_buzz(ctx);
  smp::bench::MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  std::optional<smp::bench::MemoryPeak> memory;
  if (!skip_memory && !filtered) {
    try {
      memory = smp::bench::measure_memory_peak("/proc/self/exe");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "smp-bench: %s\n", e.what());
    }
  }
  std::optional<smp::bench::ViewerFrames> viewer;
  const bool measure_viewer = force_viewer || (!skip_viewer && !filtered);
  std::string viewer_why;
  if (measure_viewer) viewer = smp::bench::measure_viewer_frames(viewer_why);
  smp::bench::print_summary(reporter, memory ? &*memory : nullptr, viewer ? &*viewer : nullptr, viewer_why);
  return 0;
}
