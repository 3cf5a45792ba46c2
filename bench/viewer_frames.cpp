#include "viewer_frames.hpp"

#include "bench_context.hpp"
#include "scenarios.hpp"
#include "smp/sim/plan_io.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

extern char** environ;

namespace smp::bench {

namespace {

constexpr auto kChildLimit = std::chrono::minutes(5);

FrameTimes frame_times(const nlohmann::json& j) {
  FrameTimes t;
  t.median_ms = j.value("median_ms", 0.0);
  t.p95_ms = j.value("p95_ms", 0.0);
  t.max_ms = j.value("max_ms", 0.0);
  t.frames = j.value("frames", 0);
  return t;
}

// Runs argv with stdout into `out`; false (and `why`) when it cannot start, fails or overruns.
bool run_child(const std::vector<std::string>& args, const std::filesystem::path& out, std::string& why) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int started = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (started != 0) {
    why = "cannot start " + args[0];
    return false;
  }
  const auto deadline = std::chrono::steady_clock::now() + kChildLimit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      why = "the viewer ran past 5 minutes";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    why = "the viewer failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return false;
  }
  return true;
}

}  // namespace

std::optional<ViewerFrames> measure_viewer_frames(std::string& why) {
#ifndef SMP_STUDIO_BUILD_PATH
  why = "the viewer is not built (SMP_BUILD_VIEWER=OFF)";
  return std::nullopt;
#else
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    why = "no display (run smp-bench under xvfb-run -a -s \"-screen 0 1920x1080x24\")";
    return std::nullopt;
  }
  const std::filesystem::path studio = SMP_STUDIO_BUILD_PATH;
  if (!std::filesystem::is_regular_file(studio)) {
    why = "no viewer at " + studio.string();
    return std::nullopt;
  }
  const std::filesystem::path dir = scratch_dir("viewer-frames");
  {
    cv::imwrite((dir / "photo.jpg").string(), make_photo(k12MP), {cv::IMWRITE_JPEG_QUALITY, 92});
    sim::Plan plan = make_plan(DensityKind::Variable, k12MP, 100'000, 3);
    plan.photo.path = "photo.jpg";
    sim::save_plan(plan, dir / "plan.json");
  }
  const std::filesystem::path out = dir / "frames.jsonl";
  if (!run_child({studio.string(), (dir / "plan.json").string(), "--width", "1600", "--height", "1000", "--bench-frames",
                  "150", "--bench-regen"},
                 out, why))
    return std::nullopt;
  ViewerFrames v;
  bool still = false, regen = false;
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    const std::string label = j.value("label", "");
    if (label.rfind("pan/zoom, ", 0) == 0) {
      v.still = frame_times(j);
      v.impressions = std::strtod(label.c_str() + 10, nullptr);
      still = true;
    } else if (label == "while regenerating") {
      v.regenerating = frame_times(j);
      regen = true;
    } else if (j.contains("edit_to_dots_ms")) {
      v.edit_to_dots_ms = j.value("edit_to_dots_ms", 0.0);
    }
  }
  if (!still || !regen) {
    why = "the viewer printed no frame times";
    return std::nullopt;
  }
  return v;
#endif
}

}  // namespace smp::bench
