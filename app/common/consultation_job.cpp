#include "consultation_job.hpp"

#include "output_batch.hpp"
#include "stage_guard.hpp"

#include "buzz_step.hpp"
#include "report_builder.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/mockup.hpp"
#include "smp/render/plan_overlay.hpp"
#include "smp/render/report_pdf.hpp"
#include "smp/render/template_diagram.hpp"
#include "smp/render/text.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/estimate_flags.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/file_io.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/photo_locate.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"
#include "smp/sim/sha256.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>

#include <stdexcept>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

using ViewPhoto = ConsultationPhoto;

// Where a saved file's photo lives, found again after a move when the hash proves identity.
fs::path locate_photo(const fs::path& document, const sim::Plan& plan, std::vector<std::string>& warnings) {
  const fs::path stored = sim::stored_photo_location(document, plan.photo);
  std::error_code ec;
  if (fs::exists(stored, ec)) return stored;
  if (const auto moved = sim::find_moved_photo(document, plan)) {
    warnings.push_back("the photo " + stored.string() + " was not found; using " + moved->string() +
                       ", which has the same content");
    return *moved;
  }
  throw std::runtime_error("the photo of " + document.string() + " was not found: " + stored.string());
}

ViewPhoto load_view_photo(const fs::path& path, const sim::Plan* plan, std::vector<std::string>& warnings) {
  ViewPhoto v{path, run_stage("decoding", path, [&] { return render::load_photo(path); }), std::nullopt};
  if (plan) {
    if (plan->photo.width != v.pixels.cols || plan->photo.height != v.pixels.rows)
      throw std::runtime_error("the plan was made for a " + std::to_string(plan->photo.width) + "x" +
                               std::to_string(plan->photo.height) + " photo but " + path.string() + " is " +
                               std::to_string(v.pixels.cols) + "x" + std::to_string(v.pixels.rows));
    if (!plan->photo.sha256.empty() && plan->photo.sha256 != sim::sha256_file_hex(path))
      warnings.push_back("the photo " + path.string() + " is not the file the plan was made with");
  }
  return v;
}

// Refuses a photo with no head found (or that cannot show one) unless `force`; then the
// guess is used with a warning.
sim::Plan auto_plan_for(const ViewPhoto& photo, const sim::ClinicSettings& clinic, bool force,
                        std::vector<std::string>& warnings) {
  const sim::PhotoRef ref{photo.path.string(), sim::sha256_file_hex(photo.path), photo.pixels.cols, photo.pixels.rows};
  sim::CheckedAutoPlan automatic =
      run_stage("finding the head in", photo.path, [&] { return sim::make_checked_auto_plan(photo.pixels, ref); });
  if (!automatic.usable()) {
    if (!force)
      throw std::runtime_error(photo.path.string() + ": " + automatic.problem +
                               "; no estimate made (pass --plan PLAN.json, or --force to render the guess anyway)");
    warnings.push_back(photo.path.string() + ": " + automatic.problem + "; the plan is a guess (--force)");
  }
  sim::apply_clinic_defaults(automatic.plan.params, clinic);
  return std::move(automatic.plan);
}

std::string view_name(const sim::Plan& plan, const sim::Project& project) {
  const std::string base = plan.head.view == sim::ViewKind::Front ? "Front" : "Top";
  int same = 0;
  for (const sim::ProjectView& v : project.views) same += v.name.rfind(base, 0) == 0;
  return same == 0 ? base : base + " " + std::to_string(same + 1);
}

// The photo path as stored in a saved document: relative to its folder when possible.
std::string relative_to(const fs::path& photo, const fs::path& document) {
  std::error_code ec;
  const fs::path rel = fs::absolute(photo, ec).lexically_relative(fs::absolute(document, ec).parent_path());
  return rel.empty() ? fs::absolute(photo, ec).string() : rel.string();
}

