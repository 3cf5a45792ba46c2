// Project commands: open, create from the open view, add a view, switch tabs, save; and the
// per-frame upkeep (shared parameters, background simulations, the combined estimate).

#include "actions.hpp"
#include "frame.hpp"
#include "project_ui.hpp"

#include "view_open.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace smp::studio {

namespace fs = std::filesystem;

namespace {

void remember(AppState& app, const fs::path& path) {
  app.recent.add(path);
  save_recent_files(app.recent, app.recent_location);
}

// The view on screen's dots, kept for the combined estimate while another tab is shown.
void keep_live_simulation(AppState& app) {
  ViewSlot& slot = app.project.session->views[app.project.session->active];
  slot.simulation = app.regen_state.simulation;
  slot.simulated_revision = dots_up_to_date(app) ? app.doc.revision : 0;
  slot.simulation_error.clear();
}

// A key of everything the combined estimate reads: recomputed only when it changes (the
// clinic's rates included: editing them prices the project again).
std::string estimate_key(const AppState& app) {
  const ProjectSession& s = *app.project.session;
  const sim::ClinicRates& r = app.consultation.clinic.rates;
  std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(app.regen_state.simulation.get()));
  for (const double v : {r.price_per_sq_in_min, r.price_per_sq_in_max, r.minimum_price, r.impressions_per_hour_min,
                         r.impressions_per_hour_max})
    key += "|" + std::to_string(v);
  key += "|" + r.currency;
  for (std::size_t i = 0; i < s.views.size(); ++i) {
    const ViewSlot& v = s.views[i];
    key += "|" + std::to_string(v.id) + ":" + std::to_string(v.counts.scalp) + std::to_string(v.counts.hairline_band);
    if (i != s.active) key += ":" + std::to_string(v.doc.revision) + "/" + std::to_string(v.simulated_revision);
  }
  return key;
}

}  // namespace

void set_project(AppState& app, ProjectSession session) {
  ProjectUi& ui = app.project;
  ui.session = std::move(session);
  ++ui.epoch;  // simulations still running for a project open before are not this one's
  ui.select_pending = true;
  ui.checked_revision = app.doc.revision;
  ui.estimate.reset();
  ui.estimate_key.clear();
}

bool open_project(AppState& app, const fs::path& path) {
  try {
    ensure_clinic_loaded(app);
    Document first;
    ProjectSession session = open_project_session(path, first, app.decoder.get());
    install_document(app, std::move(first));  // closes any project open before
    for (const ViewSlot& v : session.views)
      for (const std::string& w : v.doc.warnings) toast(app, v.name + ": " + w, 8.0, Level::Warning);
    set_project(app, std::move(session));
    remember(app, path);
    return true;
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not open", path.string(), e.what()));
    return false;
  }
}

void new_project_from_view(AppState& app) {
  if (!app.has_document || app.project.session) return;
  set_project(app, project_from_document(app.doc));
  toast(app, "New project with the view \"" + app.project.session->views.front().name +
                 "\". Add more views with the + tab; File > Save writes the project.");
}

void begin_add_view(AppState& app) {
  app.browser.purpose = FileBrowserState::Purpose::AddView;
  app.browser.open_request = true;
  app.browser.name.clear();
}

bool add_project_view(AppState& app, const fs::path& photo) {
  if (!app.project.session) new_project_from_view(app);
  if (!app.project.session) return false;
  try {
    ensure_clinic_loaded(app);
    add_view_from_photo(*app.project.session, app.doc, photo, app.consultation.clinic, app.appearance, app.decoder.get());
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not add a view from", photo.string(), e.what()));
    return false;
  }
  ViewSlot& added = app.project.session->views.back();
  for (const std::string& w : added.doc.warnings) toast(app, added.name + ": " + w, 8.0, Level::Warning);
  switch_view(app, app.project.session->views.size() - 1);
  return true;
}

