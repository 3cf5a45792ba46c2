// Consultation report layout with cairo's PDF surface. Photos are embedded as JPEG (cairo
// passes JPEG MIME data through untouched), drawn at ReportParams::image_dpi, so a report
// stays a few hundred kilobytes. Only our own pixels go in: no metadata of the client's
// photo exists at this point. The PDF's own metadata names no client.

#include "smp/render/report_pdf.hpp"

#include "smp/render/text.hpp"

#include "smp/sim/file_io.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <stdexcept>

namespace smp::render {

namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;  // A4 in points
constexpr double kMargin = 42;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.14, 0.16, 0.19};
constexpr Rgb kMuted{0.42, 0.45, 0.48};
constexpr Rgb kAccent{0.06, 0.42, 0.50};
constexpr Rgb kWarn{0.70, 0.33, 0.05};
constexpr Rgb kRule{0.82, 0.84, 0.86};

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

class Page {
 public:
  explicit Page(cairo_t* cr, const ReportParams& p) : cr_(cr), params_(p) {}

  void colour(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }
  // Text goes through the shared layout engine (shaping, right-to-left, font fallback).
  void font(double size, bool bold = false) {
    size_ = size;
    bold_ = bold;
  }
  double width_of(const std::string& s) { return cairo_text_width(cr_, s, size_, bold_); }
  void text(double x, double y, const std::string& s) { cairo_draw_text(cr_, s, x, y, size_, bold_); }
  void text_right(double right, double y, const std::string& s) { text(right - width_of(s), y, s); }
  // Word-wrapped paragraph from baseline y; returns the baseline after the last line.
  double paragraph(double x, double y, double width, const std::string& s, double line_h) {
    std::string line, word;
    auto flush_word = [&] {
      if (word.empty()) return;
      const std::string trial = line.empty() ? word : line + " " + word;
      if (!line.empty() && width_of(trial) > width) {
        text(x, y, line);
        y += line_h;
        line = word;
      } else {
        line = trial;
      }
      word.clear();
    };
    for (char c : s) {
      if (c == ' ') flush_word();
      else word += c;
    }
    flush_word();
    if (!line.empty()) {
      text(x, y, line);
      y += line_h;
    }
    return y;
  }
  double bullets(double x, double y, double width, const std::vector<std::string>& items) {
    for (const std::string& item : items) {
      colour(kAccent);
      cairo_new_path(cr_);  // no line from the last text to the bullet
      cairo_arc(cr_, x + 3, y - 3.2, 1.8, 0, 2 * M_PI);
      cairo_fill(cr_);
      colour(kInk);
      y = paragraph(x + 12, y, width - 12, item, 13.5) + 3;
    }
    return y;
  }
  void rule(double x0, double x1, double y, Rgb c = kRule, double w = 0.8) {
    colour(c);
    cairo_set_line_width(cr_, w);
    cairo_move_to(cr_, x0, y);
    cairo_line_to(cr_, x1, y);
    cairo_stroke(cr_);
  }
  // Fits the image inside the box (keeping its aspect), left-aligned under its caption's
  // column; returns the drawn height.
  double image(const cv::Mat& img, double x, double y, double max_w, double max_h) {
    if (img.empty()) return 0;
    const double s = std::min(max_w / img.cols, max_h / img.rows);
    const double w = img.cols * s, h = img.rows * s;
    draw(img, x, y, w, h);
    colour(kRule);
    cairo_set_line_width(cr_, 0.6);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
    return h;
  }
  // Draws the image exactly into the rectangle.
  void draw(const cv::Mat& img, double x, double y, double w, double h) {
    const double px_w = w / 72.0 * params_.image_dpi;
    cv::Mat src = img;
    if (src.cols > px_w * 1.05) {
      const double s = px_w / src.cols;
      cv::resize(img, src, cv::Size(std::max(1, static_cast<int>(src.cols * s)), std::max(1, static_cast<int>(src.rows * s))),
                 0, 0, cv::INTER_AREA);
    }
    const bool alpha = src.channels() == 4;
    SurfacePtr surface(cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, src.cols, src.rows),
                       cairo_surface_destroy);
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int yy = 0; yy < src.rows; ++yy) {
      unsigned char* row = data + static_cast<std::ptrdiff_t>(yy) * stride;
      for (int xx = 0; xx < src.cols; ++xx) {
        // cairo stores native-endian 0xAARRGGBB words: B, G, R, A in memory on little-endian.
        const std::uint8_t* q = src.ptr<std::uint8_t>(yy) + xx * src.channels();
        const unsigned a = alpha ? q[3] : 255u;
        std::uint32_t word = (a << 24) | ((q[2] * a / 255u) << 16) | ((q[1] * a / 255u) << 8) | (q[0] * a / 255u);
        std::memcpy(row + 4 * xx, &word, 4);
      }
    }
    cairo_surface_mark_dirty(surface.get());
    if (!alpha) {  // embed as JPEG instead of a large lossless image
      std::vector<std::uint8_t> jpeg;
      if (src.channels() == 3 && cv::imencode(".jpg", src, jpeg, {cv::IMWRITE_JPEG_QUALITY, params_.jpeg_quality})) {
        auto* copy = static_cast<unsigned char*>(std::malloc(jpeg.size()));
        if (copy) {
          std::memcpy(copy, jpeg.data(), jpeg.size());
          cairo_surface_set_mime_data(surface.get(), CAIRO_MIME_TYPE_JPEG, copy, jpeg.size(), std::free, copy);
        }
      }
    }
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_scale(cr_, w / src.cols, h / src.rows);
    cairo_set_source_surface(cr_, surface.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_GOOD);
    cairo_paint(cr_);
    cairo_restore(cr_);
  }
  // Two-column table of rows; returns the baseline after it.
  double table(double x, double y, double width, const ReportRows& rows, double label_w) {
    for (const auto& [label, value] : rows) {
      font(9.5);
      colour(kMuted);
      text(x, y, label);
      font(10, true);
      colour(kInk);
      y = paragraph(x + label_w, y, width - label_w, value, 13) + 3.5;
    }
    return y;
  }
  void section(double x, double y, const std::string& title) {
    font(11.5, true);
    colour(kAccent);
    text(x, y, title);
  }
  cairo_t* cr() { return cr_; }

 private:
  cairo_t* cr_;
  const ReportParams& params_;
  double size_ = 10;  // points
  bool bold_ = false;
};

