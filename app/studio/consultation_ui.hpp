#pragma once
// State of the consultation features in the viewer: hair-loss template picker,
// rules-based hairline, clinic settings, exports and the report. One member of AppState.

#include "deliverables.hpp"
#include "smp/sim/clinic_settings.hpp"

#include <filesystem>
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

  int layout = 0;                                    // render::ExportLayout
  int width = 0;                                     // 0 = full resolution
  std::string export_path, report_path;              // editable output paths
  std::string paths_from;                            // photo and client they were derived from
};

// The "Consultation" section of the side panel (templates, suggest hairline, export, report).
void consultation_section(AppState& app);
// Export and report controls (dialog_export.cpp).
void export_block(AppState& app);
// Ctrl+E and File > Export: the file browser at the export path, then start_export.
void begin_export(AppState& app);
// Writes the export (the panel's layout and width) to `output`, in the background.
void start_export(AppState& app, const std::filesystem::path& output);
// Writes the report to the report path, in the background.
void start_report(AppState& app);
// The export and report paths follow the open photo and the client's name until edited.
void derive_output_paths(AppState& app);
// Reports the outcome of a finished background task (main thread, every frame).
void poll_background_task(AppState& app);
// Clinic settings window (name, logo, rates, sessions, needles), drawn while show_clinic.
void clinic_settings_window(AppState& app);
// Loads the clinic settings on first use; the estimate uses their rates.
void ensure_clinic_loaded(AppState& app);

}  // namespace smp::studio
