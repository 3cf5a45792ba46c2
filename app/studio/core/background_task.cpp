#include "background_task.hpp"

#include <exception>

namespace smp::studio {

namespace {

TaskOutcome run_one(const std::string& what, const TaskWork& work, const TaskProgress& progress) {
  TaskOutcome outcome;
  try {
    TaskResult result = work(progress);
    outcome.messages = std::move(result.messages);
    outcome.on_main_thread = std::move(result.on_main_thread);
    outcome.ok = true;
  } catch (const std::exception& e) {
    outcome.messages = {what + " failed: " + e.what()};
  }
  return outcome;
}

}  // namespace

BackgroundTask::~BackgroundTask() {
  {
    std::lock_guard lock(mutex_);
    next_.reset();  // kept work never starts once the owner goes
  }
  wait();
}

void BackgroundTask::wait() {
  if (thread_.joinable()) thread_.join();
}

bool BackgroundTask::start(std::string what, TaskWork work) {
  {
    std::lock_guard lock(mutex_);
    if (running_.load()) return false;
    running_ = true;
  }
  launch(std::move(what), std::move(work));
  return true;
}

void BackgroundTask::start_latest(std::string what, TaskWork work) {
  {
    std::lock_guard lock(mutex_);
    if (running_.load()) {
      next_ = Queued{std::move(what), std::move(work)};
      return;
    }
    running_ = true;
  }
  launch(std::move(what), std::move(work));
}

void BackgroundTask::launch(std::string what, TaskWork work) {
  wait();  // the previous thread has cleared running_ and is ending
  set_stage(0.0f, what);
  thread_ = std::thread([this, what = std::move(what), work = std::move(work)]() mutable {
    const TaskProgress progress = [this](float f, const std::string& stage) { set_stage(f, stage); };
    for (;;) {
      TaskOutcome outcome = run_one(what, work, progress);
      std::function<void()> wake;
      bool done = false;  // decided under the lock: running_ may be set again by a new start
      {
        std::lock_guard lock(mutex_);
        finished_ = std::move(outcome);
        wake = wake_;
        done = !next_;
        if (done) {
          progress_ = 1.0f;
          stage_ = "Done";
          running_ = false;  // under the lock: a start_latest now starts a new thread
        } else {
          what = std::move(next_->what);
          work = std::move(next_->work);
          next_.reset();
          progress_ = 0.0f;
          stage_ = what;
        }
      }
      if (wake) wake();
      if (done) return;
    }
  });
}

void BackgroundTask::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

std::string BackgroundTask::stage() const {
  std::lock_guard lock(mutex_);
  return stage_;
}

std::optional<TaskOutcome> BackgroundTask::take_finished() {
  std::lock_guard lock(mutex_);
  std::optional<TaskOutcome> out = std::move(finished_);
  finished_.reset();
  return out;
}

void BackgroundTask::set_stage(float progress, const std::string& stage) {
  progress_ = progress;
  std::lock_guard lock(mutex_);
  stage_ = stage;
}

}  // namespace smp::studio
