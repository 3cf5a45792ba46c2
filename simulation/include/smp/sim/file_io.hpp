#pragma once
// Whole-file reads and crash-safe writes.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace smp::sim {

// A file could not be read or written; the message names the file and the reason.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The steps of a crash-safe save, in order. An observer hears each one as it completes;
// the crash-safety test stops the writing process at each step on purpose.
enum class SaveStage {
  Serialised,   // the document is in memory (announced by the savers of documents)
  TempCreated,  // an empty temporary file exists next to the target
  TempWritten,  // all bytes are in the temporary file
  Flushed,      // the temporary file is on disk (fsync) and closed
  Renamed,      // the temporary file has replaced the target
};
const char* save_stage_name(SaveStage stage);
using SaveStageObserver = std::function<void(SaveStage)>;

// Reads a whole file. Refuses files larger than max_bytes (a clear error, no allocation).
std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path,
                                          std::uintmax_t max_bytes = std::uintmax_t{1} << 31);

// The file a write to `path` replaces: `path` itself, or, when `path` is a symbolic link to an
// existing file, that file (the link stays a link and its file gets the new content).
std::filesystem::path write_target(const std::filesystem::path& path);

// The permission bits a file written over `target` should get: those of the file it replaces,
// or, for a new file, none beyond the owner's (client data). Where `target` cannot be read,
// the owner's read and write.
std::filesystem::perms permissions_for(const std::filesystem::path& target);

// Writes to a temporary file in the same folder, flushes it to disk, then renames it over
// write_target(path), so a crash or a full disk leaves either the old file or the new one,
// never half. New files are readable by the owner only (0600) where the platform allows; a
// replaced file keeps its permissions. `observe` (optional) hears every stage from
// TempCreated to Renamed.
void write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                           const SaveStageObserver& observe = {});
void write_file_atomically(const std::filesystem::path& path, const std::string& text,
                           const SaveStageObserver& observe = {});

}  // namespace smp::sim
