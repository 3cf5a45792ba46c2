#include "decode/isolated_decode.hpp"

#include "decode/decode_protocol.hpp"
#include "decode/mapped_mat.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

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
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string unsafe(const std::string& name, const std::string& why) {
  return name + ": the image could not be decoded safely: " + why;
}

// The decoder program, or empty with `missing` saying where it belongs.
fs::path decoder_program(std::string& missing) {
  if (const char* override_path = std::getenv("SMP_DECODER")) return override_path;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_regular_file(self.parent_path() / "smp-decode", ec)) return self.parent_path() / "smp-decode";
#ifdef SMP_DECODER_BUILD_PATH
  if (fs::is_regular_file(SMP_DECODER_BUILD_PATH, ec)) return SMP_DECODER_BUILD_PATH;
#endif
  missing = "cannot decode photos: the decoder program smp-decode is missing (it belongs next to " +
            self.filename().string() + ")";
  return {};
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

// Sends one request with the photo's and the reply's memory files; false when the service
// is gone (it ended, or was stopped).
bool send_request(int socket, const DecodeRequest& request, const std::string& name, int input, int reply) {
  DecodeRequestMessage frame(const_cast<DecodeRequest*>(&request), const_cast<char*>(name.data()), request.name_bytes);
  cmsghdr* c = CMSG_FIRSTHDR(&frame.msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(kDecodeRequestFds * sizeof(int));
  const int fds[kDecodeRequestFds] = {input, reply};
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  ssize_t n;
  do {
    n = ::sendmsg(socket, &frame.msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(sizeof request + request.name_bytes);
}

struct Answer {
  std::optional<DecodeAnswer> answer;  // none: the service did not answer in time, or is gone
  bool gone = false;                   // it closed the socket or said something else
};

// The service's answer within `wait`.
Answer receive_answer(int socket, std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  for (;;) {
    pollfd p{socket, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    const int ready = ::poll(&p, 1, static_cast<int>(std::clamp<long long>(left, 0, 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return {};
    DecodeAnswer answer{};
    ssize_t n;
    do {
      n = ::recv(socket, &answer, sizeof answer, 0);
    } while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(sizeof answer) || std::memcmp(answer.magic, kDecodeRequestMagic, 4) != 0)
      return {std::nullopt, true};
    return {answer, false};
  }
}

}  // namespace

DecoderService::DecoderService(bool start_now) {
  if (start_now) start();
}

DecoderService::~DecoderService() { stop(); }

void DecoderService::start() {
  start_error_.clear();
  missing_program_.clear();
  const fs::path program = decoder_program(missing_program_);
  if (program.empty()) return;
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    start_error_ = std::string("no socket for the decoder (") + std::strerror(errno) + ")";
    return;
  }
  UniqueFd theirs(pair[1]);
  std::string program_name = program.string(), serve = "--serve";
  char* argv[] = {program_name.data(), serve.data(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, theirs.get(), kDecodeServiceFd);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);  // the viewer's threads may block signals
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    ::close(pair[0]);
    start_error_ = "the decoder program " + program_name + " could not be started (" + std::strerror(spawned) + ")";
    return;
  }
  pid_ = pid;
  socket_ = pair[0];
}

void DecoderService::stop() {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  ended_status_.reset();
  if (pid_ <= 0) return;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) {
    ended_status_ = status;  // it had ended on its own (a library missing, killed from outside)
  } else {
    // The service keeps nothing worth an orderly exit (which would run the codecs'
    // libraries' destructors for a good part of a second), and a child it still has dies
    // with it.
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
}

cv::Mat DecoderService::decode(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                               cv::Size header, int channels) {
  const std::uint64_t pixels = static_cast<std::uint64_t>(header.width) * static_cast<std::uint64_t>(header.height);
  DecodeRequest request{};
  std::memcpy(request.magic, kDecodeRequestMagic, 4);
  request.channels = static_cast<std::uint32_t>(channels);
  request.max_pixels = limits.max_pixels;
  request.max_file_bytes = limits.max_file_bytes;
  request.memory_limit = (std::uint64_t{512} << 20) + bytes.size() + pixels * 16;
  const double wanted_ms = limits.max_decode_seconds * 1000.0;
  const double timeout_ms = wanted_ms >= 1.0 ? std::min(wanted_ms, 3.6e6) : 1.0;  // NaN too
  request.timeout_ms = static_cast<std::uint32_t>(timeout_ms);
  request.name_bytes = static_cast<std::uint32_t>(std::min<std::size_t>(name.size(), kMaxDecodeMessageBytes));
  const std::string too_long =
      "the decoder did not finish within " + std::to_string(static_cast<int>(limits.max_decode_seconds)) + " s";
  // The service stops the child at the timeout and answers. One that does not answer a while
  // after that (its own start, when it is new, comes first) is stopped too.
  constexpr long long kServiceGraceMs = 5000;

  // A service that ended since the last photo, or ends as it takes this one (it never reads
  // a photo, but it can be killed), is started again once, and the photo handed over afresh
  // (its child may have read part of the photo's file and written part of the reply's). One
  // that ends later, while the photo's child runs, is not: the wait would start over.
  constexpr auto kRetryWithin = std::chrono::seconds(1);
  UniqueFd reply;
  std::optional<DecodeAnswer> answered;
  bool retry = true;
  for (int attempt = 0; attempt < 2 && !answered && retry; ++attempt) {
    if (pid_ <= 0 || attempt > 0) {
      stop();
      start();
      if (!missing_program_.empty()) throw ImageError(name + ": " + missing_program_);
      if (pid_ <= 0) throw ImageError(unsafe(name, start_error_));
    }
    UniqueFd input = memory_file_with(bytes, name);
    // The reply goes to a memory file too: the child writes it in one go, with no pipe
    // round trips, and nothing is read before the child has ended.
    reply = UniqueFd(::memfd_create("smp-decoded", MFD_CLOEXEC));
    if (reply.get() < 0) throw ImageError(unsafe(name, std::string("no memory file (") + std::strerror(errno) + ")"));
    if (!send_request(socket_, request, name, input.get(), reply.get())) continue;
    const auto sent = Clock::now();
    const Answer got =
        receive_answer(socket_, std::chrono::milliseconds(static_cast<long long>(timeout_ms) + kServiceGraceMs));
    if (got.answer) answered = got.answer;
    else if (!got.gone) {
      stop();
      throw ImageError(unsafe(name, too_long));
    }
    retry = Clock::now() - sent < kRetryWithin;
  }
  if (!answered) {
    stop();
    throw ImageError(
        unsafe(name, ended_status_ ? exit_description(*ended_status_) : "the decoder stopped without an answer"));
  }
  const DecodeAnswer& answer = *answered;
  if (answer.timed_out) throw ImageError(unsafe(name, too_long));
  const int status = answer.wait_status;
  if (status == -1) throw ImageError(unsafe(name, "the decoder could not start a process for the photo"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw ImageError(unsafe(name, exit_description(status)));

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
