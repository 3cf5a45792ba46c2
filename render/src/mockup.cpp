#include "smp/render/mockup.hpp"

#include "smp/render/text.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

// Draws text at about `height_px` capital height, shrunk when needed to fit `max_width`.
void put_text(cv::Mat3b& img, const std::string& text, cv::Point origin, double height_px, int max_width,
              const cv::Scalar& colour) {
  TextStyle style{em_for_cap_height(height_px), false, colour};
  const double width = text_width(text, style);
  if (width > max_width && width > 0) style.em_px *= max_width / width;
  draw_text(img, text, {static_cast<double>(origin.x), static_cast<double>(origin.y)}, style);
}

}  // namespace

cv::Mat3b side_by_side_mockup(const cv::Mat3b& before, const cv::Mat3b& after, const MockupParams& params) {
  CV_Assert(!before.empty() && before.size() == after.size());
  const double scale = std::min(2.0, static_cast<double>(std::max(params.panel_height, 64)) / before.rows);
  const cv::Size panel(std::max(1, static_cast<int>(std::lround(before.cols * scale))),
                       std::max(1, static_cast<int>(std::lround(before.rows * scale))));
  const int gap = std::max(params.gap, 0);
  const double label_px = std::clamp(panel.height / 28.0, 14.0, 44.0);
  const int header = static_cast<int>(label_px * 2.2);
  const double footer_px = label_px * 0.75;
  const int footer = params.footer_lines.empty()
                         ? 0
                         : static_cast<int>(footer_px * 1.8 * static_cast<double>(params.footer_lines.size()) + footer_px);

  cv::Mat3b out(header + panel.height + footer + 2 * gap, 2 * panel.width + 3 * gap,
                cv::Vec3b(static_cast<uchar>(params.background[0]), static_cast<uchar>(params.background[1]),
                          static_cast<uchar>(params.background[2])));
  const int interpolation = scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC;
  const cv::Rect left(gap, gap + header, panel.width, panel.height);
  const cv::Rect right(2 * gap + panel.width, gap + header, panel.width, panel.height);
  cv::Mat3b roi = out(left);
  cv::resize(before, roi, panel, 0, 0, interpolation);
  roi = out(right);
  cv::resize(after, roi, panel, 0, 0, interpolation);

  const int baseline_y = gap + static_cast<int>(label_px * 1.5);
  put_text(out, params.before_label, {left.x, baseline_y}, label_px, panel.width, params.text_colour);
  put_text(out, params.after_label, {right.x, baseline_y}, label_px, panel.width, params.text_colour);
  int y = gap + header + panel.height + static_cast<int>(footer_px * 1.9);
  for (const std::string& line : params.footer_lines) {
    put_text(out, line, {gap, y}, footer_px, out.cols - 2 * gap, params.text_colour);
    y += static_cast<int>(footer_px * 1.8);
  }
  return out;
}

}  // namespace smp::render
