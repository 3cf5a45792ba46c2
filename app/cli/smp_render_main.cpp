// smp-render: the headless renderer. From a scalp photo (and optionally a saved plan) to
// the simulated result, a before/after mockup, an estimate and the plan.
// Without arguments it renders the bundled demo into ./smp-render-demo/.

#include "../common/asset_paths.hpp"
#include "../common/command_line.hpp"
#include "../common/consultation_job.hpp"
#include "../common/memory_reuse.hpp"
#include "../common/output_targets.hpp"
#include "consultation_options.hpp"

#include "smp/render/image_memory.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/param_table.hpp"
#include "smp/sim/project.hpp"

#include <CLI/CLI.hpp>
#include <opencv2/core.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

void print_times(const smp::app::ConsultationRun& run) {
  std::cout << run.result.impressions << " impressions; times (ms): open " << run.open_ms << " (decode " << run.decode_ms
            << ")" << (run.result.buzz_ms >= 1 ? ", buzz " + std::to_string(std::lround(run.result.buzz_ms)) : std::string())
            << ", placement " << run.result.simulate_ms << ", composite " << run.result.render_ms << ", write " << run.result.write_ms << "\n";
}

int run_demo(bool verbose) {
  const auto demo = smp::app::demo_photo_path();
  if (!demo) {
    std::cerr << "smp-render: the bundled demo photo was not found (set SMP_ASSET_DIR to the assets folder)\n";
    return 1;
  }
  const fs::path out = "smp-render-demo";
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "smp-render: cannot create " << out << ": " << ec.message() << "\n";
    return 1;
  }
  smp::app::ConsultationJob job;
  job.base.photo = *demo;
  job.base.after = out / "after.png";
  job.base.mockup = out / "mockup.jpg";
  job.base.estimate = out / "estimate.json";
  job.base.save_plan = out / "plan.json";
  const smp::app::ConsultationRun run = smp::app::run_consultation_job(job);
  const smp::app::ConsultationResult& r = run.result;
  std::cout << "Rendered the demo photo " << demo->string() << " into " << fs::absolute(out).string() << "/:\n"
            << "  after.png      the simulated result at full resolution\n"
            << "  mockup.jpg     before/after side by side\n"
            << "  estimate.json  " << r.estimate.impressions << " impressions, " << static_cast<int>(r.estimate.area_cm2)
            << " cm², " << r.estimate.currency << " " << static_cast<long>(r.estimate.cost_min) << "-"
            << static_cast<long>(r.estimate.cost_max) << "\n"
            << "  plan.json      the automatic plan (open it in smp-studio to edit)\n";
  if (verbose) print_times(run);
  return 0;
}

// Every file the run would write, with the option that names it.
std::vector<smp::app::OutputTarget> output_targets(const smp::app::RenderJob& job, const smp::cli::ConsultationOptions& consult) {
  std::vector<smp::app::OutputTarget> out;
  const auto add = [&](const char* option, const std::optional<fs::path>& path, bool image) {
    if (path) out.push_back({option, *path, image});
  };
  const auto given = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<fs::path>(s); };
  add("--after", job.after, true);
  add("--mockup", job.mockup, true);
  add("--export", given(consult.export_image), true);
  add("--report", given(consult.report), false);
  add("--estimate", job.estimate, false);
  add("--save-plan", job.save_plan, false);
  add("--save-project", given(consult.save_project), false);
  return out;
}

// Every file the run reads that the command line names (a plan may name its photo: the
// writer refuses that one too).
std::vector<fs::path> named_inputs(const smp::app::RenderJob& job, const smp::cli::ConsultationOptions& consult) {
  std::vector<fs::path> in = {job.photo, consult.project, consult.clinic};
  if (job.plan) in.push_back(*job.plan);
  in.insert(in.end(), consult.views.begin(), consult.views.end());
  return in;
}

// The file a failure is about when no stage said more.
const std::string& input_name(const std::string& photo, const std::string& plan, const std::string& project) {
  return !photo.empty() ? photo : !plan.empty() ? plan : project;
}

}  // namespace

