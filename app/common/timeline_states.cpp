#include "timeline_states.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::app {

std::vector<TimelineStep> timeline_steps(int sessions) {
  sessions = std::max(sessions, 1);
  std::vector<TimelineStep> steps;
  steps.push_back({true, {}, "Before"});
  steps.push_back({false, {1, true, 0.0}, "Session 1, day 0"});
  steps.push_back({false, {1, false, 0.0}, "Session 1, healed"});
  if (sessions > 1) steps.push_back({false, {0, false, 0.0}, "All " + std::to_string(sessions) + " sessions, healed"});
  steps.push_back({false, {0, false, kTimelineYears},
                   std::to_string(static_cast<int>(std::lround(kTimelineYears))) + " years later"});
  return steps;
}

render::CompositeOptions result_composite_options(const ResultState& s) {
  render::CompositeOptions o;
  o.up_to_session = s.up_to_session;
  o.latest_healing = s.fresh ? 0.0 : 1.0;
  o.years = s.years;
  return o;
}

cv::Rect timeline_crop(const sim::Plan& plan, cv::Size photo, double aspect) {
  const cv::Rect whole(0, 0, photo.width, photo.height);
  const cv::Mat1b& mask = plan.masks.treatment;
  if (mask.empty() || photo.empty() || cv::countNonZero(mask) == 0) return whole;
  const cv::Rect m = cv::boundingRect(mask);  // mask px; the mask may be smaller than the photo
  const double sx = static_cast<double>(photo.width) / mask.cols, sy = static_cast<double>(photo.height) / mask.rows;
  const double margin = 0.08;
  double w = m.width * sx * (1 + 2 * margin), h = m.height * sy * (1 + 2 * margin);
  const double cx = (m.x + m.width / 2.0) * sx, cy = (m.y + m.height / 2.0) * sy;
  aspect = std::max(aspect, 0.1);
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  // Keep the aspect when the widened box is larger than the photo.
  const double fit = std::min({1.0, photo.width / w, photo.height / h});
  w *= fit;
  h *= fit;
  const double x = std::clamp(cx - w / 2, 0.0, photo.width - w), y = std::clamp(cy - h / 2, 0.0, photo.height - h);
  const cv::Rect r(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)), std::max(1, static_cast<int>(std::lround(w))),
                   std::max(1, static_cast<int>(std::lround(h))));
  return r & whole;
}

std::string timeline_caption(const TimelineStep& step, int sessions) {
  return step.before ? std::string("Before") : result_caption(step.state, sessions);
}

}  // namespace smp::app