// A close-up of about 60 x 40 mm where the plan is most telling: just behind the middle of
// the hairline, else the middle of the treatment area.
cv::Rect detail_rect(const sim::Plan& plan, cv::Size photo) {
  const double ppm = plan.calibration.px_per_mm;
  const int w = std::clamp(static_cast<int>(60 * ppm), 32, photo.width), h = std::clamp(static_cast<int>(40 * ppm), 24, photo.height);
  cv::Point2d centre(photo.width / 2.0, photo.height / 2.0);
  if (plan.hairline.enabled()) {
    centre = plan.hairline.control_points.front() - plan.head.front_dir * (0.15 * h);
  } else if (!plan.masks.treatment.empty()) {
    const cv::Moments m = cv::moments(plan.masks.treatment, true);
    if (m.m00 > 0)
      centre = {m.m10 / m.m00 * photo.width / plan.masks.treatment.cols, m.m01 / m.m00 * photo.height / plan.masks.treatment.rows};
  }
  const int x = std::clamp(static_cast<int>(centre.x) - w / 2, 0, photo.width - w);
  const int y = std::clamp(static_cast<int>(centre.y) - h / 2, 0, photo.height - h);
  return {x, y, w, h};
}

std::string estimate_json(const ConsultationResult& r, std::span<const sim::Simulation> sims, bool confirm) {
  const sim::EstimateRemarks remarks{confirm, r.notes, r.warnings};
  nlohmann::json j = nlohmann::json::parse(sim::estimate_to_json(r.estimate, r.project.views.front().plan, remarks));
  if (r.project.views.size() > 1) {
    nlohmann::json views = nlohmann::json::array();
    for (std::size_t i = 0; i < r.project.views.size(); ++i) {
      const sim::ProjectView& v = r.project.views[i];
      views.push_back({{"name", v.name},
                       {"counts_scalp", v.counts.scalp},
                       {"counts_hairline_band", v.counts.hairline_band},
                       {"own_area_cm2", std::round(sims[i].estimate.area_cm2 * 100) / 100}});
    }
    j["views"] = views;
  }
  return j.dump(2) + "\n";
}

