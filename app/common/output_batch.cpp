#include "output_batch.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace smp::app {

namespace fs = std::filesystem;

OutputBatch::~OutputBatch() {
  for (const auto& [tmp, target] : staged_) ::unlink(tmp.c_str());
}

fs::path OutputBatch::stage(const fs::path& target) {
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

void OutputBatch::commit() {
  for (auto it = staged_.begin(); it != staged_.end();) {
    if (::rename(it->first.c_str(), it->second.c_str()) != 0)
      throw std::runtime_error("could not write " + it->second.string() + ": " + std::strerror(errno));
    it = staged_.erase(it);
  }
}

}  // namespace smp::app
