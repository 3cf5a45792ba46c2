#pragma once
// The plan as a versioned JSON document. Masks are stored losslessly as base64 PNG.

#include "smp/sim/file_io.hpp"
#include "smp/sim/plan.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
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

// What the reader knows before it reads a plan. Every size in a plan is bounded by its
// photo's (masks are at most the photo's size), so a small plan cannot demand large work.
struct PlanLimits {
  // The size of the photo the plan will be used with, when known: the plan's photo.width
  // and photo.height must equal it, checked before any mask is decoded.
  std::optional<cv::Size> photo_size;
};

// Largest plan file read (masks are compressed; anything larger is not a plan), bytes.
constexpr std::uintmax_t kMaxPlanFileBytes = std::uintmax_t{64} << 20;

std::string plan_to_json(const Plan& plan);
// `origin` names the source in error messages (a file path, "<memory>" ...).
Plan plan_from_json(const std::string& text, const std::string& origin = "plan", const PlanLimits& limits = {});

// Saves crash-safely (temporary file + rename); throws FileError on I/O failure.
// `observe` (optional) hears every stage of the save, from Serialised to Renamed.
void save_plan(const Plan& plan, const std::filesystem::path& path, const SaveStageObserver& observe = {});
// Throws PlanFileError or FileError with a message naming the file.
Plan load_plan(const std::filesystem::path& path, const PlanLimits& limits = {});
// The plan's photo reference alone (path, fingerprint, size), without decoding its masks:
// lets a caller find and measure the photo before it loads the whole plan.
PhotoRef load_plan_photo_ref(const std::filesystem::path& path);

}  // namespace smp::sim
