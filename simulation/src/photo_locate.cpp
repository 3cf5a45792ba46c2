#include "smp/sim/photo_locate.hpp"

#include "smp/sim/sha256.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace smp::sim {

namespace fs = std::filesystem;

namespace {

bool is_image_name(const fs::path& p) {
  static constexpr std::array<const char*, 7> kExtensions = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"};
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kExtensions.begin(), kExtensions.end(), e) != kExtensions.end();
}

// Image files under `root` (to `max_depth` levels), never following links out of it.
std::vector<fs::path> image_files(const fs::path& root, const PhotoSearchLimits& limits) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it.depth() >= limits.max_depth) it.disable_recursion_pending();
    std::error_code fec;
    if (!it->is_regular_file(fec) || !is_image_name(it->path())) continue;
    const std::uintmax_t size = it->file_size(fec);
    if (fec || size == 0 || size > limits.max_file_bytes) continue;
    found.push_back(it->path());
    if (found.size() >= limits.max_candidates) break;
  }
  return found;
}

}  // namespace

fs::path stored_photo_location(const fs::path& plan_file, const PhotoRef& photo) {
  fs::path p = photo.path;
  if (p.is_relative()) p = plan_file.parent_path() / p;
  return p;
}

std::optional<fs::path> find_moved_photo(const fs::path& plan_file, const Plan& plan, const PhotoSearchLimits& limits) {
  if (plan.photo.sha256.empty()) return std::nullopt;
  const fs::path dir = plan_file.has_parent_path() ? plan_file.parent_path() : fs::path(".");
  std::vector<fs::path> candidates = image_files(dir, limits);
  // The same file name first (moved into a subfolder), then the rest in a stable order.
  const fs::path wanted = fs::path(plan.photo.path).filename();
  std::sort(candidates.begin(), candidates.end(), [&](const fs::path& a, const fs::path& b) {
    const bool na = a.filename() == wanted, nb = b.filename() == wanted;
    return na != nb ? na : a < b;
  });
  std::uintmax_t hashed = 0;
  for (const fs::path& c : candidates) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(c, ec);
    if (ec || hashed + size > limits.max_total_bytes) continue;
    hashed += size;
    try {
      if (sha256_file_hex(c) == plan.photo.sha256) return c;
    } catch (const std::exception&) {
      // unreadable: not this one
    }
  }
  return std::nullopt;
}

}  // namespace smp::sim
