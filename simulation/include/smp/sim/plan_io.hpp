#pragma once
// The plan as a versioned JSON document. Masks are stored losslessly as base64 PNG.

#include "smp/sim/file_io.hpp"
#include "smp/sim/plan.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace smp::sim {

constexpr int kPlanFormatVersion = 1;
constexpr const char* kPlanFormatName = "smp-studio-plan";

// A plan file is unreadable, malformed, of a newer version, or has impossible values.
// The message names the file (when known) and the problem.
class PlanFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string plan_to_json(const Plan& plan);
// `origin` names the source in error messages (a file path, "<memory>" ...).
Plan plan_from_json(const std::string& text, const std::string& origin = "plan");

// Saves crash-safely (temporary file + rename); throws FileError on I/O failure.
// `observe` (optional) hears every stage of the save, from Serialised to Renamed.
void save_plan(const Plan& plan, const std::filesystem::path& path, const SaveStageObserver& observe = {});
// Throws PlanFileError or FileError with a message naming the file.
Plan load_plan(const std::filesystem::path& path);

}  // namespace smp::sim
