#include "recovery.hpp"

#include "smp/sim/file_io.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace smp::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "smp-studio-recovery";
constexpr const char* kSuffix = ".smp-recovery.json";

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool process_running(int pid) {
  if (pid <= 0) return false;
  if (pid == ::getpid()) return true;
  return ::kill(pid, 0) == 0 || errno == EPERM;  // EPERM: exists, owned by someone else
}

// Session ids become file names: allow only what cannot climb out of the folder.
void check_session_id(const std::string& id) {
  const bool ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_';
  });
  if (!ok) throw std::invalid_argument("invalid recovery session id \"" + id + "\"");
}

// Creates `dir` and missing parents owner-only, and tightens `dir` itself to 0700.
void make_private_dir(const fs::path& dir) {
  fs::path partial;
  for (const fs::path& part : dir) {
    partial /= part;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST)
      throw sim::FileError("cannot create the recovery folder " + partial.string() + ": " + std::strerror(errno));
  }
  if (::chmod(dir.c_str(), 0700) != 0)
    throw sim::FileError("cannot make " + dir.string() + " private: " + std::strerror(errno));
}

// A recovery copy's JSON, checked to be one and to hold `field` (what_kind completes the
// message "not an SMP Studio recovery copy...").
json read_copy(const RecoveryEntry& entry, const char* field, const char* what_kind) {
  const auto bytes = sim::read_file_bytes(entry.file, std::uintmax_t{256} << 20);
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end());
  } catch (const json::exception& e) {
    throw sim::PlanFileError(entry.file.string() + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object() || doc.value("format", "") != kFormat || !doc.contains(field))
    throw sim::PlanFileError(entry.file.string() + ": not an SMP Studio recovery copy" + what_kind);
  return doc;
}

}  // namespace

fs::path default_recovery_dir() {
  // XDG Base Directory: a relative XDG_STATE_HOME is invalid and must be ignored.
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/')
    return fs::path(state) / "smp-studio" / "recovery";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".local" / "state" / "smp-studio" / "recovery";
  throw std::runtime_error("neither XDG_STATE_HOME nor HOME is set: nowhere to keep recovery copies");
}

std::string new_recovery_session_id() {
  std::random_device rd;
  const std::uint64_t r = (std::uint64_t{rd()} << 32) ^ rd();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%d-%016llx", static_cast<int>(::getpid()), static_cast<unsigned long long>(r));
  return buf;
}

RecoveryStore::RecoveryStore(fs::path dir) : dir_(std::move(dir)) {}

fs::path RecoveryStore::file_for(const std::string& session_id) const {
  check_session_id(session_id);
  return dir_ / (session_id + kSuffix);
}

fs::path RecoveryStore::write(const std::string& session_id, const sim::Plan& plan, const std::string& document,
                              const sim::Project* project) {
  const fs::path file = file_for(session_id);
  make_private_dir(dir_);
  json doc = {{"format", kFormat},        {"version", 1},       {"session", session_id},
              {"pid", ::getpid()},         {"saved_at", utc_now()}, {"document", document},
              {"plan", json::parse(sim::plan_to_json(plan))}};
  if (project) doc["project"] = json::parse(sim::project_to_json(*project));
  sim::write_file_atomically(file, doc.dump(1) + "\n");
  return file;
}

std::vector<RecoveryEntry> RecoveryStore::list() const {
  std::vector<RecoveryEntry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= std::string(kSuffix).size() || !name.ends_with(kSuffix)) continue;
    RecoveryEntry e;
    e.file = it->path();
    e.session_id = name.substr(0, name.size() - std::string(kSuffix).size());
    try {
      const auto bytes = sim::read_file_bytes(e.file, std::uintmax_t{256} << 20);
      const json doc = json::parse(bytes.begin(), bytes.end());
      if (doc.value("format", "") != kFormat) throw std::runtime_error("not a recovery copy");
      e.document = doc.value("document", "");
      e.saved_at = doc.value("saved_at", "");
      e.owner_pid = doc.value("pid", 0);
      e.project = doc.contains("project");
      if (const auto plan = doc.find("plan"); plan != doc.end() && plan->is_object() && plan->contains("photo") &&
                                              (*plan)["photo"].is_object())
        e.photo = (*plan)["photo"].value("path", "");
      e.owner_running = process_running(e.owner_pid);
    } catch (const std::exception& ex) {
      e.problem = std::string("unreadable recovery copy: ") + ex.what();
    }
    entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(), [](const RecoveryEntry& a, const RecoveryEntry& b) {
    return a.saved_at != b.saved_at ? a.saved_at > b.saved_at : a.session_id < b.session_id;
  });
  return entries;
}

std::vector<RecoveryEntry> RecoveryStore::list_orphaned() const {
  std::vector<RecoveryEntry> all = list();
  std::erase_if(all, [](const RecoveryEntry& e) { return e.owner_running; });
  return all;
}

sim::Plan RecoveryStore::load(const RecoveryEntry& entry) const {
  const json doc = read_copy(entry, "plan", "");
  return sim::plan_from_json(doc["plan"].dump(), entry.file.string());
}

sim::Project RecoveryStore::load_project(const RecoveryEntry& entry) const {
  const json doc = read_copy(entry, "project", " of a project");
  return sim::project_from_json(doc["project"].dump(), entry.file.string());
}

void RecoveryStore::discard(const std::string& session_id) const {
  const fs::path file = file_for(session_id);
  std::error_code ec;
  fs::remove(file, ec);
  if (ec) throw sim::FileError("cannot remove the recovery copy " + file.string() + ": " + ec.message());
}

void AutosaveClock::changed(Clock::time_point now) {
  if (!pending_) first_uncopied_change_ = now;
  pending_ = true;
}

void AutosaveClock::saved() { pending_ = false; }

void AutosaveClock::copied() { pending_ = false; }

bool AutosaveClock::due(Clock::time_point now) const { return pending_ && now - first_uncopied_change_ >= interval_; }

}  // namespace smp::app
