#include "timeline_states.hpp"

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

std::string timeline_caption(const TimelineStep& step, int sessions) {
  return step.before ? std::string("Before") : result_caption(step.state, sessions);
}

}  // namespace smp::app
