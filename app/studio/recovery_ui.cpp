#include "recovery_ui.hpp"

#include "view_open.hpp"

#include "actions.hpp"

#include <imgui.h>

#include <exception>
#include <memory>

namespace smp::studio {

namespace fs = std::filesystem;

namespace {

std::string absolute_text(const fs::path& p) {
  std::error_code ec;
  const fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).string();
}

// A project's copy: every view's plan with its photo path absolute, and the project's file.
RecoveryAutosave::Snapshot project_snapshot(const AppState& app) {
  const ProjectSession& session = *app.project.session;
  sim::Project project = to_project(session, app.doc);
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    sim::Plan& plan = project.views[i].plan;
    plan = app::plan_snapshot(plan);
    plan.photo.path = absolute_text(i == session.active ? app.doc.photo_path : session.views[i].doc.photo_path);
  }
  RecoveryAutosave::Snapshot s{project.views.front().plan, session.path ? absolute_text(*session.path) : std::string(), {}};
  s.project = std::move(project);
  return s;
}

RecoveryAutosave::Snapshot snapshot(const AppState& app) {
  if (app.project.session) return project_snapshot(app);
  // Mask strokes paint in place: the writer thread gets its own pixels.
  RecoveryAutosave::Snapshot s{app::plan_snapshot(app.doc.plan), {}};
  std::error_code ec;
  const fs::path photo = fs::absolute(app.doc.photo_path, ec);
  s.plan.photo.path = (ec ? app.doc.photo_path : photo).string();
  if (app.doc.plan_path) {
    const fs::path doc = fs::absolute(*app.doc.plan_path, ec);
    s.document = (ec ? *app.doc.plan_path : doc).string();
  }
  return s;
}

// Grows with every edit of what the copy holds: the plan, or with a project every view.
std::uint64_t recovery_revision(const AppState& app) {
  return app.project.session ? project_revision(*app.project.session, app.doc) : app.doc.revision;
}

void restore(AppState& app, const app::RecoveryEntry& entry) {
  app::RecoveryStore* store = app.recovery.store();
  try {
    if (entry.project) {
      Document first;
      ProjectSession session =
          recovered_project_session(store->load_project(entry), entry.document, entry.file, first, app.decoder.get());
      install_document(app, std::move(first));
      set_project(app, std::move(session));
    } else {
      install_document(app, recovered_document(store->load(entry), entry.document));
    }
    app.doc.dirty = true;
  } catch (const std::exception& e) {
    show_error(app, failure_line("Could not restore", describe_recovery_entry(entry), e.what()));
    return;
  }
  // The old copy goes only once this session holds the plan in a copy of its own.
  std::string error;
  if (!app.recovery.write_now(recovery_revision(app), snapshot(app), error)) {
    toast(app, "Restored, but no new recovery copy could be written: " + error, 8.0);
    return;
  }
  try {
    store->discard(entry.session_id);
  } catch (const std::exception& e) {
    toast(app, e.what(), 8.0);
  }
  toast(app, "Restored " + describe_recovery_entry(entry) + ". Save it to keep it.", 8.0);
}

void discard_offer(AppState& app, const app::RecoveryEntry& entry) {
  try {
    app.recovery.store()->discard(entry.session_id);
  } catch (const std::exception& e) {
    show_error(app, e.what());
  }
}

}  // namespace

void start_recovery(AppState& app) {
  const Options& o = app.options;
  if (!o.screenshot.empty() || o.bench_frames > 0 || !o.layout_json.empty()) return;
  try {
    auto store = std::make_shared<app::RecoveryStore>();
    app.recovery_offers = store->list_orphaned();
    app.ask_recovery = !app.recovery_offers.empty();
    app.recovery = RecoveryAutosave(std::move(store));
  } catch (const std::exception& e) {
    toast(app, std::string("Crash recovery is off: ") + e.what(), 8.0);
  }
}

void autosave_tick(AppState& app) {
  const bool dirty = app.project.session ? project_dirty(*app.project.session, app.doc) : app.doc.dirty;
  app.recovery.update(RecoveryAutosave::Clock::now(), app.has_document && dirty, recovery_revision(app),
                      [&app] { return snapshot(app); });
  if (std::string error = app.recovery.take_error(); !error.empty()) toast(app, error, 8.0);
}

void end_recovery(AppState& app) { app.recovery.discard(); }

void recovery_prompt(AppState& app) {
  if (app.ask_recovery) {
    ImGui::OpenPopup("Recover unsaved work");
    app.ask_recovery = false;
  }
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal("Recover unsaved work", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("SMP Studio did not close normally. These plans or projects had unsaved changes:");
  ImGui::Spacing();
  const float w = 90 * ImGui::GetFontSize() / 15.0f;
  std::size_t remove = app.recovery_offers.size();
  bool restored = false;
  for (std::size_t i = 0; i < app.recovery_offers.size(); ++i) {
    const app::RecoveryEntry& e = app.recovery_offers[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::BulletText("%s", describe_recovery_entry(e).c_str());
    ImGui::SameLine();
    // One document is open at a time: restoring replaces it, the other copies wait.
    if (e.problem.empty() && ImGui::Button("Restore", {w, 0})) {
      restore(app, e);
      remove = i;
      restored = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", {w, 0})) {
      discard_offer(app, e);
      remove = i;
    }
    if (!e.problem.empty()) ImGui::TextColored({1, 0.5f, 0.4f, 1}, "  %s", e.problem.c_str());
    ImGui::PopID();
  }
  if (remove < app.recovery_offers.size())
    app.recovery_offers.erase(app.recovery_offers.begin() + static_cast<std::ptrdiff_t>(remove));
  ImGui::Spacing();
  ImGui::TextDisabled("Copies you keep are offered again the next time SMP Studio starts.");
  if (ImGui::Button("Keep for later", {2 * w, 0}) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
      restored || app.recovery_offers.empty()) {
    app.recovery_offers.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace smp::studio
