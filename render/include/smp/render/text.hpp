#pragma once
// Text on exported pictures, the report and the template diagrams, in any language: one
// layout engine (Pango on cairo) shapes the text (joined Arabic letters, combining marks),
// orders right-to-left runs and falls back through the installed fonts (fontconfig) for
// scripts the main font lacks.

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;

namespace smp::render {

struct TextStyle {
  double em_px = 16;                   // font size: the em square in pixels (report: points)
  bool bold = false;
  cv::Scalar colour{255, 255, 255};    // BGR, 0-255
};

// The em size whose capital letters are `cap_px` tall (the sans-serif fonts used here).
double em_for_cap_height(double cap_px);

// Advance width of one line of UTF-8 text, in pixels.
double text_width(const std::string& utf8, const TextStyle& style);

// Lowers `style.em_px` until the widest of `lines` is at most `max_width` px, or the size
// reaches `min_em_px`. Text widths do not scale quite in proportion to the size (the font's
// metrics are rounded to pixels), so the width is measured again after each step (at most 8).
// Returns the widest line's width at the size left in `style`. A `max_width` of 0 or less
// leaves the size as it is.
double shrink_to_fit(const std::vector<std::string>& lines, TextStyle& style, double max_width, double min_em_px = 0);

// Draws one line of UTF-8 text with the left end of its baseline at `baseline_left`.
// Pixels outside `img` are clipped. Returns the drawn width in pixels.
double draw_text(cv::Mat3b& img, const std::string& utf8, cv::Point2d baseline_left, const TextStyle& style);

// The same engine on a cairo context in its user units (the report's points), in the
// context's current source colour.
double cairo_text_width(cairo_t* cr, const std::string& utf8, double em, bool bold);
void cairo_draw_text(cairo_t* cr, const std::string& utf8, double x, double baseline_y, double em, bool bold);

// When some characters of `utf8` have no installed font (they would show as boxes), a
// warning that names the packages to install; nullopt when every character has a font.
std::optional<std::string> missing_font_warning(const std::string& utf8);

}  // namespace smp::render
