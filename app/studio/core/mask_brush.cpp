#include "mask_brush.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::studio {

cv::Rect stamp(cv::Mat1b& mask, cv::Point2d centre, const BrushStamp& brush) {
  const double r = std::max(brush.radius_px, 0.5);
  const double hard = std::clamp(brush.hardness, 0.0, 1.0) * r;
  const cv::Rect box = cv::Rect(static_cast<int>(std::floor(centre.x - r)), static_cast<int>(std::floor(centre.y - r)),
                                static_cast<int>(std::ceil(2 * r)) + 2, static_cast<int>(std::ceil(2 * r)) + 2) &
                       cv::Rect(0, 0, mask.cols, mask.rows);
  for (int y = box.y; y < box.y + box.height; ++y) {
    std::uint8_t* row = mask.ptr<std::uint8_t>(y);
    for (int x = box.x; x < box.x + box.width; ++x) {
      const double d = std::hypot(x + 0.5 - centre.x, y + 0.5 - centre.y);
      if (d >= r) continue;
      // Full strength inside the hard core, smooth falloff to the rim.
      const double w = d <= hard ? 1.0 : 0.5 + 0.5 * std::cos(std::numbers::pi * (d - hard) / std::max(r - hard, 1e-6));
      const double v = row[x];
      row[x] = static_cast<std::uint8_t>(std::lround(brush.erase ? v * (1.0 - w) : std::max(v, 255.0 * w)));
    }
  }
  return box;
}

cv::Rect stroke(cv::Mat1b& mask, cv::Point2d a, cv::Point2d b, const BrushStamp& brush) {
  const double step = std::max(brush.radius_px * 0.25, 0.5);
  const int n = std::max(1, static_cast<int>(std::ceil(cv::norm(b - a) / step)));
  cv::Rect changed;
  for (int i = 1; i <= n; ++i) changed |= stamp(mask, a + (b - a) * (static_cast<double>(i) / n), brush);
  return changed;
}

cv::Mat4b mask_overlay_image(const cv::Mat1b& treatment, const cv::Mat1b& scar, const cv::Mat1b& exclusion,
                             cv::Size size, const cv::Mat1b& off_head) {
  auto fit = [&](const cv::Mat1b& m) {
    if (m.empty() || m.size() == size) return m;
    cv::Mat1b r;
    cv::resize(m, r, size, 0, 0, cv::INTER_NEAREST);
    return r;
  };
  const cv::Mat1b t = fit(treatment), s = fit(scar), e = fit(exclusion), off = fit(off_head);
  cv::Mat4b out(size, cv::Vec4b(0, 0, 0, 0));
  for (int y = 0; y < size.height; ++y) {
    cv::Vec4b* o = out.ptr<cv::Vec4b>(y);
    const std::uint8_t* tr = t.empty() ? nullptr : t.ptr<std::uint8_t>(y);
    const std::uint8_t* sr = s.empty() ? nullptr : s.ptr<std::uint8_t>(y);
    const std::uint8_t* er = e.empty() ? nullptr : e.ptr<std::uint8_t>(y);
    const std::uint8_t* offr = off.empty() ? nullptr : off.ptr<std::uint8_t>(y);
    for (int x = 0; x < size.width; ++x) {
      // Later layers win: exclusion over scar over treatment. Alpha follows the mask value.
      // Off the head after a buzz only the exclusion shows.
      if (er && er[x]) {
        o[x] = {60, 60, 235, static_cast<std::uint8_t>(er[x] * 120 / 255)};
      } else if (offr && offr[x]) {
        continue;
      } else if (sr && sr[x]) {
        o[x] = {40, 150, 250, static_cast<std::uint8_t>(sr[x] * 100 / 255)};
      } else if (tr && tr[x]) {
        o[x] = {120, 220, 80, static_cast<std::uint8_t>(tr[x] * 38 / 255)};
      }
    }
  }
  return out;
}

}  // namespace smp::studio
