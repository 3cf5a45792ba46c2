#pragma once
// Undo/redo of whole-document snapshots. Snapshots of a Plan are cheap: cv::Mat copies share
// pixels, and mask edits clone a mask before changing it, so old snapshots stay intact.

#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

namespace smp::studio {

template <class State>
class UndoStack {
 public:
  explicit UndoStack(std::size_t limit = 200) : limit_(limit) {}

  // Records the state as it was before an edit; clears the redo history.
  void push(State before) {
    undo_.push_back(std::move(before));
    if (undo_.size() > limit_) undo_.pop_front();
    redo_.clear();
  }
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  std::size_t undo_size() const { return undo_.size(); }

  // Returns the state to restore; `current` goes onto the other stack.
  std::optional<State> undo(State current) { return step(undo_, redo_, std::move(current)); }
  std::optional<State> redo(State current) { return step(redo_, undo_, std::move(current)); }
  void clear() {
    undo_.clear();
    redo_.clear();
  }

 private:
  static std::optional<State> step(std::deque<State>& from, std::deque<State>& to, State current) {
    if (from.empty()) return std::nullopt;
    State s = std::move(from.back());
    from.pop_back();
    to.push_back(std::move(current));
    return s;
  }
  std::size_t limit_;
  std::deque<State> undo_, redo_;
};

// Groups the frames of one gesture (a slider drag, a point drag, a brush stroke) into one
// undo step: the state before the gesture is kept until the gesture ends.
template <class State>
class EditGrouper {
 public:
  // Call once per frame with the state at the frame's start, whether it changed during the
  // frame, and whether a gesture is still going on. Returns the "before" state to push.
  std::optional<State> frame(const State& frame_start, bool changed, bool gesture_active) {
    if (changed && !pending_) pending_ = frame_start;
    if (pending_ && !gesture_active) {
      std::optional<State> out = std::move(pending_);
      pending_.reset();
      return out;
    }
    return std::nullopt;
  }
  bool pending() const { return pending_.has_value(); }

 private:
  std::optional<State> pending_;
};

}  // namespace smp::studio
