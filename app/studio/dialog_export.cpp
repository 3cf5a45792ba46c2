// Exports from the viewer: the before/after picture (Ctrl+E and the Consultation panel are
// the same export) and the consultation report, written in the background by the code
// smp-render uses (app::deliver_consultation), in the state the canvas shows.

#include "actions.hpp"
#include "automation.hpp"
#include "app_state.hpp"
#include "panels.hpp"

#include "asset_paths.hpp"
#include "view_open.hpp"
#include "smp/render/export_layouts.hpp"
#include "smp/sim/project.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace smp::studio {

namespace {

namespace fs = std::filesystem;

// Next to the saved plan, else next to the photo; never into the bundled assets.
fs::path output_folder(const Document& doc) {
  if (doc.plan_path) return doc.plan_path->parent_path();
  std::error_code ec;
  if (const auto assets = app::asset_dir()) {
    const fs::path rel = fs::weakly_canonical(doc.photo_path, ec).lexically_relative(fs::weakly_canonical(*assets, ec));
    if (!rel.empty() && *rel.begin() != "..") return fs::current_path(ec);
  }
  return doc.photo_path.parent_path();
}

// "Zoë Müller" -> "Zo-M-ller": letters and digits of the name, safe in any file system.
std::string file_name_part(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    const bool keep = std::isalnum(c) != 0;
    if (keep) out += static_cast<char>(c);
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Starts a delivery of the open plan, as it is now, in the background.
void deliver(AppState& app, app::Deliverables what, const std::string& target) {
  if (app.task.running()) {
    toast(app, "An export is already running.");
    return;
  }
  const ConsultationUi& ui = app.consultation;
  what.state = {app.view.up_to_session, app.view.fresh && app.view.years <= 0, app.view.years};
  what.appearance = app.appearance;
  what.no_price_reason = app.doc.guess_reason;
  // The open plan and project files are never written over by an export (nor the photos).
  if (app.doc.plan_path) what.read_files.push_back(*app.doc.plan_path);
  if (app.project.session && app.project.session->path) what.read_files.push_back(*app.project.session->path);
  sim::Project project = sim::project_from_plan(app::plan_snapshot(app.doc.plan));
  std::vector<app::ConsultationPhoto> photos{{app.doc.photo_path, app.doc.photo, std::nullopt}};
  if (what.report) {  // with a project open the report covers every view and the combined estimate
    if (std::optional<ProjectDelivery> p = project_delivery(app)) {
      project = std::move(p->project);
      photos = std::move(p->photos);
      what.no_price_reason = std::move(p->no_price_reason);
    }
  }
  app.task.start("Writing " + fs::path(target).filename().string(),
                 [project = std::move(project), photos = std::move(photos),
                  what = std::move(what), clinic = ui.clinic, target](const TaskProgress& progress) mutable {
                   what.progress = progress;
                   const app::ConsultationResult r = app::deliver_consultation(std::move(project), std::move(photos), what, clinic);
                   TaskResult out{{"Saved " + target}, {}};
                   out.messages.insert(out.messages.end(), r.warnings.begin(), r.warnings.end());
                   return out;
                 });
}

}  // namespace

void derive_output_paths(AppState& app) {
  ConsultationUi& ui = app.consultation;
  const std::string from = app.doc.photo_path.string() + '\n' + app.doc.plan.client_label;
  if (ui.paths_from == from) return;
  ui.paths_from = from;
  const fs::path folder = output_folder(app.doc);
  std::string stem = app.doc.photo_path.stem().string();
  if (const std::string client = file_name_part(app.doc.plan.client_label); !client.empty()) stem = client + "-" + stem;
  ui.export_path = (folder / (stem + "-before-after.jpg")).string();
  ui.report_path = (folder / (stem + "-report.pdf")).string();
}

void begin_export(AppState& app) {
  if (!app.has_document) return;
  derive_output_paths(app);
  const fs::path target = app.consultation.export_path;
  app.browser.purpose = FileBrowserState::Purpose::ExportImage;
  app.browser.open_request = true;
  app.browser.folder = target.parent_path();
  app.browser.name = target.filename().string();
}

void start_export(AppState& app, const fs::path& output) {
  ConsultationUi& ui = app.consultation;
  ui.export_path = output.string();
  app::Deliverables what;
  what.export_image = output;
  what.layout = static_cast<render::ExportLayout>(ui.layout);
  what.export_width = ui.width;
  deliver(app, std::move(what), ui.export_path);
}

void start_report(AppState& app) {
  app::Deliverables what;
  what.report = app.consultation.report_path;
  deliver(app, std::move(what), app.consultation.report_path);
}

void poll_background_task(AppState& app) {
  const std::optional<TaskOutcome> outcome = app.task.take_finished();
  if (!outcome) return;
  if (!outcome->ok) {
    show_error(app, outcome->messages.front());
    return;
  }
  if (outcome->on_main_thread) outcome->on_main_thread();
  for (std::size_t i = 0; i < outcome->messages.size(); ++i)
    toast(app, outcome->messages[i], 8.0, i == 0 ? Level::Info : Level::Warning);
}

void export_block(AppState& app) {
  ConsultationUi& ui = app.consultation;
  derive_output_paths(app);
  const char* layouts[] = {"Side by side", "Split", "Timeline grid"};
  ImGui::SetNextItemWidth(-FLT_MIN);
  const int shown = std::clamp(ui.layout, 0, 2);
  if (ImGui::BeginCombo("##layout", layouts[shown])) {
    for (int i = 0; i < 3; ++i) {
      if (ImGui::Selectable(layouts[i], i == shown)) ui.layout = i;
      note_widget(app, std::string("export_layout:") + layouts[i]);
    }
    ImGui::EndCombo();
  } else {
    note_widget(app, "export_layout");
  }
  ImGui::InputInt("Width px (0 = full)", &ui.width, 100, 500);
  ui.width = ui.width <= 0 ? 0 : std::clamp(ui.width, render::kMinExportWidth, render::kMaxExportWidth);
  if (ImGui::InputText("Client", &app.doc.plan.client_label)) {
    // Saved in the plan; text on the exports only: unsaved work and an undo step, no new dots.
    app.doc.dirty = true;
    app.changed_this_frame = true;
  }
  const ImVec2 field = ImGui::GetItemRectMin(), field_end = ImGui::GetItemRectMax();
  app.client_field_rect = ImGui::IsItemVisible() ? std::array<float, 4>{field.x, field.y, field_end.x - field.x, field_end.y - field.y}
                                                 : std::array<float, 4>{};
  if (ImGui::InputText("Notes", &app.doc.plan.technician_notes)) {  // saved in the plan, printed in the report
    app.doc.dirty = true;
    app.changed_this_frame = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your notes for this client: saved in the plan, printed in the report");
  ImGui::InputText("Image", &ui.export_path);
  ImGui::InputText("Report", &ui.report_path);
  ImGui::BeginDisabled(app.task.running());
  if (ImGui::Button("Export image")) start_export(app, ui.export_path);
  ImGui::SameLine();
  if (ImGui::Button("Report PDF")) start_report(app);
  ImGui::EndDisabled();
  if (app.task.running()) {
    ImGui::SameLine();
    ImGui::TextDisabled("writing...");
  }
}

}  // namespace smp::studio
