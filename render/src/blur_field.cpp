#include "smp/render/blur_field.hpp"

#include "edge_blur_fit.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace smp::render {

namespace {

double percentile(std::vector<double>& v, double q) {
  const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size()))));
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

}  // namespace

StepFit fit_blurred_step(const float* profile, int half) { return detail::fit_step(profile, detail::StepModels(half)); }

float BlurField::at(cv::Point2f p, float fallback) const {
  if (sigma_.empty() || region_.area() == 0) return fallback;
  const float cw = static_cast<float>(region_.width) / static_cast<float>(sigma_.cols);
  const float ch = static_cast<float>(region_.height) / static_cast<float>(sigma_.rows);
  const float gx = std::clamp((p.x - static_cast<float>(region_.x)) / cw - 0.5f, 0.0f, static_cast<float>(sigma_.cols - 1));
  const float gy = std::clamp((p.y - static_cast<float>(region_.y)) / ch - 0.5f, 0.0f, static_cast<float>(sigma_.rows - 1));
  const int x0 = std::min(static_cast<int>(gx), sigma_.cols - 1), y0 = std::min(static_cast<int>(gy), sigma_.rows - 1);
  const int x1 = std::min(x0 + 1, sigma_.cols - 1), y1 = std::min(y0 + 1, sigma_.rows - 1);
  const float fx = gx - static_cast<float>(x0), fy = gy - static_cast<float>(y0);
  const float top = sigma_(y0, x0) + fx * (sigma_(y0, x1) - sigma_(y0, x0));
  const float bottom = sigma_(y1, x0) + fx * (sigma_(y1, x1) - sigma_(y1, x0));
  return top + fy * (bottom - top);
}

bool BlurField::operator==(const BlurField& o) const {
  if (region_ != o.region_ || sigma_.size() != o.sigma_.size()) return false;
  return sigma_.empty() || std::equal(sigma_.begin(), sigma_.end(), o.sigma_.begin());
}

