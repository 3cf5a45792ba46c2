// The SMP layer's plan over a buzzed photo (see buzz.hpp): what the clipped hair no longer
// hides, what the client's stubble already gives, and where no scalp is left.

#include "smp/render/buzz.hpp"

#include <opencv2/imgproc.hpp>

namespace smp::render {

sim::Plan plan_over_buzz(const sim::Plan& plan, const BuzzImage& buzz) {
  sim::Plan p = plan;
  if (buzz.changed.empty() || !buzz.refusal.empty() || p.masks.treatment.empty()) return p;
  const cv::Size size = p.masks.occlusion.empty() ? p.masks.treatment.size() : p.masks.occlusion.size();
  cv::Mat1b changed;
  cv::resize(buzz.changed, changed, size, 0, 0, cv::INTER_NEAREST);
  p.masks.occlusion = p.masks.occlusion.empty() ? cv::Mat1b(size, uchar{0}) : p.masks.occlusion.clone();
  p.masks.occlusion.setTo(0, changed);
  if (!buzz.stubble_cover.empty()) {
    cv::Mat1f cover;
    cv::resize(buzz.stubble_cover, cover, size, 0, 0, cv::INTER_AREA);
    cv::Mat1b hidden;
    cover.convertTo(hidden, CV_8U, 255.0);
    p.masks.occlusion = cv::max(p.masks.occlusion, hidden);
  }
  if (!buzz.background.empty()) {
    // Hidden as well as excluded: a dot just inside the new outline spreads no ink onto the wall.
    cv::Mat1b background;
    cv::resize(buzz.background, background, size, 0, 0, cv::INTER_NEAREST);
    p.masks.occlusion.setTo(255, background);
    exclude_off_head(p, buzz.background);
  }
  if (cv::countNonZero(p.masks.occlusion) == 0) p.masks.occlusion.release();
  return p;
}

void exclude_off_head(sim::Plan& plan, const cv::Mat1b& off_head) {
  if (off_head.empty() || plan.masks.treatment.empty() || cv::countNonZero(off_head) == 0) return;
  const cv::Size size = plan.masks.treatment.size();
  cv::Mat1b off;
  cv::resize(off_head, off, size, 0, 0, cv::INTER_NEAREST);
  cv::Mat1b exclusion;
  if (plan.masks.exclusion.empty()) exclusion = cv::Mat1b(size, uchar{0});
  else cv::resize(plan.masks.exclusion, exclusion, size, 0, 0, cv::INTER_NEAREST);  // a copy: the caller's stays
  exclusion.setTo(255, off);
  plan.masks.exclusion = exclusion;
}

sim::Plan plan_picture_over_buzz(const sim::Plan& plan, const cv::Mat1b& off_head) {
  sim::Plan p = plan;
  if (off_head.empty() || p.masks.treatment.empty()) return p;
  cv::Mat1b off;
  cv::resize(off_head, off, p.masks.treatment.size(), 0, 0, cv::INTER_NEAREST);
  p.masks.treatment = p.masks.treatment.clone();
  p.masks.treatment.setTo(0, off);
  return p;
}

}  // namespace smp::render
