#include "memory_peak.hpp"

#include "bench_context.hpp"
#include "render_job.hpp"
#include "smp/sim/plan_io.hpp"

#include <opencv2/imgcodecs.hpp>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

extern char** environ;

namespace smp::bench {

namespace {

// This process's resident-set high-water mark in KiB (VmHWM), 0 if unreadable.
double own_peak_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr);
  return 0;
}

}  // namespace

MemoryPeak measure_memory_peak(const std::filesystem::path& self) {
  const std::filesystem::path dir = scratch_dir("memory");
  {
    const cv::Mat3b photo = make_photo(k48MP);
    cv::imwrite((dir / "photo.jpg").string(), photo, {cv::IMWRITE_JPEG_QUALITY, 92});
    sim::Plan plan = make_plan(DensityKind::Variable, k48MP, 1'000'000, 3);
    plan.photo.path = "photo.jpg";
    sim::save_plan(plan, dir / "plan.json");
  }
  std::filesystem::remove(dir / "peak_kib.txt");  // only this run's child may answer
  const std::string exe = self.string(), flag = "--memory-child", arg = dir.string();
  char* argv[] = {const_cast<char*>(exe.c_str()), const_cast<char*>(flag.c_str()), const_cast<char*>(arg.c_str()), nullptr};
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv, environ) != 0)
    throw std::runtime_error("cannot start " + exe + " for the memory measurement");
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the memory measurement child failed");
  MemoryPeak m;
  m.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  double peak_kib = 0;
  if (!(std::ifstream(dir / "peak_kib.txt") >> peak_kib) || peak_kib <= 0)
    throw std::runtime_error("the memory measurement child did not report its peak");
  m.peak_mb = peak_kib / 1024.0;
  std::ifstream(dir / "impressions.txt") >> m.impressions;
  return m;
}

int memory_child(const std::filesystem::path& dir) {
  try {
    app::RenderJob job;
    job.plan = dir / "plan.json";
    job.photo = dir / "photo.jpg";
    job.after = dir / "after.png";
    job.mockup = dir / "mockup.jpg";
    const app::RenderResult r = app::run_render_job(job);
    std::ofstream(dir / "impressions.txt") << r.impressions << "\n";
    std::ofstream(dir / "peak_kib.txt") << own_peak_kib() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "smp-bench memory child: %s\n", e.what());
    return 1;
  }
}

}  // namespace smp::bench
