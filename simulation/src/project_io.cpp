#include "smp/sim/project_io.hpp"

#include "strict_json.hpp"

#include "smp/sim/file_io.hpp"

#include <nlohmann/json.hpp>

namespace smp::sim {

namespace {

using nlohmann::json;

json parse(const std::string& text, const std::string& origin) {
  try {
    return detail::parse_strict_json(text);
  } catch (const detail::JsonSyntaxError& e) {
    throw PlanFileError(origin + ": not valid JSON (" + std::string(e.what()) + ")");
  }
}

bool flag(const json& obj, const char* key, const std::string& where, const std::string& origin) {
  if (!obj.contains(key)) throw PlanFileError(origin + ": " + where + "." + key + " is missing");
  if (!obj[key].is_boolean()) throw PlanFileError(origin + ": " + where + "." + key + " must be true or false");
  return obj[key].get<bool>();
}

}  // namespace

bool is_project_json(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  return j.is_object() && j.contains("format") && j["format"] == kProjectFormatName;
}

std::string project_to_json(const Project& project) {
  Project synced = project;
  sync_params(synced);
  json views = json::array();
  for (const ProjectView& v : synced.views)
    views.push_back({{"name", v.name},
                     {"counts", {{"scalp", v.counts.scalp}, {"hairline_band", v.counts.hairline_band}}},
                     {"plan", json::parse(plan_to_json(v.plan))}});
  // The shared parameters, written by the plan writer so both use one definition.
  json shared = synced.views.empty() ? json::object() : views[0]["plan"]["params"];
  if (synced.views.empty()) {
    Plan probe;
    probe.params = synced.params;
    shared = json::parse(plan_to_json(probe))["params"];
  }
  const json j = {{"format", kProjectFormatName}, {"version", kProjectFormatVersion},
                  {"client_label", synced.client_label}, {"notes", synced.notes},
                  {"params", shared}, {"views", views}};
  return j.dump(2) + "\n";
}

Project project_from_json(const std::string& text, const std::string& origin) {
  const json j = parse(text, origin);
  if (!j.is_object() || !j.contains("format") || !j["format"].is_string())
    throw PlanFileError(origin + ": not an SMP Studio project or plan (no \"format\")");
  if (j["format"] == kPlanFormatName) return project_from_plan(plan_from_json(text, origin));
  if (j["format"] != kProjectFormatName)
    throw PlanFileError(origin + ": not an SMP Studio project (\"format\" is not \"" + kProjectFormatName + "\")");
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<long long>() < 1)
    throw PlanFileError(origin + ": version must be a whole number of 1 or more");
  const long long version = j["version"].get<long long>();
  if (version > kProjectFormatVersion)
    throw PlanFileError(origin + ": project format version " + std::to_string(version) +
                        " is newer than this SMP Studio understands (" + std::to_string(kProjectFormatVersion) +
                        "); please update SMP Studio");
  if (!j.contains("params") || !j["params"].is_object()) throw PlanFileError(origin + ": params is missing or not an object");
  if (!j.contains("views") || !j["views"].is_array() || j["views"].empty())
    throw PlanFileError(origin + ": views must be a non-empty list");
  if (j["views"].size() > kMaxProjectViews)
    throw PlanFileError(origin + ": more than " + std::to_string(kMaxProjectViews) + " views");

  Project p;
  for (const char* key : {"client_label", "notes"})
    if (j.contains(key) && !j[key].is_string()) throw PlanFileError(origin + ": " + key + " must be text");
  p.client_label = j.value("client_label", "");
  p.notes = j.value("notes", "");
  for (std::size_t i = 0; i < j["views"].size(); ++i) {
    const json& v = j["views"][i];
    const std::string where = "views[" + std::to_string(i) + "]";
    if (!v.is_object() || !v.contains("plan") || !v["plan"].is_object())
      throw PlanFileError(origin + ": " + where + " must be an object with a plan");
    ProjectView view;
    if (v.contains("name") && !v["name"].is_string()) throw PlanFileError(origin + ": " + where + ".name must be text");
    view.name = v.value("name", "View " + std::to_string(i + 1));
    if (v.contains("counts")) {
      if (!v["counts"].is_object()) throw PlanFileError(origin + ": " + where + ".counts must be an object");
      view.counts.scalp = flag(v["counts"], "scalp", where + ".counts", origin);
      view.counts.hairline_band = flag(v["counts"], "hairline_band", where + ".counts", origin);
    }
    // The shared parameters replace the view's copy; the plan reader checks them.
    json plan = v["plan"];
    plan["params"] = j["params"];
    view.plan = plan_from_json(plan.dump(), origin + " " + where);
    p.views.push_back(std::move(view));
  }
  // Every view's photo is opened at once: refused here, before any photo is decoded (each is
  // then checked to have the size its view declares).
  if (const std::string e = project_pixels_problem(p); !e.empty()) throw PlanFileError(origin + ": " + e);
  p.params = p.views.front().plan.params;
  sync_params(p);
  return p;
}

void save_project(const Project& project, const std::filesystem::path& path) {
  if (const std::string problem = validate(project); !problem.empty())
    throw PlanFileError("refusing to save an invalid project to " + path.string() + ": " + problem);
  write_file_atomically(path, project_to_json(project));
}

Project load_project(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path, std::uintmax_t{512} << 20);
  if (bytes.empty()) throw PlanFileError(path.string() + ": the file is empty");
  return project_from_json(std::string(bytes.begin(), bytes.end()), path.string());
}

}  // namespace smp::sim
