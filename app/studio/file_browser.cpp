// The in-app file browser for Open, Save As, Export and a project's Add view, with the recent files.

#include "actions.hpp"
#include "core/folder_listing.hpp"
#include "app_state.hpp"
#include "panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cctype>
#include <utility>

namespace smp::studio {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kOpenable = {".json", ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"};

const char* title(FileBrowserState::Purpose p) {
  switch (p) {
    case FileBrowserState::Purpose::Open: return "Open photo, plan or project###browser";
    case FileBrowserState::Purpose::SavePlan: return "Save plan as###browser";
    case FileBrowserState::Purpose::ExportImage: return "Export before/after###browser";
    case FileBrowserState::Purpose::SaveProject: return "Save project as###browser";
    case FileBrowserState::Purpose::AddView: return "Add a view from a photo###browser";
  }
  return "###browser";
}

// "Save" in the unsaved-changes prompt on an untitled plan: once Save As succeeds the
// action that asked (open, quit ...) goes on; when the browser is cancelled it is dropped.
void resume_after_save(AppState& app, bool saved) {
  Dialogs& d = app.dialogs;
  if (!d.resume_after_save) return;
  d.resume_after_save = false;
  const PendingAction action = std::exchange(d.pending, PendingAction::None);
  if (saved) perform(app, action, d.pending_path);
}

// Runs the browser's action on `path`; returns true when the browser should close.
bool accept(AppState& app, const fs::path& path) {
  switch (app.browser.purpose) {
    case FileBrowserState::Purpose::Open: return open_path(app, path);
    case FileBrowserState::Purpose::SavePlan: {
      fs::path p = path;
      if (p.extension() != ".json") p += ".json";
      save_as(app, p);
      if (app.doc.dirty) return false;
      resume_after_save(app, true);
      return true;
    }
    case FileBrowserState::Purpose::ExportImage: {
      fs::path p = path;
      const std::string ext = p.extension().string();
      if (ext != ".jpg" && ext != ".jpeg" && ext != ".png") p += ".jpg";
      start_export(app, p);
      return true;
    }
    case FileBrowserState::Purpose::SaveProject: {
      fs::path p = path;
      if (p.extension() != ".json") p += ".json";
      if (!save_project_as(app, p)) return false;
      resume_after_save(app, true);
      return true;
    }
    case FileBrowserState::Purpose::AddView: return add_project_view(app, path);
  }
  return true;
}

// Formats stb_image previews; photos in other formats (WebP, TIFF) still open.
bool previewable(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp";
}

// One row of the Open browser: the thumbnail (decoded in the background), then the name.
// Returns whether the row was clicked.
bool thumbnail_row(AppState& app, const FolderEntry& e, bool selected) {
  const float row_h = 56.0f;
  const ImVec2 box(row_h * 1.25f, row_h - 4);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const std::string name = e.path.filename().string();
  const bool clicked =
      ImGui::Selectable(("##" + name).c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick, {0, row_h});
  const bool hovered = ImGui::IsItemHovered();
  if (!ImGui::IsItemVisible()) return clicked;  // out of view: nothing decoded for it
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 box_at(at.x + 2, at.y + 2);
  if (!e.is_folder && previewable(e.path)) {
    const Preview* preview = app.pictures.previews.get(e.path, kThumbnailSide);
    if (draw_preview(preview, box_at, box))
      ++app.pictures.thumbnails_drawn;
    else if (preview)
      ++app.pictures.thumbnail_placeholders;
    if (hovered && preview && !preview->error.empty()) ImGui::SetTooltip("%s", preview->error.c_str());
  } else if (!e.is_folder) {
    draw_preview(nullptr, box_at, box);
    const std::string ext = e.path.extension().string();
    draw->AddText({box_at.x + 6, box_at.y + 6}, ImGui::GetColorU32(ImGuiCol_TextDisabled), ext.c_str());
  }
  const std::string label = (e.is_folder ? "[folder]  " : "") + name;
  const float text_y = at.y + (row_h - ImGui::GetFontSize()) / 2;
  draw->AddText({at.x + box.x + 12, text_y}, ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
  return clicked;
}

void recent_list(AppState& app) {
  ImGui::TextDisabled("Recent");
  for (const auto& p : app.recent.paths) {
    if (ImGui::Selectable(p.filename().string().c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) {
      if (accept(app, p)) ImGui::CloseCurrentPopup();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.string().c_str());
  }
}

}  // namespace

void file_browser(AppState& app) {
  FileBrowserState& b = app.browser;
  app.pictures.thumbnails_drawn = app.pictures.thumbnail_placeholders = 0;
  if (b.open_request) {
    b.open_request = false;
    app.pictures.previews.clear();  // files may have changed since the browser was last open
    if (b.folder.empty()) {
      std::error_code ec;
      b.folder = app.has_document ? fs::absolute(app.doc.photo_path, ec).parent_path() : fs::current_path(ec);
    }
    ImGui::OpenPopup("###browser");
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize({display.x * 0.6f, display.y * 0.7f}, ImGuiCond_Appearing);
  ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.5f}, ImGuiCond_Appearing, {0.5f, 0.5f});
  if (!ImGui::BeginPopupModal(title(b.purpose), nullptr)) return;

  std::string folder = b.folder.string();
  if (ImGui::Button("Up")) b.folder = b.folder.parent_path();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::InputText("##folder", &folder, ImGuiInputTextFlags_EnterReturnsTrue)) b.folder = folder;

  const bool open = b.purpose == FileBrowserState::Purpose::Open || b.purpose == FileBrowserState::Purpose::AddView;
  const bool saves_json = b.purpose == FileBrowserState::Purpose::SavePlan || b.purpose == FileBrowserState::Purpose::SaveProject;
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2.2f;
  if (open) {
    ImGui::BeginChild("recent", {ImGui::GetContentRegionAvail().x * 0.3f, -footer}, true);
    recent_list(app);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginChild("files", {0, -footer}, true);
  std::string error;
  const std::vector<std::string> filter = open ? kOpenable
                                               : (saves_json ? std::vector<std::string>{".json"}
                                                             : std::vector<std::string>{".jpg", ".jpeg", ".png"});
  for (const FolderEntry& e : list_folder(b.folder, filter, error)) {
    const std::string label = (e.is_folder ? "[folder]  " : "") + e.path.filename().string();
    const bool selected = b.name == e.path.filename().string();
    const bool clicked = open ? thumbnail_row(app, e, selected)
                              : ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick);
    if (clicked) {
      if (e.is_folder) {
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) b.folder = e.path;
      } else {
        b.name = e.path.filename().string();
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && accept(app, e.path)) ImGui::CloseCurrentPopup();
      }
    }
  }
  if (!error.empty()) ImGui::TextColored({1, 0.5f, 0.4f, 1}, "%s", error.c_str());
  ImGui::EndChild();

  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // type a name or path straight away
  const bool enter = ImGui::InputText("File name", &b.name, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  const char* verb = b.purpose == FileBrowserState::Purpose::AddView ? "Add" : open ? "Open" : saves_json ? "Save" : "Export";
  if ((ImGui::Button(verb, {100, 0}) || enter) && !b.name.empty()) {
    const fs::path chosen = fs::path(b.name).is_absolute() ? fs::path(b.name) : b.folder / b.name;
    if (accept(app, chosen)) ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel", {100, 0}) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    resume_after_save(app, false);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace smp::studio
