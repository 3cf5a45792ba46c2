#pragma once
// The second half of every consultation: simulate each view, combine the estimate and write
// what was asked for — result picture, mockup and layout exports, report PDF, estimate,
// plan and project. smp-render and smp-studio both end here, so the pictures and numbers
// a client sees do not depend on which program made them.

#include "smp/render/appearance.hpp"
#include "smp/render/export_layouts.hpp"
#include "smp/sim/analysis_image.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/estimate.hpp"
#include "smp/sim/face_rules.hpp"
#include "smp/sim/project.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::app {

// Which state of the result the pictures show.
struct ResultState {
  int up_to_session = 0;  // 0 = all sessions
  bool fresh = false;     // the last shown session on day 0 instead of healed (~4 weeks)
  double years = 0;       // longevity preview: years after the last session, 0-10 (healed only)
};

// Progress of a delivery: fraction 0..1 and what is being done, e.g. "Rendering".
using ProgressFn = std::function<void(float fraction, const std::string& stage)>;

struct Deliverables {
  std::optional<std::filesystem::path> after;        // full-resolution simulated photo
  std::optional<std::filesystem::path> mockup;       // side-by-side export at kMockupWidth at most
  std::optional<std::filesystem::path> export_image; // layout export (PNG or JPEG)
  render::ExportLayout layout = render::ExportLayout::SideBySide;
  int export_width = 0;                              // 0 = full resolution
  std::optional<std::filesystem::path> report;       // consultation report PDF
  std::optional<std::filesystem::path> estimate;     // estimate JSON
  std::optional<std::filesystem::path> save_plan;    // the main view's plan
  std::optional<std::filesystem::path> save_project;
  ResultState state;
  render::AppearanceParams appearance;
  std::string date;                                  // default: today
  std::string no_price_reason;                       // set: pictures say so instead of a price
  bool simulate_only = false;                        // nothing to write, only the estimate (e.g. --check)
  // With a buzz-cut preview in the plan: set the main view's SMP shade to match the simulated
  // stubble (for a first plan; a technician's chosen shade is kept otherwise).
  bool match_shade_to_buzz = false;
  ProgressFn progress;                               // optional; called from the delivering thread
  // Files the run read besides the photos (plans, a project, settings): like the photos, never
  // written over by an output.
  std::vector<std::filesystem::path> read_files;
};

// Width of the mockup: a picture to send or show on a screen, not a print.
inline constexpr int kMockupWidth = 2400;

// One view's photo for the deliverables.
struct ConsultationPhoto {
  std::filesystem::path path;
  cv::Mat3b pixels;
  std::optional<sim::HairlineGuides> guides;  // drawn on the report's plan picture
  sim::AnalysisImage analysis = {};           // of `pixels` (OpenedView's); made from them when empty
  std::shared_ptr<const sim::ScalpDetection> detection = {};  // of `pixels`, when known (OpenedView's)
};

struct ConsultationResult {
  sim::Project project;
  sim::Estimate estimate;                // combined
  std::size_t impressions = 0;           // of the main view
  std::vector<std::string> notes;        // confirm-in-person reasons and other remarks
  std::vector<std::string> warnings;     // one line each
  // The naturalness check of the main view: the client's own stubble as photographed against
  // the simulated healed work at arm's length, and what is likely to look fake (empty:
  // nothing). In the estimate JSON and the report too.
  std::string look;
  std::vector<std::string> naturalness;
  double buzz_ms = 0, simulate_ms = 0, render_ms = 0, write_ms = 0;  // buzz_ms: the buzz-cut preview (0 without)
};

// Simulates every view with the clinic's rates and writes the requested outputs
// all-or-nothing. `photos[i]` belongs to `project.views[i]`. Throws std::exception with a
// one-line message; `warnings` are carried into the result.
ConsultationResult deliver_consultation(sim::Project project, std::vector<ConsultationPhoto> photos,
                                        const Deliverables& what, const sim::ClinicSettings& clinic,
                                        std::vector<std::string> warnings = {});

// "After 3 sessions, healed", "After session 1, fresh (day 0)", "5 years after the last session".
std::string result_caption(const ResultState& state, int sessions);

// Why a start option `--session up_to_session` cannot be shown for a plan of `sessions`
// sessions (one line), or empty when it can.
std::string session_problem(int up_to_session, int sessions);

}  // namespace smp::app
