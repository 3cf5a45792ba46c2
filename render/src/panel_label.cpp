#include "panel_label.hpp"

#include "smp/render/text.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace smp::render::detail {

namespace {

// A label too wide for its room is shrunk to fit down to this share of its size, below which
// it is set on two lines (split at the space that balances them, after a comma or before a
// dash or bracket when that costs less than a tenth of the size), shrunk as needed.
constexpr double kMinLabelShrink = 0.7;
constexpr double kPunctuationSplitBonus = 1.1;
constexpr double kMinCapPx = 5.0;    // smaller capitals are left out
constexpr double kLineGap = 0.45;    // between two lines, share of the capital height
constexpr double kPadShare = 0.5;    // plate padding and margin, share of the intended capital height

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// `s` as one line or two, whichever keeps it larger within `max_width` at `style`'s size.
std::vector<std::string> split_label(const std::string& s, const TextStyle& style, double max_width) {
  const double shrink = max_width / std::max(text_width(s, style), 1e-9);
  if (shrink >= kMinLabelShrink) return {s};
  std::vector<std::string> best{s};
  double best_score = shrink;
  for (std::size_t at = s.find(' '); at != std::string::npos; at = s.find(' ', at + 1)) {
    std::string left = s.substr(0, at), right = s.substr(at + 1);
    if (left.empty() || right.empty()) continue;
    const double widest = std::max(text_width(left, style), text_width(right, style));
    const bool at_punctuation = left.back() == ',' || starts_with(right, "-") || starts_with(right, "(") ||
                                starts_with(right, "\xE2\x80\x93");  // en dash
    const double score = std::min(1.0, max_width / widest) * (at_punctuation ? kPunctuationSplitBonus : 1.0);
    if (score > best_score) best = {std::move(left), std::move(right)}, best_score = score;
  }
  return best;
}

}  // namespace

void draw_panel_label(cv::Mat3b& panel, const std::string& label, double cap_px, const cv::Scalar& colour, bool right,
                      int room_px) {
  if (label.empty() || cap_px <= 0) return;
  const int pad = static_cast<int>(cap_px * kPadShare);
  room_px = std::min(room_px, panel.cols);
  const double max_w = room_px - 4.0 * pad;       // a pad around the plate and inside it
  const double max_h = panel.rows - 4.0 * pad;
  if (max_w <= 0 || max_h <= 0) return;
  const std::vector<std::string> lines = split_label(label, TextStyle{em_for_cap_height(cap_px), false, colour}, max_w);
  const double n = static_cast<double>(lines.size());
  const double full_px = std::min(cap_px, max_h / (n + (n - 1) * kLineGap));
  TextStyle style{em_for_cap_height(full_px), false, colour};
  const double full_em = style.em_px;
  const double text_w = shrink_to_fit(lines, style, max_w, em_for_cap_height(kMinCapPx));
  const double line_px = style.em_px == full_em ? full_px : full_px * style.em_px / full_em;  // capitals at that size
  if (line_px < kMinCapPx || text_w > max_w) return;
  const int line_h = static_cast<int>(std::lround(line_px)), gap = static_cast<int>(std::lround(line_px * kLineGap));
  const int text_h = static_cast<int>(lines.size()) * line_h + (static_cast<int>(lines.size()) - 1) * gap;
  const int w = static_cast<int>(std::ceil(text_w)) + 2 * pad, h = text_h + 2 * pad;
  const cv::Rect plate(right ? panel.cols - w - pad : pad, pad, w, h);
  cv::Mat3b roi = panel(plate & cv::Rect(0, 0, panel.cols, panel.rows));
  roi.convertTo(roi, -1, 0.45, 0);  // darken under the text
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double baseline = plate.y + pad + static_cast<double>(i + 1) * line_h + static_cast<double>(i) * gap;
    draw_text(panel, lines[i], {static_cast<double>(plate.x + pad), baseline}, style);
  }
}

}  // namespace smp::render::detail
