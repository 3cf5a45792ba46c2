#pragma once
// The one application-state object, owned by main() and passed by reference to every
// feature. Nothing in the viewer lives in globals or file-level statics.

#include "consultation_ui.hpp"
#include "core/document.hpp"
#include "core/message_log.hpp"
#include "core/background_task.hpp"
#include "core/recent_files.hpp"
#include "core/recovery_autosave.hpp"
#include "core/regen_worker.hpp"
#include "core/undo_stack.hpp"
#include "core/view_transform.hpp"
#include "platform_window.hpp"
#include "project_ui.hpp"
#include "smp/render/appearance.hpp"
#include "buzz_preview.hpp"
#include "core/buzz_worker.hpp"
#include "ui_pictures.hpp"
#include "timeline_strip.hpp"
#include "smp/render/gl/scene_renderer.hpp"
#include "smp/render/gl/tiled_texture.hpp"
#include "smp/sim/auto_plan.hpp"

#include <chrono>
#include <deque>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

enum class Tool { Hairline, Mask, Calibrate, Pan, Eyedropper };
enum class MaskLayer { Treatment, Scar, Exclusion };
enum class CompareMode { After, Split, SideBySide };

// Command-line options (and test automation switches).
struct Options {
  std::filesystem::path open;          // photo or plan; empty = the bundled demo
  std::filesystem::path screenshot;    // save the window after `frames` frames, then exit
  int frames = 5;
  int window_width = 1600, window_height = 1000;  // logical pixels
  int max_tile = 1024;                 // texture tile edge; 0 = GPU limit; tests force small tiles
  bool gl_checks = false;              // throw on GL errors (tests)
  bool hide_overlays = false;          // start with hairline/mask overlays hidden
  bool hide_panels = false;            // the canvas only (golden-image tests)
  std::string view = "fit";            // "fit" or "100"
  std::string compare = "after";       // after | split | side | before
  std::filesystem::path layout_json;   // write canvas rect, view and handle positions here
  int bench_frames = 0;                // > 0: pan/zoom for N frames, report frame times, exit
  bool bench_regen = false;            // with bench_frames: change the seed while panning
  int bench_edits = 0;                 // > 0: N edits without panning, report edit-to-dots times, exit
  std::string state;                   // --state: "fresh" or "healed"; empty = healed
  double years = 0;                    // --years: years after the last session, 0-10
  int session = 0;                     // --session: show sessions 1..K; 0 = all
};

struct MaskBrush {
  MaskLayer layer = MaskLayer::Treatment;
  bool erase = false;
  float size_mm = 20.0f;   // brush diameter on the scalp
  float hardness = 0.6f;   // 1 = hard edge, 0 = soft all the way from the centre
};

struct Overlays {
  bool hairline = true;
  bool band = true;        // transition zone
  bool masks = true;
  bool midline = true;
};

struct ViewState {
  ViewTransform view;
  cv::Rect2d canvas;              // logical window px
  double pixel_ratio = 1.0;       // framebuffer px per logical px (HiDPI)
  bool fit_pending = true;        // fit on the next frame (after opening, resizing before first fit)
  bool actual_pending = false;    // 100% on the next frame
  ViewTransform fitted;           // the view the last fit made (still equal to `view`: refit on resize)
  cv::Size2d pane;                // the pane size the view was last laid out for (logical px)
  CompareMode compare = CompareMode::After;
  double split = 0.5;             // split line position as a fraction of the canvas width
  bool holding_before = false;    // the hold-to-compare key is down
  bool force_before = false;      // --compare before
  int up_to_session = 0;          // 0 = all sessions
  bool fresh = false;             // the last shown session on day 0 (scabbed, reddened) instead of healed
  double years = 0;               // years after the last session (0-10; healed only): the fading preview
  bool dragging_split = false;
  bool overlays_drawn = false;    // this frame drew handles or masks (tests read it)
};

struct HairlineEdit {
  int hover = -1, drag = -1;      // index into the displayed (full) control points
  bool drag_mirror = false;       // the dragged point is the mirrored copy
  bool drag_midline = false, rotate_midline = false;
  cv::Point2d drag_start_photo;
  sim::Plan drag_start_plan;      // for rigid midline moves
  MouseClick last_click;          // the previous left press, for double clicks
};

struct Calibration {
  std::vector<cv::Point2d> clicks;  // photo px, 0-2
  double distance_mm = 50.0;
  bool ask = false;
};

struct EyedropperDrag {
  bool active = false;
  cv::Point2d start;              // photo px where the drag began
};

struct MaskStroke {
  bool active = false;
  cv::Point2d last;               // mask px
};

struct RegenState {
  std::uint64_t generation = 0;
  std::uint64_t document_generation = 1;  // the first generation of the open document: older results are another photo's
  std::uint64_t requested_revision = 0;
  std::uint64_t requested_buzz = 0;       // BuzzPreview::applied when last requested
  int requested_session = -1;
  bool requested_fresh = false;
  double requested_years = 0;
  std::uint64_t shown_generation = 0;
  std::shared_ptr<const sim::Simulation> simulation;
  double last_simulate_ms = 0, last_layer_ms = 0, last_upload_ms = 0;
  std::size_t last_placed = 0;  // impressions the last simulation placed (0: reused them all)
  // Edit-to-dots latency: from the edit's regeneration request until its dots are uploaded.
  std::optional<std::chrono::steady_clock::time_point> staged_edit_time;
  double last_edit_to_dots_ms = 0;
  std::string error;
  std::string look;                      // the naturalness check of the dots shown (RegenResult)
  std::optional<render::StubbleMeasure> stubble;  // the client's stubble as measured (RegenResult)
  std::optional<render::PhotoTone> tone;           // the tone the dots shown were drawn with (RegenResult)
  std::vector<std::string> naturalness;
};