// Steps 3-5 of a consultation: simulate, combine the estimate, write the outputs.
ConsultationResult deliver(sim::Project input, std::vector<ConsultationPhoto> photos, const ConsultationJob& job,
                           const sim::ClinicSettings& clinic, const std::string& template_name,
                           std::vector<std::string> warnings) {
  if (input.views.empty() || photos.size() != input.views.size())
    throw std::invalid_argument("each view of the consultation needs its photo");
  ConsultationResult r;
  r.warnings = std::move(warnings);
  r.project = std::move(input);
  // The main view's buzz-cut preview: its photo then carries the SMP (an automatic plan's
  // shade matches the simulated stubble).
  const bool automatic = job.base.buzz && !job.base.plan && !job.project;
  const BuzzStep buzz = run_stage("clipping the hair in", photos.front().path, [&] {
    BuzzStep b = apply_buzz(photos.front().pixels, r.project.views.front().plan, automatic, r.warnings);
    r.project.params.pigment = r.project.views.front().plan.params.pigment;
    return b;
  });
  if (!buzz.refusal.empty()) r.notes.push_back(buzz_refusal_message(buzz.refusal));
  const sim::Project& project = r.project;
  // 3. Simulate every view with the clinic's rates; combine without double counting.
  sim::SimulationSettings settings;
  settings.rates = clinic.rates;
  std::vector<sim::Simulation> sims;
  for (std::size_t i = 0; i < project.views.size(); ++i)
    sims.push_back(run_stage("placing the dots for", photos[i].path,
                             [&] { return sim::simulate(project.views[i].plan, settings); }));
  r.estimate = project.views.size() == 1 ? sims.front().estimate
                                         : sim::combine_estimates(project, sims, clinic.rates).combined;
  bool confirm = false;
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    const sim::EstimateRemarks view_remarks = sim::estimate_remarks(project.views[i].plan, sims[i]);
    confirm = confirm || view_remarks.confirm_in_person;
    // The scale note is the main view's (the combined estimate uses its calibration).
    for (std::size_t k = 0; k < view_remarks.notes.size(); ++k) {
      const bool scale_note = !project.views[i].plan.calibration.measured && k + 1 == view_remarks.notes.size();
      if (scale_note && i > 0) continue;
      const std::string& note = view_remarks.notes[k];
      r.notes.push_back(project.views.size() > 1 && !scale_note ? project.views[i].name + ": " + note : note);
    }
  }
  for (const std::string& w : sim::region_warnings(project)) r.warnings.push_back(w);

  // 4. Pictures of the main view.
  const sim::Plan& main = buzz.smp_plan;
  const cv::Mat3b& photo = photos.front().pixels;
  const cv::Mat3b& base = buzz.base;  // the photo the SMP is drawn on
  const bool need_after = job.base.after || job.base.mockup || job.export_image || job.report;
  cv::Mat3b after, after_first;
  if (need_after)
    after = run_stage("rendering", photos.front().path, [&] { return render::composite(base, main, sims.front().impressions); });
  // Every output goes to a temporary file first; they replace their targets together.
  OutputBatch outputs;
  if (job.base.after) {
    render::CompositeOptions options;
    options.up_to_session = job.base.up_to_session;
    render::save_image(outputs.stage(*job.base.after), job.base.up_to_session > 0
                                            ? render::composite(base, main, sims.front().impressions, {}, options)
                                            : after);
  }
  if (job.base.mockup) {
    render::MockupParams mp;
    mp.footer_lines = estimate_summary_lines(main, r.estimate);
    render::save_image(outputs.stage(*job.base.mockup), render::side_by_side_mockup(photo, after, mp));
  }
  cv::Mat logo;
  if (!clinic.logo_path.empty() && (job.export_image || job.report)) {
    try {
      logo = render::load_logo(clinic.logo_path);
    } catch (const std::exception& e) {
      r.warnings.push_back(std::string(e.what()) + "; exporting without the logo");
    }
  }
  const std::string date = job.date.empty() ? today_iso_date() : job.date;
  if (job.export_image || job.report)
    for (const std::string* shown : {&project.client_label, &clinic.name})
      if (const auto warning = render::missing_font_warning(*shown)) r.warnings.push_back(*warning);
  if (job.export_image) {
    std::vector<render::LabelledImage> panels{{photo, "Before"}, {after, "After - simulated"}};
    if (job.layout == render::ExportLayout::TimelineGrid && project.params.sessions > 1) {
      render::CompositeOptions first;
      first.up_to_session = 1;
      panels = {{photo, "Before"},
                {render::composite(base, main, sims.front().impressions, {}, first), "After session 1"},
                {after, "After " + std::to_string(project.params.sessions) + " sessions, healed"}};
    }
    if (job.layout == render::ExportLayout::TimelineGrid && buzz.buzzed)
      panels.insert(panels.begin() + 1, {base, "Buzzed, before SMP"});
    render::ExportParams ep;
    ep.layout = job.layout;
    ep.width = job.export_width;
    ep.clinic_name = clinic.name;
    ep.logo = logo;
    ep.client_label = project.client_label;
    ep.date = date;
    ep.footer_lines = export_footer_lines(project, r.estimate);
    render::save_image(outputs.stage(*job.export_image), render::compose_export(panels, ep));
  }
  if (job.report) {
    render::ReportContent content;
    content.clinic_name = clinic.name;
    content.logo = logo;
    content.client_label = project.client_label;
    content.date = date;
    content.before = photo;
    content.after = after;
    if (buzz.buzzed) {
      content.buzzed = base;
      content.buzzed_caption = std::string("Buzzed (") + sim::buzz_label(main.params.buzz.length) + "), before SMP";
    }
    const cv::Rect crop = detail_rect(main, photo.size());
    content.detail_before = photo(crop).clone();
    content.detail_after = after(crop).clone();
    content.after_caption = "After " + std::to_string(project.params.sessions) + " sessions - simulated, healed";
    for (std::size_t i = 0; i < project.views.size(); ++i)
      content.views.push_back({project.views[i].name,
                               render::draw_plan_overlay(photos[i].pixels, project.views[i].plan, photos[i].guides),
                               counts_caption(project.views[i], project.views.size())});
    content.parameters = parameter_rows(project, template_name);
    if (const auto t = sim::parse_template_name(template_name)) {
      render::DiagramParams dp;
      dp.label = false;
      content.pattern_diagram = render::template_diagram(*t, main.head.view, dp);
      content.pattern_name = template_name;
      content.pattern_description = sim::template_description(*t);
      content.pattern_description[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(content.pattern_description[0])));
    }
    content.estimate = estimate_rows(r.estimate, clinic.rates);
    content.estimate_notes = r.notes;
    render::write_report_pdf(outputs.stage(*job.report), content);
  }

  // 5. Documents.
  if (job.base.estimate) sim::write_file_atomically(outputs.stage(*job.base.estimate), estimate_json(r, sims, confirm));
  if (job.base.save_plan) {
    sim::Plan to_save = main;
    to_save.photo.path = relative_to(photos.front().path, *job.base.save_plan);
    sim::save_plan(to_save, outputs.stage(*job.base.save_plan));
  }
  if (job.save_project) {
    sim::Project to_save = project;
    for (std::size_t i = 0; i < to_save.views.size(); ++i)
      to_save.views[i].plan.photo.path = relative_to(photos[i].path, *job.save_project);
    sim::save_project(to_save, outputs.stage(*job.save_project));
  }
  outputs.commit();
  return r;
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

