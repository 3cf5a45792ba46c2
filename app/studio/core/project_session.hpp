#pragma once
// A multi-view project open in the viewer (window-free). The project file format, the
// counting rule and the combined estimate are smp::sim's (project.hpp, project_io.hpp);
// this is the viewer's side: one Document and one undo history per view, the shared
// treatment parameters kept equal in every view, and which view is on screen.
//
// The view on screen lives in AppState::doc / AppState::undo like any single plan, so every
// tool works unchanged; its slot here holds nothing until another tab is chosen, when the
// two are swapped (activate_view).
//
// Undo is per view: Ctrl+Z undoes the last edit made in the view on screen, never an
// invisible hairline or mask edit in another tab. A technician checks what an undo did
// by looking at it, and in a project-wide history the step undone could be in a view
// that is not shown. Shared parameters stay shared under undo: undoing a density change
// in one view restores the old density there, and the propagation carries it to the others.

#include "core/document.hpp"
#include "core/undo_stack.hpp"

#include "smp/render/appearance.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/project.hpp"
#include "smp/sim/simulate.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

struct ViewSlot {
  std::uint64_t id = 0;              // stable while the project is open (tabs, background simulations)
  std::string name;                  // "Top", "Front", ...
  sim::CountedRegions counts;        // which parts of the scalp this view counts in the combined estimate
  Document doc;                      // empty while this view is on screen (AppState::doc holds it)
  UndoStack<sim::Plan> undo;         // idem: AppState::undo holds it while on screen
  // The last simulation of this view's plan at `simulated_revision`, for the combined estimate.
  std::shared_ptr<const sim::Simulation> simulation;
  std::uint64_t simulated_revision = 0;
  std::string simulation_error;      // the plan at `simulated_revision` could not be simulated
  std::uint64_t posted_revision = 0; // the revision last sent to the background simulator
};

struct ProjectSession {
  std::optional<std::filesystem::path> path;  // where Save writes; none = untitled
  std::string notes;                          // the project's own notes (kept as read)
  sim::PlanParams shared;                     // the shared treatment parameters
  std::string client_label;                   // shared by every view like the parameters
  std::vector<ViewSlot> views;
  std::size_t active = 0;                     // the view on screen
  bool dirty = false;                         // views added, renamed or their counts changed
  std::uint64_t structure_revision = 0;       // bumps with each such change (recovery copies)
  std::uint64_t next_id = 1;
};

// True when `path` holds a project document (false: a plan, a photo, or unreadable; the
// plan reader then reports what is wrong with it).
bool is_project_file(const std::filesystem::path& path);

// Opens a project file: every view's photo is located (also after a move), decoded and
// checked as app::open_view_of does. The first view is moved into `first` (to go on
// screen); the others stay in their slots. Throws std::exception with one line naming the
// file, the view and the problem (a missing photo, a malformed file ...).
// `decoder`: the viewer's (null: one per photo), here and below.
ProjectSession open_project_session(const std::filesystem::path& path, Document& first,
                                    render::PhotoDecoder* decoder = nullptr);

// The project of a recovery copy (photo paths absolute): opened like a project file, with
// Save going to `document` (empty: untitled) and everything marked unsaved. `copy_file`
// (the recovery copy) names the source in messages when there is no document.
ProjectSession recovered_project_session(const sim::Project& project, const std::string& document,
                                         const std::filesystem::path& copy_file, Document& first,
                                         render::PhotoDecoder* decoder = nullptr);

// A number that grows with every change anywhere in the project (for the recovery copy).
std::uint64_t project_revision(const ProjectSession& project, const Document& live);

// A new untitled one-view project around the document on screen (its parameters become
// the shared ones; the counting rule's defaults).
ProjectSession project_from_document(const Document& on_screen);

// A new view from a photo, opened the way the viewer opens any photo (open_document: the
// automatic first plan), with the project's shared parameters and client. Added last and
// the counting defaults reassigned; not made active. Throws like open_document.
void add_view_from_photo(ProjectSession& project, const Document& on_screen, const std::filesystem::path& photo,
                         const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance = {},
                         render::PhotoDecoder* decoder = nullptr);

// Puts view `index` on screen: `live`/`live_undo` (the view on screen) go back to their
// slot and the chosen view's document and history come out. Revisions are renumbered above
// every revision seen so far, so caches keyed by revision never mix two views.
void activate_view(ProjectSession& project, std::size_t index, Document& live, UndoStack<sim::Plan>& live_undo);

// When the plan on screen has parameters other than the shared ones (an edit, an undo),
// they become the shared parameters and are copied into every other view (each marked
// changed). The client's name is shared the same way. Returns true when anything changed.
// Cheap to call when only the client's name may have changed: `params_may_differ` false
// skips comparing the parameters.
bool propagate_shared(ProjectSession& project, const Document& live, bool params_may_differ = true);

// The project as the file format holds it (the view on screen taken from `live`).
sim::Project to_project(const ProjectSession& project, const Document& live);

// Saves to `path` (photo paths relative to it); marks the project and every view clean.
// Throws std::exception naming the file and the problem.
void save_project_session(ProjectSession& project, Document& live, const std::filesystem::path& path);

// Unsaved changes anywhere in the project (a view's plan or the project's structure).
bool project_dirty(const ProjectSession& project, const Document& live);

// "front-top.json *": the window title part.
std::string project_title(const ProjectSession& project, const Document& live);

// The combined estimate when every view has a simulation of its current plan; otherwise
// nothing (still calculating). `live_simulation` is the view on screen's.
std::optional<sim::ProjectEstimate> combined_estimate(const ProjectSession& project, const Document& live,
                                                      const std::shared_ptr<const sim::Simulation>& live_simulation,
                                                      const sim::ClinicRates& rates);

}  // namespace smp::studio