void switch_view(AppState& app, std::size_t index) {
  if (!app.project.session) return;
  ProjectSession& s = *app.project.session;
  if (index >= s.views.size() || index == s.active) return;
  keep_live_simulation(app);
  ViewSlot& slot = s.views[index];
  const bool current = slot.simulation && slot.simulated_revision == slot.doc.revision;
  activate_view(s, index, app.doc, app.undo);
  app.project.checked_revision = app.doc.revision;  // its parameters are the shared ones
  app.project.select_pending = true;
  show_document(app);
  // The chosen view's last simulation, if current, counts in the estimate until its dots come.
  if (current) app.regen_state.simulation = slot.simulation;
  slot.simulation.reset();
}

void begin_save_project_as(AppState& app) {
  if (!app.project.session) return;
  app.browser.purpose = FileBrowserState::Purpose::SaveProject;
  app.browser.open_request = true;
  const auto& path = app.project.session->path;
  app.browser.name = path ? path->filename().string() : app.doc.photo_path.stem().string() + "-project.json";
}

bool save_project_as(AppState& app, const fs::path& path) {
  if (!app.project.session) return false;
  try {
    save_project_session(*app.project.session, app.doc, path);
    remember(app, path);
    toast(app, "Saved " + path.filename().string());
    return true;
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not save", path.string(), e.what()));
    return false;
  }
}

void project_tick(AppState& app) {
  if (!app.project.session || !app.has_document) return;
  ProjectUi& ui = app.project;
  ProjectSession& s = *ui.session;
  // Parameters change with a new revision; the client's name (export text) without one.
  propagate_shared(s, app.doc, ui.checked_revision != app.doc.revision);
  ui.checked_revision = app.doc.revision;
  // Simulator keys: the project's epoch in the high half, the view's id in the low half.
  for (ViewSimulation& r : ui.simulator.take())
    for (ViewSlot& v : s.views)
      if (r.view_id == ((ui.epoch << 32) | v.id) && v.doc.revision == r.revision) {
        v.simulation = std::move(r.simulation);
        v.simulated_revision = r.revision;
        v.simulation_error = std::move(r.error);
      }
  // During a slider drag the other views are simulated once, when it ends.
  for (std::size_t i = 0; i < s.views.size() && !app.grouper.pending(); ++i) {
    ViewSlot& v = s.views[i];
    if (i == s.active || v.simulated_revision == v.doc.revision || v.posted_revision == v.doc.revision) continue;
    ui.simulator.post((ui.epoch << 32) | v.id, v.doc.revision, app::plan_snapshot(v.doc.plan), app.consultation.clinic.rates);
    v.posted_revision = v.doc.revision;
  }
  if (std::string key = estimate_key(app); key != ui.estimate_key) {
    ui.estimate = combined_estimate(s, app.doc, app.regen_state.simulation, app.consultation.clinic.rates);
    ui.estimate_key = std::move(key);
  }
}

bool project_settled(const AppState& app) {
  if (!app.project.session) return true;
  if (app.project.estimate || !app.regen_state.error.empty()) return true;
  const auto& views = app.project.session->views;
  return std::any_of(views.begin(), views.end(), [](const ViewSlot& v) { return !v.simulation_error.empty(); });
}

std::optional<ProjectDelivery> project_delivery(const AppState& app) {
  if (!app.project.session || !app.has_document) return std::nullopt;
  const ProjectSession& s = *app.project.session;
  ProjectDelivery out;
  out.project = to_project(s, app.doc);
  std::vector<std::size_t> order{s.active};
  for (std::size_t i = 0; i < s.views.size(); ++i)
    if (i != s.active) order.push_back(i);
  std::vector<sim::ProjectView> views;
  for (const std::size_t i : order) {
    const Document& d = i == s.active ? app.doc : s.views[i].doc;
    sim::ProjectView v = out.project.views[i];
    v.plan = app::plan_snapshot(v.plan);  // the brush may keep painting the live masks
    views.push_back(std::move(v));
    out.photos.push_back({d.photo_path, d.photo, std::nullopt});
    if (out.no_price_reason.empty() && !d.guess_reason.empty())
      out.no_price_reason = "view \"" + s.views[i].name + "\": " + d.guess_reason;
  }
  out.project.views = std::move(views);
  return out;
}

}  // namespace smp::studio
