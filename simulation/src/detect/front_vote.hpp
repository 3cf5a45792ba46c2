#pragma once
// Which way the face is in a top view: several cues vote on each candidate direction and the
// margin of the winner over every other direction, by the photo's own cues, gives a confidence.

#include "detect/head_geometry.hpp"

#include <opencv2/core.hpp>

#include <optional>
#include <string>

namespace smp::sim::detect {

struct FrontVote {
  cv::Point2d front_dir{0, 1};
  double confidence = 0;  // 0-1: how far the photo's own cues put front_dir ahead of every other direction
  std::optional<double> brow_u;  // brows toward front_dir: along it, in front semi-axes from the centre
  std::string why;        // per-candidate cue values, for the note
};

// `head`, `hair`, `skin_rule` and `luma` share the detection size; `ellipse` is the head outline there.
// `photo_head`: the head as segmented, whose edge is its outline in the photo (the fringe hugs
// it); `head` may be that cut down to a tighter outline, which is no edge in the photo.
// Cues per end of the head: hair in its rim (the fringe that Norwood loss keeps at the back
// and sides), hair over the whole end, skin just outside it (forehead, face), brightness,
// bare scalp running out of the photo, a pair of eyebrows (brow_cue), the head broader behind
// its middle than toward the forehead, and a weak prior for the face toward the bottom.
FrontVote vote_front(const cv::Mat1b& head, const cv::Mat1b& photo_head, const cv::Mat1b& hair, const cv::Mat1b& skin_rule,
                     const cv::Mat1b& luma, const cv::RotatedRect& ellipse, const FrontCues& cues);

}  // namespace smp::sim::detect
