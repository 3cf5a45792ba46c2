#include "session_density.hpp"

namespace smp::sim::detail {

namespace {

// The largest converted density of a flat field without a pass over it: the conversion is
// one float multiplication per pixel (monotone), so it is the conversion of max_density.
double converted_max(const DensityField& field, double to_px2) {
  cv::Mat1f top;
  cv::Mat1f(1, 1, static_cast<float>(field.max_density)).convertTo(top, CV_32F, to_px2);
  return top(0, 0);
}

}  // namespace

SessionDensity session_density(const DensityField& field, double fraction) {
  SessionDensity s;
  s.fx = static_cast<float>(field.field_per_photo_x());
  s.fy = static_cast<float>(field.field_per_photo_y());
  const double to_px2 = fraction / 100.0 / (field.px_per_mm * field.px_per_mm);
  field.density.convertTo(s.per_px2, CV_32F, to_px2);
  if (!field.area_factor.empty()) {
    s.per_px2 = s.per_px2.mul(field.area_factor);
    double mx = 0;
    cv::minMaxLoc(s.per_px2, nullptr, &mx);
    s.peak = mx;
  } else {
    s.peak = converted_max(field, to_px2);
  }
  return s;
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
    s.peak = session_density(field, fraction).peak;
  } else {
    s.peak = converted_max(field, to_px2);
  }
  return s;
}

}  // namespace smp::sim::detail
