#pragma once
// The outputs of one run, written all-or-nothing: each output is first written (by its
// usual crash-safe writer) to a temporary file next to its target; commit() then renames
// them all into place. A failure before commit() leaves every target as it was, and the
// temporaries are removed.

#include <filesystem>
#include <utility>
#include <vector>

namespace smp::app {

class OutputBatch {
 public:
  OutputBatch() = default;
  OutputBatch(const OutputBatch&) = delete;
  OutputBatch& operator=(const OutputBatch&) = delete;
  ~OutputBatch();  // removes what was not committed

  // Where to write `target` for now: a hidden name in the same folder with the same
  // extension (writers choose the format by extension).
  std::filesystem::path stage(const std::filesystem::path& target);
  // Renames every staged file onto its target. Throws std::runtime_error naming the file.
  void commit();

 private:
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  // temporary, target
};

}  // namespace smp::app
