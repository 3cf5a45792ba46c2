// smp-decode --serve: the decoder service (decode_protocol.hpp). It loads the codecs' libraries
// once and forks a fresh child for every photo; the child decodes that photo alone, exactly as
// a one-photo decoder, and ends. The service itself never reads a photo's bytes.

#include "decode/decode_protocol.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

namespace smp::render::detail {

namespace {

using Clock = std::chrono::steady_clock;

struct Received {
  DecodeRequest request{};
  std::string name;
  std::array<int, kDecodeRequestFds> fds{-1, -1};  // the photo's memory file, the reply's memory file
};

// One request and its two descriptors; nullopt-like false when the program has closed the
// socket or sent something that is no request (the service then ends).
bool receive(int fd, Received& out) {
  std::array<char, kMaxDecodeMessageBytes> name{};
  DecodeRequestMessage frame(&out.request, name.data(), name.size());
  msghdr& msg = frame.msg;
  ssize_t n;
  do {
    n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;  // closed, or failed: the control data says nothing
  int got = 0;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int passed;
        std::memcpy(&passed, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        if (got < kDecodeRequestFds) out.fds[static_cast<std::size_t>(got++)] = passed;
        else ::close(passed);
      }
    }
  const bool whole = n >= static_cast<ssize_t>(sizeof out.request) && !(msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) &&
                     std::memcmp(out.request.magic, kDecodeRequestMagic, 4) == 0 &&
                     out.request.name_bytes <= static_cast<std::size_t>(n) - sizeof out.request &&
                     got == kDecodeRequestFds;
  if (!whole) {
    for (int& f : out.fds)
      if (f >= 0) ::close(f), f = -1;
    return false;
  }
  out.name.assign(name.data(), out.request.name_bytes);
  return true;
}

// Waits for the child until `timeout`; stops it there. Sleeps on the child's pidfd (or, where
// the kernel has none, looks every few milliseconds).
DecodeAnswer wait_for(pid_t child, std::chrono::milliseconds timeout) {
  DecodeAnswer answer{};
  std::memcpy(answer.magic, kDecodeRequestMagic, 4);
  const auto deadline = Clock::now() + timeout;
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(child, &status, WNOHANG);
    if (r == child) {
      answer.wait_status = status;
      break;
    }
    if (r < 0 && errno != EINTR) {
      answer.wait_status = -1;
      break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      ::kill(child, SIGKILL);
      while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
      answer.wait_status = status;
      // Stopped here, unless it ended on its own just before.
      answer.timed_out = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 1 : 0;
      break;
    }
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1 << 30)));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long long>(left, 2)));
    }
  }
  if (pidfd >= 0) ::close(pidfd);
  return answer;
}

// Descriptors 0-2 open (on /dev/null where the program had none), so that no descriptor the
// service receives lands on one of them; and nothing else the program had open without
// close-on-exec (a file it was writing, a display connection) stays open here.
void tidy_descriptors(int keep) {
  for (int fd = 0; fd <= 2; ++fd)
    if (::fcntl(fd, F_GETFD) < 0) ::open("/dev/null", O_RDWR);  // the lowest free one: fd
  ::close_range(static_cast<unsigned>(keep) + 1, ~0u, 0);
}

}  // namespace

int run_decode_service(int fd) {
  tidy_descriptors(fd);
  const pid_t service = ::getpid();
  for (;;) {
    Received in;
    if (!receive(fd, in)) return 0;
    DecodeJob job;
    job.name = in.name;
    job.limits.max_pixels = in.request.max_pixels;
    job.limits.max_file_bytes = in.request.max_file_bytes;
    job.channels = in.request.channels == 4 ? 4 : 3;
    job.memory_limit = in.request.memory_limit;
    const pid_t child = ::fork();
    if (child == 0) {
      // Ends with the service, whoever stops it; gone already: nothing to answer to.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != service) ::_exit(1);
      // The photo on standard input, the reply on standard output, as for any one-photo
      // decoder (the received descriptors are 3 or above); nothing of the service stays open
      // in the child.
      ::dup2(in.fds[0], 0);
      ::dup2(in.fds[1], 1);
      ::close_range(3, ~0u, 0);
      ::_exit(decode_one(job));
    }
    ::close(in.fds[0]);
    ::close(in.fds[1]);
    DecodeAnswer answer{};
    std::memcpy(answer.magic, kDecodeRequestMagic, 4);
    answer.wait_status = -1;  // no child: the program says the decoder could not be started
    if (child > 0) answer = wait_for(child, std::chrono::milliseconds(in.request.timeout_ms));
    ssize_t sent;
    do {
      sent = ::send(fd, &answer, sizeof answer, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent != static_cast<ssize_t>(sizeof answer)) return 0;
  }
}

}  // namespace smp::render::detail
