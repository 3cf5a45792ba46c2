#include "message_log.hpp"

#include <algorithm>

namespace smp::studio {

void MessageLog::post(Level level, std::string text, double seconds) {
  Message m{level, std::move(text), seconds};
  history_.push_back(m);
  if (history_.size() > kHistory) history_.pop_front();
  // The same line again (a repeated warning) is not queued twice.
  if (!queue_.empty() && queue_.back().text == m.text) return;
  queue_.push_back(std::move(m));
}

float MessageLog::current_opacity() const {
  if (queue_.empty()) return 0.0f;
  const double left = queue_.front().seconds - shown_for_;
  return static_cast<float>(std::clamp(left / 0.5, 0.0, 1.0));
}

void MessageLog::tick(double seconds) {
  if (queue_.empty()) return;
  shown_for_ += seconds;
  if (shown_for_ < queue_.front().seconds) return;
  queue_.pop_front();
  shown_for_ = 0;
}

}  // namespace smp::studio
