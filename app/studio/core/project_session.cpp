#include "project_session.hpp"

#include "output_targets.hpp"
#include "view_open.hpp"

#include "smp/sim/file_io.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace smp::studio {

namespace fs = std::filesystem;

namespace {

// The parameters as the plan file writes them: one definition of "equal" for every field,
// including those added later.
std::string params_text(const sim::PlanParams& params) {
  sim::Plan probe;
  probe.params = params;
  const std::string json = sim::plan_to_json(probe);
  const std::size_t at = json.find("\"params\"");
  return at == std::string::npos ? json : json.substr(at);
}

Document document_of(app::OpenedView v) {
  Document doc;
  doc.photo = std::move(v.photo);
  doc.photo_path = std::move(v.photo_path);
  doc.plan = std::move(v.plan);
  for (std::string& w : v.warnings) {
    if (!w.empty()) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    doc.warnings.push_back(std::move(w) + ".");
  }
  return doc;
}

std::uint64_t highest_revision(const ProjectSession& project, const Document& live) {
  std::uint64_t r = live.revision;
  for (const ViewSlot& s : project.views) r = std::max(r, s.doc.revision);
  return r;
}

std::string unique_name(const ProjectSession& project, const std::string& base) {
  auto taken = [&](const std::string& n) {
    return std::any_of(project.views.begin(), project.views.end(), [&](const ViewSlot& s) { return s.name == n; });
  };
  if (!taken(base)) return base;
  for (int i = 2;; ++i)
    if (const std::string n = base + " " + std::to_string(i); !taken(n)) return n;
}

std::string kind_name(const sim::Plan& plan) { return plan.head.view == sim::ViewKind::Front ? "Front" : "Top"; }

}  // namespace

bool is_project_file(const fs::path& path) {
  if (!is_plan_file(path)) return false;
  try {
    const std::vector<std::uint8_t> bytes = sim::read_file_bytes(path, std::uintmax_t{512} << 20);  // load_project's limit
    return sim::is_project_json(std::string(bytes.begin(), bytes.end()));
  } catch (const std::exception&) {
    return false;
  }
}

namespace {

// The session of a project read from `origin` (a project file, or a recovery copy): every
// view's photo located relative to `origin` (also after a move), decoded and checked.
ProjectSession session_of(const sim::Project& loaded, const fs::path& origin, Document& first,
                          render::PhotoDecoder* decoder) {
  ProjectSession project;
  project.notes = loaded.notes;
  project.shared = loaded.params;
  project.client_label = loaded.client_label;
  for (const sim::ProjectView& v : loaded.views) {
    ViewSlot slot;
    slot.id = project.next_id++;
    slot.name = v.name;
    slot.counts = v.counts;
    try {
      slot.doc = document_of(app::open_view_of(origin, v.plan, kViewerPhotoAdvice, decoder));
    } catch (const std::exception& e) {
      throw std::runtime_error(origin.string() + ": view \"" + v.name + "\": " + e.what());
    }
    project.views.push_back(std::move(slot));
  }
  first = std::move(project.views.front().doc);
  project.views.front().doc = {};
  project.active = 0;
  return project;
}

}  // namespace

ProjectSession open_project_session(const fs::path& path, Document& first, render::PhotoDecoder* decoder) {
  ProjectSession project = session_of(sim::load_project(path), path, first, decoder);
  project.path = path;
  return project;
}

ProjectSession recovered_project_session(const sim::Project& project, const std::string& document,
                                         const fs::path& copy_file, Document& first, render::PhotoDecoder* decoder) {
  ProjectSession s = session_of(project, document.empty() ? copy_file : fs::path(document), first, decoder);
  if (!document.empty()) s.path = fs::path(document);
  s.dirty = true;  // nothing of it is saved yet
  first.dirty = true;
  for (ViewSlot& v : s.views) v.doc.dirty = true;
  return s;
}

std::uint64_t project_revision(const ProjectSession& project, const Document& live) {
  std::uint64_t r = live.revision + project.structure_revision;
  for (const ViewSlot& v : project.views) r += v.doc.revision;
  return r;
}

ProjectSession project_from_document(const Document& on_screen) {
  ProjectSession project;
  project.shared = on_screen.plan.params;
  project.client_label = on_screen.plan.client_label;
  ViewSlot slot;
  slot.id = project.next_id++;
  slot.name = kind_name(on_screen.plan);
  project.views.push_back(std::move(slot));
  project.active = 0;
  project.dirty = true;  // never saved
  sim::Project p = to_project(project, on_screen);
  sim::assign_default_regions(p);
  project.views.front().counts = p.views.front().counts;
  return project;
}