void header(Page& pg, const ReportContent& c, bool first) {
  double x = kMargin;
  const double top = kMargin - 8;
  if (!c.logo.empty()) {
    const double h = first ? 34 : 22;
    const double w = std::min(h * c.logo.cols / c.logo.rows, 110.0);
    pg.draw(c.logo, x, top, w, w * c.logo.rows / c.logo.cols);
    x += w + 10;
  }
  pg.font(first ? 15 : 11, true);
  pg.colour(kInk);
  pg.text(x, top + (first ? 22 : 15), c.clinic_name.empty() ? "Consultation report" : c.clinic_name);
  pg.font(9);
  pg.colour(kMuted);
  const double right = kPageW - kMargin;
  if (first) {
    pg.text_right(right, top + 12, c.clinic_name.empty() ? "SMP Studio" : "Consultation report");
    pg.text_right(right, top + 25, c.date);
  } else {
    pg.text_right(right, top + 15, c.client_label + (c.client_label.empty() ? "" : "  ·  ") + c.date);
  }
  pg.rule(kMargin, right, top + (first ? 44 : 26), kAccent, 1.2);
}

void footer(Page& pg, int page, int pages) {
  pg.font(8);
  pg.colour(kMuted);
  pg.text_right(kPageW - kMargin, kPageH - 24, "Page " + std::to_string(page) + " of " + std::to_string(pages));
  pg.text(kMargin, kPageH - 24, "Prepared with SMP Studio");
}

