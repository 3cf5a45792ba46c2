#include "smp/sim/pigment_map.hpp"

#include "smp/sim/hair_blend.hpp"

#include <algorithm>

namespace smp::sim {

namespace {

template <typename T>
const T* sample(const cv::Mat_<T>& m, cv::Size photo, cv::Point2f p) {
  if (m.empty() || photo.width <= 0 || photo.height <= 0) return nullptr;
  const int x = static_cast<int>(p.x * static_cast<float>(m.cols) / static_cast<float>(photo.width));
  const int y = static_cast<int>(p.y * static_cast<float>(m.rows) / static_cast<float>(photo.height));
  return &m(std::clamp(y, 0, m.rows - 1), std::clamp(x, 0, m.cols - 1));
}

}  // namespace

PigmentMap::PigmentMap(const Plan& plan)
    : pigment_(plan.params.pigment), photo_size_(plan.photo.width, plan.photo.height), scar_(plan.masks.scar) {
  // The shade varies slowly: a coarse grid (about 1 mm cells, at most 512 px) is plenty.
  const int side = std::clamp(static_cast<int>(std::max(photo_size_.width, photo_size_.height) /
                                               std::max(plan.calibration.px_per_mm, 1e-6)),
                              16, 512);
  const double s = static_cast<double>(side) / std::max({photo_size_.width, photo_size_.height, 1});
  const cv::Size grid(std::max(1, static_cast<int>(photo_size_.width * s)), std::max(1, static_cast<int>(photo_size_.height * s)));
  hair_weight_ = hair_shade_weight(plan, grid);
}

double PigmentMap::dilution_at(cv::Point2f p, int session) const {
  double d = session_dilution_pct(pigment_, session);
  if (const float* w = sample(hair_weight_, photo_size_, p); w && pigment_.hair_dilution_pct) {
    Pigment hair = pigment_;
    hair.dilution_pct = *pigment_.hair_dilution_pct;
    d += *w * (session_dilution_pct(hair, session) - d);
  }
  if (const uchar* s = sample(scar_, photo_size_, p); s && *s > 127) d += pigment_.scar_offset_pct;
  return std::clamp(d, 0.0, 95.0);
}

bool PigmentMap::scar_at(cv::Point2f p) const {
  const uchar* s = sample(scar_, photo_size_, p);
  return s && *s > 127;
}

}  // namespace smp::sim
