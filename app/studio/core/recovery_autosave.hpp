#pragma once
// Recovery copies for the viewer (window-free): decides when to write the open plan's copy,
// writes it off the UI thread (on its own lane of the viewer's background runner), and removes it once the plan is saved or closed. The file
// format and folder are app/common/recovery.hpp's.

#include "core/background_task.hpp"
#include "core/document.hpp"
#include "recovery.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace smp::studio {

class RecoveryAutosave {
 public:
  using Clock = std::chrono::steady_clock;

  // What a copy holds: the plan (photo path absolute) and the plan's own file, or empty;
  // with a project open, the whole project (photo paths absolute) and the project's file.
  struct Snapshot {
    sim::Plan plan;
    std::string document;
    std::optional<sim::Project> project = std::nullopt;
  };

  RecoveryAutosave() = default;  // disabled: does nothing (tests, automation, no HOME)
  explicit RecoveryAutosave(std::shared_ptr<app::RecoveryStore> store,
                            Clock::duration interval = std::chrono::minutes(1));
  ~RecoveryAutosave();  // waits for a write in flight; keeps the copy (see discard)
  RecoveryAutosave(RecoveryAutosave&&) noexcept;
  RecoveryAutosave& operator=(RecoveryAutosave&&) noexcept;

  bool enabled() const { return store_ != nullptr; }
  app::RecoveryStore* store() const { return store_.get(); }
  const std::string& session_id() const { return session_; }

  // Once a frame. `dirty`/`revision` are the document's; `snapshot` is called only when a
  // copy is due (at most once an interval). A clean document has its copy removed.
  void update(Clock::time_point now, bool dirty, std::uint64_t revision, const std::function<Snapshot()>& snapshot);
  // Writes a copy now, on this thread (after restoring one). Returns false with `error` set.
  bool write_now(std::uint64_t revision, const Snapshot& snapshot, std::string& error);
  // Removes this session's copy (saved, or closed normally) and starts a new session id.
  void discard();
  // A write or removal that failed, once (for a toast); empty when none.
  std::string take_error();

  bool write_in_flight() const { return writer_ && writer_->running(); }
  bool has_copy() const { return has_copy_; }

 private:
  void finish_inflight(bool wait);

  std::shared_ptr<app::RecoveryStore> store_;
  app::AutosaveClock clock_;
  std::string session_;
  std::unique_ptr<BackgroundTask> writer_;  // its own lane of the background runner (movable owner)
  std::uint64_t last_revision_ = 0;
  bool has_copy_ = false;  // a copy for session_ may be on disk
  std::string error_;
};

// Where a recovered plan's photo is: its path as stored (absolute in copies this viewer
// writes), or relative to the plan's own file, or to the current folder.
std::filesystem::path recovered_photo_path(const sim::Plan& plan, const std::string& document);

// The document a recovery copy holds: its photo loaded, Save going to its plan file (if
// it had one), and marked unsaved. Throws std::exception with a readable message.
Document recovered_document(sim::Plan plan, const std::string& document);

// A short line naming a recovery copy for the restore offer.
std::string describe_recovery_entry(const app::RecoveryEntry& entry);

}  // namespace smp::studio
