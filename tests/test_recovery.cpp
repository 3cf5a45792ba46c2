// Recovery copies: where they live, owner-only permissions, write/list/load/discard, the
// offer after a crash (and not for a window still open), and the one-minute autosave clock.

#include "recovery.hpp"
#include "smp/sim/plan_io.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace smp {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable for one scope, restoring the previous value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(Recovery, FolderFollowsXdgStateHome) {
  {
    ScopedEnv state("XDG_STATE_HOME", "/srv/state");
    EXPECT_EQ(app::default_recovery_dir(), fs::path("/srv/state/smp-studio/recovery"));
  }
  {
    ScopedEnv state("XDG_STATE_HOME", "relative/ignored");
    ScopedEnv home("HOME", "/home/tech");
    EXPECT_EQ(app::default_recovery_dir(), fs::path("/home/tech/.local/state/smp-studio/recovery"));
  }
  {
    ScopedEnv state("XDG_STATE_HOME", nullptr);
    ScopedEnv home("HOME", nullptr);
    EXPECT_THROW(app::default_recovery_dir(), std::runtime_error);
  }
}

TEST(Recovery, WriteListLoadDiscardWithOwnerOnlyPermissions) {
  test::ScopedTempDir tmp("smp-recovery");
  ScopedEnv state("XDG_STATE_HOME", tmp.path().c_str());
  app::RecoveryStore store;
  EXPECT_TRUE(store.list().empty()) << "a missing folder is simply empty";

  sim::Plan plan = test::uniform_plan(320, 240, 4.0, 55);
  plan.photo.path = "clients/anna.jpg";
  plan.notes = "unsaved edit";
  const std::string id = app::new_recovery_session_id();
  const fs::path file = store.write(id, plan, "/clinic/anna.smp.json");
  EXPECT_EQ(file.parent_path(), tmp.path() / "smp-studio" / "recovery");
  EXPECT_EQ(mode_of(store.dir()), 0700u);
  EXPECT_EQ(mode_of(tmp.path() / "smp-studio"), 0700u);
  EXPECT_EQ(mode_of(file), 0600u);

  plan.notes = "a later edit";  // the same session replaces its copy
  store.write(id, plan, "/clinic/anna.smp.json");
  const auto entries = store.list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].session_id, id);
  EXPECT_EQ(entries[0].document, "/clinic/anna.smp.json");
  EXPECT_EQ(entries[0].photo, "clients/anna.jpg");
  EXPECT_EQ(entries[0].owner_pid, ::getpid());
  EXPECT_TRUE(entries[0].owner_running);
  EXPECT_TRUE(entries[0].problem.empty());
  EXPECT_EQ(entries[0].saved_at.size(), 20u);
  EXPECT_TRUE(store.list_orphaned().empty()) << "this process still runs: nothing to recover";
  EXPECT_EQ(store.load(entries[0]).notes, "a later edit");

  store.discard(id);
  EXPECT_TRUE(store.list().empty());
  EXPECT_NO_THROW(store.discard(id)) << "discarding twice is harmless";
  EXPECT_THROW(store.write("../escape", plan, ""), std::invalid_argument);
}

TEST(Recovery, CopyOfAKilledProgramIsOfferedOnTheNextStart) {
  test::ScopedTempDir tmp("smp-recovery");
  app::RecoveryStore store(tmp / "recovery");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the "viewer": writes its minute copy, then crashes hard
    sim::Plan plan = test::uniform_plan(100, 80, 3.0, 40);
    plan.notes = "work since the last save";
    store.write(app::new_recovery_session_id(), plan, "");
    ::raise(SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const auto offered = store.list_orphaned();
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].owner_pid, child);
  EXPECT_FALSE(offered[0].owner_running);
  EXPECT_EQ(store.load(offered[0]).notes, "work since the last save");
}

TEST(Recovery, DamagedCopyIsListedWithItsProblemNotThrown) {
  test::ScopedTempDir tmp("smp-recovery");
  app::RecoveryStore store(tmp.path());
  std::ofstream(tmp / "123-abc.smp-recovery.json") << "{ half a file";
  std::ofstream(tmp / "unrelated.txt") << "ignored";
  const auto entries = store.list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_FALSE(entries[0].problem.empty());
  EXPECT_THROW(store.load(entries[0]), sim::PlanFileError);
  store.discard(entries[0].session_id);
  EXPECT_TRUE(store.list().empty());
}

TEST(Recovery, AutosaveEveryMinuteWhileThereAreUnsavedChanges) {
  using namespace std::chrono_literals;
  app::AutosaveClock clock;
  const auto t0 = app::AutosaveClock::Clock::time_point{} + 1h;
  EXPECT_FALSE(clock.due(t0 + 10min)) << "no changes, no copy";
  clock.changed(t0);
  clock.changed(t0 + 50s);  // later edits do not postpone the copy
  EXPECT_FALSE(clock.due(t0 + 59s));
  EXPECT_TRUE(clock.due(t0 + 60s));
  clock.copied();
  EXPECT_FALSE(clock.due(t0 + 5min)) << "nothing new since the copy";
  clock.changed(t0 + 5min);
  EXPECT_TRUE(clock.due(t0 + 6min));
  clock.saved();
  EXPECT_FALSE(clock.pending());
  EXPECT_FALSE(clock.due(t0 + 1h));
}

}  // namespace
}  // namespace smp
