#include "consultation_options.hpp"

#include <stdexcept>

namespace smp::cli {

void ConsultationOptions::add_to(CLI::App& app) {
  app.add_option("--view", views, "Another photo of the same client (repeatable): one project, one combined estimate");
  app.add_option("--project", project, "Project JSON (several views) or plan JSON to open instead of --photo/--plan");
  app.add_option("--save-project", save_project, "Write the consultation as a project JSON");
  app.add_option("--template", hair_loss_template, "Hair-loss template: Norwood I-VII or Ludwig I-III (e.g. \"Norwood III\", N3, L2)");
  app.add_flag("--suggest-hairline", suggest_hairline, "Frontal photos: place the hairline from the face (8 cm above the glabella)");
  app.add_option("--report", report, "Write the consultation report (PDF)");
  app.add_option("--export", export_image, "Write a before/after export (PNG or JPEG)");
  app.add_option("--layout", layout, "Export layout: side-by-side, split or grid (before, session 1, healed)")
      ->check(CLI::IsMember({"side-by-side", "split", "grid"}));
  app.add_option("--export-width", export_width, "Export width in pixels (default: full resolution, at most 20000 wide and its panels at most 20000 tall)")
      ->check(CLI::Range(render::kMinExportWidth, render::kMaxExportWidth));
  app.add_option("--client", client, "Client label shown on exports and the report");
  app.add_option("--date", date, "Date shown on exports and the report (default: today)");
  app.add_option("--clinic", clinic, "Clinic settings JSON (default: $XDG_CONFIG_HOME/smp-studio/clinic.json)");
  app.add_flag("--list-templates", list_templates, "List the hair-loss templates and exit");
  app.add_option("--set", set_params, "Set a plan parameter, KEY=VALUE (repeatable; keys and ranges: --list-params)");
  app.add_flag("--list-params", list_params, "List the plan parameters (key, default, range, unit, meaning) and exit");
}

bool ConsultationOptions::any() const {
  return !views.empty() || !project.empty() || !save_project.empty() || !hair_loss_template.empty() ||
         suggest_hairline || !report.empty() || !export_image.empty() || !client.empty() || !clinic.empty();
}

bool ConsultationOptions::writes_output() const {
  return !save_project.empty() || !report.empty() || !export_image.empty();
}

app::ConsultationJob ConsultationOptions::make_job(const app::RenderJob& base) const {
  app::ConsultationJob job;
  job.base = base;
  job.extra_views.assign(views.begin(), views.end());
  if (!project.empty()) job.project = project;
  if (!save_project.empty()) job.save_project = save_project;
  if (!hair_loss_template.empty()) job.hair_loss_template = hair_loss_template;
  job.suggest_hairline = suggest_hairline;
  if (!report.empty()) job.report = report;
  if (!export_image.empty()) job.export_image = export_image;
  const auto parsed = render::parse_export_layout(layout);
  if (!parsed) throw std::invalid_argument("unknown export layout \"" + layout + "\"");
  job.layout = *parsed;
  job.export_width = export_width;
  job.client_label = client;
  job.set_params = set_params;
  job.date = date;
  if (!clinic.empty()) job.clinic_file = clinic;
  return job;
}

}  // namespace smp::cli
