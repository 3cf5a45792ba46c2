#include <epoxy/gl.h>

#include "automation.hpp"
#include "frame.hpp"

#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hairline_curve.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace smp::studio {

void save_screenshot(const std::filesystem::path& path, cv::Size fb) {
  cv::Mat3b rgb(fb);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, fb.width, fb.height, GL_BGR, GL_UNSIGNED_BYTE, rgb.data);
  cv::Mat3b upright;
  cv::flip(rgb, upright, 0);  // GL rows start at the bottom
  render::save_image(path, upright);
}

void write_layout_json(const AppState& app, const std::filesystem::path& path) {
  nlohmann::json j;
  const ViewState& vs = app.view;
  j["canvas"] = {vs.canvas.x, vs.canvas.y, vs.canvas.width, vs.canvas.height};
  j["pixel_ratio"] = vs.pixel_ratio;
  j["zoom"] = vs.view.zoom;
  j["origin"] = {vs.view.origin.x, vs.view.origin.y};
  nlohmann::json handles = nlohmann::json::array();
  for (const auto& p : sim::full_control_points(app.doc.plan.hairline, app.doc.plan.head)) {
    const cv::Point2d c = to_canvas(vs.view, p);
    handles.push_back({vs.canvas.x + c.x, vs.canvas.y + c.y});
  }
  j["handles"] = handles;
  j["impressions"] = app.regen_state.simulation ? app.regen_state.simulation->impressions.size() : 0;
  j["photo"] = app.has_document ? app.doc.photo_path.string() : std::string();
  j["error"] = app.dialogs.error;
  j["client_field"] = app.client_field_rect;
  j["client"] = app.has_document ? app.doc.plan.client_label : std::string();
  j["notes"] = app.has_document ? app.doc.plan.technician_notes : std::string();
  j["export_path"] = app.consultation.export_path;
  j["report_path"] = app.consultation.report_path;
  j["export_layout"] = app.consultation.layout;
  j["look"] = app.regen_state.look;
  j["naturalness"] = app.regen_state.naturalness;
  j["frame_ms"] = app.stats.last_ms;
  j["frame"] = app.stats.frames;
  j["task_running"] = app.task.running();
  j["compare"] = static_cast<int>(app.view.compare);
  j["split"] = vs.split;
  j["presentation"] = app.presentation;
  j["regen_error"] = app.regen_state.error;
  j["dots_up_to_date"] = dots_up_to_date(app);
  nlohmann::json messages = nlohmann::json::array();
  for (const Message& m : app.messages.history()) messages.push_back(m.text);
  j["messages"] = messages;
  j["overlays_drawn"] = vs.overlays_drawn;
  j["icon_set"] = app.pictures.icon_set;
  j["thumbnails_drawn"] = app.pictures.thumbnails_drawn;
  j["thumbnail_placeholders"] = app.pictures.thumbnail_placeholders;
  j["logo_preview"] = app.pictures.logo_size;
  j["logo_error"] = app.pictures.logo_error;
  j["widgets"] = app.widget_rects;
  const ConsultationUi& ui = app.consultation;
  j["clinic"] = {{"loaded", ui.clinic_loaded}, {"message", ui.clinic_message}, {"logo_path", ui.clinic.logo_path},
                 {"price_per_sq_in_min", ui.clinic.rates.price_per_sq_in_min}};
  j["moment"] = {{"before", vs.force_before}, {"session", vs.up_to_session}, {"fresh", vs.fresh}, {"years", vs.years}};
  j["timeline"] = app.timeline.rects;
  j["timeline_ready"] = app.has_document && app.timeline.revision == app.doc.revision && !app.timeline.textures.empty();
  j["tool"] = static_cast<int>(app.tool);
  j["dilution_pct"] = app.doc.plan.params.pigment.dilution_pct;
  j["session_offsets_pct"] = app.doc.plan.params.pigment.session_offsets_pct;
  j["sunscreen"] = app.doc.plan.params.lifestyle.sunscreen;
  j["undo_size"] = app.undo.undo_size();
  j["typing"] = ImGui::GetIO().WantTextInput;  // a text field has the keyboard
  const auto& stubble = app.regen_state.stubble;
  j["stubble"] = {{"measured", stubble.has_value()}, {"contrast", stubble ? stubble->contrast : 0.0}};
  j["density_per_cm2"] = app.doc.plan.params.density_per_cm2;
  j["view_kind"] = app.doc.plan.head.view == sim::ViewKind::Top ? "top" : "front";
  j["face_toward"] = sim::face_side_name(app.doc.plan.head.front_dir);
  const BuzzPreview& bp = app.buzz_preview;
  j["buzz"] = {{"pending", bp.pending},
               {"drawn", bp.drawn},
               {"shown", sim::buzz_name(bp.shown.length)},
               {"shown_on_photo", app.has_document && bp.photo_id == app.doc.photo.data},
               {"refusal", bp.refusal},
               {"stubble_darkening", bp.stubble_darkening},
               {"posted_frame", bp.posted_frame},
               {"applied_frame", bp.applied_frame}};
  j["project"] = project_layout(app);
  // Written aside and renamed over the old one: a test reading it never sees half a file.
  std::filesystem::path part = path;
  part += ".part";
  std::ofstream out(part);
  out << j.dump(2) << "\n";
  out.close();
  std::error_code ec;
  if (out) std::filesystem::rename(part, path, ec);
}

void note_widget(AppState& app, const std::string& name) {
  if (!ImGui::IsItemVisible()) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void bench_step(AppState& app, int i) {
  ViewState& vs = app.view;
  const cv::Point2d centre(vs.canvas.width / 2, vs.canvas.height / 2);
  // Alternate phases: zoom in, pan around, zoom out.
  const int phase = (i / 30) % 3;
  if (phase == 0) vs.view = zoom_about(vs.view, centre, 1.06);
  if (phase == 1) vs.view = pan(vs.view, {12.0 * std::cos(i * 0.2), 9.0 * std::sin(i * 0.2)});
  if (phase == 2) vs.view = zoom_about(vs.view, centre, 1.0 / 1.06);
}

std::string frame_time_summary(const std::vector<double>& ms, const std::string& label, const char* count_key) {
  nlohmann::json j;
  j["label"] = label;
  j[count_key] = ms.size();
  if (!ms.empty()) {
    std::vector<double> s = ms;
    std::sort(s.begin(), s.end());
    auto at = [&](double q) {
      return s[std::min(s.size() - 1, static_cast<std::size_t>(q * static_cast<double>(s.size() - 1) + 0.5))];
    };
    j["median_ms"] = std::round(at(0.5) * 10) / 10;
    j["p95_ms"] = std::round(at(0.95) * 10) / 10;
    j["max_ms"] = std::round(s.back() * 10) / 10;
  }
  return j.dump();
}

}  // namespace smp::studio
