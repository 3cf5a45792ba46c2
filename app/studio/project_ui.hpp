#pragma once
// Multi-view projects in the viewer: the open project (if any), its tabs above the canvas,
// the background simulations of the views not on screen and the combined estimate. One
// member of AppState; with no project open the viewer is the single-plan viewer.

#include "core/project_session.hpp"
#include "core/view_simulator.hpp"
#include "deliverables.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

struct AppState;

struct ProjectUi {
  std::optional<ProjectSession> session;   // none: a single plan is open
  ViewSimulator simulator;                 // the views not on screen, for the combined estimate
  bool select_pending = false;             // the tab bar still has to show `session->active` selected
  std::uint64_t checked_revision = 0;      // the live revision last compared with the shared parameters
  std::vector<std::array<float, 4>> tab_rects;  // screen rectangles (x, y, w, h) of the tabs, for tests
  std::array<float, 4> add_rect{};         // the "+" tab
  std::optional<sim::ProjectEstimate> estimate;  // the combined estimate, when every view is simulated
  std::string estimate_key;                // what `estimate` was computed from
  std::uint64_t epoch = 0;                 // counts the projects opened (background results carry it)
};

// Makes `session` the open project (app.doc already holds its view on screen).
void set_project(AppState& app, ProjectSession session);
// Opens a project file (File > Open, the command line, drag and drop). Reports problems
// in a dialog and keeps what is open. Returns true when opened.
bool open_project(AppState& app, const std::filesystem::path& path);
// File > New project from this view: an untitled project holding the open plan.
void new_project_from_view(AppState& app);
// The + tab and File > Add view from photo: the file browser, then add_project_view.
void begin_add_view(AppState& app);
// Adds a view from a photo (its automatic first plan, the shared parameters) and shows it.
bool add_project_view(AppState& app, const std::filesystem::path& photo);
// Shows view `index` (its photo, plan and undo history).
void switch_view(AppState& app, std::size_t index);
// File > Save project as: the file browser at the project's name.
void begin_save_project_as(AppState& app);
// Saves the project to `path`; false (with the error shown) when it could not be saved.
bool save_project_as(AppState& app, const std::filesystem::path& path);
// Once a frame after the UI: shared parameters, background simulations, the combined estimate.
void project_tick(AppState& app);

// Nothing left to compute for the estimate panel: no project, or its combined estimate is
// shown, or a view cannot be simulated (screenshots wait for this).
bool project_settled(const AppState& app);

// The tab bar above the canvas at `pos`, `width` wide; returns its height.
float project_tabs(AppState& app, float x, float y, float width);
// The combined estimate table with each view's share and counted regions (editable).
void project_estimate_table(AppState& app);
// With a project open: every view (the one on screen first, as the main view) with its
// photo, for a report of the whole project and its combined estimate; and why no price may
// be shown, if a view's plan is a guess. Nothing when no project is open.
struct ProjectDelivery {
  sim::Project project;
  std::vector<app::ConsultationPhoto> photos;
  std::string no_price_reason;
};
std::optional<ProjectDelivery> project_delivery(const AppState& app);

// The project's part of the layout JSON (tests).
nlohmann::json project_layout(const AppState& app);

}  // namespace smp::studio
