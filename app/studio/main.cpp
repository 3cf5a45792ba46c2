// smp-studio: the consultation viewer. Opens a scalp photo or a saved plan, shows the
// simulated SMP result live, and lets the technician edit the plan.
//
//   smp-studio [PHOTO|PLAN.json|PROJECT.json] [--screenshot OUT.png --frames N]
//              [--state fresh|healed --years N --session K] ...
//
// Without arguments it opens the bundled demo photo with its automatic plan.

#include <epoxy/gl.h>

#include "actions.hpp"
#include "app_state.hpp"
#include "asset_paths.hpp"
#include "automation.hpp"
#include "frame.hpp"
#include "command_line.hpp"
#include "memory_reuse.hpp"
#include "platform_window.hpp"
#include "recovery_ui.hpp"
#include "smp/render/image_memory.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <iostream>

namespace {

using namespace smp::studio;
using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

void parse(CLI::App& cli, Options& o) {
  cli.add_option("file", o.open, "scalp photo (.jpg, .png, ...), saved plan or project (.json)");
  cli.add_option("--screenshot", o.screenshot, "save the window to this PNG after --frames frames, then exit");
  cli.add_option("--frames", o.frames, "frames to render before the screenshot (waits for the dots)")->check(CLI::Range(1, 100000));
  cli.add_option("--width", o.window_width, "window width (logical pixels)")->check(CLI::Range(320, 16384));
  cli.add_option("--height", o.window_height, "window height (logical pixels)")->check(CLI::Range(240, 16384));
  cli.add_option("--view", o.view, "initial view: fit or 100")->check(CLI::IsMember({"fit", "100"}));
  cli.add_option("--compare", o.compare, "after, split, side or before")->check(CLI::IsMember({"after", "split", "side", "before"}));
  cli.add_flag("--hide-overlays", o.hide_overlays, "start with the hairline and mask overlays hidden");
  cli.add_flag("--hide-panels", o.hide_panels, "show the canvas only (image comparisons)");
  cli.add_option("--max-tile", o.max_tile, "largest texture tile (tests force tiling with it)")->check(CLI::Range(0, 65536));
  cli.add_flag("--gl-checks", o.gl_checks, "stop on any OpenGL error");
  cli.add_option("--layout-json", o.layout_json, "write the on-screen layout here every frame (tests)");
  cli.add_option("--bench-frames", o.bench_frames, "pan and zoom for N frames, print frame times, exit");
  cli.add_flag("--bench-regen", o.bench_regen, "with --bench-frames: regenerate the dots while panning");
  cli.add_option("--bench-edits", o.bench_edits,
                 "make N edits (density +1 and back) with the view still, print the edit-to-dots times, exit");
  cli.add_option("--state", o.state, "the last shown session: fresh (day 0) or healed")->check(CLI::IsMember({"fresh", "healed"}));
  cli.add_option("--years", o.years, "years after the last session, 0-10 (healed; the fading preview)")->check(CLI::Range(0.0, 10.0));
  cli.add_option("--session", o.session, "show sessions 1..K only (0 = all)")->check(CLI::Range(0, 6));
}

// The moment the canvas opens in (--state/--years/--session); a message when they do not fit.
std::string apply_moment_options(AppState& app) {
  const Options& o = app.options;
  if (o.state == "fresh" && o.years > 0) return "--state fresh and --years exclude each other (years are counted from healed)";
  if (app.has_document)
    if (std::string e = smp::app::session_problem(o.session, app.doc.plan.params.sessions); !e.empty()) return e;
  app.view.fresh = o.state == "fresh";
  app.view.years = o.years;
  app.view.up_to_session = o.session;
  return {};
}

void apply_start_options(AppState& app) {
  const Options& o = app.options;
  if (o.hide_overlays) app.overlays = {false, false, false, false};
  if (o.compare == "split") app.view.compare = CompareMode::Split;
  if (o.compare == "side") app.view.compare = CompareMode::SideBySide;
  if (o.compare == "before") app.view.force_before = true;
  if (o.view == "100") app.view.actual_pending = true;
}

// Frames until the dots on screen are those of the plan (or the deadline).
void run_frames_until_dots(AppState& app, PlatformWindow& window, Clock::time_point deadline) {
  while (!dots_up_to_date(app) && Clock::now() < deadline) run_frame(app, window, [](cv::Size) {});
}

int run_benchmark(AppState& app, PlatformWindow& window) {
  // Wait for the first dots, then measure frames that only pan and zoom (or also regenerate).
  const auto deadline = Clock::now() + std::chrono::minutes(3);
  run_frames_until_dots(app, window, deadline);
  std::vector<double> ms, regen_ms;
  for (int i = 0; i < app.options.bench_frames; ++i) {
    if (app.options.bench_regen && i % 40 == 0) {
      app.doc.plan.params.seed += 1;
      mark_plan_changed(app);
    }
    const bool regenerating = !dots_up_to_date(app);
    bench_step(app, i);
    const auto t0 = Clock::now();
    run_frame(app, window, [](cv::Size) { glFinish(); });
    (regenerating ? regen_ms : ms).push_back(ms_between(t0, Clock::now()));
  }
  const std::size_t n = app.regen_state.simulation ? app.regen_state.simulation->impressions.size() : 0;
  std::cout << frame_time_summary(ms, "pan/zoom, " + std::to_string(n) + " impressions") << "\n";
  if (app.options.bench_regen) {
    std::cout << frame_time_summary(regen_ms, "while regenerating") << "\n";
    std::cout << "{\"simulate_ms\": " << app.regen_state.last_simulate_ms << ", \"layer_ms\": " << app.regen_state.last_layer_ms
              << ", \"upload_ms\": " << app.regen_state.last_upload_ms
              << ", \"edit_to_dots_ms\": " << app.regen_state.last_edit_to_dots_ms << "}\n";
  }
  return 0;
}

// Edits as a person makes them, one at a time with the view still: the event loop sleeps as
// it does for them, so the time from each edit to its dots on screen is what they wait. Each
// edit moves the density by one step and back: every impression is placed again.
int run_edit_benchmark(AppState& app, PlatformWindow& window) {
  const auto deadline = Clock::now() + std::chrono::minutes(3);
  run_frames_until_dots(app, window, deadline);
  std::vector<double> ms;
  const double density = app.doc.plan.params.density_per_cm2;
  for (int i = 0; i < app.options.bench_edits && Clock::now() < deadline; ++i) {
    // The density slider moved by one step and back (as smp-bench's interactive/slider row).
    app.doc.plan.params.density_per_cm2 = density + (i % 2 == 0 ? 1.0 : 0.0);
    mark_plan_changed(app);
    run_frame(app, window, [](cv::Size) {});  // the frame that posts the edit's regeneration
    run_frames_until_dots(app, window, deadline);
    ms.push_back(app.regen_state.last_edit_to_dots_ms);
  }
  const std::size_t n = app.regen_state.simulation ? app.regen_state.simulation->impressions.size() : 0;
  std::cout << frame_time_summary(ms, "edit to dots, view still, " + std::to_string(n) + " impressions", "edits") << "\n";
  std::cout << "{\"simulate_ms\": " << app.regen_state.last_simulate_ms << ", \"layer_ms\": " << app.regen_state.last_layer_ms
            << ", \"upload_ms\": " << app.regen_state.last_upload_ms << "}\n";
  return 0;
}

int run(AppState& app, PlatformWindow& window) {
  if (app.options.bench_frames > 0) return run_benchmark(app, window);
  if (app.options.bench_edits > 0) return run_edit_benchmark(app, window);
  const bool shooting = !app.options.screenshot.empty();
  const auto deadline = Clock::now() + std::chrono::minutes(3);
  int frame = 0;
  bool shot = false;
  while (!app.quit && !shot) {
    run_frame(app, window, [&](cv::Size fb) {
      // The screenshot waits for the dots so it always shows the current plan.
      const bool ready = (dots_up_to_date(app) && project_settled(app) && (timeline_settled(app) || app.options.hide_panels)) ||
                         !app.has_document || Clock::now() > deadline;
      if (shooting && frame + 1 >= app.options.frames && ready) {
        save_screenshot(app.options.screenshot, fb);
        shot = true;
      }
    });
    if (!app.options.layout_json.empty()) write_layout_json(app, app.options.layout_json);
    ++frame;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  smp::app::keep_freed_memory_for_reuse(smp::app::kViewerMemoryReuse);
  smp::render::use_image_memory();
  Options options;
  CLI::App cli{"SMP Studio: scalp micropigmentation consultation viewer"};
  parse(cli, options);
  if (const auto status = smp::app::parse_command_line(cli, argc, argv, "smp-studio")) return *status;
  try {
    PlatformWindow window(options.window_width, options.window_height, "SMP Studio");
    AppState app;  // after the window: its GL objects go before the context does
    app.options = options;
    app.decoder = std::make_unique<smp::render::PhotoDecoder>();
    // Background work wakes the event loop when its result is ready (frame_events sleeps).
    app.regen.set_wake([] { glfwPostEmptyEvent(); });
    app.task.set_wake([] { glfwPostEmptyEvent(); });
    app.timeline.task.set_wake([] { glfwPostEmptyEvent(); });
    set_window_icon(app, window.handle());
    app.scene = std::make_unique<smp::render::gl::SceneRenderer>(
        smp::render::gl::RendererOptions{options.max_tile, options.gl_checks});
    app.recent_location = recent_files_location();
    app.recent = load_recent_files(app.recent_location);
    apply_start_options(app);
    std::filesystem::path start = options.open;
    if (start.empty()) {
      if (const auto demo = smp::app::demo_photo_path()) start = *demo;
    }
    if (!start.empty() && !open_path(app, start) && (options.bench_frames > 0 || options.bench_edits > 0 || !options.screenshot.empty())) {
      std::cerr << "smp-studio: " << app.dialogs.error << "\n";
      return 1;
    }
    if (const std::string problem = apply_moment_options(app); !problem.empty()) {
      std::cerr << "smp-studio: " << problem << "\n";
      return 1;
    }
    start_recovery(app);
    const int rc = run(app, window);
    end_recovery(app);  // a normal exit; an exception or a crash keeps the copy
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "smp-studio: " << e.what() << "\n";
    return 1;
  }
}
