#include "decode/isolated_decode.hpp"

#include "decode/decode_protocol.hpp"
#include "decode/mapped_mat.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace smp::render::detail {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd& operator=(UniqueFd&&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// The child, killed and reaped if the caller leaves early (timeout, exception).
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits for the exit until `deadline`; nullopt when it is still running then.
  std::optional<int> wait_until(Clock::time_point deadline) {
    for (;;) {
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        return status;
      }
      if (r < 0 && errno != EINTR) {
        pid_ = -1;
        return std::nullopt;
      }
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

 private:
  pid_t pid_;
};

std::string unsafe(const std::string& name, const std::string& why) {
  return name + ": the image could not be decoded safely: " + why;
}

fs::path decoder_program(const std::string& name) {
  if (const char* override_path = std::getenv("SMP_DECODER")) return override_path;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_regular_file(self.parent_path() / "smp-decode", ec)) return self.parent_path() / "smp-decode";
#ifdef SMP_DECODER_BUILD_PATH
  if (fs::is_regular_file(SMP_DECODER_BUILD_PATH, ec)) return SMP_DECODER_BUILD_PATH;
#endif
  throw ImageError(name + ": cannot decode photos: the decoder program smp-decode is missing (it belongs next to " +
                   self.filename().string() + ")");
}

UniqueFd memory_file_with(std::span<const std::uint8_t> bytes, const std::string& name) {
  UniqueFd fd(::memfd_create("smp-photo", MFD_CLOEXEC));
  if (fd.get() < 0) throw ImageError(unsafe(name, std::string("no memory file (") + std::strerror(errno) + ")"));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw ImageError(unsafe(name, std::string("could not hand the file over (") + std::strerror(errno) + ")"));
    done += static_cast<std::size_t>(n);
  }
  ::lseek(fd.get(), 0, SEEK_SET);
  return fd;
}

bool read_at(int fd, void* out, std::size_t size, off_t offset) {
  auto* p = static_cast<char*>(out);
  while (size > 0) {
    const ssize_t n = ::pread(fd, p, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
    offset += n;
  }
  return true;
}

std::string exit_description(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* what = ::sigdescr_np(sig);
    return "the decoder stopped with signal " + std::to_string(sig) + (what ? std::string(" (") + what + ")" : "");
  }
  return "the decoder exited with status " + std::to_string(WEXITSTATUS(status)) + " without an answer";
}

}  // namespace

cv::Mat decode_in_child(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                        cv::Size header, int channels) {
  const fs::path program = decoder_program(name);
  UniqueFd input = memory_file_with(bytes, name);
  // The reply goes to a memory file too: the child writes it in one go, with no pipe
  // round trips, and nothing is read before the child has ended.
  UniqueFd reply(::memfd_create("smp-decoded", MFD_CLOEXEC));
  if (reply.get() < 0) throw ImageError(unsafe(name, std::string("no memory file (") + std::strerror(errno) + ")"));

  const std::uint64_t pixels = static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height);
  const std::uint64_t memory_limit = (std::uint64_t{512} << 20) + bytes.size() + pixels * 16;
  std::vector<std::string> args = {program.string(),       "--name",          name,
                                   "--max-pixels",         std::to_string(limits.max_pixels),
                                   "--max-file-bytes",     std::to_string(limits.max_file_bytes),
                                   "--channels",           std::to_string(channels),
                                   "--memory-limit",       std::to_string(memory_limit)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, reply.get(), 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);  // the viewer's threads may block signals
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0)
    throw ImageError(unsafe(name, "the decoder program " + program.string() + " could not be started (" +
                                      std::strerror(spawned) + ")"));
  ChildProcess child(pid);
  input.reset();

  const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(limits.max_decode_seconds * 1000));
  const std::optional<int> status = child.wait_until(deadline);
  if (!status)
    throw ImageError(unsafe(name, "the decoder did not finish within " +
                                      std::to_string(static_cast<int>(limits.max_decode_seconds)) + " s"));
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) throw ImageError(unsafe(name, exit_description(*status)));

  DecodeReplyHeader h{};
  if (!read_at(reply.get(), &h, sizeof h, 0) || std::memcmp(h.magic, kDecodeReplyMagic, 4) != 0)
    throw ImageError(unsafe(name, "the decoder's answer is malformed"));
  if (h.status == DecodeStatus::Refused) {
    std::string message(std::min(h.message_bytes, kMaxDecodeMessageBytes), '\0');
    if (!read_at(reply.get(), message.data(), message.size(), sizeof h))
      throw ImageError(unsafe(name, "the decoder's answer is malformed"));
    throw ImageError(message);
  }
  // Only the size the header announced, in the layout asked for, is ever allocated here.
  const cv::Size got(static_cast<int>(std::min<std::uint32_t>(h.cols, 1u << 30)),
                     static_cast<int>(std::min<std::uint32_t>(h.rows, 1u << 30)));
  if (h.status != DecodeStatus::Pixels || static_cast<int>(h.channels) != channels ||
      (got != header && got != cv::Size(header.height, header.width)))
    throw ImageError(unsafe(name, "the decoder's answer does not match the image's header"));
  cv::Mat image = map_file_pixels(reply.get(), kDecodePixelsOffset, got, CV_8UC(channels));
  if (!image.empty()) return image;
  image.create(got, CV_8UC(channels));
  if (!read_at(reply.get(), image.data, image.total() * image.elemSize(), kDecodePixelsOffset))
    throw ImageError(unsafe(name, "the decoder's answer is cut short"));
  return image;
}

}  // namespace smp::render::detail