ConsultationResult run_consultation_job(const ConsultationJob& job) {
  ConsultationResult r;
  const sim::ClinicSettingsLoad clinic_load = load_clinic_for_job(job.clinic_file);
  if (!clinic_load.warning.empty()) r.warnings.push_back(clinic_load.warning);
  const sim::ClinicSettings& clinic = clinic_load.settings;

  // 1. The views and their photos.
  std::vector<ViewPhoto> photos;
  sim::Project& project = r.project;
  if (job.project) {
    project = sim::load_project(*job.project);
    for (const sim::ProjectView& v : project.views)
      photos.push_back(load_view_photo(locate_photo(*job.project, v.plan, r.warnings), &v.plan, r.warnings));
  } else {
    std::optional<sim::Plan> plan;
    fs::path photo_path = job.base.photo;
    if (job.base.plan) {
      // The masks are decoded only after the photo's size is known to be the plan's.
      sim::Plan ref_only;
      ref_only.photo = sim::load_plan_photo_ref(*job.base.plan);
      if (photo_path.empty()) photo_path = locate_photo(*job.base.plan, ref_only, r.warnings);
      photos.push_back(load_view_photo(photo_path, &ref_only, r.warnings));
      sim::PlanLimits limits;
      limits.photo_size = photos.back().pixels.size();
      plan = run_stage("reading plan", *job.base.plan, [&] { return sim::load_plan(*job.base.plan, limits); });
    }
    if (photo_path.empty()) throw std::runtime_error("no photo given; pass --photo PHOTO");
    if (!plan) photos.push_back(load_view_photo(photo_path, nullptr, r.warnings));
    project = sim::project_from_plan(plan ? std::move(*plan) : auto_plan_for(photos.back(), clinic, job.base.force, r.warnings));
    for (const fs::path& extra : job.extra_views) {
      photos.push_back(load_view_photo(extra, nullptr, r.warnings));
      sim::Plan view_plan = auto_plan_for(photos.back(), clinic, job.base.force, r.warnings);
      std::string name = view_name(view_plan, project);
      project.views.push_back({std::move(name), std::move(view_plan), {}});
    }
    sim::assign_default_regions(project);
  }
  if (job.base.seed) project.params.seed = *job.base.seed;
  if (job.base.buzz) project.params.buzz = *job.base.buzz;
  if (!job.client_label.empty()) project.client_label = job.client_label;
  sim::sync_params(project);

  // 2. Template and hairline rules, view by view.
  std::string template_name;
  if (job.hair_loss_template) {
    const auto t = sim::parse_template_name(*job.hair_loss_template);
    if (!t) throw std::runtime_error("unknown hair-loss template \"" + *job.hair_loss_template +
                                     "\" (use Norwood I-VII or Ludwig I-III, e.g. \"Norwood III\" or N3)");
    template_name = sim::template_name(*t);
    for (sim::ProjectView& v : project.views) sim::apply_template(v.plan, *t);
  }
  if (job.suggest_hairline) {
    for (std::size_t i = 0; i < project.views.size(); ++i) {
      sim::ProjectView& v = project.views[i];
      const sim::FaceLandmarks face = sim::detect_face_landmarks(photos[i].pixels);
      const sim::RulesOutcome outcome = sim::apply_hairline_rules(v.plan, face);
      r.warnings.push_back(v.name + " view: " + outcome.message);
      if (outcome.applied) photos[i].guides = sim::hairline_guides(outcome.used, v.plan.calibration.px_per_mm);
    }
  }

  return deliver(std::move(project), std::move(photos), job, clinic, template_name, std::move(r.warnings));
}

ConsultationResult deliver_consultation(sim::Project project, std::vector<ConsultationPhoto> photos,
                                        const ConsultationJob& job, const sim::ClinicSettings& clinic,
                                        const std::string& template_name) {
  return deliver(std::move(project), std::move(photos), job, clinic, template_name, {});
}

}  // namespace smp::app
