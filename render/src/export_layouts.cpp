#include "smp/render/export_layouts.hpp"

#include "panel_label.hpp"

#include "smp/render/image_io.hpp"
#include "smp/render/text.hpp"
#include "smp/sim/file_io.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace smp::render {

namespace {

cv::Vec3b vec(const cv::Scalar& s) {
  return {static_cast<uchar>(s[0]), static_cast<uchar>(s[1]), static_cast<uchar>(s[2])};
}

// Text of about `px` capital height at `origin` (baseline), shrunk to fit `max_width`;
// align: 0 left, 1 right (origin is the right end). Returns the drawn width.
int text(cv::Mat3b& img, const std::string& s, cv::Point origin, double px, int max_width, const cv::Scalar& colour,
         int align = 0) {
  if (s.empty() || max_width <= 0) return 0;
  TextStyle style{em_for_cap_height(px), false, colour};
  const double w = shrink_to_fit({s}, style, max_width);
  const double x = align == 1 ? origin.x - w : origin.x;
  draw_text(img, s, {x, static_cast<double>(origin.y)}, style);
  return static_cast<int>(std::lround(w));
}

void paste_logo(cv::Mat3b& img, const cv::Mat& logo, cv::Rect box, const cv::Scalar& bg) {
  if (logo.empty() || box.width <= 0 || box.height <= 0) return;
  const double s = std::min(static_cast<double>(box.width) / logo.cols, static_cast<double>(box.height) / logo.rows);
  const cv::Size size(std::max(1, static_cast<int>(logo.cols * s)), std::max(1, static_cast<int>(logo.rows * s)));
  cv::Mat scaled;
  cv::resize(logo, scaled, size, 0, 0, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  const cv::Rect at(box.x, box.y + (box.height - size.height) / 2, size.width, size.height);
  cv::Mat3b dst = img(at & cv::Rect(0, 0, img.cols, img.rows));
  if (scaled.channels() == 4) {  // blend on the background by the logo's alpha
    for (int y = 0; y < dst.rows; ++y)
      for (int x = 0; x < dst.cols; ++x) {
        const cv::Vec4b q = scaled.at<cv::Vec4b>(y, x);
        const double a = q[3] / 255.0;
        for (int c = 0; c < 3; ++c) dst(y, x)[c] = cv::saturate_cast<uchar>(q[c] * a + bg[c] * (1 - a));
      }
  } else {
    cv::Mat3b bgr;
    if (scaled.channels() == 1) cv::cvtColor(scaled, bgr, cv::COLOR_GRAY2BGR);
    else bgr = scaled;
    bgr(cv::Rect(0, 0, dst.cols, dst.rows)).copyTo(dst);
  }
}

}  // namespace

std::optional<ExportLayout> parse_export_layout(std::string_view name) {
  std::string s;
  for (char c : name) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "side-by-side" || s == "sidebyside" || s == "side") return ExportLayout::SideBySide;
  if (s == "split") return ExportLayout::Split;
  if (s == "grid" || s == "timeline" || s == "timeline-grid") return ExportLayout::TimelineGrid;
  return std::nullopt;
}

const char* export_layout_name(ExportLayout layout) {
  switch (layout) {
    case ExportLayout::SideBySide: return "side-by-side";
    case ExportLayout::Split: return "split";
    case ExportLayout::TimelineGrid: return "grid";
  }
  return "side-by-side";
}

