#pragma once
// Previews of files the person picks (file-browser thumbnails, the clinic logo): decoded
// with stb_image on the viewer's background runner, one file at a time, never inside a
// frame; the main thread only uploads the small result. A file that cannot be previewed
// (damaged, too large, another format) keeps its one-line reason and shows a placeholder.

#include "core/background_task.hpp"
#include "core/ui_image.hpp"
#include "ui_texture.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace smp::studio {

struct Preview {
  UiTexture texture;   // empty when the file could not be previewed
  std::string error;   // why not, one line naming the file
};

class PreviewCache {
 public:
  // The preview of `path` at most max_side px a side; nullptr until it is ready (this
  // frame's request is queued: ask again next frame).
  const Preview* get(const std::filesystem::path& path, int max_side, const UiImageLimits& limits = preview_limits());
  // Main thread, once per frame: uploads a finished preview and starts the next one asked
  // for since the last call. Requests not repeated are dropped (scrolled out of view).
  void poll(bool gl_checks = false);
  bool busy() const { return task_.running() || !wanted_.empty(); }
  std::size_t ready_count() const { return entries_.size(); }
  void clear();  // forgets every preview (files may have changed)

 private:
  struct Request {
    std::filesystem::path path;
    int max_side = 0;
    UiImageLimits limits;
    std::string key;
  };
  struct Decoded {
    UiImage image;
    std::string error;
  };
  static std::string key_of(const std::filesystem::path& path, int max_side);
  std::map<std::string, Preview> entries_;
  std::vector<Request> wanted_;
  std::string in_flight_;  // key of the preview being decoded
  std::filesystem::path in_flight_path_;
  std::shared_ptr<Decoded> result_;
  BackgroundTask task_;
};

// Draws `preview` fitted and centred in the box at screen position `min` (the current
// window's draw list): the picture, a plain box while it is being made, or a crossed box
// when it cannot be shown. Returns true when the picture itself was drawn.
bool draw_preview(const Preview* preview, ImVec2 min, ImVec2 box);

}  // namespace smp::studio
