#pragma once
// What the canvas shows of the buzz-cut preview: the photo with the plan's remaining hair
// clipped is the photo the SMP layer is drawn over. Kept in step with the plan's buzz
// (edits and undo alike) by sync_buzz_preview, which asks the buzz lane (BuzzWorker) for it
// and keeps the previous picture on the canvas until the answer arrives.

#include "smp/render/buzz.hpp"
#include "smp/sim/buzz_params.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace smp::studio {

struct BuzzPreview {
  sim::BuzzParams shown;              // the buzz the canvas photo shows
  const void* photo_id = nullptr;     // the document photo it was drawn from
  std::uint64_t seed = 0;             // the plan seed it was drawn with
  std::string refusal;                // asked for and not drawn: why
  std::vector<std::string> warnings;  // drawn, but approximate somewhere
  double stubble_darkening = 0;       // how much darker the stubble makes the clipped scalp (0-1)
  // The occlusion the SMP layer uses over the buzzed photo (render::plan_over_buzz): clipped
  // hair hides nothing, the client's stubble hides the density it already gives.
  cv::Mat1b smp_occlusion;
  cv::Mat1b off_head;  // where the hair's volume gave way to the background: no dots, none counted
  cv::Mat3b base;      // the buzzed photo the canvas shows (shared); empty when none is drawn
  bool drawn = false;

  // The request out on the buzz lane, if any: what it was asked for.
  bool pending = false;
  sim::BuzzParams asked;
  const void* asked_photo = nullptr;
  std::uint64_t asked_seed = 0;
  std::uint64_t generation = 0;     // of the last request posted (BuzzWorker::post)
  bool match_shade = false;         // the pending request also matches the SMP shade to the stubble
  std::uint64_t applied = 0;        // results applied so far (the dots are redone over each)
  std::uint64_t posted_frame = 0;   // frame counter when the last request was posted
  std::uint64_t applied_frame = 0;  // frame counter when the last result was applied

  // A buzz of the photo `photo` (its pixels buffer) is on the canvas.
  bool drawn_over(const void* photo) const { return drawn && photo_id == photo; }
};

// The plan the SMP layer uses over the canvas photo, for the dots and the timeline alike (the
// exports' app::BuzzStep::smp_plan): with a buzz of the photo `photo_id` shown, `plan` takes
// its occlusion and places no dots off the head; otherwise it is left as it is.
inline void plan_over_preview(const BuzzPreview& bp, const void* photo_id, sim::Plan& plan) {
  if (!bp.drawn_over(photo_id)) return;
  plan.masks.occlusion = bp.smp_occlusion;
  render::exclude_off_head(plan, bp.off_head);
}

}  // namespace smp::studio
