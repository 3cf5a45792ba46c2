#pragma once
// The viewer's one runner for work off the main thread, one task at a time, with progress for
// the status bar. The outcome is collected once, on the main thread, which also runs the
// task's follow-up there (an edit of the plan is made inside a frame, so it is undoable like
// any other). Each kind of work has its own runner (a lane): exports, the report and scalp
// detection share the application's; the dots' regeneration (latest wins) and the recovery
// copy have one each, so a long export never holds back the dots.

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
struct TaskResult {
  std::vector<std::string> messages;   // for the person; the first says what was done
  std::function<void()> on_main_thread;  // optional follow-up, run by the main thread
};
// The work; throws on failure.
using TaskWork = std::function<TaskResult(const TaskProgress&)>;

struct TaskOutcome {
  bool ok = false;
  std::vector<std::string> messages;  // on failure: one line, the reason
  std::function<void()> on_main_thread;
};

class BackgroundTask {
 public:
  BackgroundTask() = default;
  ~BackgroundTask();
  BackgroundTask(const BackgroundTask&) = delete;
  BackgroundTask& operator=(const BackgroundTask&) = delete;

  // Starts `work` unless a task is running; returns false when busy.
  bool start(std::string what, TaskWork work);
  // Latest wins: starts `work` now when idle; when a task is running, keeps `work` to run
  // right after it on the same thread, replacing any work kept before (which never runs).
  // For work that a newer request makes pointless (regenerating the dots).
  void start_latest(std::string what, TaskWork work);
  // True from a start until the task and any work kept after it have finished.
  bool running() const { return running_.load(); }
  float progress() const { return progress_.load(); }  // 0..1
  std::string stage() const;
  // The outcome of the last finished task, once; nullopt while there is nothing new.
  std::optional<TaskOutcome> take_finished();
  // Waits for the running task and any work kept after it (tests, shutdown).
  void wait();
  // Called on the runner's thread each time a task's outcome is ready (the viewer wakes its
  // event loop with it, which otherwise sleeps while work runs in the background). Set it
  // before the first start.
  void set_wake(std::function<void()> wake);

 private:
  struct Queued {
    std::string what;
    TaskWork work;
  };
  void launch(std::string what, TaskWork work);
  void set_stage(float progress, const std::string& stage);
  std::atomic<bool> running_{false};
  std::atomic<float> progress_{0};
  mutable std::mutex mutex_;
  std::string stage_;
  std::optional<TaskOutcome> finished_;
  std::optional<Queued> next_;  // start_latest's work waiting for the running task
  std::function<void()> wake_;
  std::thread thread_;
};

}  // namespace smp::studio
