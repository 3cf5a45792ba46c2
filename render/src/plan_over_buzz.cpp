// The SMP layer's plan over a buzzed photo (see buzz.hpp): what the clipped hair no longer
// hides, what the client's stubble already gives, and where no scalp is left.

#include "smp/render/buzz.hpp"

#include <opencv2/imgproc.hpp>

namespace smp::render {

namespace {

// `mask` at `size`, nearest pixel: a new buffer even at the same size.
cv::Mat1b nearest(const cv::Mat1b& mask, cv::Size size) {
  cv::Mat1b out;
  cv::resize(mask, out, size, 0, 0, cv::INTER_NEAREST);
  return out;
}

}  // namespace

sim::Plan plan_over_buzz(const sim::Plan& plan, const BuzzImage& buzz) {
  sim::Plan p = plan;
  if (buzz.changed.empty() || !buzz.refusal.empty() || p.masks.treatment.empty()) return p;
  const cv::Size size = p.masks.occlusion.empty() ? p.masks.treatment.size() : p.masks.occlusion.size();
  p.masks.occlusion = p.masks.occlusion.empty() ? cv::Mat1b(size, uchar{0}) : p.masks.occlusion.clone();
  p.masks.occlusion.setTo(0, nearest(buzz.changed, size));
  if (!buzz.stubble_cover.empty()) {
    cv::Mat1f cover;
    cv::resize(buzz.stubble_cover, cover, size, 0, 0, cv::INTER_AREA);
    cv::Mat1b hidden;
    cover.convertTo(hidden, CV_8U, 255.0);
    p.masks.occlusion = cv::max(p.masks.occlusion, hidden);
  }
  if (!buzz.background.empty()) {
    // Hidden as well as excluded: a dot just inside the new outline spreads no ink onto the wall.
    p.masks.occlusion.setTo(255, nearest(buzz.background, size));
    exclude_off_head(p, buzz.background);
  }
  if (cv::countNonZero(p.masks.occlusion) == 0) p.masks.occlusion.release();
  return p;
}

void exclude_off_head(sim::Plan& plan, const cv::Mat1b& off_head) {
  if (off_head.empty() || plan.masks.treatment.empty() || cv::countNonZero(off_head) == 0) return;
  const cv::Size size = plan.masks.treatment.size();
  // A new buffer: the caller's exclusion stays as it is.
  cv::Mat1b exclusion = plan.masks.exclusion.empty() ? cv::Mat1b(size, uchar{0}) : nearest(plan.masks.exclusion, size);
  exclusion.setTo(255, nearest(off_head, size));
  plan.masks.exclusion = exclusion;
}

sim::Plan plan_picture_over_buzz(const sim::Plan& plan, const cv::Mat1b& off_head) {
  sim::Plan p = plan;
  if (off_head.empty() || p.masks.treatment.empty()) return p;
  p.masks.treatment = p.masks.treatment.clone();
  p.masks.treatment.setTo(0, nearest(off_head, p.masks.treatment.size()));
  return p;
}

}  // namespace smp::render
