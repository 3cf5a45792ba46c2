#pragma once
// The density one session places, in impressions per photo px^2, read at photo positions.

#include "smp/sim/density_field.hpp"

#include <opencv2/core.hpp>

namespace smp::sim::detail {

struct SessionDensity {
  cv::Mat1f per_px2;       // per field pixel, area factor included
  float fx = 1, fy = 1;    // field pixels per photo pixel
  double peak = 0;         // over the whole field
  int x0 = 0, y0 = 0;      // field pixel of per_px2(0, 0) (a window of the field; zero outside it)
  // Bounding box of per_px2 > 0, in per_px2's pixels: no point lands outside it. Found once
  // (find_support), not by every strip of a placement.
  cv::Rect support;

  float at(cv::Point2f p) const {
    const int x = static_cast<int>(p.x * fx) - x0, y = static_cast<int>(p.y * fy) - y0;
    // (unsigned: a negative index is out of range too)
    if (p.x < 0 || p.y < 0 || static_cast<unsigned>(x) >= static_cast<unsigned>(per_px2.cols) ||
        static_cast<unsigned>(y) >= static_cast<unsigned>(per_px2.rows))
      return 0;
    return per_px2(y, x);
  }
};

// Sets `support` from per_px2 (after per_px2 was changed).
void find_support(SessionDensity& density);

SessionDensity session_density(const DensityField& field, double cumulative_fraction);
// The same densities over a window of field pixels only (the peak still that of the whole
// field; found from max_density without a pass over the field when it is flat).
SessionDensity session_density(const DensityField& field, double cumulative_fraction, const cv::Rect& window);

}  // namespace smp::sim::detail
