#pragma once
// Long work off the main thread (exports, the report), one task at a time, with progress
// for the status bar. The outcome is collected once, on the main thread.

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace smp::studio {

// Called by the task with a fraction 0..1 and what it is doing.
using TaskProgress = std::function<void(float, const std::string&)>;
// The work: returns lines for the person (the first says what was done); throws on failure.
using TaskWork = std::function<std::vector<std::string>(const TaskProgress&)>;

struct TaskOutcome {
  bool ok = false;
  std::vector<std::string> messages;  // on failure: one line, the reason
};

class BackgroundTask {
 public:
  BackgroundTask() = default;
  ~BackgroundTask();
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;

  // Starts `work` unless a task is running; returns false when busy.
  bool start(std::string what, TaskWork work);
  bool running() const { return running_.load(); }
  float progress() const { return progress_.load(); }  // 0..1
  std::string stage() const;
  // The outcome of the last finished task, once; nullopt while there is nothing new.
  std::optional<TaskOutcome> take_finished();
  // Waits for the running task (tests, shutdown).
  void wait();

 private:
  void set_stage(float progress, const std::string& stage);
  std::atomic<bool> running_{false};
  std::atomic<float> progress_{0};
  mutable std::mutex mutex_;
  std::string stage_;
  std::optional<TaskOutcome> finished_;
  std::thread thread_;
};

}  // namespace smp::studio
