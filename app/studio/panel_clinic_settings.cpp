// Clinic settings, editable in the app and saved to the user's config folder.

#include "app_state.hpp"
#include "automation.hpp"
#include "panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>


namespace smp::studio {

namespace {

// The logo as the person will recognise it, decoded in the background (PreviewCache).
void logo_preview(AppState& app, const std::string& path) {
  UiPictures& pics = app.pictures;
  pics.logo_size = {};
  pics.logo_error.clear();
  if (path.empty()) return;
  const Preview* preview = app.pictures.previews.get(path, 256);
  const ImVec2 box(200, 80);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (draw_preview(preview, at, box)) {
    const ImVec2 size = preview->texture.fit(box.x, box.y);
    pics.logo_size = {static_cast<int>(size.x + 0.5f), static_cast<int>(size.y + 0.5f)};
  }
  ImGui::Dummy(box);
  if (preview && !preview->error.empty()) {
    pics.logo_error = preview->error;
    ImGui::SameLine();
    ImGui::PushTextWrapPos();
    ImGui::TextColored(ImVec4(1, 0.55f, 0.45f, 1), "No preview: %s", preview->error.c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace

void ensure_clinic_loaded(AppState& app) {
  ConsultationUi& ui = app.consultation;
  if (ui.clinic_loaded) return;
  ui.clinic_loaded = true;
  ui.clinic_path = sim::clinic_settings_path();
  const sim::ClinicSettingsLoad load = sim::load_clinic_settings_or_defaults(ui.clinic_path);
  ui.clinic = load.settings;
  if (!load.warning.empty()) toast(app, load.warning, 8.0);
}

void clinic_settings_window(AppState& app) {
  ConsultationUi& ui = app.consultation;
  if (!ui.show_clinic) return;
  ensure_clinic_loaded(app);
  ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Clinic settings", &ui.show_clinic, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  sim::ClinicSettings& s = ui.clinic;
  ImGui::InputText("Clinic name", &s.name);
  ImGui::InputText("Logo (PNG/JPEG path)", &s.logo_path);
  logo_preview(app, s.logo_path);
  ImGui::Separator();
  ImGui::TextDisabled("Rates");
  ImGui::InputDouble("Min price per sq in", &s.rates.price_per_sq_in_min, 1, 10, "%.0f");
  note_widget(app, "clinic_price_min");
  ImGui::InputDouble("Max price per sq in", &s.rates.price_per_sq_in_max, 1, 10, "%.0f");
  ImGui::InputDouble("Minimum price", &s.rates.minimum_price, 50, 500, "%.0f");
  ImGui::InputText("Currency", &s.rates.currency);
  ImGui::InputDouble("Impressions/hour (slow)", &s.rates.impressions_per_hour_min, 100, 1000, "%.0f");
  ImGui::InputDouble("Impressions/hour (fast)", &s.rates.impressions_per_hour_max, 100, 1000, "%.0f");
  ImGui::Separator();
  ImGui::TextDisabled("Defaults for new plans");
  // The plan's own widgets and ranges (parameter table), so a default always makes a valid plan.
  const sim::ParamSpec& sessions = *sim::find_param("sessions");
  const sim::ParamSpec& points = *sim::find_param("needle.points");
  const sim::ParamSpec& diameter = *sim::find_param("needle.diameter_mm");
  sim::PlanParams fill, hairline;
  fill.sessions = s.default_sessions;
  fill.needle = s.needles.fill;
  hairline.needle = s.needles.hairline;
  param_widget(sessions, fill, "Sessions");
  param_widget(points, fill, "Fill needle");
  param_widget(diameter, fill, "Fill needle diameter");
  param_widget(points, hairline, "Hairline needle");
  param_widget(diameter, hairline, "Hairline needle diameter");
  s.default_sessions = fill.sessions;
  s.needles.fill = fill.needle;
  s.needles.hairline = hairline.needle;
  const std::string problem = sim::validate(s);
  if (!problem.empty()) ImGui::TextColored(ImVec4(1, 0.55f, 0.45f, 1), "%s", problem.c_str());
  ImGui::BeginDisabled(!problem.empty() || ui.clinic_path.empty());
  const bool save = ImGui::Button("Save");
  note_widget(app, "clinic_save");
  if (save) {
    try {
      sim::save_clinic_settings(s, ui.clinic_path);
      ui.clinic_message = "Saved to " + ui.clinic_path.string();
      ++app.doc.revision;  // the rates changed: recompute the estimate (the plan itself did not)
    } catch (const std::exception& e) {
      ui.clinic_message = e.what();
    }
  }
  ImGui::EndDisabled();
  if (!ui.clinic_message.empty()) ImGui::TextWrapped("%s", ui.clinic_message.c_str());
  ImGui::End();
}

}  // namespace smp::studio
