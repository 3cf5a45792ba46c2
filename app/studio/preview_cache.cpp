#include "preview_cache.hpp"

#include <algorithm>

namespace smp::studio {

namespace {

constexpr std::size_t kMaxEntries = 400;  // ~400 x 96 x 96 x 4 B = 15 MB of textures at most

}  // namespace

std::string PreviewCache::key_of(const std::filesystem::path& path, int max_side) {
  return std::to_string(max_side) + "|" + path.string();
}

const Preview* PreviewCache::get(const std::filesystem::path& path, int max_side, const UiImageLimits& limits) {
  std::string key = key_of(path, max_side);
  if (const auto it = entries_.find(key); it != entries_.end()) return &it->second;
  if (key != in_flight_ && std::none_of(wanted_.begin(), wanted_.end(), [&](const Request& r) { return r.key == key; }))
    wanted_.push_back({path, max_side, limits, std::move(key)});
  return nullptr;
}

void PreviewCache::poll(bool gl_checks) {
  if (task_.take_finished() && result_) {
    Preview& p = entries_[in_flight_];
    p.error = result_->error;
    if (p.error.empty() && result_->image.rgba.empty()) p.error = in_flight_path_.string() + ": could not be previewed";
    if (p.error.empty()) p.texture.upload(result_->image, gl_checks);
    result_.reset();
    in_flight_.clear();
  }
  if (task_.running()) {
    wanted_.clear();  // asked for again next frame while still in view
    return;
  }
  if (wanted_.empty()) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();
  Request next = std::move(wanted_.front());
  wanted_.clear();
  in_flight_ = next.key;
  in_flight_path_ = next.path;
  auto out = std::make_shared<Decoded>();
  result_ = out;
  task_.start("Preview " + next.path.filename().string(), [next = std::move(next), out](const TaskProgress&) {
    try {
      out->image = load_preview(next.path, next.max_side, next.limits);
    } catch (const UiImageError& e) {
      out->error = e.what();
    } catch (const std::bad_alloc&) {
      out->error = next.path.string() + ": not enough memory to decode a preview";
    }
    return TaskResult{};
  });
}

void PreviewCache::clear() {
  entries_.clear();
  wanted_.clear();
  // A decode in flight still lands in the fresh cache; its file was asked for just now.
}

}  // namespace smp::studio