void add_view_from_photo(ProjectSession& project, const Document& on_screen, const fs::path& photo,
                         const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance,
                         render::PhotoDecoder* decoder) {
  if (project.views.size() >= sim::kMaxProjectViews)
    throw std::runtime_error("a project holds at most " + std::to_string(sim::kMaxProjectViews) + " views");
  Document doc = open_document(photo, clinic, appearance, decoder);
  std::vector<cv::Size> sizes = {doc.photo.size()};  // every view's photo stays open: their total is bounded
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    const sim::PhotoRef& ref = (i == project.active ? on_screen : project.views[i].doc).plan.photo;
    sizes.emplace_back(ref.width, ref.height);
  }
  if (const std::string e = sim::project_pixels_problem(sizes); !e.empty())
    throw std::runtime_error(photo.string() + ": with this view the project is too large: " + e);
  doc.plan.params = project.shared;
  doc.plan.client_label = project.client_label;
  doc.dirty = true;
  doc.revision = highest_revision(project, on_screen) + 1;
  ViewSlot slot;
  slot.id = project.next_id++;
  slot.name = unique_name(project, kind_name(doc.plan));
  slot.doc = std::move(doc);
  project.views.push_back(std::move(slot));
  // The counting rule's defaults for the new set of views (a front added to a top project
  // takes the hairline band from it).
  sim::Project p = to_project(project, on_screen);
  sim::assign_default_regions(p);
  for (std::size_t i = 0; i < project.views.size(); ++i) project.views[i].counts = p.views[i].counts;
  project.dirty = true;
  ++project.structure_revision;
}

void activate_view(ProjectSession& project, std::size_t index, Document& live, UndoStack<sim::Plan>& live_undo) {
  if (index >= project.views.size() || index == project.active) return;
  const std::uint64_t revision = highest_revision(project, live) + 1;
  ViewSlot& from = project.views[project.active];
  ViewSlot& to = project.views[index];
  from.doc = std::exchange(live, std::move(to.doc));
  to.doc = {};
  std::swap(from.undo, live_undo);
  std::swap(to.undo, live_undo);
  live.revision = revision;
  live.warnings.clear();  // shown once, when the project was opened
  project.active = index;
}

bool propagate_shared(ProjectSession& project, const Document& live, bool params_may_differ) {
  const bool params = params_may_differ && params_text(live.plan.params) != params_text(project.shared);
  const bool label = live.plan.client_label != project.client_label;
  if (!params && !label) return false;
  if (params) project.shared = live.plan.params;
  project.client_label = live.plan.client_label;
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    if (i == project.active) continue;
    Document& d = project.views[i].doc;
    d.plan.client_label = project.client_label;
    d.dirty = true;
    if (params) {
      d.plan.params = project.shared;
      ++d.revision;  // its simulation is out of date (a new name does not change the dots)
    }
  }
  return true;
}

sim::Project to_project(const ProjectSession& project, const Document& live) {
  sim::Project p;
  p.client_label = live.plan.client_label;
  p.notes = project.notes;
  p.params = project.shared;
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    const ViewSlot& s = project.views[i];
    const Document& d = i == project.active ? live : s.doc;
    p.views.push_back({s.name, d.plan, s.counts});
  }
  return p;
}

void save_project_session(ProjectSession& project, Document& live, const fs::path& path) {
  sim::Project p = to_project(project, live);
  for (std::size_t i = 0; i < p.views.size(); ++i) {
    const Document& d = i == project.active ? live : project.views[i].doc;
    if (app::same_file(path, d.photo_path))
      throw std::runtime_error(path.string() + " is the photo of a view; save the project under another name");
    p.views[i].plan.photo.path = app::photo_path_for(d.photo_path, path);
  }
  sim::save_project(p, path);
  project.path = path;
  project.dirty = false;
  live.dirty = false;
  for (ViewSlot& s : project.views) s.doc.dirty = false;
}

bool project_dirty(const ProjectSession& project, const Document& live) {
  if (project.dirty || live.dirty) return true;
  return std::any_of(project.views.begin(), project.views.end(), [](const ViewSlot& s) { return s.doc.dirty; });
}

std::string project_title(const ProjectSession& project, const Document& live) {
  const std::string name = project.path ? project.path->filename().string() : std::string("untitled project");
  return name + (project_dirty(project, live) ? " *" : "");
}

std::optional<sim::ProjectEstimate> combined_estimate(const ProjectSession& project, const Document& live,
                                                      const std::shared_ptr<const sim::Simulation>& live_simulation,
                                                      const sim::ClinicRates& rates) {
  std::vector<sim::Simulation> sims;
  sims.reserve(project.views.size());
  for (std::size_t i = 0; i < project.views.size(); ++i) {
    const ViewSlot& s = project.views[i];
    const std::shared_ptr<const sim::Simulation>& sim =
        i == project.active ? live_simulation
                            : (s.simulated_revision == s.doc.revision ? s.simulation : std::shared_ptr<const sim::Simulation>{});
    if (!sim) return std::nullopt;
    sims.push_back(*sim);  // the field and impressions; combine_estimates reads them once
  }
  return sim::combine_estimates(to_project(project, live), sims, rates);
}

}  // namespace smp::studio
