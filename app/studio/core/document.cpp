#include "document.hpp"

#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"

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

Document open_photo(const fs::path& path) {
  Document doc;
  doc.photo = render::load_photo(path);
  doc.photo_path = path;
  const sim::PhotoRef ref{path.string(), sim::sha256_file_hex(path), doc.photo.cols, doc.photo.rows};
  sim::CheckedAutoPlan automatic = sim::make_checked_auto_plan(doc.photo, ref);
  doc.plan = std::move(automatic.plan);
  if (!automatic.usable()) {
    doc.guess_reason = automatic.problem;
    doc.warnings.push_back("No estimate for " + path.filename().string() + ": " + automatic.problem + ".");
  }
  return doc;
}

Document open_plan(const fs::path& path) {
  Document doc;
  // The plan's masks are decoded only once its photo is known to have the plan's size.
  const sim::PhotoRef ref = sim::load_plan_photo_ref(path);
  fs::path photo = ref.path;
  if (photo.empty()) throw std::runtime_error(path.string() + " names no photo");
  if (photo.is_relative()) photo = path.parent_path() / photo;
  doc.photo = render::load_photo(photo);
  if (doc.photo.cols != ref.width || doc.photo.rows != ref.height)
    throw std::runtime_error("the plan was made for a " + std::to_string(ref.width) + "x" +
                             std::to_string(ref.height) + " photo but " + photo.string() + " is " +
                             std::to_string(doc.photo.cols) + "x" + std::to_string(doc.photo.rows));
  sim::PlanLimits limits;
  limits.photo_size = doc.photo.size();
  doc.plan = sim::load_plan(path, limits);
  if (!doc.plan.photo.sha256.empty() && doc.plan.photo.sha256 != sim::sha256_file_hex(photo))
    doc.warnings.push_back("The photo " + photo.string() + " is not the file this plan was made with.");
  doc.photo_path = photo;
  doc.plan_path = path;
  return doc;
}

Document open_any(const fs::path& path) { return is_plan_file(path) ? open_plan(path) : open_photo(path); }

void save_document(Document& doc, const fs::path& path) {
  sim::Plan to_save = doc.plan;
  std::error_code ec;
  const fs::path abs_photo = fs::absolute(doc.photo_path, ec);
  const fs::path rel = abs_photo.lexically_relative(fs::absolute(path, ec).parent_path());
  to_save.photo.path = rel.empty() ? abs_photo.string() : rel.string();
  sim::save_plan(to_save, path);
  doc.plan_path = path;
  doc.dirty = false;
}

}  // namespace smp::studio
