#include "session_density.hpp"

#include <opencv2/imgproc.hpp>

namespace smp::sim::detail {

namespace {

// The largest converted density of the whole field. A flat field needs no pass over it: the
// conversion is one float multiplication per pixel (monotone), so it is the conversion of
// max_density. With an area factor the product is looked at pixel by pixel.
double converted_peak(const DensityField& field, double to_px2) {
  if (field.area_factor.empty()) {
    cv::Mat1f top;
    cv::Mat1f(1, 1, static_cast<float>(field.max_density)).convertTo(top, CV_32F, to_px2);
    return top(0, 0);
  }
  cv::Mat1f all;
  field.density.convertTo(all, CV_32F, to_px2);
  double mx = 0;
  cv::minMaxLoc(all.mul(field.area_factor), nullptr, &mx);
  return mx;
}

}  // namespace

void find_support(SessionDensity& density) {
  cv::Mat1b nonzero;
  cv::compare(density.per_px2, 0.0, nonzero, cv::CMP_GT);
  density.support = cv::boundingRect(nonzero);
}

SessionDensity session_density(const DensityField& field, double fraction) {
  return session_density(field, fraction, cv::Rect({0, 0}, field.density.size()));
}

SessionDensity session_density(const DensityField& field, double fraction, const cv::Rect& window) {
  SessionDensity s;
  s.fx = static_cast<float>(field.field_per_photo_x());
  s.fy = static_cast<float>(field.field_per_photo_y());
  s.x0 = window.x;
  s.y0 = window.y;
  const double to_px2 = fraction / 100.0 / (field.px_per_mm * field.px_per_mm);
  field.density(window).convertTo(s.per_px2, CV_32F, to_px2);
  if (!field.area_factor.empty()) {
    s.per_px2 = s.per_px2.mul(field.area_factor(window));
    // The whole field's peak: over the window it is the product just made.
    if (window == cv::Rect({0, 0}, field.density.size())) {
      double mx = 0;
      cv::minMaxLoc(s.per_px2, nullptr, &mx);
      s.peak = mx;
    } else {
      s.peak = converted_peak(field, to_px2);
    }
  } else {
    s.peak = converted_peak(field, to_px2);
  }
  find_support(s);
  return s;
}

}  // namespace smp::sim::detail
