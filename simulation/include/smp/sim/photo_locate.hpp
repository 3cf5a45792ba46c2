#pragma once
// Finding a plan's photo on disk, also after the photo was moved or renamed.

#include "smp/sim/plan.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>

namespace smp::sim {

// The photo path a plan stores, resolved against the plan file's folder when relative.
std::filesystem::path stored_photo_location(const std::filesystem::path& plan_file, const PhotoRef& photo);

struct PhotoSearchLimits {
  int max_depth = 2;              // the plan's folder and subfolders this deep
  std::size_t max_candidates = 400;  // image files hashed at most (bounds the time taken)
  std::uintmax_t max_file_bytes = std::uintmax_t{512} << 20;
  // Bytes hashed in all (bounds the time: a few seconds, however many large files lie near).
  std::uintmax_t max_total_bytes = std::uintmax_t{2} << 30;
};

// Looks for the plan's photo near the plan file when it is not where the plan says: image
// files under the plan's folder whose SHA-256 equals plan.photo.sha256. A file with the
// stored file name is tried first. nullopt when the plan has no hash (identity cannot be
// proven) or nothing matches. Never throws for unreadable folders or files: skips them.
std::optional<std::filesystem::path> find_moved_photo(const std::filesystem::path& plan_file, const Plan& plan,
                                                      const PhotoSearchLimits& limits = {});

}  // namespace smp::sim
