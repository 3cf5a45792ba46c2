#include "asset_paths.hpp"

#include <cstdlib>
#include <system_error>

namespace smp::app {

namespace fs = std::filesystem;

std::optional<fs::path> asset_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("SMP_ASSET_DIR"); env && *env && fs::is_directory(env, ec)) return fs::path(env);
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "smp-studio" / "assets";
    if (fs::is_directory(installed, ec)) return installed;
  }
  const fs::path source_tree = SMP_SOURCE_ASSET_DIR;
  if (fs::is_directory(source_tree, ec)) return source_tree;
  return std::nullopt;
}

std::optional<fs::path> demo_photo_path() {
  const auto dir = asset_dir();
  if (!dir) return std::nullopt;
  const fs::path p = *dir / "demo" / "demo-scalp.jpg";
  std::error_code ec;
  return fs::is_regular_file(p, ec) ? std::optional(p) : std::nullopt;
}

}  // namespace smp::app
