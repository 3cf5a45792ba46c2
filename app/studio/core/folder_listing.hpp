#pragma once
// Listing a folder for the in-app file browser (no file-dialog library is packaged).

#include <filesystem>
#include <string>
#include <vector>

namespace smp::studio {

struct FolderEntry {
  std::filesystem::path path;
  bool is_folder = false;
};

// Folders first, then files whose extension (lower case, with dot) is in `extensions`
// (empty = all); hidden entries skipped; each group sorted by name. Unreadable entries are
// skipped; an unreadable folder gives an empty list and `error`.
std::vector<FolderEntry> list_folder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                                     std::string& error);

}  // namespace smp::studio
