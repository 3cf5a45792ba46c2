// Exports from the viewer: before/after layouts and the consultation report, written in the
// background by the same code as smp-render (deliver_consultation).

#include "app_state.hpp"
#include "panels.hpp"

#include "asset_paths.hpp"
#include "smp/render/export_layouts.hpp"
#include "smp/sim/project.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <chrono>

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

void default_paths(AppState& app) {
  ConsultationUi& ui = app.consultation;
  const fs::path folder = output_folder(app.doc);
  const std::string stem = app.doc.photo_path.stem().string();
  if (ui.export_path.empty()) ui.export_path = (folder / (stem + "-before-after.jpg")).string();
  if (ui.report_path.empty()) ui.report_path = (folder / (stem + "-report.pdf")).string();
}

void start(AppState& app, bool report) {
  ConsultationUi& ui = app.consultation;
  sim::Plan plan = app.doc.plan;  // the brush keeps painting the live masks: copy them
  plan.masks.treatment = plan.masks.treatment.clone();
  plan.masks.scar = plan.masks.scar.clone();
  plan.masks.exclusion = plan.masks.exclusion.clone();
  std::vector<app::ConsultationPhoto> photos{{app.doc.photo_path, app.doc.photo, std::nullopt}};
  app::ConsultationJob job;
  if (report) job.report = ui.report_path;
  else job.export_image = ui.export_path;
  job.layout = static_cast<render::ExportLayout>(ui.layout);
  job.export_width = ui.width;
  ui.job_what = report ? ui.report_path : ui.export_path;
  ui.job = std::async(std::launch::async, [project = sim::project_from_plan(std::move(plan)), photos, job,
                                           clinic = ui.clinic, name = ui.template_name]() mutable {
    return app::deliver_consultation(std::move(project), std::move(photos), job, clinic, name);
  });
}

}  // namespace

void export_block(AppState& app) {
  ConsultationUi& ui = app.consultation;
  default_paths(app);
  const char* layouts[] = {"Side by side", "Split", "Timeline grid"};
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::Combo("##layout", &ui.layout, layouts, 3);
  ImGui::InputInt("Width px (0 = full)", &ui.width, 100, 500);
  ui.width = ui.width <= 0 ? 0 : std::clamp(ui.width, 200, 20000);
  if (ImGui::InputText("Client", &app.doc.plan.client_label)) {
    // Saved in the plan; text on the exports only: unsaved work and an undo step, no new dots.
    app.doc.dirty = true;
    app.changed_this_frame = true;
  }
  const ImVec2 field = ImGui::GetItemRectMin(), field_end = ImGui::GetItemRectMax();
  app.client_field_rect = ImGui::IsItemVisible() ? std::array<float, 4>{field.x, field.y, field_end.x - field.x, field_end.y - field.y}
                                                 : std::array<float, 4>{};
  ImGui::InputText("Image", &ui.export_path);
  ImGui::InputText("Report", &ui.report_path);
  const bool busy = ui.job.valid();
  ImGui::BeginDisabled(busy);
  if (ImGui::Button("Export image")) start(app, false);
  ImGui::SameLine();
  if (ImGui::Button("Report PDF")) start(app, true);
  ImGui::EndDisabled();
  if (busy) {
    ImGui::SameLine();
    ImGui::TextDisabled("writing...");
    if (ui.job.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      try {
        const app::ConsultationResult r = ui.job.get();
        toast(app, "Saved " + ui.job_what);
        for (const std::string& w : r.warnings) toast(app, w, 8.0);
      } catch (const std::exception& e) {
        app.dialogs.error = std::string("Export failed: ") + e.what();
      }
    }
  }
}

}  // namespace smp::studio
