#pragma once
// Pan/zoom of the photo in the canvas as free functions on a tiny struct (no window needed).
// Coordinates: "canvas" = logical window pixels relative to the canvas's top-left corner.

#include <opencv2/core.hpp>

namespace smp::studio {

struct ViewTransform {
  double zoom = 1.0;     // canvas pixels per photo pixel
  cv::Point2d origin;    // canvas position of the photo's (0,0) corner
};

struct ZoomLimits {
  double min_zoom = 0.01;  // 1%: a 10k px photo still fits a small window
  double max_zoom = 64.0;  // 6400%: single dots fill the screen
};

cv::Point2d to_canvas(const ViewTransform& v, cv::Point2d photo);
cv::Point2d to_photo(const ViewTransform& v, cv::Point2d canvas);

// Zooms by `factor` keeping the photo point under `anchor` (canvas px) where it is.
ViewTransform zoom_about(const ViewTransform& v, cv::Point2d anchor, double factor, const ZoomLimits& limits = {});

ViewTransform pan(const ViewTransform& v, cv::Point2d delta);

// The whole photo centred in the canvas with `margin` canvas px around it.
ViewTransform fit_view(cv::Size2d photo, cv::Size2d canvas, double margin = 12.0);

// The view after the canvas changed size from `before` to `after`: a view still as fit_view
// left it (`fitted`, made for `before`) is fitted to the new size, so the whole photo stays in
// view when the window gets narrower; a view the person zoomed or panned keeps its zoom, with
// the photo point at the canvas centre staying at the centre.
ViewTransform view_after_resize(const ViewTransform& v, const ViewTransform& fitted, cv::Size2d photo,
                                cv::Size2d before, cv::Size2d after, double margin = 12.0);

// One photo pixel per physical screen pixel (`pixel_ratio` framebuffer px per canvas px),
// keeping the photo point at the canvas centre where it is.
ViewTransform actual_pixels(const ViewTransform& v, cv::Size2d canvas, double pixel_ratio);

// Wheel notches to a zoom factor (1.15 per notch feels smooth with both wheels and pads).
double wheel_zoom_factor(double wheel_notches);

}  // namespace smp::studio
