#include "view_transform.hpp"

#include <algorithm>
#include <cmath>

namespace smp::studio {

cv::Point2d to_canvas(const ViewTransform& v, cv::Point2d photo) { return v.origin + photo * v.zoom; }

cv::Point2d to_photo(const ViewTransform& v, cv::Point2d canvas) { return (canvas - v.origin) * (1.0 / v.zoom); }

ViewTransform zoom_about(const ViewTransform& v, cv::Point2d anchor, double factor, const ZoomLimits& limits) {
  const double zoom = std::clamp(v.zoom * factor, limits.min_zoom, limits.max_zoom);
  const cv::Point2d under = to_photo(v, anchor);
  return {zoom, anchor - under * zoom};
}

ViewTransform pan(const ViewTransform& v, cv::Point2d delta) { return {v.zoom, v.origin + delta}; }

ViewTransform fit_view(cv::Size2d photo, cv::Size2d canvas, double margin) {
  if (photo.width <= 0 || photo.height <= 0) return {};
  const double w = std::max(canvas.width - 2 * margin, 1.0), h = std::max(canvas.height - 2 * margin, 1.0);
  const double zoom = std::min(w / photo.width, h / photo.height);
  return {zoom, {(canvas.width - photo.width * zoom) / 2, (canvas.height - photo.height * zoom) / 2}};
}

ViewTransform view_after_resize(const ViewTransform& v, const ViewTransform& fitted, cv::Size2d photo,
                                cv::Size2d before, cv::Size2d after, double margin) {
  if (v.zoom == fitted.zoom && v.origin == fitted.origin) return fit_view(photo, after, margin);
  return pan(v, {(after.width - before.width) / 2, (after.height - before.height) / 2});
}

ViewTransform actual_pixels(const ViewTransform& v, cv::Size2d canvas, double pixel_ratio) {
  const cv::Point2d centre(canvas.width / 2, canvas.height / 2);
  const double target = 1.0 / std::max(pixel_ratio, 1e-6);
  ViewTransform out = zoom_about(v, centre, target / v.zoom, {target, target});
  // Whole canvas pixels keep photo pixels on physical pixels (no resampling blur at 100%).
  out.origin = {std::round(out.origin.x * pixel_ratio) / pixel_ratio, std::round(out.origin.y * pixel_ratio) / pixel_ratio};
  return out;
}

double wheel_zoom_factor(double wheel_notches) { return std::pow(1.15, wheel_notches); }

}  // namespace smp::studio
