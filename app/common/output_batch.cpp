#include "output_batch.hpp"

#include "output_targets.hpp"
#include "smp/sim/file_io.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace smp::app {

namespace fs = std::filesystem;

namespace {

// `message` with every mention of the hidden file `tmp` (whole path first, then its name)
// replaced by `target`: the person asked for `target` and never sees the hidden name.
std::string naming_target(std::string message, const fs::path& tmp, const fs::path& target) {
  for (const std::string& hidden : {tmp.string(), tmp.filename().string()}) {
    const std::string shown = hidden == tmp.string() ? target.string() : target.filename().string();
    for (std::size_t at = message.find(hidden); at != std::string::npos; at = message.find(hidden, at + shown.size()))
      message.replace(at, hidden.size(), shown);
  }
  return message;
}

}  // namespace

OutputBatch::OutputBatch(std::vector<fs::path> inputs) : inputs_(std::move(inputs)) {}

OutputBatch::~OutputBatch() {
  for (const auto& [tmp, target] : staged_) ::unlink(tmp.c_str());
}

fs::path OutputBatch::stage(const fs::path& requested) {
  if (const std::string e = read_file_problem(requested.string(), requested, inputs_); !e.empty())
    throw std::runtime_error(e);
  const fs::path target = sim::write_target(requested);
  // ".NAME.tmp-PID-..." is the pattern of the crash-safe writer's temporaries, so a
  // killed run's leftovers are removed by the next save of the same file.
  std::string name = target.filename().string();
  name.insert(name.begin(), '.');  // (not "." + name: GCC 12 gives a false -Wrestrict there)
  name.append(".tmp-");
  name.append(std::to_string(::getpid()));
  name.append("-run");
  name.append(std::to_string(staged_.size()));
  name.append(target.extension().string());
  const fs::path tmp = target.has_parent_path() ? target.parent_path() / name : fs::path(name);
  staged_.emplace_back(tmp, target);
  return tmp;
}

void OutputBatch::write(const fs::path& target, const Writer& write) {
  const fs::path tmp = stage(target);
  try {
    write(tmp);
  } catch (const std::exception& e) {
    throw std::runtime_error(naming_target(e.what(), tmp, target));
  }
}

void OutputBatch::commit() {
  for (auto it = staged_.begin(); it != staged_.end();) {
    // The replaced file's permissions (the hidden file was made for the owner only).
    ::chmod(it->first.c_str(), static_cast<mode_t>(sim::permissions_for(it->second)));
    if (::rename(it->first.c_str(), it->second.c_str()) != 0)
      throw std::runtime_error("could not write " + it->second.string() + ": " + std::strerror(errno));
    it = staged_.erase(it);
  }
}

}  // namespace smp::app
