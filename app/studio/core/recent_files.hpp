#pragma once
// The recent-files list: most recent first, no duplicates, kept in the user's config folder
// ($XDG_CONFIG_HOME/smp-studio/recent.txt, else ~/.config/smp-studio/recent.txt).

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace smp::studio {

struct RecentFiles {
  std::vector<std::filesystem::path> paths;
  std::size_t limit = 12;

  void add(const std::filesystem::path& path);  // moves it to the front
};

std::filesystem::path recent_files_location();
RecentFiles load_recent_files(const std::filesystem::path& location);
// Best effort: a read-only home folder must not stop the technician's work.
void save_recent_files(const RecentFiles& recent, const std::filesystem::path& location);

}  // namespace smp::studio