namespace {

// Where the panels go: columns, rows, gap, output width and each panel's size.
struct PanelGrid {
  int cols = 1, rows = 1, gap = 8, out_w = 0;
  double scale = 1.0;  // panel px per photo px
  cv::Size panel;
};

PanelGrid panel_grid(cv::Size src, std::size_t count, const ExportParams& p) {
  PanelGrid g;
  g.cols = p.layout == ExportLayout::Split ? 1 : 2;
  g.rows = p.layout == ExportLayout::TimelineGrid ? static_cast<int>((count + 1) / 2) : 1;
  // Panel size: the photo's own (full resolution) or whatever fits the requested width.
  g.gap = std::max(8, src.width * g.cols / 120);
  int width = p.width;
  if (width <= 0) {
    // "Full resolution" within the widest export and the tallest stack of panels: the narrower
    // of the widths each allows (0: the photo's own size fits both).
    if (static_cast<long long>(g.cols) * src.width + (g.cols + 1) * g.gap > kMaxExportWidth) width = kMaxExportWidth;
    if (static_cast<long long>(g.rows) * src.height + (g.rows + 1) * g.gap > kMaxFullResolutionPanelsHeight) {
      // The width whose panels, at the photo's aspect, stack up to that height (with the gap that
      // width is drawn with; a pixel short of it for the rounding).
      const auto fitting_width = [&](int gap) {
        const double scale = static_cast<double>(kMaxFullResolutionPanelsHeight - 1 - (g.rows + 1) * gap) / (g.rows * src.height);
        return static_cast<int>(std::floor(g.cols * src.width * scale)) + (g.cols + 1) * gap;
      };
      const int fitting = std::max(kMinExportWidth, fitting_width(std::max(6, fitting_width(g.gap) / 120)));
      width = width > 0 ? std::min(width, fitting) : fitting;
    }
  }
  if (width > 0) {
    g.gap = std::max(6, width / 120);
    g.scale = static_cast<double>(width - (g.cols + 1) * g.gap) / (g.cols * src.width);
    if (g.scale <= 0) throw std::invalid_argument("export width " + std::to_string(width) + " px is too small");
  }
  g.panel = cv::Size(std::max(1, static_cast<int>(std::lround(src.width * g.scale))),
                     std::max(1, static_cast<int>(std::lround(src.height * g.scale))));
  g.out_w = width > 0 ? width : g.cols * g.panel.width + (g.cols + 1) * g.gap;
  return g;
}

}  // namespace

cv::Size export_panel_size(cv::Size photo, std::size_t panel_count, const ExportParams& params) {
  return panel_grid(photo, params.layout == ExportLayout::TimelineGrid ? panel_count : 2, params).panel;
}

void fit_export_panel(const cv::Mat3b& image, cv::Size panel, cv::Mat3b& out) {
  if (image.size() == panel) {
    image.copyTo(out);
    return;
  }
  // Smaller in either direction: area averaging (the photo scaled down); else cubic.
  const int interp = panel.width < image.cols || panel.height < image.rows ? cv::INTER_AREA : cv::INTER_CUBIC;
  cv::resize(image, out, panel, 0, 0, interp);
}

