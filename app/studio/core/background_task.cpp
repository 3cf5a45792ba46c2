#include "background_task.hpp"

#include <exception>

namespace smp::studio {

BackgroundTask::~BackgroundTask() { wait(); }

void BackgroundTask::wait() {
  if (thread_.joinable()) thread_.join();
}

bool BackgroundTask::start(std::string what, TaskWork work) {
  if (running_.load()) return false;
  wait();
  running_ = true;
  set_stage(0.0f, what);
  thread_ = std::thread([this, what = std::move(what), work = std::move(work)] {
    TaskOutcome outcome;
    try {
      TaskResult result = work([this](float f, const std::string& stage) { set_stage(f, stage); });
      outcome.messages = std::move(result.messages);
      outcome.on_main_thread = std::move(result.on_main_thread);
      outcome.ok = true;
    } catch (const std::exception& e) {
      outcome.messages = {what + " failed: " + e.what()};
    }
    {
      std::lock_guard lock(mutex_);
      finished_ = std::move(outcome);
    }
    set_stage(1.0f, "Done");
    running_ = false;
  });
  return true;
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
