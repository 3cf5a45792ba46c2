#include "document.hpp"

#include "output_targets.hpp"
#include "view_open.hpp"

#include "smp/sim/plan_io.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace smp::studio {

namespace fs = std::filesystem;

std::string Document::title() const {
  const std::string name = plan_path ? plan_path->filename().string() : photo_path.filename().string() + " (unsaved plan)";
  return name + (dirty ? " *" : "");
}

bool is_plan_file(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".json";
}

Document open_document(const fs::path& path, const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance,
                       render::PhotoDecoder* decoder) {
  app::ViewSource source;
  source.missing_photo_advice = kViewerPhotoAdvice;
  if (is_plan_file(path)) source.plan = path;
  else source.photo = path;
  app::OpenedView v = app::open_view(source, clinic, appearance, decoder);
  Document doc;
  doc.photo = std::move(v.photo);
  doc.photo_path = std::move(v.photo_path);
  doc.plan = std::move(v.plan);
  if (source.plan) doc.plan_path = path;
  doc.guess_reason = std::move(v.guess_reason);
  doc.detection = std::move(v.detection);
  if (!doc.guess_reason.empty())
    doc.warnings.push_back("No estimate for " + path.filename().string() + ": " + doc.guess_reason + ".");
  for (std::string& w : v.warnings) {
    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    doc.warnings.push_back(std::move(w) + ".");
  }
  return doc;
}

void save_document(Document& doc, const fs::path& path) {
  if (app::same_file(path, doc.photo_path))
    throw std::runtime_error(path.string() + " is the plan's photo; save the plan under another name");
  sim::Plan to_save = doc.plan;
  to_save.photo.path = app::photo_path_for(doc.photo_path, path);
  sim::save_plan(to_save, path);
  doc.plan_path = path;
  doc.dirty = false;
}

}  // namespace smp::studio
