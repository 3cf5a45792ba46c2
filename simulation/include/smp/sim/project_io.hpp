#pragma once
// The project as a versioned JSON document ("smp-studio-project"). Each view embeds a
// complete plan document; the shared parameters are stored once at the top and win over
// the views' copies. Loading also accepts a single plan file (a one-view project).

#include "smp/sim/plan_io.hpp"
#include "smp/sim/project.hpp"

#include <filesystem>
#include <string>

namespace smp::sim {

constexpr int kProjectFormatVersion = 1;
constexpr const char* kProjectFormatName = "smp-studio-project";

std::string project_to_json(const Project& project);
// Throws PlanFileError naming `origin` and the field.
Project project_from_json(const std::string& text, const std::string& origin = "project");

// Crash-safe (temporary file + rename, owner-only); throws PlanFileError or FileError.
void save_project(const Project& project, const std::filesystem::path& path);
Project load_project(const std::filesystem::path& path);

// True when the file is a project document (false: a plan or something else).
bool is_project_json(const std::string& text);

}  // namespace smp::sim
