#pragma once
// Which shade each impression gets, by session and by place: the plan's base dilution plus
// the session's offset, moving toward the hair-matched shade near remaining hair, plus the
// scar offset on scar tissue.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim {

class PigmentMap {
 public:
  PigmentMap() = default;
  explicit PigmentMap(const Plan& plan);

  // Dilution (0-95 %) of an impression of `session` at a photo position.
  double dilution_at(cv::Point2f photo_pos, int session) const;
  // True on marked scar tissue.
  bool scar_at(cv::Point2f photo_pos) const;

 private:
  Pigment pigment_;
  cv::Size photo_size_;
  cv::Mat1f hair_weight_;  // 0-1 weight of the hair-matched shade; empty = none
  cv::Mat1b scar_;         // plan's scar mask; empty = none
};

}  // namespace smp::sim
