#include "render_job.hpp"

#include "buzz_step.hpp"
#include "output_batch.hpp"
#include "stage_guard.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/mockup.hpp"
#include "smp/render/naturalness.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/file_io.hpp"
#include "smp/sim/photo_locate.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

class Stopwatch {
 public:
  double lap_ms() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::string format_money(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
  std::string s = buf;
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// The photo to render: --photo when given, else where the plan says, else (moved or
// renamed) a file near the plan with the same SHA-256, which is provably the same photo.
fs::path resolve_photo(const RenderJob& job, const sim::Plan& plan, std::vector<std::string>& warnings) {
  if (!job.photo.empty()) return job.photo;
  if (plan.photo.path.empty()) throw std::runtime_error("the plan names no photo; pass --photo");
  const fs::path stored = sim::stored_photo_location(*job.plan, plan.photo);
  std::error_code ec;
  if (fs::exists(stored, ec)) return stored;
  if (const auto moved = sim::find_moved_photo(*job.plan, plan)) {
    warnings.push_back("the plan's photo " + stored.string() + " was not found; using " + moved->string() +
                       ", which has the same content");
    return *moved;
  }
  throw std::runtime_error("the photo of plan " + job.plan->string() + " was not found: " + stored.string() +
                           " (moved, renamed or on a disk that is not connected?); pass --photo PHOTO to say where it is now");
}

// The photo path as stored in a saved plan: relative to the plan's folder when possible.
std::string stored_photo_path(const fs::path& photo, const fs::path& plan_file) {
  std::error_code ec;
  const fs::path abs_photo = fs::absolute(photo, ec);
  const fs::path abs_dir = fs::absolute(plan_file, ec).parent_path();
  const fs::path rel = abs_photo.lexically_relative(abs_dir);
  return rel.empty() ? abs_photo.string() : rel.string();
}

}  // namespace

std::vector<std::string> estimate_summary_lines(const sim::Plan& plan, const sim::Estimate& e) {
  char line1[256], line2[256], line3[256];
  std::snprintf(line1, sizeof line1, "Area %.0f cm² (%.1f sq in)%s   Estimate %s %s-%s", e.area_cm2, e.area_sq_in,
                plan.calibration.measured ? "" : ", scale estimated", e.currency.c_str(),
                format_money(e.cost_min).c_str(), format_money(e.cost_max).c_str());
  std::snprintf(line2, sizeof line2, "%ld impressions over %d sessions, %.0f-%.0f hours of needle work", e.impressions,
                e.sessions, std::floor(e.hours_min), std::ceil(e.hours_max));
  std::snprintf(line3, sizeof line3, "Needle %d-point %.2f mm   Density %.0f/cm²   Shade %.0f%% dilution",
                plan.params.needle.points, plan.params.needle.diameter_mm, plan.params.density_per_cm2,
                plan.params.pigment.dilution_pct);
  return {line1, line2, line3};
}

RenderResult run_render_job(const RenderJob& job, const sim::SimulationSettings& settings,
                            const render::AppearanceParams& appearance) {
  RenderResult result;
  Stopwatch clock;

  // A plan's masks are decoded only once its photo is known to have the size the plan
  // says: every size in a plan is bounded by the photo's.
  std::optional<sim::PhotoRef> plan_ref;
  if (job.plan) plan_ref = run_stage("reading plan", *job.plan, [&] { return sim::load_plan_photo_ref(*job.plan); });
  fs::path photo_path = job.photo;
  if (plan_ref) {
    sim::Plan ref_only;
    ref_only.photo = *plan_ref;
    photo_path = resolve_photo(job, ref_only, result.warnings);
  }
  if (photo_path.empty()) throw std::runtime_error("no photo given; pass --photo PHOTO");
  const cv::Mat3b photo = run_stage("decoding", photo_path, [&] { return render::load_photo(photo_path); });
  const std::string hash = sim::sha256_file_hex(photo_path);
  result.times.decode_ms = clock.lap_ms();

  if (plan_ref) {
    if (plan_ref->width != photo.cols || plan_ref->height != photo.rows)
      throw std::runtime_error("the plan was made for a " + std::to_string(plan_ref->width) + "x" +
                               std::to_string(plan_ref->height) + " photo but " + photo_path.string() + " is " +
                               std::to_string(photo.cols) + "x" + std::to_string(photo.rows));
    sim::PlanLimits limits;
    limits.photo_size = photo.size();
    result.plan = run_stage("reading plan", *job.plan, [&] { return sim::load_plan(*job.plan, limits); });
    if (!result.plan.photo.sha256.empty() && result.plan.photo.sha256 != hash)
      result.warnings.push_back("the photo " + photo_path.string() + " is not the file the plan was made with");
  } else {
    sim::PhotoRef ref{photo_path.string(), hash, photo.cols, photo.rows};
    sim::CheckedAutoPlan automatic =
        run_stage("finding the head in", photo_path, [&] { return sim::make_checked_auto_plan(photo, ref); });
    if (!automatic.usable()) {
      if (!job.force)
        throw std::runtime_error(photo_path.string() + ": " + automatic.problem +
                                 "; no estimate made (pass --plan PLAN.json, or --force to render the guess anyway)");
      result.warnings.push_back(automatic.problem + "; the plan is a guess (--force)");
    }
    result.plan = std::move(automatic.plan);
    if (sim::needs_front_check(result.plan))
      result.warnings.push_back(std::string(sim::kCheckFrontNote) + " of " + photo_path.string() +
                                ": the automatic plan could not tell clearly which way the face is");
    render::suggest_shades(photo, result.plan, appearance);
  }
  if (job.seed) result.plan.params.seed = *job.seed;
  if (job.buzz) result.plan.params.buzz = *job.buzz;
  // The buzzed photo is the photo the SMP is drawn on; an automatic shade matches its stubble.
  BuzzStep buzz = run_stage("clipping the hair in", photo_path,
                            [&] { return apply_buzz(photo, result.plan, !plan_ref, result.warnings); });
  if (buzz.buzzed) result.buzzed = buzz.base;
  if (job.check) {
    const render::LookFigures look = render::look_figures(photo, result.plan, appearance);
    result.look = render::look_summary(look);
    result.naturalness = render::naturalness_warnings(result.plan, look);
  }
  result.times.plan_ms = clock.lap_ms();

  const sim::Simulation sim = run_stage("placing the dots for", photo_path, [&] { return sim::simulate(result.plan, settings); });
  result.estimate = sim.estimate;
  result.impressions = sim.impressions.size();
  result.times.placement_ms = clock.lap_ms();

  cv::Mat3b after;
  if (job.after || job.mockup) {
    render::CompositeOptions options;
    options.up_to_session = job.up_to_session;
    options.latest_healing = job.fresh ? 0.0 : 1.0;
    options.years = job.years;
    after = run_stage("rendering", photo_path,
                      [&] { return render::composite(buzz.base, buzz.smp_plan, sim.impressions, appearance, options); });
  }
  result.times.composite_ms = clock.lap_ms();

  // Every output goes to a temporary file first; they replace their targets together.
  OutputBatch outputs;
  if (job.after) {
    const fs::path at = outputs.stage(*job.after);
    run_stage("writing", *job.after, [&] { render::save_image(at, after); });
  }
  if (job.mockup) {
    render::MockupParams mp;
    mp.footer_lines = estimate_summary_lines(result.plan, result.estimate);
    const fs::path at = outputs.stage(*job.mockup);
    run_stage("writing", *job.mockup, [&] { render::save_image(at, render::side_by_side_mockup(photo, after, mp)); });
  }
  if (job.estimate) {
    sim::EstimateRemarks remarks = sim::estimate_remarks(result.plan, sim);
    remarks.warnings = result.warnings;
    sim::write_file_atomically(outputs.stage(*job.estimate), sim::estimate_to_json(result.estimate, result.plan, remarks));
  }
  if (job.save_plan) {
    sim::Plan to_save = result.plan;
    to_save.photo.path = stored_photo_path(photo_path, *job.save_plan);
    sim::save_plan(to_save, outputs.stage(*job.save_plan));
  }
  outputs.commit();
  result.times.encode_ms = clock.lap_ms();
  return result;
}

}  // namespace smp::app
