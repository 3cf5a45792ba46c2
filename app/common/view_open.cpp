#include "view_open.hpp"

#include "stage_guard.hpp"

#include "smp/render/image_io.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/photo_locate.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"

#include <chrono>
#include <stdexcept>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

// Where a saved plan's photo is: where it says, else (moved or renamed) a file near the
// plan with the same SHA-256, which is provably the same photo.
fs::path locate_photo(const fs::path& plan_file, const sim::PhotoRef& ref, std::vector<std::string>& warnings,
                      const std::string& advice) {
  if (ref.path.empty()) throw std::runtime_error(plan_file.string() + " names no photo; " + advice);
  const fs::path stored = sim::stored_photo_location(plan_file, ref);
  std::error_code ec;
  if (fs::exists(stored, ec)) return stored;
  sim::Plan ref_only;
  ref_only.photo = ref;
  if (const auto moved = sim::find_moved_photo(plan_file, ref_only)) {
    warnings.push_back("the photo " + stored.string() + " was not found; using " + moved->string() +
                       ", which has the same content");
    return *moved;
  }
  throw std::runtime_error("the photo of " + plan_file.string() + " was not found: " + stored.string() +
                           " (moved, renamed or on a disk that is not connected?); " + advice);
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// Decodes v.photo_path and makes its analysis image; returns its SHA-256.
std::string decode(OpenedView& v, render::PhotoDecoder* decoder) {
  const auto t0 = std::chrono::steady_clock::now();
  v.photo = run_stage("decoding", v.photo_path,
                      [&] { return decoder ? decoder->load_photo(v.photo_path) : render::load_photo(v.photo_path); });
  v.analysis = run_stage("analysing", v.photo_path, [&] { return sim::make_analysis_image(v.photo); });
  std::string hash = sim::sha256_file_hex(v.photo_path);
  v.decode_ms = ms_since(t0);
  return hash;
}

void check_size(const OpenedView& v, const sim::PhotoRef& ref) {
  if (ref.width != v.photo.cols || ref.height != v.photo.rows)
    throw std::runtime_error("the plan was made for a " + std::to_string(ref.width) + "x" + std::to_string(ref.height) +
                             " photo but " + v.photo_path.string() + " is " + std::to_string(v.photo.cols) + "x" +
                             std::to_string(v.photo.rows));
}

void check_content(OpenedView& v, const std::string& hash) {
  if (!v.plan.photo.sha256.empty() && v.plan.photo.sha256 != hash)
    v.warnings.push_back("the photo " + v.photo_path.string() + " is not the file the plan was made with");
}

}  // namespace

sim::CheckedAutoPlan first_plan(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, const sim::PhotoRef& ref,
                                const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance,
                                std::optional<cv::Point2d> face_toward) {
  sim::AutoPlanParams params;
  params.front_override = face_toward;
  sim::CheckedAutoPlan automatic =
      run_stage("finding the head in", ref.path, [&] { return sim::make_checked_auto_plan(analysis, ref, params); });
  sim::apply_clinic_defaults(automatic.plan.params, clinic);
  render::suggest_shades(photo, analysis, automatic.plan, appearance);
  return automatic;
}

OpenedView open_view(const ViewSource& source, const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance,
                     render::PhotoDecoder* decoder) {
  OpenedView v;
  // A plan's masks are decoded only once its photo is known to have the size the plan
  // says: every size in a plan is bounded by the photo's.
  std::optional<sim::PhotoRef> plan_ref;
  if (source.plan) plan_ref = run_stage("reading plan", *source.plan, [&] { return sim::load_plan_photo_ref(*source.plan); });
  v.photo_path = !source.photo.empty() || !plan_ref
                     ? source.photo
                     : locate_photo(*source.plan, *plan_ref, v.warnings, source.missing_photo_advice);
  if (v.photo_path.empty()) throw std::runtime_error("no photo given; pass --photo PHOTO");
  const std::string hash = decode(v, decoder);
  const auto t0 = std::chrono::steady_clock::now();
  if (plan_ref) {
    check_size(v, *plan_ref);
    sim::PlanLimits limits;
    limits.photo_size = v.photo.size();
    v.plan = run_stage("reading plan", *source.plan, [&] { return sim::load_plan(*source.plan, limits); });
    check_content(v, hash);
    v.plan_ms = ms_since(t0);
    return v;
  }
  const sim::PhotoRef ref{v.photo_path.string(), hash, v.photo.cols, v.photo.rows};
  sim::CheckedAutoPlan automatic = first_plan(v.photo, v.analysis, ref, clinic, appearance, source.face_toward);
  v.plan = std::move(automatic.plan);
  v.guess_reason = std::move(automatic.problem);
  v.detection = std::move(automatic.detection);
  if (sim::needs_front_check(v.plan))
    v.warnings.push_back(std::string(sim::kCheckFrontNote) + " of " + v.photo_path.string() +
                         ": the automatic plan could not tell clearly which way the face is");
  if (const std::string thick = sim::thick_hair_remark(v.plan); !thick.empty())
    v.warnings.push_back(v.photo_path.string() + ": " + thick);
  if (const std::string as_top = sim::planned_as_top_remark(v.plan); !as_top.empty())
    v.warnings.push_back(v.photo_path.string() + ": " + as_top);
  v.plan_ms = ms_since(t0);
  return v;
}

OpenedView open_view_of(const fs::path& document, sim::Plan plan, const std::string& missing_photo_advice,
                        render::PhotoDecoder* decoder) {
  OpenedView v;
  v.photo_path = locate_photo(document, plan.photo, v.warnings, missing_photo_advice);
  const std::string hash = decode(v, decoder);
  check_size(v, plan.photo);
  v.plan = std::move(plan);
  check_content(v, hash);
  return v;
}

sim::Plan plan_snapshot(const sim::Plan& plan) {
  sim::Plan copy = plan;
  for (cv::Mat1b* m : {&copy.masks.treatment, &copy.masks.scar, &copy.masks.exclusion, &copy.masks.hair, &copy.masks.occlusion,
                       &copy.masks.bald})
    *m = m->clone();
  return copy;
}

std::string photo_path_for(const fs::path& photo, const fs::path& document) {
  std::error_code ec;
  const fs::path abs_photo = fs::absolute(photo, ec);
  const fs::path rel = abs_photo.lexically_relative(fs::absolute(document, ec).parent_path());
  return rel.empty() ? abs_photo.string() : rel.string();
}

}  // namespace smp::app
