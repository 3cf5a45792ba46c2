#pragma once
// The photos named on a measuring tool's command line: files as given, folders expanded to
// their JPEG and PNG files in name order.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace smp::tools {

inline std::vector<std::filesystem::path> photo_list(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  for (const auto& a : args) {
    if (!fs::is_directory(a)) {
      out.emplace_back(a);
      continue;
    }
    std::vector<fs::path> here;
    for (const auto& e : fs::directory_iterator(a)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png")) here.push_back(e.path());
    }
    std::sort(here.begin(), here.end());
    out.insert(out.end(), here.begin(), here.end());
  }
  return out;
}

}  // namespace smp::tools