int main(int argc, char** argv) {
  smp::app::keep_freed_memory_for_reuse(smp::app::kOneJobMemoryReuse);
  smp::render::use_image_memory();
  CLI::App app{"smp-render: simulate scalp micropigmentation on a photo, headless"};
  smp::app::RenderJob job;
  std::string photo, plan, after, mockup, estimate, save_plan;
  std::uint64_t seed = 0;
  bool verbose = false;
  app.add_option("--photo", photo, "Scalp photo (JPEG, PNG ...)");
  app.add_option("--plan", plan, "Plan JSON saved by SMP Studio (default: automatic plan from the photo)");
  app.add_option("--after", after, "Write the simulated result (PNG or JPEG, full resolution)");
  app.add_option("--mockup", mockup, "Write a labelled before/after mockup (PNG or JPEG)");
  app.add_option("--estimate", estimate, "Write the estimate as JSON");
  app.add_option("--save-plan", save_plan, "Write the plan used as JSON");
  app.add_option("--session", job.up_to_session, "Show the result after this session (default: all)")->check(CLI::Range(0, 6));
  std::string state = "healed";
  app.add_option("--state", state, "fresh (day 0) or healed (about 4 weeks) for the last shown session")
      ->check(CLI::IsMember({"fresh", "healed"}));
  app.add_option("--years", job.years, "Longevity preview: years after the last session (an illustration, not a prediction)")
      ->check(CLI::Range(0.0, 10.0));
  auto* seed_opt = app.add_option("--seed", seed, "Random seed for dot placement (overrides the plan's)");
  app.add_flag("-v,--verbose", verbose, "Print the time of each stage");
  app.add_flag("--force", job.force, "Render the automatic plan even when no head was found in the photo (a guess)");
  app.add_flag("--check", job.check, "Naturalness check: print the stubble vs simulation figures and what may look fake");
  std::string buzz;
  double days_since_shave = 0;
  auto* buzz_opt = app.add_option("--buzz", buzz,
                 "Buzz-cut preview: clip the remaining hair to none (as photographed), smooth (0 mm), 0 (no guard, "
                 "0.5 mm), 0.5 (#0.5, 1.5 mm) or 1 (#1, 3 mm); the SMP is drawn on the buzzed photo");
  auto* days_opt = app.add_option("--days-since-shave", days_since_shave,
                                  "With --buzz: days of regrowth since clipping (0-30; stubble grows 0.35 mm a day)");
  std::string face_toward;
  app.add_option("--face-toward", face_toward,
                 "The photo is a top view with the face toward up, down, left or right (when the automatic plan "
                 "finds the front wrong)");
  smp::cli::ConsultationOptions consult;
  consult.add_to(app);

  if (const auto status = smp::app::parse_command_line(app, argc, argv, "smp-render")) return *status;

  try {
    if (argc == 1 || (argc == 2 && verbose)) return run_demo(verbose);
    if (consult.list_params) {
      std::cout << smp::sim::param_table_markdown();
      return 0;
    }
    if (consult.list_templates) {
      for (const auto& t : smp::sim::all_hair_loss_templates())
        std::cout << smp::sim::template_name(t) << ": " << smp::sim::template_description(t) << "\n";
      return 0;
    }
    if (photo.empty() && plan.empty() && consult.project.empty()) {
      std::cerr << "smp-render: give --photo PHOTO (and optionally --plan PLAN.json); see --help\n";
      return 2;
    }
    if (after.empty() && mockup.empty() && estimate.empty() && save_plan.empty() && !consult.writes_output() && !job.check) {
      std::cerr << "smp-render: nothing to write; add --after, --mockup, --estimate, --save-plan, --export, --report or --check\n";
      return 2;
    }
    if (!consult.project.empty() && (!photo.empty() || !plan.empty() || !consult.views.empty())) {
      std::cerr << "smp-render: --project opens its own photos and plans; give it without --photo, --plan and --view\n";
      return 2;
    }
    if (!face_toward.empty()) {
      const auto side = smp::sim::face_side(face_toward);
      if (!side) {
        std::cerr << "smp-render: --face-toward must be up, down, left or right (got \"" << face_toward << "\")\n";
        return 2;
      }
      if (!plan.empty() || !consult.project.empty()) {
        std::cerr << "smp-render: --face-toward sets the automatic plan's front; a saved plan or project keeps its own\n";
        return 2;
      }
      job.face_toward = side;
    }
    if (!std::isfinite(job.years)) {  // a range check lets "nan" through
      std::cerr << "smp-render: --years must be a number from 0 to 10\n";
      return 2;
    }
    if (consult.views.size() + 1 > smp::sim::kMaxProjectViews) {
      std::cerr << "smp-render: at most " << smp::sim::kMaxProjectViews << " views: the photo and "
                << smp::sim::kMaxProjectViews - 1 << " --view photos\n";
      return 2;
    }
    if (buzz_opt->count() > 0 && buzz.empty()) {
      std::cerr << "smp-render: --buzz must be none, smooth, 0, 0.5 or 1 (got an empty value)\n";
      return 2;
    }
    if (!buzz.empty() || *days_opt) {
      const auto length = smp::sim::parse_buzz_name(buzz.empty() ? "none" : buzz);
      if (!length) {
        std::cerr << "smp-render: --buzz must be none, smooth, 0, 0.5 or 1 (got \"" << buzz << "\")\n";
        return 2;
      }
      if (buzz.empty()) {
        std::cerr << "smp-render: --days-since-shave needs --buzz smooth, 0, 0.5 or 1\n";
        return 2;
      }
      job.buzz = smp::sim::BuzzParams{*length, days_since_shave};
      if (const std::string bad = smp::sim::validate_buzz(*job.buzz); !bad.empty()) {
        std::cerr << "smp-render: --days-since-shave: " << bad << "\n";
        return 2;
      }
    }
    job.photo = photo;
    job.fresh = state == "fresh";
    if (job.fresh && job.years > 0) {
      std::cerr << "smp-render: --state fresh and --years exclude each other (years are counted from healed)\n";
      return 2;
    }
    if (!plan.empty()) job.plan = plan;
    if (!after.empty()) job.after = after;
    if (!mockup.empty()) job.mockup = mockup;
    if (!estimate.empty()) job.estimate = estimate;
    if (!save_plan.empty()) job.save_plan = save_plan;
    if (*seed_opt) job.seed = seed;
    // Before any work: an output must never replace an input or another output.
    smp::app::check_output_targets(output_targets(job, consult), named_inputs(job, consult));
    const smp::app::ConsultationRun run = smp::app::run_consultation_job(consult.make_job(job));
    for (const std::string& w : run.result.warnings) {
      // The answer, where this program takes it: the viewer has its buttons instead.
      const bool front_unclear = w.rfind(smp::sim::kCheckFrontNote, 0) == 0;
      std::cerr << "smp-render: warning: " << w << (front_unclear ? " (--face-toward up|down|left|right sets it)" : "") << "\n";
    }
    for (const std::string& n : run.result.notes) std::cout << "note: " << n << "\n";
    if (job.check) {
      std::cout << "look: " << run.result.look << "\n";
      for (const std::string& w : run.result.naturalness) std::cout << "check: " << w << "\n";
      if (run.result.naturalness.empty()) std::cout << "check: nothing likely to look fake\n";
    }
    if (verbose) print_times(run);
    return 0;
  } catch (const std::bad_alloc&) {  // the jobs name the stage; this is the last resort
    std::cerr << "smp-render: out of memory while working on " << input_name(photo, plan, consult.project) << "\n";
    return 1;
  } catch (const cv::Exception& e) {  // its what() spans lines and names source files
    if (e.code == cv::Error::StsNoMem)
      std::cerr << "smp-render: out of memory while working on " << input_name(photo, plan, consult.project) << "\n";
    else
      std::cerr << "smp-render: " << input_name(photo, plan, consult.project) << ": image processing failed in "
                << e.func << " (" << e.err << ")\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "smp-render: " << e.what() << "\n";
    return 1;
  }
}