cv::Mat3b compose_export(std::span<const LabelledImage> panels, const ExportParams& p) {
  const bool pair_layout = p.layout != ExportLayout::TimelineGrid;
  if (panels.empty() || (pair_layout && panels.size() < 2))
    throw std::invalid_argument(std::string("the ") + export_layout_name(p.layout) + " layout needs " +
                                (pair_layout ? "a before and an after image" : "at least one image"));
  const std::size_t count = pair_layout ? 2 : panels.size();
  const cv::Size src = panels[0].image.size();
  if (src.empty()) throw std::invalid_argument("the export's first image is empty");
  const PanelGrid grid = panel_grid(src, count, p);
  const int cols = grid.cols, rows = grid.rows, gap = grid.gap;
  const cv::Size panel = grid.panel;
  // The first panel has the photo's size; the others may come already fitted to the panel.
  for (std::size_t i = 1; i < count; ++i)
    if (panels[i].image.empty() || (panels[i].image.size() != src && panels[i].image.size() != panel))
      throw std::invalid_argument("export images must all have the photo's size or the panel's");

  const int out_w = grid.out_w;
  const double unit = std::clamp(out_w / 70.0, 12.0, 90.0);  // text size follows the output width
  const bool header = !p.clinic_name.empty() || !p.logo.empty() || !p.client_label.empty() || !p.date.empty();
  const int header_h = header ? static_cast<int>(unit * 2.6) : 0;
  const int footer_lines = static_cast<int>(p.footer_lines.size()) + (p.disclaimer.empty() ? 0 : 1);
  const int footer_h = footer_lines > 0 ? static_cast<int>(unit * (0.6 + 1.45 * footer_lines)) : 0;
  const int out_h = header_h + rows * panel.height + (rows + 1) * gap + footer_h;
  cv::Mat3b out(out_h, out_w, vec(p.background));

  if (header) {
    int x = gap;
    if (!p.logo.empty()) {
      const int lh = static_cast<int>(unit * 2.0);
      paste_logo(out, p.logo, cv::Rect(x, gap / 2 + (header_h - lh) / 2, lh * 3, lh), p.background);
      // The logo may be narrower than its box: measure what was drawn by its aspect.
      x += std::min(lh * 3, static_cast<int>(std::lround(lh * static_cast<double>(p.logo.cols) / p.logo.rows))) + gap;
    }
    const int half = out_w / 2;
    text(out, p.clinic_name, {x, gap / 2 + static_cast<int>(header_h * 0.62)}, unit * 0.95, half - x, p.text);
    const int right = out_w - gap;
    if (!p.client_label.empty() && !p.date.empty()) {
      text(out, p.client_label, {right, gap / 2 + static_cast<int>(header_h * 0.45)}, unit * 0.8, half - gap, p.text, 1);
      text(out, p.date, {right, gap / 2 + static_cast<int>(header_h * 0.85)}, unit * 0.62, half - gap, p.muted, 1);
    } else {
      text(out, p.client_label.empty() ? p.date : p.client_label, {right, gap / 2 + static_cast<int>(header_h * 0.62)},
           unit * 0.8, half - gap, p.text, 1);
    }
  }

  auto place = [&](const cv::Mat3b& img, int r, int c) {
    const cv::Rect at(gap + c * (panel.width + gap), header_h + gap + r * (panel.height + gap), panel.width, panel.height);
    cv::Mat3b roi = out(at);
    fit_export_panel(img, panel, roi);
    return roi;
  };
  const double label_px = std::clamp(panel.height / 26.0, 12.0, 80.0);
  if (p.layout == ExportLayout::Split) {
    cv::Mat3b roi = place(panels[1].image, 0, 0);
    const int split = std::clamp(static_cast<int>(std::lround(panel.width * p.split_position)), 0, panel.width);
    if (split > 0) {
      cv::Mat3b before;
      fit_export_panel(panels[0].image, panel, before);
      before(cv::Rect(0, 0, split, panel.height)).copyTo(roi(cv::Rect(0, 0, split, panel.height)));
    }
    const int lw = std::max(2, panel.width / 400);
    cv::line(roi, {split, 0}, {split, panel.height}, cv::Scalar(255, 255, 255), lw, cv::LINE_AA);
    cv::circle(roi, {split, panel.height / 2}, lw * 6, cv::Scalar(255, 255, 255), cv::FILLED, cv::LINE_AA);
    // Each label keeps to its own side of the divider.
    detail::draw_panel_label(roi, panels[0].label, label_px, p.text, false, split);
    detail::draw_panel_label(roi, panels[1].label, label_px, p.text, true, panel.width - split);
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      cv::Mat3b roi = place(panels[i].image, static_cast<int>(i) / cols, static_cast<int>(i) % cols);
      detail::draw_panel_label(roi, panels[i].label, label_px, p.text, false, panel.width);
    }
  }

  int y = header_h + rows * panel.height + (rows + 1) * gap + static_cast<int>(unit * 0.9);
  for (const std::string& line : p.footer_lines) {
    text(out, line, {gap, y}, unit * 0.72, out_w - 2 * gap, p.text);
    y += static_cast<int>(unit * 1.45);
  }
  text(out, p.disclaimer, {gap, y}, unit * 0.58, out_w - 2 * gap, p.muted);
  return out;
}

cv::Mat load_logo(const std::filesystem::path& path) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = sim::read_file_bytes(path, std::uintmax_t{32} << 20);
  } catch (const sim::FileError& e) {
    throw ImageError(std::string("clinic logo: ") + e.what());
  }
  PhotoLimits limits;
  limits.max_pixels = 50'000'000;
  limits.max_file_bytes = std::uintmax_t{32} << 20;
  return decode_image_with_alpha(bytes, path.string() + " (clinic logo)", limits);
}

}  // namespace smp::render
