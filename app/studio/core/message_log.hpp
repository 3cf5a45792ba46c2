#pragma once
// The one channel for messages to the person: info, warnings and errors, shown one at a
// time in the status bar (errors also in a dialog) and kept in a history.

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace smp::studio {

enum class Level { Info, Warning, Error };

struct Message {
  Level level = Level::Info;
  std::string text;
  double seconds = 4.0;  // how long the status bar shows it
};

class MessageLog {
 public:
  static constexpr std::size_t kHistory = 200;

  void post(Level level, std::string text, double seconds = 4.0);
  // The message the status bar shows now; nullptr when none.
  const Message* current() const { return queue_.empty() ? nullptr : &queue_.front(); }
  // 0..1: fades out over the last half second of the current message.
  float current_opacity() const;
  // Advances the current message's clock; the next one follows when it runs out.
  void tick(double seconds);
  bool showing() const { return !queue_.empty(); }
  const std::deque<Message>& history() const { return history_; }  // oldest first

 private:
  std::deque<Message> queue_;
  double shown_for_ = 0;
  std::deque<Message> history_;
};

}  // namespace smp::studio
