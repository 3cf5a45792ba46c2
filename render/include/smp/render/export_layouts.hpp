#pragma once
// Before/after exports in several layouts, with optional clinic name and logo, client label
// and date. Images are composed from pixels only: nothing of the source photo's metadata
// exists here, and save_image writes none.

#include <opencv2/core.hpp>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smp::render {

enum class ExportLayout {
  SideBySide,    // before | after
  Split,         // one picture: before on the left of a split line, after on the right
  TimelineGrid,  // every state in a grid of two columns (before, session 1, healed, years ...)
};

// "side-by-side", "split", "grid" (also "timeline"); nullopt when unknown.
std::optional<ExportLayout> parse_export_layout(std::string_view name);
const char* export_layout_name(ExportLayout layout);

struct LabelledImage {
  cv::Mat3b image;
  std::string label;
};

// Exports are at least and at most this wide, in pixels: a grid of a 200 MP photo at full
// resolution would be 28,000 px wide (2.4 GB of pixels).
inline constexpr int kMinExportWidth = 200;
inline constexpr int kMaxExportWidth = 20000;
// "Full resolution" also stops where the panels would stand taller than this: the grid of a
// tall photo has three rows of it (a 250 MP portrait would make a 63,000 px tall export).
inline constexpr int kMaxFullResolutionPanelsHeight = 20000;

struct ExportParams {
  ExportLayout layout = ExportLayout::SideBySide;
  int width = 0;                  // output width in pixels; 0 = full resolution (photo pixels 1:1), at most kMaxExportWidth
                                  // wide and kMaxFullResolutionPanelsHeight tall
  double split_position = 0.5;    // Split: fraction of the width that shows "before"
  std::string clinic_name;        // header, left (empty = none)
  cv::Mat logo;                   // BGR or BGRA, drawn left of the clinic name (empty = none)
  std::string client_label;       // header, right
  std::string date;               // header, right, under the client label
  std::vector<std::string> footer_lines;  // e.g. the estimate summary
  std::string disclaimer = "Simulated preview for consultation; real results vary.";
  cv::Scalar background{34, 32, 30};  // BGR
  cv::Scalar text{238, 238, 238};
  cv::Scalar muted{170, 170, 170};
};

// Panels: SideBySide and Split use the first two (before, after); TimelineGrid uses all.
// The first panel has the photo's size, which sets the layout; each other panel has that size
// too, or comes already fitted to the panel size (fit_export_panel). Throws
// std::invalid_argument on bad input.
cv::Mat3b compose_export(std::span<const LabelledImage> panels, const ExportParams& params = {});

// The size compose_export gives each of `panel_count` panels of a `photo`-sized first panel
// (SideBySide and Split always have two).
cv::Size export_panel_size(cv::Size photo, std::size_t panel_count, const ExportParams& params);

// `image` as compose_export draws it into a panel of `panel` size (a copy when it has that size
// already): a picture fitted once can be kept instead of the full-resolution one.
void fit_export_panel(const cv::Mat3b& image, cv::Size panel, cv::Mat3b& out);

// A clinic logo (PNG with transparency or JPEG) as BGR or BGRA; throws ImageError.
cv::Mat load_logo(const std::filesystem::path& path);

}  // namespace smp::render