struct FileBrowserState {
  enum class Purpose { Open, SavePlan, ExportImage, SaveProject, AddView } purpose = Purpose::Open;
  bool open_request = false;
  std::filesystem::path folder;
  std::string name;               // file name typed for save/export
  std::string error;
};

// What to do once unsaved changes are dealt with.
enum class PendingAction { None, New, Open, OpenPath, Quit };

struct Dialogs {
  PendingAction pending = PendingAction::None;
  std::filesystem::path pending_path;
  bool ask_unsaved = false;
  bool resume_after_save = false; // "Save" on an untitled plan: run `pending` once Save As succeeds
  std::string error;              // shown in a modal (also in the message history)
  bool show_messages = false;     // the message history window
};

struct FrameStats {
  std::vector<double> frame_ms;   // recorded during benchmarks
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  double last_ms = 0;
  std::uint64_t frames = 0;       // frames drawn so far (tests wait for new ones)
};

struct AppState {
  Options options;
  Document doc;
  bool has_document = false;
  render::AppearanceParams appearance;
  // Photos are decoded by one decoder service for the viewer's whole run (started with the
  // window, so opening a photo does not wait for the codecs' libraries); null: one per photo.
  std::unique_ptr<render::PhotoDecoder> decoder;

  UndoStack<sim::Plan> undo;
  EditGrouper<sim::Plan> grouper;
  sim::Plan frame_start_plan;
  bool changed_this_frame = false;
  std::uint64_t mask_revision = 1;  // bumps when a mask changes (overlay re-upload)
  cv::Rect mask_dirty;              // mask px changed since the last upload; empty = all

  Tool tool = Tool::Hairline;
  MaskBrush brush;
  Overlays overlays;
  ViewState view;
  HairlineEdit hairline;
  Calibration calibration;
  MaskStroke stroke;

  RegenWorker regen;
  RegenState regen_state;
  BackgroundTask task;              // exports, the report, scalp detection (one at a time)
  RecentFiles recent;
  std::filesystem::path recent_location;
  FileBrowserState browser;
  Dialogs dialogs;
  MessageLog messages;              // every message to the person (toast, show_error)
  FrameStats stats;
  std::vector<KeyPress> key_presses;  // this frame's, in order (shortcuts)
  std::vector<MouseClick> clicks;     // this frame's button presses, in order (double clicks)
  RecoveryAutosave recovery;       // crash-recovery copy of the open plan (disabled in automation)
  std::vector<app::RecoveryEntry> recovery_offers;  // copies left by a crash, offered at start
  bool ask_recovery = false;
  ConsultationUi consultation;      // templates, face rules, clinic settings, exports
  BuzzPreview buzz_preview;         // the canvas photo buzzed for the plan's remaining hair
  BuzzWorker buzz;                  // clips the remaining hair off the UI thread (its own lane)
  UiPictures pictures;              // icon, template diagrams, thumbnails, logo preview (GL)
  TimelineStrip timeline;           // thumbnails of the treatment's moments under the canvas
  EyedropperDrag eyedropper;        // the shade eyedropper's rectangle being dragged
  ProjectUi project;                // the open multi-view project, if any (tabs, combined estimate)
  // Screen rectangle (x, y, width, height) of the Client name field when it was last drawn
  // visible; zero otherwise. Written to --layout-json for tests that type into it.
  std::array<float, 4> client_field_rect{};
  // Named widgets drawn this frame (x, y, width, height), for tests that click them
  // (note_widget; "state_fresh", "years", "clinic_save" ...).
  std::map<std::string, std::array<float, 4>> widget_rects;
  // Presentation mode (F5): the photo and the simulation only, for the client's eyes: no
  // panels, handles, masks or tools. F5 or Escape leaves it.
  bool presentation = false;
  bool quit = false;

  // GL resources: created after the context, destroyed before it (see main).
  std::unique_ptr<render::gl::SceneRenderer> scene;
  render::gl::TiledTexture mask_overlay;
  std::uint64_t overlay_revision = 0;
  std::uint64_t overlay_buzz = 0;  // BuzzPreview::applied the overlay was drawn over (0: no buzz)
};

// Every edit of the plan goes through here: marks the document dirty and schedules
// regeneration (and an overlay upload when `masks` changed).
void mark_plan_changed(AppState& app, bool masks = false);

// Messages go through one channel (app.messages): a line in the status bar and the history.
void toast(AppState& app, std::string message, double seconds = 4.0, Level level = Level::Info);
// An error: the same channel, and a dialog the person must close.
void show_error(AppState& app, std::string message);
// A failure as one line, "ACTION SUBJECT: WHY", or "ACTION WHY" when WHY already starts with
// the subject (the status bar shows one line; the file is named once).
std::string failure_line(const std::string& action, const std::string& subject, std::string why);

}  // namespace smp::studio
