#include "consultation_job.hpp"

#include "stage_guard.hpp"
#include "view_open.hpp"

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/param_table.hpp"
#include "smp/sim/project_io.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

std::string view_name(const sim::Plan& plan, const sim::Project& project) {
  const std::string base = plan.head.view == sim::ViewKind::Front ? "Front" : "Top";
  int same = 0;
  for (const sim::ProjectView& v : project.views) same += v.name.rfind(base, 0) == 0;
  return same == 0 ? base : base + " " + std::to_string(same + 1);
}

// A first plan that is only a guess is refused unless `force`; then it is used with a warning.
void accept(const OpenedView& v, bool force, std::vector<std::string>& warnings) {
  if (v.guess_reason.empty()) return;
  if (!force)
    throw std::runtime_error(v.photo_path.string() + ": " + v.guess_reason +
                             "; no estimate made (pass --plan PLAN.json, or --force to render the guess anyway)");
  warnings.push_back(v.photo_path.string() + ": " + v.guess_reason + "; the plan is a guess (--force)");
}

ConsultationPhoto photo_of(OpenedView& v, std::vector<std::string>& warnings, ConsultationRun& run) {
  for (std::string& w : v.warnings) warnings.push_back(std::move(w));
  run.open_ms += v.decode_ms + v.plan_ms;
  run.decode_ms += v.decode_ms;
  return {v.photo_path, std::move(v.photo), std::nullopt, std::move(v.analysis), std::move(v.detection)};
}

}  // namespace

sim::ClinicSettingsLoad load_clinic_for_job(const std::optional<fs::path>& file) {
  if (file) {  // asked for by name: it must exist and be valid
    sim::ClinicSettingsLoad out;
    out.settings = sim::load_clinic_settings(*file);
    out.from_file = true;
    return out;
  }
  return sim::load_clinic_settings_or_defaults(sim::clinic_settings_path());
}

Deliverables deliverables_of(const ConsultationJob& job) {
  Deliverables d;
  d.after = job.base.after;
  d.mockup = job.base.mockup;
  d.export_image = job.export_image;
  d.layout = job.layout;
  d.export_width = job.export_width;
  d.report = job.report;
  d.estimate = job.base.estimate;
  d.save_plan = job.base.save_plan;
  d.save_project = job.save_project;
  d.state = {job.base.up_to_session, job.base.fresh, job.base.years};
  d.appearance = job.appearance;
  d.date = job.date;
  d.progress = job.progress;
  for (const auto& read : {job.base.plan, job.project, job.clinic_file})
    if (read) d.read_files.push_back(*read);
  return d;
}

ConsultationRun run_consultation_job(const ConsultationJob& job) {
  ConsultationRun run;
  std::vector<std::string> warnings;
  const sim::ClinicSettingsLoad clinic_load = load_clinic_for_job(job.clinic_file);
  if (!clinic_load.warning.empty()) warnings.push_back(clinic_load.warning);
  const sim::ClinicSettings& clinic = clinic_load.settings;

  // 1. The views and their photos, decoded by one decoder service.
  render::PhotoDecoder decoder;
  std::vector<ConsultationPhoto> photos;
  sim::Project project;
  if (job.project) {
    project = sim::load_project(*job.project);
    for (sim::ProjectView& pv : project.views) {
      OpenedView v = open_view_of(*job.project, pv.plan, kPassPhotoAdvice, &decoder);
      photos.push_back(photo_of(v, warnings, run));
    }
  } else {
    ViewSource source{job.base.photo, job.base.plan};
    source.face_toward = job.base.face_toward;
    OpenedView main = open_view(source, clinic, job.appearance, &decoder);
    accept(main, job.base.force, warnings);
    project = sim::project_from_plan(std::move(main.plan));
    photos.push_back(photo_of(main, warnings, run));
    std::vector<cv::Size> sizes = {photos.front().pixels.size()};
    for (const fs::path& extra : job.extra_views) {
      OpenedView v = open_view({extra, std::nullopt}, clinic, job.appearance, &decoder);
      sizes.push_back(v.photo.size());  // every view's photo stays open: their total is bounded
      if (const std::string e = sim::project_pixels_problem(sizes); !e.empty())
        throw std::runtime_error(extra.string() + ": with this view the consultation is too large: " + e);
      accept(v, job.base.force, warnings);
      std::string name = view_name(v.plan, project);
      project.views.push_back({std::move(name), std::move(v.plan), {}});
      photos.push_back(photo_of(v, warnings, run));
    }
    sim::assign_default_regions(project);
  }
  if (job.base.seed) project.params.seed = *job.base.seed;
  if (job.base.buzz) project.params.buzz = *job.base.buzz;
  for (const std::string& assignment : job.set_params)
    if (const std::string e = sim::set_param(project.params, assignment); !e.empty()) throw std::invalid_argument("--set: " + e);
  if (!job.client_label.empty()) project.client_label = job.client_label;
  sim::sync_params(project);
  // A later session than the plan has cannot be shown (the viewer refuses it the same way).
  if (const std::string e = session_problem(job.base.up_to_session, project.params.sessions); !e.empty())
    throw std::invalid_argument(e);
  // With the hair clipped, "thick hair hides the skin; the buzz-cut preview shows the look"
  // no longer describes the picture (a refused buzz says why in its own line).
  if (project.params.buzz.active())
    std::erase_if(warnings, [](const std::string& w) { return w.find(sim::kThickHairNote) != std::string::npos; });

  // 2. Template and hairline rules, view by view.
  if (job.hair_loss_template) {
    const auto t = sim::parse_template_name(*job.hair_loss_template);
    if (!t) throw std::runtime_error("unknown hair-loss template \"" + *job.hair_loss_template +
                                     "\" (use Norwood I-VII or Ludwig I-III, e.g. \"Norwood III\" or N3)");
    for (sim::ProjectView& v : project.views) sim::apply_template(v.plan, *t);  // records its name in the plan
  }
  if (job.suggest_hairline) {
    for (std::size_t i = 0; i < project.views.size(); ++i) {
      sim::ProjectView& v = project.views[i];
      const sim::FaceLandmarks face = sim::detect_face_landmarks(photos[i].pixels);
      const sim::RulesOutcome outcome = sim::apply_hairline_rules(v.plan, face);
      warnings.push_back(v.name + " view: " + outcome.message);
      if (outcome.applied) photos[i].guides = sim::hairline_guides(outcome.used, v.plan.calibration.px_per_mm);
    }
  }
  // 3. Simulate and write (a first plan's shade matches the buzz-cut stubble).
  Deliverables what = deliverables_of(job);
  what.match_shade_to_buzz = !job.base.plan && !job.project;
  run.result = deliver_consultation(std::move(project), std::move(photos), what, clinic, std::move(warnings));
  return run;
}

}  // namespace smp::app
