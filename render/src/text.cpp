#include "smp/render/text.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace smp::render {

namespace {

// DejaVu for Latin, Greek and Cyrillic as before; fontconfig adds Noto for other scripts.
constexpr const char* kFamilies = "DejaVu Sans, Noto Sans, Noto Sans Arabic, Noto Sans Hebrew, "
                                  "Noto Sans Devanagari, Noto Sans CJK SC, sans-serif";
constexpr double kCapHeightPerEm = 0.729;  // DejaVu Sans

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;
struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

LayoutPtr make_layout(cairo_t* cr, const std::string& utf8, double em, bool bold) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoFontDescription* desc = pango_font_description_from_string(kFamilies);
  pango_font_description_set_absolute_size(desc, std::max(em, 0.5) * PANGO_SCALE);
  pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_single_paragraph_mode(layout.get(), TRUE);  // one line, whatever it holds
  // Invalid UTF-8 would be refused by Pango; show what is valid instead of nothing.
  const char* end = nullptr;
  if (g_utf8_validate(utf8.c_str(), static_cast<gssize>(utf8.size()), &end)) {
    pango_layout_set_text(layout.get(), utf8.c_str(), static_cast<int>(utf8.size()));
  } else {
    gchar* valid = g_utf8_make_valid(utf8.c_str(), static_cast<gssize>(utf8.size()));
    pango_layout_set_text(layout.get(), valid, -1);
    g_free(valid);
  }
  return layout;
}

// A context for measuring only.
ContextPtr measuring_context(SurfacePtr& surface) {
  surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
  return ContextPtr(cairo_create(surface.get()));
}

}  // namespace

double em_for_cap_height(double cap_px) { return cap_px / kCapHeightPerEm; }

double cairo_text_width(cairo_t* cr, const std::string& utf8, double em, bool bold) {
  if (utf8.empty()) return 0;
  const LayoutPtr layout = make_layout(cr, utf8, em, bold);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

void cairo_draw_text(cairo_t* cr, const std::string& utf8, double x, double baseline_y, double em, bool bold) {
  if (utf8.empty()) return;
  const LayoutPtr layout = make_layout(cr, utf8, em, bold);
  const double baseline = static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
  cairo_move_to(cr, x, baseline_y - baseline);
  pango_cairo_show_layout(cr, layout.get());
}

double text_width(const std::string& utf8, const TextStyle& style) {
  SurfacePtr surface;
  const ContextPtr cr = measuring_context(surface);
  return cairo_text_width(cr.get(), utf8, style.em_px, style.bold);
}

double shrink_to_fit(const std::vector<std::string>& lines, TextStyle& style, double max_width, double min_em_px) {
  const auto widest = [&] {
    double w = 0;
    for (const std::string& line : lines) w = std::max(w, text_width(line, style));
    return w;
  };
  double w = widest();
  for (int attempt = 0; attempt < 8 && w > max_width && max_width > 0 && style.em_px > min_em_px; ++attempt) {
    style.em_px = std::max(min_em_px, style.em_px * std::min(0.98, max_width / w));
    w = widest();
  }
  return w;
}

double draw_text(cv::Mat3b& img, const std::string& utf8, cv::Point2d baseline_left, const TextStyle& style) {
  if (utf8.empty() || img.empty()) return 0;
  SurfacePtr measure_surface;
  const ContextPtr measure = measuring_context(measure_surface);
  const LayoutPtr probe = make_layout(measure.get(), utf8, style.em_px, style.bold);
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(probe.get(), &ink, &logical);
  const double baseline = static_cast<double>(pango_layout_get_baseline(probe.get())) / PANGO_SCALE;
  // Render the line into its own transparent surface, then blend it onto the picture.
  const int pad = static_cast<int>(std::ceil(style.em_px * 0.3)) + 2;
  const int left = std::min(ink.x, logical.x) - pad, top = std::min(ink.y, logical.y) - pad;
  const int right = std::max(ink.x + ink.width, logical.x + logical.width) + pad;
  const int bottom = std::max(ink.y + ink.height, logical.y + logical.height) + pad;
  const int w = right - left, h = bottom - top;
  if (w <= 0 || h <= 0 || w > 1 << 14 || h > 1 << 14) return 0;
  const SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
  const ContextPtr cr(cairo_create(surface.get()));
  // Sub-pixel position of the origin keeps the text where a float origin says.
  const double ox = baseline_left.x - std::floor(baseline_left.x), oy = baseline_left.y - std::floor(baseline_left.y);
  cairo_set_source_rgba(cr.get(), style.colour[2] / 255.0, style.colour[1] / 255.0, style.colour[0] / 255.0, 1.0);
  cairo_move_to(cr.get(), -left + ox, -top + oy);
  pango_cairo_update_layout(cr.get(), probe.get());  // the measured layout, not shaped again
  pango_cairo_show_layout(cr.get(), probe.get());
  cairo_surface_flush(surface.get());

  // Surface pixel (sx, sy) lies at picture pixel (x0 + sx, y0 + sy).
  const int x0 = static_cast<int>(std::floor(baseline_left.x)) + left;
  const int y0 = static_cast<int>(std::floor(baseline_left.y - baseline)) + top;
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int sy = std::max(0, -y0); sy < h && y0 + sy < img.rows; ++sy) {
    const auto* src = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(sy) * stride);
    cv::Vec3b* dst = img.ptr<cv::Vec3b>(y0 + sy);
    for (int sx = std::max(0, -x0); sx < w && x0 + sx < img.cols; ++sx) {
      const std::uint32_t p = src[sx];  // premultiplied ARGB in native byte order
      const int a = static_cast<int>(p >> 24);
      if (a == 0) continue;
      const int r = static_cast<int>((p >> 16) & 255), g = static_cast<int>((p >> 8) & 255), b = static_cast<int>(p & 255);
      cv::Vec3b& d = dst[x0 + sx];
      d[0] = static_cast<uchar>(b + (d[0] * (255 - a) + 127) / 255);
      d[1] = static_cast<uchar>(g + (d[1] * (255 - a) + 127) / 255);
      d[2] = static_cast<uchar>(r + (d[2] * (255 - a) + 127) / 255);
    }
  }
  return static_cast<double>(logical.width);
}

std::optional<std::string> missing_font_warning(const std::string& utf8) {
  if (utf8.empty()) return std::nullopt;
  SurfacePtr surface;
  const ContextPtr cr = measuring_context(surface);
  const LayoutPtr layout = make_layout(cr.get(), utf8, 16, false);
  if (pango_layout_get_unknown_glyphs_count(layout.get()) == 0) return std::nullopt;
  return "no installed font has some characters of \"" + utf8 +
         "\"; they show as boxes (install the Debian packages fonts-noto-core and fonts-noto-cjk)";
}

}  // namespace smp::render