BlurField estimate_blur_field(const cv::Mat3b& photo, const cv::Mat1b& head, double uniform_sigma_px, double px_per_mm,
                              const BlurFieldParams& params) {
  if (px_per_mm < params.min_px_per_mm || photo.empty() || params.detect_side_px < 1) return {};
  const double focal_px = params.focal_per_side * std::max(photo.cols, photo.rows);
  const double defocus = params.defocus_mm2 * px_per_mm * px_per_mm / focal_px;
  const double most = std::min(params.max_sigma_px, std::hypot(uniform_sigma_px, defocus));
  if (most < uniform_sigma_px + 0.1) return {};  // no defocus this photo could show: uniform
  const detail::HeadMasks head_masks(head, photo.size(), params.head_margin);
  // Edges found on a reduction: the photo's noise and JPEG flecks fall below the thresholds,
  // and the cost stays bounded on large photos. A whole factor: OpenCV's fast box average.
  const int f = std::max(1, std::max(photo.cols, photo.rows) / params.detect_side_px);
  const cv::Rect region(0, 0, photo.cols - photo.cols % f, photo.rows - photo.rows % f);
  const int longer = std::max(region.width, region.height);
  if (longer < 4 * params.profile_half_px) return {};
  cv::Mat3b small;
  cv::resize(photo(region), small, cv::Size(region.width / f, region.height / f), 0, 0, cv::INTER_AREA);
  cv::Mat1b grey;
  cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
  cv::GaussianBlur(grey, grey, cv::Size(), 1.0);
  cv::Mat1b edges;
  cv::Canny(grey, edges, 20, 40, 3, true);
  cv::Mat1s gx, gy;
  cv::Sobel(grey, gx, CV_16S, 1, 0);
  cv::Sobel(grey, gy, CV_16S, 0, 1);

  // Per cell, the edges of the head and the others.
  const int cols = std::max(1, static_cast<int>(std::lround(static_cast<double>(region.width) * params.cells / longer)));
  const int rows = std::max(1, static_cast<int>(std::lround(static_cast<double>(region.height) * params.cells / longer)));
  const std::size_t cells = static_cast<std::size_t>(cols * rows);
  std::vector<std::vector<cv::Point>> on_head(cells), off_head(cells);
  const auto photo_point = [&](cv::Point q) {
    return cv::Point2f(static_cast<float>((q.x + 0.5) * f - 0.5), static_cast<float>((q.y + 0.5) * f - 0.5));
  };
  for (int y = 0; y < edges.rows; ++y)
    for (int x = 0; x < edges.cols; ++x)
      if (edges(y, x)) {
        const std::size_t c = static_cast<std::size_t>(std::min(rows - 1, y * rows / edges.rows) * cols +
                                                       std::min(cols - 1, x * cols / edges.cols));
        (head_masks.near_at(photo_point({x, y})) ? on_head : off_head)[c].emplace_back(x, y);
      }

  // A cell's blur: the sharper share of the widths fitted on up to edges_per_cell of its edges.
  const detail::StepModels models(params.profile_half_px);
  const auto cell_blur = [&](const std::vector<cv::Point>& pts, std::vector<float>& buf, std::vector<double>& widths) {
    widths.clear();
    const std::size_t cap = static_cast<std::size_t>(std::max(params.edges_per_cell, 1));
    const std::size_t stride = std::max<std::size_t>(1, (pts.size() + cap - 1) / cap);
    for (std::size_t i = stride / 2; i < pts.size(); i += stride) {
      const cv::Point q = pts[i];
      const cv::Point2f g(gx(q), gy(q));
      const float len = std::hypot(g.x, g.y);
      if (len <= 0) continue;
      const auto fit = detail::measure_edge(photo, photo_point(q), g / len, models, head_masks, buf);
      if (fit && std::abs(fit->step) >= params.min_step && fit->explained >= params.min_fit && fit->sigma_px >= params.min_fit_sigma_px)
        widths.push_back(fit->sigma_px);
    }
    return widths.empty() || static_cast<int>(widths.size()) < params.min_edges ? 0.0 : percentile(widths, params.percentile);
  };
  cv::Mat1f head_blur(rows, cols, 0.0f), any_blur(rows, cols, 0.0f);
  cv::parallel_for_(cv::Range(0, cols * rows), [&](const cv::Range& range) {
    std::vector<float> buf;
    std::vector<double> widths;
    for (int c = range.start; c < range.end; ++c) {
      const double h = cell_blur(on_head[static_cast<std::size_t>(c)], buf, widths);
      const double o = cell_blur(off_head[static_cast<std::size_t>(c)], buf, widths);
      head_blur(c / cols, c % cols) = static_cast<float>(h);
      any_blur(c / cols, c % cols) = static_cast<float>(h > 0 && o > 0 ? std::min(h, o) : std::max(h, o));
    }
  });
  // The widths read where the photo is sharpest (the sharpest tenth of its cells, head or not)
  // are its focus as these fits see it. Only what a cell reads well beyond that, by more than
  // params.defocus_ratio, is taken for defocus and added to the uniform blur: a fitted width
  // also holds some of what the edge shows, and a photo sharp all over keeps its uniform blur.
  std::vector<double> measured;
  for (const float v : any_blur)
    if (v > 0) measured.push_back(v);
  if (measured.empty() || cv::countNonZero(head_blur) == 0) return {};
  const double sharp = params.defocus_ratio * percentile(measured, 0.1);
  const float u = static_cast<float>(uniform_sigma_px);
  cv::Mat1f value(rows, cols, 0.0f), weight(rows, cols, 0.0f);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      if (const double h = head_blur(y, x); h > 0) {
        value(y, x) = static_cast<float>(std::sqrt(u * u + std::max(0.0, h * h - sharp * sharp)));
        weight(y, x) = 1.0f;
      }
  // Normalised convolution: measured cells reach their neighbours; the uniform blur holds
  // every cell with a weight of its own, so a cell far from any measurement keeps it.
  cv::Mat1f num, den;
  cv::GaussianBlur(value.mul(weight), num, cv::Size(), params.spread_cells, 0, cv::BORDER_CONSTANT);
  cv::GaussianBlur(weight, den, cv::Size(), params.spread_cells, 0, cv::BORDER_CONSTANT);
  const float pw = static_cast<float>(params.prior_weight);
  cv::Mat1f sigma(rows, cols);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      sigma(y, x) = std::clamp((num(y, x) + pw * u) / (den(y, x) + pw), u, static_cast<float>(most));
  return BlurField(sigma, region);
}

}  // namespace smp::render
