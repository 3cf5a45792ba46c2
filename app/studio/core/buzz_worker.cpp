#include "buzz_worker.hpp"

#include <exception>

namespace smp::studio {

BuzzResult draw_buzz(const BuzzRequest& request, std::uint64_t generation, const sim::BuzzRegions* regions) {
  BuzzResult res;
  res.generation = generation;
  res.source = request.photo;
  res.buzz = request.plan.params.buzz;
  res.seed = request.plan.params.seed;
  res.match_shade = request.match_shade;
  res.asked_dilution_pct = request.plan.params.pigment.dilution_pct;
  res.matched_dilution_pct = res.asked_dilution_pct;
  try {
    sim::Plan plan = request.plan;  // apply_buzz writes the matched shade into it
    res.step = regions ? app::apply_buzz(request.photo, plan, request.match_shade, res.warnings, *regions)
                       : app::apply_buzz(request.photo, plan, request.match_shade, res.warnings);
    res.matched_dilution_pct = plan.params.pigment.dilution_pct;
  } catch (const std::exception& e) {
    res.error = e.what();
  }
  return res;
}

bool buzz_result_matches(const BuzzResult& result, const cv::Mat3b& photo, const sim::PlanParams& params) {
  return result.source.data == photo.data && result.buzz.length == params.buzz.length &&
         result.buzz.days_since_shave == params.buzz.days_since_shave && result.seed == params.seed;
}

std::uint64_t BuzzWorker::post(BuzzRequest request) {
  const std::uint64_t generation = latest_.next_generation();
  runner_.start_latest("Clipping the remaining hair", [this, generation, req = std::move(request)](const TaskProgress&) {
    std::optional<sim::BuzzRegions> regions;
    if (req.plan.params.buzz.active()) {
      try {
        if (!detection_ || detected_photo_.data != req.photo.data) {
          detection_.reset();
          detected_photo_ = req.photo;
          detection_ = req.detection ? req.detection
                                     : std::make_shared<const sim::ScalpDetection>(sim::detect_scalp(req.photo));
        }
        regions = regions_.regions(req.photo, req.plan, detection_.get());
      } catch (const std::exception&) {  // draw_buzz decides again and reports the failure
        regions.reset();
      }
    }
    latest_.offer(draw_buzz(req, generation, regions ? &*regions : nullptr));
    return TaskResult{};
  });
  return generation;
}

std::optional<BuzzResult> BuzzWorker::take() { return latest_.take(); }

}  // namespace smp::studio
