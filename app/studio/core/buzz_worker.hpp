#pragma once
// Draws the buzz-cut preview (the plan's remaining hair clipped on the photo) off the UI
// thread, on its own lane of the viewer's background runner (latest wins): clipping a
// 12 MP photo takes a second or two, during which the window keeps drawing the previous
// picture. The main thread posts the newest request and applies a result only when it still
// matches the document's photo, plan seed and buzz (buzz_result_matches).

#include "background_task.hpp"
#include "buzz_step.hpp"
#include "latest_result.hpp"
#include "smp/sim/buzz_region_cache.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

struct BuzzRequest {
  cv::Mat3b photo;               // the document's photo (shared header, never modified)
  sim::Plan plan;                // a snapshot of the plan (plan_snapshot): its buzz and seed
  bool match_shade = false;      // also work out the SMP shade that matches the stubble
  // The photo's scalp detection when the document has it (Document::detection); else the
  // lane detects the photo once and keeps that.
  std::shared_ptr<const sim::ScalpDetection> detection = {};
};

struct BuzzResult {
  std::uint64_t generation = 0;
  cv::Mat3b source;           // the photo it was drawn from; held so its address stays its own
  sim::BuzzParams buzz;       // the buzz it was drawn for
  std::uint64_t seed = 0;     // the plan seed it was drawn with
  bool match_shade = false;   // `matched_dilution_pct` is meaningful
  double asked_dilution_pct = 0;    // the plan's shade when asked: the match replaces only that
  double matched_dilution_pct = 0;  // the shade that reads as dark as the simulated stubble
  app::BuzzStep step;               // the buzzed photo and the SMP layer's occlusion over it
  std::vector<std::string> warnings;
  std::string error;  // the clipping failed: one line why
};

// Draws one request (the work of the lane; also usable directly). `regions`: the buzz's
// regions already decided for this photo and plan (app::apply_buzz); null: decided here.
BuzzResult draw_buzz(const BuzzRequest& request, std::uint64_t generation = 0,
                     const sim::BuzzRegions* regions = nullptr);

// True when `result` was drawn for this photo (same pixels buffer), this buzz and this seed.
bool buzz_result_matches(const BuzzResult& result, const cv::Mat3b& photo, const sim::PlanParams& params);

class BuzzWorker {
 public:
  BuzzWorker() = default;
  BuzzWorker(const BuzzWorker&) = delete;
  BuzzWorker& operator=(const BuzzWorker&) = delete;

  // Posts the newest request and returns its generation (increasing over the worker's life);
  // an older request not yet started never runs.
  std::uint64_t post(BuzzRequest request);
  // The newest finished result, once; nullopt while there is nothing new.
  std::optional<BuzzResult> take();
  bool busy() const { return runner_.running(); }
  void wait() { runner_.wait(); }  // tests and shutdown

 private:
  LatestResult<BuzzResult> latest_;
  // Made on the lane's thread and kept for the next buzz of the same photo: its scalp
  // detection (the photo's alone) and the regions decided (the same for every length and
  // regrowth, while the plan's head, hair and hairline stay).
  cv::Mat3b detected_photo_;  // held, so its address stays its own
  std::shared_ptr<const sim::ScalpDetection> detection_;
  sim::BuzzRegionCache regions_;
  BackgroundTask runner_;  // last: destroyed first, so no clipping outlives the members above
};

}  // namespace smp::studio
