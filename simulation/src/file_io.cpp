#include "smp/sim/file_io.hpp"

#include <cerrno>
#include <cstring>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace smp::sim {

namespace {

std::string why() { return std::strerror(errno); }

// Closes a POSIX file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Temporary files of savers that were killed (power cut, kill -9) would otherwise stay
// next to the file for ever, each holding a copy of client data. Their names carry the
// writer's pid: remove those whose writer no longer runs; leave everything else alone.
void remove_abandoned_temp_files(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::size_t dash = name.find('-', prefix.size());
    if (dash == std::string::npos || dash == prefix.size()) continue;
    long pid = 0;
    for (std::size_t i = prefix.size(); i < dash; ++i) {
      if (name[i] < '0' || name[i] > '9' || pid > 100'000'000) { pid = 0; break; }
      pid = pid * 10 + (name[i] - '0');
    }
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
  }
}

}  // namespace

const char* save_stage_name(SaveStage stage) {
  switch (stage) {
    case SaveStage::Serialised: return "serialised";
    case SaveStage::TempCreated: return "temp-created";
    case SaveStage::TempWritten: return "temp-written";
    case SaveStage::Flushed: return "flushed";
    case SaveStage::Renamed: return "renamed";
  }
  return "unknown";
}

std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  // O_NONBLOCK: opening a FIFO (or a device) named like a photo must not hang the program
  // waiting for a writer; it is refused below as not a regular file.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) throw FileError("cannot open " + path.string() + ": " + why());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw FileError("cannot read the size of " + path.string() + ": " + why());
  if (S_ISDIR(st.st_mode)) throw FileError(path.string() + " is a folder, not a file");
  if (!S_ISREG(st.st_mode)) throw FileError(path.string() + " is not a regular file (a device, pipe or socket)");
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes)
    throw FileError(path.string() + " is " + std::to_string(size >> 20) + " MiB; the limit is " +
                    std::to_string(max_bytes >> 20) + " MiB");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw FileError("error reading " + path.string() + ": " + why());
    if (n == 0) break;  // the file shrank while reading
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

std::filesystem::path write_target(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec)) return path;
  const std::filesystem::path resolved = std::filesystem::canonical(path, ec);
  return ec ? path : resolved;  // a dangling link is replaced like a file
}

std::filesystem::perms permissions_for(const std::filesystem::path& target) {
  std::error_code ec;
  const std::filesystem::file_status st = std::filesystem::status(target, ec);
  if (!ec && std::filesystem::is_regular_file(st)) return st.permissions() & std::filesystem::perms::mask;
  return std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
}

void write_file_atomically(const std::filesystem::path& requested, std::span<const std::uint8_t> bytes,
                           const SaveStageObserver& observe) {
  auto announce = [&](SaveStage stage) {
    if (observe) observe(stage);
  };
  const std::filesystem::path path = write_target(requested);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string prefix = path.filename().string();
  prefix.insert(prefix.begin(), '.');  // (not "." + name: GCC 12 gives a false -Wrestrict there)
  prefix.append(".tmp-");
  remove_abandoned_temp_files(dir, prefix);
  std::string name = prefix;
  name.append(std::to_string(::getpid()));
  name.append("-XXXXXX");
  std::string tmpl = (dir / name).string();
  Fd fd(::mkstemp(tmpl.data()));  // mkstemp creates the file with mode 0600
  if (fd.get() < 0) throw FileError("cannot write in " + dir.string() + ": " + why());
  const std::filesystem::path tmp = tmpl;
  announce(SaveStage::TempCreated);
  auto fail = [&](const std::string& what) {
    const std::string reason = why();
    ::unlink(tmp.c_str());
    throw FileError("could not save " + path.string() + " (" + what + ": " + reason +
                    "); the previous file is unchanged");
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write failed");
    done += static_cast<std::size_t>(n);
  }
  announce(SaveStage::TempWritten);
  if (::fchmod(fd.get(), static_cast<mode_t>(permissions_for(path))) != 0) fail("could not set its permissions");
  if (::fsync(fd.get()) != 0) fail("flush failed");
  if (::close(fd.release()) != 0) fail("close failed");
  announce(SaveStage::Flushed);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename failed");
  announce(SaveStage::Renamed);
  // Make the rename itself durable.
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) ::fsync(dfd.get());
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text,
                           const SaveStageObserver& observe) {
  write_file_atomically(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), observe);
}

}  // namespace smp::sim