// The dots at full resolution, before and after side by side in at most `room` points of
// height from `y`; returns where the section ends.
double close_up(Page& pg, const ReportContent& c, double y, double room) {
  if (c.detail_before.empty() || c.detail_after.empty()) return y;
  const double gap = 14, col = (kPageW - 2 * kMargin - gap) / 2;
  pg.section(kMargin, y, c.detail_caption);
  const double dh = std::min(room - 18, 170.0);
  const double d1 = pg.image(c.detail_before, kMargin, y + 10, col, dh);
  pg.image(c.detail_after, kMargin + col + gap, y + 10, col, dh);
  pg.font(9);
  pg.colour(kMuted);
  pg.text(kMargin, y + d1 + 23, c.before_caption);
  pg.text(kMargin + col + gap, y + d1 + 23, c.after_caption);
  return y + d1 + 40;
}

// Returns whether the close-up is on it.
bool first_page(Page& pg, const ReportContent& c) {
  header(pg, c, true);
  const double inner = kPageW - 2 * kMargin;
  double y = kMargin + 66;
  pg.font(18, true);
  pg.colour(kInk);
  pg.text(kMargin, y, c.title);
  y += 20;
  pg.font(11);
  pg.colour(kMuted);
  pg.text(kMargin, y, c.client_label.empty() ? "Client: -" : "Client: " + c.client_label);

  y += 16;
  const double gap = 14, col = (inner - gap) / 2;
  const double max_h = 232;
  // Before | after, or before | buzzed | buzzed with SMP.
  std::vector<std::pair<const cv::Mat3b*, const std::string*>> top{{&c.before, &c.before_caption}};
  if (!c.buzzed.empty()) top.emplace_back(&c.buzzed, &c.buzzed_caption);
  top.emplace_back(&c.after, &c.after_caption);
  const double top_col = (inner - gap * static_cast<double>(top.size() - 1)) / static_cast<double>(top.size());
  double h = 0;
  for (std::size_t i = 0; i < top.size(); ++i)
    h = std::max(h, pg.image(*top[i].first, kMargin + static_cast<double>(i) * (top_col + gap), y, top_col, max_h));
  pg.font(9);
  pg.colour(kMuted);
  for (std::size_t i = 0; i < top.size(); ++i)
    pg.paragraph(kMargin + static_cast<double>(i) * (top_col + gap), y + h + 13, top_col, *top[i].second, 11);
  y += h + 36;

  // The plan on the left, parameters and estimate on the right.
  double left_end = y;
  if (!c.views.empty()) {
    pg.section(kMargin, y, "Hairline and treatment plan");
    const double ih = pg.image(c.views[0].plan_overlay, kMargin, y + 10, col, 250);
    pg.font(8.5);
    pg.colour(kMuted);
    left_end = pg.paragraph(kMargin, y + ih + 22, col, c.views[0].caption, 11);
  }
  const double rx = kMargin + col + gap;
  pg.section(rx, y, "Treatment parameters");
  double ry = pg.table(rx, y + 18, col, c.parameters, 88) + 8;
  pg.section(rx, ry, "Estimate");
  ry = pg.table(rx, ry + 18, col, c.estimate, 88) + 2;
  pg.font(9, true);
  pg.colour(kWarn);
  for (const std::string& note : c.estimate_notes) ry = pg.paragraph(rx, ry, col, note, 12) + 2;
  // The close-up: on this page when it fits, else at the top of the second.
  y = std::max(left_end, ry) + 14;
  const bool fits = kPageH - 48 - y - 20 > 90;
  if (fits) close_up(pg, c, y, kPageH - 48 - y - 20);
  footer(pg, 1, 2);
  return fits;
}

// The notes share page 2 with the care advice: at most about ten lines of them.
constexpr std::size_t kMaxNotesBytes = 1200;

// `s` cut at the last space (or character boundary) before `max_bytes`, with an ellipsis.
std::string shortened(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  if (const std::size_t space = s.rfind(' ', cut); space != std::string::npos && space > max_bytes / 2) cut = space;
  return s.substr(0, cut) + "\u2026";
}

