#include "folder_listing.hpp"

#include <algorithm>
#include <cctype>

namespace smp::studio {

namespace fs = std::filesystem;

std::vector<FolderEntry> list_folder(const fs::path& folder, const std::vector<std::string>& extensions,
                                     std::string& error) {
  std::vector<FolderEntry> out;
  error.clear();
  std::error_code ec;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    error = ec.message();
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code e2;
    if (it->is_directory(e2)) {
      out.push_back({p, true});
      continue;
    }
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extensions.empty() || std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
      out.push_back({p, false});
  }
  std::sort(out.begin(), out.end(), [](const FolderEntry& a, const FolderEntry& b) {
    if (a.is_folder != b.is_folder) return a.is_folder;
    return a.path.filename().string() < b.path.filename().string();
  });
  return out;
}

}  // namespace smp::studio
