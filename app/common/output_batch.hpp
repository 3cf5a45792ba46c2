#pragma once
// The outputs of one run, written all-or-nothing: each output is first written (by its
// usual crash-safe writer) to a temporary file next to its target; commit() then renames
// them all into place. A failure before commit() leaves every target as it was, and the
// temporaries are removed.

#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

namespace smp::app {

class OutputBatch {
 public:
  // `inputs`: the files the run reads. A target that is one of them is refused: an output
  // never replaces the photo or plan it was made from.
  explicit OutputBatch(std::vector<std::filesystem::path> inputs = {});
  OutputBatch(const OutputBatch&) = delete;
  OutputBatch& operator=(const OutputBatch&) = delete;
  ~OutputBatch();  // removes what was not committed

  using Writer = std::function<void(const std::filesystem::path&)>;
  // Has `write` write `target` for now to a hidden name in the same folder with the same
  // extension (writers choose the format by extension). A target that is a symbolic link
  // gets its file written (sim::write_target). Errors name `target`, never the hidden file;
  // they are std::runtime_error.
  void write(const std::filesystem::path& target, const Writer& write);
  // Renames every staged file onto its target, which keeps its permissions. Throws
  // std::runtime_error naming the file.
  void commit();

 private:
  std::filesystem::path stage(const std::filesystem::path& target);
  std::vector<std::filesystem::path> inputs_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  // temporary, target
};

}  // namespace smp::app
