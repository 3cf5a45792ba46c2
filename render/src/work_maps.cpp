#include "work_maps.hpp"

#include <algorithm>
#include <vector>

namespace smp::render::detail {

cv::Mat3f pull_push(const cv::Mat3f& value, const cv::Mat1f& weight) {
  std::vector<cv::Mat3f> c;
  std::vector<cv::Mat1f> w{weight};
  {
    cv::Mat3f w3;
    cv::merge(std::vector<cv::Mat>{weight, weight, weight}, w3);
    cv::Mat3f cw;
    cv::multiply(value, w3, cw);
    c.push_back(cw);
  }
  while (std::min(c.back().cols, c.back().rows) > 2) {
    const cv::Size half((c.back().cols + 1) / 2, (c.back().rows + 1) / 2);
    cv::Mat3f cs;
    cv::Mat1f ws;
    cv::resize(c.back(), cs, half, 0, 0, cv::INTER_AREA);
    cv::resize(w.back(), ws, half, 0, 0, cv::INTER_AREA);
    c.push_back(cs);
    w.push_back(ws);
  }
  cv::Mat3f est(c.back().size());
  for (int y = 0; y < est.rows; ++y)
    for (int x = 0; x < est.cols; ++x) {
      const float wt = w.back()(y, x);
      est(y, x) = wt > 1e-6f ? c.back()(y, x) / wt : cv::Vec3f(0, 0, 0);
    }
  for (int l = static_cast<int>(c.size()) - 2; l >= 0; --l) {
    cv::Mat3f up;
    cv::resize(est, up, c[static_cast<std::size_t>(l)].size(), 0, 0, cv::INTER_LINEAR);
    const cv::Mat3f& cl = c[static_cast<std::size_t>(l)];
    const cv::Mat1f& wl = w[static_cast<std::size_t>(l)];
    est = cv::Mat3f(cl.size());
    for (int y = 0; y < est.rows; ++y)
      for (int x = 0; x < est.cols; ++x) {
        const float wt = std::min(wl(y, x), 1.0f);
        est(y, x) = wt >= 1.0f ? cl(y, x) / wl(y, x) : cl(y, x) + (1.0f - wt) * up(y, x);
      }
  }
  return est;
}

}  // namespace smp::render::detail
