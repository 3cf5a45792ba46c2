#include "recovery_autosave.hpp"

#include "smp/render/image_io.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

namespace smp::studio {

namespace fs = std::filesystem;

RecoveryAutosave::RecoveryAutosave(std::shared_ptr<app::RecoveryStore> store, Clock::duration interval)
    : store_(std::move(store)),
      clock_(interval),
      session_(app::new_recovery_session_id()),
      writer_(std::make_unique<BackgroundTask>()) {}

RecoveryAutosave::~RecoveryAutosave() {
  if (writer_) writer_->wait();
}

RecoveryAutosave::RecoveryAutosave(RecoveryAutosave&&) noexcept = default;

RecoveryAutosave& RecoveryAutosave::operator=(RecoveryAutosave&& other) noexcept {
  if (this != &other) {
    if (writer_) writer_->wait();
    store_ = std::move(other.store_);
    clock_ = other.clock_;
    session_ = std::move(other.session_);
    writer_ = std::move(other.writer_);
    last_revision_ = other.last_revision_;
    has_copy_ = other.has_copy_;
    error_ = std::move(other.error_);
  }
  return *this;
}

void RecoveryAutosave::finish_inflight(bool wait) {
  if (!writer_) return;
  if (wait) writer_->wait();
  else if (writer_->running()) return;
  std::optional<TaskOutcome> outcome = writer_->take_finished();
  if (outcome && !outcome->ok && !outcome->messages.empty()) error_ = outcome->messages.front();
}

void RecoveryAutosave::update(Clock::time_point now, bool dirty, std::uint64_t revision,
                              const std::function<Snapshot()>& snapshot) {
  if (!enabled()) return;
  finish_inflight(false);
  if (!dirty) {
    last_revision_ = revision;
    if (has_copy_ || clock_.pending() || write_in_flight()) discard();
    return;
  }
  if (revision != last_revision_) {
    last_revision_ = revision;
    clock_.changed(now);
  }
  if (!clock_.due(now) || write_in_flight()) return;
  clock_.copied();
  has_copy_ = true;
  // The snapshot is taken here, on the UI thread; only the serialising and writing move off it.
  writer_->start("Writing the recovery copy", [store = store_, id = session_, s = snapshot()](const TaskProgress&) {
    store->write(id, s.plan, s.document, s.project ? &*s.project : nullptr);
    return TaskResult{};
  });
}

bool RecoveryAutosave::write_now(std::uint64_t revision, const Snapshot& snapshot, std::string& error) {
  if (!enabled()) return true;
  finish_inflight(true);
  try {
    has_copy_ = true;
    store_->write(session_, snapshot.plan, snapshot.document, snapshot.project ? &*snapshot.project : nullptr);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  clock_.copied();
  last_revision_ = revision;
  return true;
}

void RecoveryAutosave::discard() {
  if (!enabled()) return;
  finish_inflight(true);  // a write still running would bring the copy back
  clock_.saved();
  if (has_copy_) {
    try {
      store_->discard(session_);
    } catch (const std::exception& e) {
      error_ = e.what();
    }
  }
  has_copy_ = false;
  session_ = app::new_recovery_session_id();
}

std::string RecoveryAutosave::take_error() { return std::exchange(error_, {}); }

fs::path recovered_photo_path(const sim::Plan& plan, const std::string& document) {
  const fs::path photo = plan.photo.path;
  if (photo.empty() || photo.is_absolute() || document.empty()) return photo;
  return fs::path(document).parent_path() / photo;
}

std::string describe_recovery_entry(const app::RecoveryEntry& entry) {
  std::string name = !entry.document.empty()
                         ? fs::path(entry.document).filename().string()
                         : (entry.photo.empty() ? std::string(entry.project ? "untitled project" : "untitled plan")
                                                : (entry.project ? "unsaved project for " : "unsaved plan for ") +
                                                      fs::path(entry.photo).filename().string());
  if (!entry.saved_at.empty()) name += " (" + entry.saved_at + ")";
  return name;
}

}  // namespace smp::studio

namespace smp::studio {

Document recovered_document(sim::Plan plan, const std::string& document) {
  Document doc;
  doc.photo_path = recovered_photo_path(plan, document);
  if (doc.photo_path.empty()) throw std::runtime_error("the recovered plan names no photo");
  doc.photo = render::load_photo(doc.photo_path);
  if (doc.photo.cols != plan.photo.width || doc.photo.rows != plan.photo.height)
    throw std::runtime_error("the recovered plan was made for a " + std::to_string(plan.photo.width) + "x" +
                             std::to_string(plan.photo.height) + " photo but " + doc.photo_path.string() + " is " +
                             std::to_string(doc.photo.cols) + "x" + std::to_string(doc.photo.rows));
  doc.plan = std::move(plan);
  if (!document.empty()) doc.plan_path = fs::path(document);
  doc.dirty = true;  // nothing of it is saved yet
  return doc;
}

}  // namespace smp::studio
