#include "deliverables.hpp"

#include "buzz_step.hpp"
#include "output_batch.hpp"
#include "report_builder.hpp"
#include "stage_guard.hpp"
#include "timeline_states.hpp"
#include "timeline_thumbnails.hpp"
#include "view_open.hpp"

#include "smp/render/buzz.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/naturalness.hpp"
#include "smp/render/plan_overlay.hpp"
#include "smp/render/report_pdf.hpp"
#include "smp/render/template_diagram.hpp"
#include "smp/render/text.hpp"
#include "smp/sim/estimate_flags.hpp"
#include "smp/sim/file_io.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"
#include "smp/sim/simulate.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

// One moment of the treatment's timeline as the grid export shows it.
struct Moment {
  TimelineStep step;
  cv::Mat3b panel;  // fitted to its panel where that is smaller (else the whole picture)
};

// The report's timeline pictures: this wide, at most, of the treatment area.
constexpr int kReportMomentWidthPx = 600;

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
  j["look"] = r.look;
  j["naturalness"] = r.naturalness;
  return j.dump(2) + "\n";
}

// Confirm-in-person reasons and notes of every view; the scale note is the main view's
// (the combined estimate uses its calibration).
bool collect_notes(const sim::Project& project, std::span<const sim::Simulation> sims, std::vector<std::string>& notes) {
  bool confirm = false;
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    const sim::EstimateRemarks view_remarks = sim::estimate_remarks(project.views[i].plan, sims[i]);
    confirm = confirm || view_remarks.confirm_in_person;
    for (std::size_t k = 0; k < view_remarks.notes.size(); ++k) {
      const bool scale_note = !project.views[i].plan.calibration.measured && k + 1 == view_remarks.notes.size();
      if (scale_note && i > 0) continue;
      const std::string& note = view_remarks.notes[k];
      notes.push_back(project.views.size() > 1 && !scale_note ? project.views[i].name + ": " + note : note);
    }
  }
  return confirm;
}

}  // namespace

std::string session_problem(int up_to_session, int sessions) {
  if (up_to_session <= sessions) return {};
  return "--session " + std::to_string(up_to_session) + ": the plan has " + std::to_string(sessions) +
         (sessions == 1 ? " session" : " sessions");
}

std::string result_caption(const ResultState& s, int sessions) {
  if (s.years > 0) return std::to_string(static_cast<int>(std::lround(s.years))) + " years after the last session";
  const int shown = s.up_to_session > 0 ? std::min(s.up_to_session, sessions) : sessions;
  const std::string which = shown == 1 ? "After session 1" : "After " + std::to_string(shown) + " sessions";
  return which + (s.fresh ? ", fresh (day 0)" : ", healed");
}

