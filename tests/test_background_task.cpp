// The viewer's one background task runner: one task at a time, progress, the outcome once,
// the follow-up left for the main thread, and a failure as one line.

#include "core/background_task.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace smp::studio {
namespace {

// Holds a task until the test opens it.
struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool open = false;
  void wait() {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return open; });
  }
  void release() {
    {
      std::lock_guard lock(m);
      open = true;
    }
    cv.notify_all();
  }
};

TEST(BackgroundTask, OneAtATimeOutcomeOnceFollowUpOnTheCaller) {
  BackgroundTask task;
  Gate gate;
  int follow_ups = 0;
  ASSERT_TRUE(task.start("Exporting", [&](const TaskProgress& progress) {
    progress(0.5f, "Halfway");
    gate.wait();
    return TaskResult{{"Saved a.jpg"}, [&] { ++follow_ups; }};
  }));
  EXPECT_TRUE(task.running());
  EXPECT_FALSE(task.start("Another", [](const TaskProgress&) { return TaskResult{}; })) << "one task at a time";
  gate.release();
  task.wait();
  EXPECT_FALSE(task.running());
  std::optional<TaskOutcome> outcome = task.take_finished();
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->ok);
  ASSERT_EQ(outcome->messages.size(), 1u);
  EXPECT_EQ(outcome->messages[0], "Saved a.jpg");
  EXPECT_EQ(follow_ups, 0) << "the follow-up waits for the main thread";
  outcome->on_main_thread();
  EXPECT_EQ(follow_ups, 1);
  EXPECT_FALSE(task.take_finished()) << "the outcome is handed over once";
}

TEST(BackgroundTask, AFailureIsOneLineNamingTheTask) {
  BackgroundTask task;
  ASSERT_TRUE(task.start("Writing report.pdf", [](const TaskProgress&) -> TaskResult {
    throw std::runtime_error("disk full");
  }));
  task.wait();
  const std::optional<TaskOutcome> outcome = task.take_finished();
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->ok);
  ASSERT_EQ(outcome->messages.size(), 1u);
  EXPECT_EQ(outcome->messages[0], "Writing report.pdf failed: disk full");
  EXPECT_FALSE(outcome->on_main_thread);
}

// The regeneration lane: while a task runs, only the newest of the works posted after it
// runs next (the ones it replaced never start), on the same runner, in order.
TEST(BackgroundTask, LatestWinsRunsOnlyTheNewestKeptWork) {
  BackgroundTask task;
  Gate gate;
  std::vector<int> ran;  // only the runner's thread writes it until task.wait()
  const auto record = [&](int id) {
    return [&, id](const TaskProgress&) {
      ran.push_back(id);
      return TaskResult{{"work " + std::to_string(id)}, {}};
    };
  };
  task.start_latest("first", [&](const TaskProgress&) {
    gate.wait();
    ran.push_back(1);
    return TaskResult{{"work 1"}, {}};
  });
  EXPECT_TRUE(task.running());
  for (int id = 2; id <= 5; ++id) task.start_latest("next", record(id));
  EXPECT_FALSE(task.start("an export", [](const TaskProgress&) { return TaskResult{}; })) << "the lane is busy";
  gate.release();
  task.wait();
  EXPECT_FALSE(task.running());
  EXPECT_EQ(ran, (std::vector<int>{1, 5}));
  const std::optional<TaskOutcome> outcome = task.take_finished();
  ASSERT_TRUE(outcome);
  ASSERT_EQ(outcome->messages.size(), 1u);
  EXPECT_EQ(outcome->messages[0], "work 5") << "the outcome is the last work's";
  // Idle again: the next work starts at once.
  task.start_latest("again", record(6));
  task.wait();
  EXPECT_EQ(ran.back(), 6);
}

// The viewer's event loop sleeps while work runs: the runner wakes it once per outcome, after
// the outcome can be taken, also for kept work that runs right after on the same thread.
TEST(BackgroundTask, WakesOncePerOutcomeWhenItCanBeTaken) {
  BackgroundTask task;
  Gate gate;
  std::vector<bool> ready_at_wake;  // under gate.m: read below while the first task waits
  task.set_wake([&] {
    const bool ready = task.take_finished().has_value();
    std::lock_guard lock(gate.m);
    ready_at_wake.push_back(ready);
  });
  task.start_latest("first", [&](const TaskProgress&) {
    gate.wait();
    return TaskResult{};
  });
  task.start_latest("kept", [](const TaskProgress&) { return TaskResult{}; });
  {
    std::lock_guard lock(gate.m);
    EXPECT_TRUE(ready_at_wake.empty()) << "no wake before an outcome";
  }
  gate.release();
  task.wait();
  EXPECT_EQ(ready_at_wake, (std::vector<bool>{true, true}));
  ASSERT_TRUE(task.start("an export", [](const TaskProgress&) { return TaskResult{}; }));
  task.wait();
  EXPECT_EQ(ready_at_wake.size(), 3u) << "every lane's task wakes";
}

}  // namespace
}  // namespace smp::studio
