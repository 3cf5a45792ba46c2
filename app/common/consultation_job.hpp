#pragma once
// A whole consultation, headless: one or more views of a client (photo + plan each), an
// optional hair-loss template or rules-based hairline, clinic settings, the combined
// estimate, and the deliverables — result image, mockup, layout exports, report PDF,
// estimate JSON, plan and project files. Used by smp-render when any consultation option
// is given, and by tests.

#include "render_job.hpp"

#include "smp/render/export_layouts.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/project.hpp"

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smp::app {

struct ConsultationJob {
  RenderJob base;                                       // main photo/plan and the classic outputs
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
};

struct ConsultationResult {
  sim::Project project;
  sim::Estimate estimate;                // combined
  std::vector<std::string> notes;        // confirm-in-person reasons and other remarks
  std::vector<std::string> warnings;     // for stderr
};

// One view's photo for the deliverables.
struct ConsultationPhoto {
  std::filesystem::path path;
  cv::Mat3b pixels;
  std::optional<sim::HairlineGuides> guides;  // drawn on the report's plan picture
};

// Clinic settings from `file` (or the XDG path); a broken file gives defaults and a warning.
sim::ClinicSettingsLoad load_clinic_for_job(const std::optional<std::filesystem::path>& file);

// Throws std::exception with a one-line message on failure.
ConsultationResult run_consultation_job(const ConsultationJob& job);

// The second half of a job for a consultation already in memory (the viewer): simulates
// every view, combines the estimate and writes the outputs `job` names. `photos[i]` belongs
// to `project.views[i]`; the job's inputs (photo, plan, project, template) are ignored.
ConsultationResult deliver_consultation(sim::Project project, std::vector<ConsultationPhoto> photos,
                                        const ConsultationJob& job, const sim::ClinicSettings& clinic,
                                        const std::string& template_name = {});

}  // namespace smp::app