ConsultationResult deliver_consultation(sim::Project input, std::vector<ConsultationPhoto> photos, const Deliverables& what,
                                        const sim::ClinicSettings& clinic, std::vector<std::string> warnings) {
  if (input.views.empty() || photos.size() != input.views.size())
    throw std::invalid_argument("each view of the consultation needs its photo");
  const auto progress = [&](float f, const std::string& stage) {
    if (what.progress) what.progress(f, stage);
  };
  Stopwatch clock;
  ConsultationResult r;
  r.warnings = std::move(warnings);
  r.project = std::move(input);
  // The main view's buzz-cut preview: the buzzed photo is the one the SMP is drawn on.
  const BuzzStep buzz = run_stage("clipping the hair in", photos.front().path, [&] {
    sim::Plan& main_plan = r.project.views.front().plan;
    BuzzStep b = apply_buzz(photos.front().pixels, main_plan, what.match_shade_to_buzz, r.warnings, photos.front().detection.get());
    r.project.params.pigment = main_plan.params.pigment;
    return b;
  });
  if (!buzz.refusal.empty()) r.notes.push_back(buzz_refusal_message(buzz.refusal));
  r.buzz_ms = clock.lap_ms();
  const sim::Project& project = r.project;
  progress(0.05f, "Placing the dots");
  sim::SimulationSettings settings;
  settings.rates = clinic.rates;
  std::vector<sim::Simulation> sims;
  // The main view's dots are placed as the buzz left the head: none off the skull, none counted there.
  for (std::size_t i = 0; i < project.views.size(); ++i)
    sims.push_back(run_stage("placing the dots for", photos[i].path,
                             [&] { return sim::simulate(i == 0 ? buzz.smp_plan : project.views[i].plan, settings); }));
  r.estimate = project.views.size() == 1 ? sims.front().estimate : sim::combine_estimates(project, sims, clinic.rates).combined;
  r.impressions = sims.front().impressions.size();
  const bool confirm = collect_notes(project, sims, r.notes);
  for (const std::string& w : sim::region_warnings(project)) r.warnings.push_back(w);
  {
    // Against the client's own stubble as photographed, with the shade finally chosen.
    const sim::Plan& planned = project.views.front().plan;
    const ConsultationPhoto& main_photo = photos.front();
    const sim::AnalysisImage analysis = main_photo.analysis.stands_for(main_photo.pixels.size())
                                            ? main_photo.analysis
                                            : sim::make_analysis_image(main_photo.pixels);
    const render::LookFigures look = render::look_figures(main_photo.pixels, analysis, planned, what.appearance);
    r.look = render::look_summary(look);
    r.naturalness = render::naturalness_warnings(planned, look);
  }
  r.simulate_ms = clock.lap_ms();

  // Pictures of the main view, all in the state asked for.
  const sim::Plan& main = buzz.smp_plan;
  const cv::Mat3b& photo = photos.front().pixels;
  const cv::Mat3b& base = buzz.base;  // the photo the SMP is drawn on (buzzed or as photographed)
  const bool need_after = what.after || what.mockup || what.export_image || what.report;
  const std::string caption = result_caption(what.state, project.params.sessions);
  // The skin tone, blur and noise of the photo the SMP is drawn on, measured once for every picture.
  const render::PhotoTone tone = need_after ? render::estimate_plan_tone(base, main) : render::PhotoTone{};
  const auto composite = [&](const ResultState& state) {
    cv::Mat3b out;
    render::composite_into(base, main, sims.front().impressions, tone, what.appearance, result_composite_options(state), out);
    return out;
  };
  cv::Mat3b after;
  if (need_after) {
    progress(0.3f, "Rendering the simulated result");
    after = run_stage("rendering", photos.front().path, [&] { return composite(what.state); });
  }
  // The treatment's moments for the grid export, each fitted to its panel where that is smaller:
  // at full resolution they would hold several photos' worth of memory at once.
  const bool grid_export = what.export_image && what.layout == render::ExportLayout::TimelineGrid;
  const std::vector<TimelineStep> steps = timeline_steps(project.params.sessions);
  render::ExportParams grid_params;
  grid_params.layout = what.layout;
  grid_params.width = what.export_width;
  const cv::Size grid_panel =
      grid_export ? render::export_panel_size(photo.size(), steps.size() + (buzz.buzzed ? 1 : 0), grid_params) : cv::Size();
  // The picture asked for is already drawn when a moment shows the same state (up to the last
  // session is all of them).
  const auto shown_as = [&](ResultState s) {
    if (s.up_to_session >= project.params.sessions) s.up_to_session = 0;
    return result_composite_options(s);
  };
  std::vector<Moment> moments;
  if (grid_export) {
    progress(0.4f, "Rendering the timeline");
    for (const TimelineStep& step : steps) {
      Moment& m = moments.emplace_back();
      m.step = step;
      const bool drawn = step.before || shown_as(step.state) == shown_as(what.state);
      const cv::Mat3b drawn_now =
          drawn ? cv::Mat3b() : run_stage("rendering", photos.front().path, [&] { return composite(step.state); });
      const cv::Mat3b& picture = step.before ? photo : drawn ? after : drawn_now;
      // Fitted now only when that makes it smaller; otherwise the picture itself is kept (shared,
      // not copied), and the export fits it. The grid's first panel, which sets its layout,
      // stays whole.
      if (!step.before && grid_panel.area() < picture.size().area())
        render::fit_export_panel(picture, grid_panel, m.panel);
      else
        m.panel = picture;
    }
  }
  // The report's timeline: the same small pictures of the treatment area as the viewer's strip,
  // each composited at about its own scale (not the whole photo at full size, then cut down).
  std::vector<Thumbnail> report_moments;
  if (what.report) {
    progress(0.5f, "Rendering the timeline");
    ThumbnailRequest request;
    request.photo = photo;
    request.plan = main;
    request.simulation = std::shared_ptr<const sim::Simulation>(std::shared_ptr<void>(), &sims.front());  // not owned
    request.appearance = what.appearance;
    request.width_px = kReportMomentWidthPx;
    request.aspect = 1.2;
    if (buzz.buzzed) request.base = base;
    request.tone = tone;
    report_moments = run_stage("rendering", photos.front().path, [&] { return render_timeline_thumbnails(request); });
  }
  // Past the timeline, the whole result is needed only by the outputs that show it.
  if (grid_export && !what.after && !what.mockup && !what.report) after.release();
  r.render_ms = clock.lap_ms();
  progress(0.6f, "Writing");
  // Every output goes to a temporary file first; they replace their targets together, and
  // never a file the run read.
  std::vector<fs::path> read_files = what.read_files;
  for (const ConsultationPhoto& p : photos) read_files.push_back(p.path);
  OutputBatch outputs(std::move(read_files));
  if (what.after) outputs.write(*what.after, [&](const fs::path& to) { render::save_image(to, after); });
  cv::Mat logo;
  const bool branded = what.mockup || what.export_image || what.report;
  if (!clinic.logo_path.empty() && branded) {
    try {
      logo = render::load_logo(clinic.logo_path);
    } catch (const std::exception& e) {
      r.warnings.push_back(std::string(e.what()) + "; exporting without the logo");
    }
  }
  const std::string date = what.date.empty() ? today_iso_date() : what.date;
  if (branded)
    for (const std::string* shown : {&project.client_label, &clinic.name})
      if (const auto warning = render::missing_font_warning(*shown)) r.warnings.push_back(*warning);
  render::ExportParams ep;
  ep.clinic_name = clinic.name;
  ep.logo = logo;
  ep.client_label = project.client_label;
  ep.date = date;
  ep.footer_lines = what.no_price_reason.empty() ? export_footer_lines(project, r.estimate)
                                                 : std::vector<std::string>{"No estimate: " + what.no_price_reason};
  const std::vector<render::LabelledImage> pair{{photo, "Before"}, {after, caption + " - simulated"}};
  if (what.mockup) {
    render::ExportParams mp = ep;
    mp.width = std::min(kMockupWidth, 2 * photo.cols);
    outputs.write(*what.mockup, [&](const fs::path& to) { render::save_image(to, render::compose_export(pair, mp)); });
  }
  if (what.export_image) {
    std::vector<render::LabelledImage> panels = pair;
    if (what.layout == render::ExportLayout::TimelineGrid) {  // the timeline the viewer's strip shows
      panels.clear();
      for (const Moment& m : moments) {
        panels.push_back({m.panel, m.step.before ? std::string("Before") : timeline_caption(m.step, project.params.sessions) + " - simulated"});
        if (m.step.before && buzz.buzzed) panels.push_back({base, "Buzzed, before SMP"});
      }
    }
    render::ExportParams xp = ep;
    xp.layout = what.layout;
    xp.width = what.export_width;
    outputs.write(*what.export_image, [&](const fs::path& to) { render::save_image(to, render::compose_export(panels, xp)); });
  }
  if (what.report) {
    progress(0.75f, "Laying out the report");
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
    content.after_caption = caption + " - simulated";
    for (const Thumbnail& m : report_moments) content.timeline.push_back({m.step.label, m.image, {}});
    for (std::size_t i = 0; i < project.views.size(); ++i) {
      // The main view's plan over the buzzed photo when there is one: its area as counted.
      const bool over_buzz = i == 0 && buzz.buzzed;
      const sim::Plan picture = over_buzz ? render::plan_picture_over_buzz(project.views[i].plan, buzz.off_head)
                                          : project.views[i].plan;
      content.views.push_back({project.views[i].name,
                               render::draw_plan_overlay(over_buzz ? base : photos[i].pixels, picture, photos[i].guides),
                               counts_caption(project.views[i], project.views.size())});
    }
    const std::string& template_name = main.template_name;  // the hair-loss template the plan started from
    content.parameters = parameter_rows(project, template_name);
    content.technician_notes = main.technician_notes;
    if (const auto t = sim::parse_template_name(template_name)) {
      render::DiagramParams dp;
      dp.label = false;
      content.pattern_diagram = render::template_diagram(*t, main.head.view, dp);
      content.pattern_name = template_name;
      content.pattern_description = sim::template_description(*t);
      content.pattern_description[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(content.pattern_description[0])));
    }
    if (what.no_price_reason.empty()) content.estimate = estimate_rows(r.estimate, clinic.rates);
    content.estimate_notes = r.notes;
    for (const std::string& w : r.naturalness) content.estimate_notes.push_back("Naturalness check: " + w);
    if (!what.no_price_reason.empty()) content.estimate_notes.insert(content.estimate_notes.begin(), "No estimate: " + what.no_price_reason);
    outputs.write(*what.report, [&](const fs::path& to) { render::write_report_pdf(to, content); });
  }
  if (what.estimate)
    outputs.write(*what.estimate, [&](const fs::path& to) { sim::write_file_atomically(to, estimate_json(r, sims, confirm)); });
  if (what.save_plan) {
    sim::Plan to_save = project.views.front().plan;  // as planned (main may carry the buzz's clipped occlusion)
    to_save.photo.path = photo_path_for(photos.front().path, sim::write_target(*what.save_plan));
    outputs.write(*what.save_plan, [&](const fs::path& to) { sim::save_plan(to_save, to); });
  }
  if (what.save_project) {
    sim::Project to_save = project;
    for (std::size_t i = 0; i < to_save.views.size(); ++i)
      to_save.views[i].plan.photo.path = photo_path_for(photos[i].path, sim::write_target(*what.save_project));
    outputs.write(*what.save_project, [&](const fs::path& to) { sim::save_project(to_save, to); });
  }
  outputs.commit();
  r.write_ms = clock.lap_ms();
  progress(1.0f, "Done");
  return r;
}

}  // namespace smp::app
