#pragma once
// State of the consultation features in the viewer: hair-loss template picker,
// rules-based hairline, clinic settings, exports and the report. One member of AppState.

#include "consultation_job.hpp"
#include "smp/render/gl/tiled_texture.hpp"
#include "smp/sim/clinic_settings.hpp"

#include <filesystem>
#include <future>
#include <string>
#include <vector>

namespace smp::studio {

struct AppState;

struct ConsultationUi {
  sim::ClinicSettings clinic;                        // loaded once from the XDG config file
  std::filesystem::path clinic_path;
  bool clinic_loaded = false;
  std::string clinic_message;                        // load/save outcome for the settings window
  bool show_clinic = false;

  std::vector<render::gl::TiledTexture> diagrams;    // template picker pictures (GL, main thread)
  int diagrams_view = -1;                            // ViewKind they were drawn for
  std::string template_name;                         // last applied, for the report

  int layout = 0;                                    // render::ExportLayout
  int width = 0;                                     // 0 = full resolution
  std::string export_path, report_path;              // editable output paths
  std::future<app::ConsultationResult> job;          // export or report in the background
  std::string job_what;
};

// The "Consultation" section of the side panel (templates, suggest hairline, export, report).
void consultation_section(AppState& app);
// Export and report controls, with the background job's outcome (dialog_export.cpp).
void export_block(AppState& app);
// Clinic settings window (name, logo, rates, sessions, needles), drawn while show_clinic.
void clinic_settings_window(AppState& app);
// Loads the clinic settings on first use; the estimate uses their rates.
void ensure_clinic_loaded(AppState& app);

}  // namespace smp::studio
