#pragma once
// A whole consultation, headless: one or more views of a client (photo + plan each, opened
// by open_view), an optional hair-loss template or rules-based hairline, clinic settings,
// then the deliverables (deliver_consultation). Every smp-render run goes through here.

#include "deliverables.hpp"
#include "render_job.hpp"

#include "smp/sim/clinic_settings.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smp::app {

struct ConsultationJob {
  RenderJob base;                                       // main photo/plan, state and the classic outputs
  std::vector<std::filesystem::path> extra_views;       // more photos of the same client (auto plans)
  std::optional<std::filesystem::path> project;         // a project (or plan) file instead of photo/plan
  std::optional<std::string> hair_loss_template;        // "Norwood III", "L2" ... applied to every view
  bool suggest_hairline = false;                        // frontal views: hairline from the face rules
  std::optional<std::filesystem::path> report;          // consultation report PDF
  std::optional<std::filesystem::path> export_image;    // layout export (PNG or JPEG)
  render::ExportLayout layout = render::ExportLayout::SideBySide;
  int export_width = 0;                                 // 0 = full resolution
  std::optional<std::filesystem::path> save_project;
  std::string client_label;                             // overrides the plan's when set
  std::string date;                                     // default: today
  std::optional<std::filesystem::path> clinic_file;     // default: the XDG config file
  std::vector<std::string> set_params;                  // "KEY=VALUE" (sim::plan_param_table keys), after the plan is made
  render::AppearanceParams appearance;
  ProgressFn progress;
};

struct ConsultationRun {
  ConsultationResult result;
  double open_ms = 0;                    // decoding and the first plans
  double decode_ms = 0;                  // of which decoding (and the analysis image)
};

// Clinic settings from `file` (or the XDG path); a broken file gives defaults and a warning.
sim::ClinicSettingsLoad load_clinic_for_job(const std::optional<std::filesystem::path>& file);

// What `job` asks to be written, in the deliverables' terms.
Deliverables deliverables_of(const ConsultationJob& job);

// Throws std::exception with a one-line message on failure.
ConsultationRun run_consultation_job(const ConsultationJob& job);

}  // namespace smp::app
