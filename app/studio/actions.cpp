#include "actions.hpp"

#include "view_open.hpp"

#include <algorithm>
#include <exception>

namespace smp::studio {

namespace fs = std::filesystem;

void mark_plan_changed(AppState& app, bool masks) {
  app.doc.dirty = true;
  ++app.doc.revision;
  app.changed_this_frame = true;
  if (masks) ++app.mask_revision;
}

namespace {

// Undo/redo swap the whole plan: not an edit of its own, so the grouper must not see it.
void plan_replaced(AppState& app) {
  app.doc.dirty = true;
  ++app.doc.revision;
  ++app.mask_revision;
  app.mask_dirty = {};
  app.frame_start_plan = app.doc.plan;
  app.hairline.drag = -1;
}

}  // namespace

void toast(AppState& app, std::string message, double seconds, Level level) {
  app.messages.post(level, std::move(message), seconds);
}

std::string failure_line(const std::string& action, const std::string& subject, std::string why) {
  std::replace(why.begin(), why.end(), '\n', ' ');
  if (why.rfind(subject, 0) == 0) return action + " " + why;
  return action + " " + subject + ": " + why;
}

void show_error(AppState& app, std::string message) {
  app.messages.post(Level::Error, message, 8.0);
  app.dialogs.error = std::move(message);
}

void install_document(AppState& app, Document doc) {
  // Revisions keep counting across documents: the regeneration cache is keyed by them.
  const std::uint64_t revision = app.doc.revision + 1;
  app.doc = std::move(doc);
  app.doc.revision = revision;
  app.undo.clear();
  app.project.session.reset();  // a photo or a plan opened on its own closes the project
  show_document(app);
  for (const std::string& w : app.doc.warnings) toast(app, w, 8.0, Level::Warning);
}

void show_document(AppState& app) {
  app.has_document = true;
  app.grouper = {};
  app.frame_start_plan = app.doc.plan;
  ++app.mask_revision;
  app.mask_dirty = {};
  app.hairline = {};
  app.calibration = {};
  app.view.fit_pending = true;
  app.regen_state.simulation.reset();
  app.regen_state.error.clear();
  app.regen_state.stubble.reset();  // measured again on the new photo
  app.buzz_preview = {};  // the new document's photo is shown as photographed until synced
  // Dots still being made for the previous photo must never reach this one.
  app.regen_state.document_generation = app.regen_state.generation + 1;
  if (app.scene) {
    app.scene->set_photo(app.doc.photo);
    app.scene->clear_pigment();
  }
}

bool open_path(AppState& app, const fs::path& path) {
  if (is_project_file(path)) return open_project(app, path);
  try {
    ensure_clinic_loaded(app);
    install_document(app, open_document(path, app.consultation.clinic, app.appearance, app.decoder.get()));
    app.recent.add(path);
    save_recent_files(app.recent, app.recent_location);
    return true;
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not open", path.string(), e.what()));
    return false;
  }
}

void perform(AppState& app, PendingAction action, const fs::path& path) {
  switch (action) {
    case PendingAction::None: break;
    case PendingAction::New:
      app.browser = {FileBrowserState::Purpose::Open, true, app.browser.folder, {}, {}};
      break;
    case PendingAction::Open:
      app.browser = {FileBrowserState::Purpose::Open, true, app.browser.folder, {}, {}};
      break;
    case PendingAction::OpenPath: open_path(app, path); break;
    case PendingAction::Quit: app.quit = true; break;
  }
}

void request(AppState& app, PendingAction action, const fs::path& path) {
  const bool dirty = app.project.session ? project_dirty(*app.project.session, app.doc) : app.doc.dirty;
  if (app.has_document && dirty) {
    app.dialogs.pending = action;
    app.dialogs.pending_path = path;
    app.dialogs.ask_unsaved = true;
    return;
  }
  perform(app, action, path);
}

void save_as(AppState& app, const fs::path& path) {
  try {
    save_document(app.doc, path);
    app.recent.add(path);
    save_recent_files(app.recent, app.recent_location);
    toast(app, "Saved " + path.filename().string());
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not save", path.string(), e.what()));
  }
}

bool save(AppState& app) {
  if (!app.has_document) return false;
  if (app.project.session) {
    if (app.project.session->path) return save_project_as(app, *app.project.session->path);
    begin_save_project_as(app);
    return false;
  }
  if (!app.doc.plan_path) {
    app.browser.purpose = FileBrowserState::Purpose::SavePlan;
    app.browser.open_request = true;
    app.browser.name = app.doc.photo_path.stem().string() + "-plan.json";
    return false;
  }
  save_as(app, *app.doc.plan_path);
  return !app.doc.dirty;
}

void undo(AppState& app) {
  if (auto s = app.undo.undo(app.doc.plan)) {
    app.doc.plan = std::move(*s);
    plan_replaced(app);
  }
}

void redo(AppState& app) {
  if (auto s = app.undo.redo(app.doc.plan)) {
    app.doc.plan = std::move(*s);
    plan_replaced(app);
  }
}

namespace {

// The answer of a detection started on `photo`: its masks (and for a new front direction,
// the head frame and hairline) replace the plan's, unless another photo was opened meanwhile.
void apply_detection(AppState& app, const fs::path& photo, bool new_front, const sim::Plan& automatic) {
  if (!app.has_document || app.doc.photo_path != photo) return;
  if (new_front) {
    app.doc.plan.head = automatic.head;
    app.doc.plan.hairline = automatic.hairline;
    app.doc.plan.notes = automatic.notes;
  }
  if (automatic.masks.treatment.empty() || cv::countNonZero(automatic.masks.treatment) == 0) {
    toast(app, "No scalp found; the treatment area is unchanged.", 4.0, Level::Warning);
    if (new_front) mark_plan_changed(app, false);
    return;
  }
  app.doc.plan.masks.treatment = automatic.masks.treatment;
  app.doc.plan.masks.hair = automatic.masks.hair;
  app.doc.plan.masks.occlusion = automatic.masks.occlusion;
  app.doc.plan.masks.bald = automatic.masks.bald;
  mark_plan_changed(app, true);
  app.mask_dirty = {};
  toast(app, new_front ? std::string("The face is now toward the ") + sim::face_side_name(automatic.head.front_dir) +
                             " of the photo."
                       : std::string("Treatment area detected."));
}

// The automatic detection again; with `front`, as a top view with the face that way.
void start_detection(AppState& app, std::optional<cv::Point2d> front) {
  const bool started = app.task.start(
      front ? "Turning the front direction" : "Detecting the scalp",
      [&app, front, photo = app.doc.photo, path = app.doc.photo_path,
       plan = app::plan_snapshot(app.doc.plan)](const TaskProgress&) {
        sim::Plan automatic = front ? sim::replan_facing(photo, plan, *front) : sim::make_auto_plan(photo, plan.photo);
        return TaskResult{{}, [&app, new_front = front.has_value(), path, automatic = std::move(automatic)] {
                            apply_detection(app, path, new_front, automatic);
                          }};
      });
  if (!started) toast(app, "Busy: " + app.task.stage() + "; try again when it is done.", 4.0, Level::Warning);
}

}  // namespace

void start_auto_detection(AppState& app) { start_detection(app, std::nullopt); }

void start_front_flip(AppState& app) { start_detection(app, -app.doc.plan.head.front_dir); }

void start_facing(AppState& app, cv::Point2d front) { start_detection(app, front); }

}  // namespace smp::studio
