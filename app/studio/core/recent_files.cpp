#include "recent_files.hpp"

#include "smp/sim/file_io.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <fstream>

namespace smp::studio {

namespace fs = std::filesystem;

void RecentFiles::add(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (ec) p = path;
  paths.erase(std::remove(paths.begin(), paths.end(), p), paths.end());
  paths.insert(paths.begin(), p);
  if (paths.size() > limit) paths.resize(limit);
}

fs::path recent_files_location() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "smp-studio" / "recent.txt";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".config" / "smp-studio" / "recent.txt";
  return {};
}

RecentFiles load_recent_files(const fs::path& location) {
  RecentFiles r;
  if (location.empty()) return r;
  std::ifstream in(location);
  std::string line;
  while (std::getline(in, line) && r.paths.size() < r.limit)
    if (!line.empty()) r.paths.emplace_back(line);
  return r;
}

void save_recent_files(const RecentFiles& recent, const fs::path& location) {
  if (location.empty()) return;
  std::error_code ec;
  fs::create_directories(location.parent_path(), ec);
  std::string text;
  for (const auto& p : recent.paths) text += p.string() + "\n";
  try {
    sim::write_file_atomically(location, text);  // crash-safe, owner-only (0600)
  } catch (const std::exception&) {
    // Best effort (see the header): the list is a convenience.
  }
}

}  // namespace smp::studio
