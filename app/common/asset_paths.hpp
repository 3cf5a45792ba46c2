#pragma once
// Finding the project's bundled, read-only assets (the demo photo, fonts, icons).

#include <filesystem>
#include <optional>

namespace smp::app {

// The assets folder: $SMP_ASSET_DIR if set, then <exe>/../share/smp-studio/assets
// (installed), then the source tree's assets/ (running from a build folder).
std::optional<std::filesystem::path> asset_dir();

// The bundled synthetic demo photo; nullopt when the assets cannot be found.
std::optional<std::filesystem::path> demo_photo_path();

}  // namespace smp::app