// Pictures side by side under a title, a bold name and a caption under each; returns the y below.
double picture_row(Page& pg, double y, const std::string& title, std::span<const ReportView> row, double max_h) {
  pg.section(kMargin, y, title);
  y += 12;  // below the title
  const double gap = 12, n = static_cast<double>(row.size());
  const double w = (kPageW - 2 * kMargin - gap * (n - 1)) / n;
  double tallest = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const double x = kMargin + static_cast<double>(i) * (w + gap);
    const double h = pg.image(row[i].plan_overlay, x, y, w, max_h);
    pg.font(9, true);
    pg.colour(kInk);
    const double name_end = pg.paragraph(x, y + h + 13, w, row[i].name, 11);  // narrow columns wrap
    pg.font(8.5);
    pg.colour(kMuted);
    tallest = std::max(tallest, (row[i].caption.empty() ? name_end : pg.paragraph(x, name_end + 1, w, row[i].caption, 11)) - y);
  }
  return y + tallest + 14;
}

void second_page(Page& pg, const ReportContent& c, bool with_close_up) {
  header(pg, c, false);
  const double inner = kPageW - 2 * kMargin;
  double y = kMargin + 38;
  if (with_close_up) y = close_up(pg, c, y, 148);
  if (c.views.size() > 1)
    y = picture_row(pg, y, "Views of this consultation", std::span(c.views).first(std::min<std::size_t>(c.views.size(), 3)), 170);
  if (!c.timeline.empty())  // the moments the viewer's timeline and the grid export show
    y = picture_row(pg, y, "Over time (simulated)", c.timeline, 110);
  if (!c.pattern_diagram.empty()) {  // the hair-loss template the plan started from
    pg.section(kMargin, y, "Hair-loss pattern: " + c.pattern_name);
    const double h = pg.image(c.pattern_diagram, kMargin, y + 10, 70, 82);
    pg.font(9.5);
    pg.colour(kInk);
    pg.paragraph(kMargin + 84, y + 30, inner - 84, c.pattern_description, 13);
    y += h + 30;
  }
  auto block = [&](const std::string& title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    pg.section(kMargin, y, title);
    pg.font(10);
    y = pg.bullets(kMargin, y + 18, inner, items) + 8;
  };
  if (!c.technician_notes.empty()) {  // what was discussed, in the technician's words
    pg.section(kMargin, y, "Technician's notes");
    pg.font(10);
    pg.colour(kInk);
    y = pg.paragraph(kMargin, y + 18, inner, shortened(c.technician_notes, kMaxNotesBytes), 13) + 10;
  }
  block("Before each session", c.care.before);
  block("After each session", c.care.after);
  block("How long it lasts", c.care.longevity);

  pg.rule(kMargin, kPageW - kMargin, y);
  y += 16;
  pg.font(8.5);
  pg.colour(kMuted);
  y = pg.paragraph(kMargin, y, inner, c.disclaimer, 11.5) + 26;
  // Signatures: the report is the written record of what was discussed.
  const double half = (inner - 30) / 2;
  for (int i = 0; i < 2; ++i) {
    const double x = kMargin + i * (half + 30);
    pg.rule(x, x + half, y + 24, kMuted, 0.6);
    pg.font(8.5);
    pg.colour(kMuted);
    pg.text(x, y + 36, i == 0 ? "Technician" : "Client");
  }
  footer(pg, 2, 2);
}

}  // namespace

std::vector<std::uint8_t> render_report_pdf(const ReportContent& content, const ReportParams& params) {
  std::vector<std::uint8_t> bytes;
  {
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(append, &bytes, kPageW, kPageH), cairo_surface_destroy);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "SMP consultation report");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "SMP Studio");
    ContextPtr cr(cairo_create(surface.get()), cairo_destroy);
    Page page(cr.get(), params);
    const bool close_up_shown = first_page(page, content);
    cairo_show_page(cr.get());
    second_page(page, content, !close_up_shown);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("report drawing failed: ") + cairo_status_to_string(cairo_status(cr.get())));
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("report PDF failed: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return bytes;
}

void write_report_pdf(const std::filesystem::path& path, const ReportContent& content, const ReportParams& params) {
  sim::write_file_atomically(path, render_report_pdf(content, params));
}

}  // namespace smp::render
