#pragma once
// Recovery copies: while a plan has unsaved changes the viewer writes a copy every minute
// to a private folder; after a crash the next start offers the copies whose program is no
// longer running. Pure file logic, no UI (the viewer wires it).
//
//   Folder: $XDG_STATE_HOME/smp-studio/recovery, else ~/.local/state/smp-studio/recovery;
//   created 0700, files 0600 (client health data), written crash-safely.

#include "smp/sim/plan.hpp"
#include "smp/sim/project.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace smp::app {

// The recovery folder for this user (not created here). Throws std::runtime_error when
// neither XDG_STATE_HOME (absolute) nor HOME is set.
std::filesystem::path default_recovery_dir();

// A new id for one editing session of one document: "<pid>-<random hex>".
std::string new_recovery_session_id();

struct RecoveryEntry {
  std::filesystem::path file;  // the recovery copy itself
  std::string session_id;
  std::string document;        // the plan (or project) file it is a copy of; empty for one never saved
  bool project = false;        // the copy holds a multi-view project (load_project)
  std::string photo;           // the plan's photo path, to show in the offer
  std::string saved_at;        // when the copy was written, ISO 8601 UTC
  int owner_pid = 0;           // the process that wrote it
  bool owner_running = false;  // still running (another window): not a crash, do not offer
  std::string problem;         // non-empty when the copy is unreadable (offer to discard only)
};

class RecoveryStore {
 public:
  explicit RecoveryStore(std::filesystem::path dir = default_recovery_dir());
  const std::filesystem::path& dir() const { return dir_; }

  // Writes (replaces) the copy for `session_id`. `document` is the plan's own file, or
  // empty. Creates the folder (0700) when needed. Throws sim::FileError. With `project`
  // the copy holds the whole project (`plan` is then its first view, named in the offer).
  std::filesystem::path write(const std::string& session_id, const sim::Plan& plan, const std::string& document,
                              const sim::Project* project = nullptr);
  // Every copy in the folder, newest first. Never throws for a damaged copy: see `problem`.
  std::vector<RecoveryEntry> list() const;
  // The copies to offer at start-up: those whose writing process is gone (crashed).
  std::vector<RecoveryEntry> list_orphaned() const;
  // The plan in a copy. Throws sim::PlanFileError / sim::FileError naming the file.
  sim::Plan load(const RecoveryEntry& entry) const;
  // The project in a copy written with one. Throws sim::PlanFileError / sim::FileError.
  sim::Project load_project(const RecoveryEntry& entry) const;
  // Deletes the copy (after a normal save, on close, or when the user declines it).
  void discard(const std::string& session_id) const;

 private:
  std::filesystem::path file_for(const std::string& session_id) const;
  std::filesystem::path dir_;
};

// When to write the next recovery copy: `interval` after the first change that no copy
// holds yet, so at most one interval of work is ever lost. The caller passes the time.
class AutosaveClock {
 public:
  using Clock = std::chrono::steady_clock;
  explicit AutosaveClock(Clock::duration interval = std::chrono::minutes(1)) : interval_(interval) {}
  void changed(Clock::time_point now);  // the document was edited
  void saved();                         // the user saved (or discarded): nothing pending
  void copied();                        // the plan was snapshotted for a recovery copy
  bool due(Clock::time_point now) const;
  bool pending() const { return pending_; }

 private:
  Clock::duration interval_;
  bool pending_ = false;
  Clock::time_point first_uncopied_change_{};
};

}  // namespace smp::app
