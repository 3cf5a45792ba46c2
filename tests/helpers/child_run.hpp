#pragma once
// Runs a program as a child process and measures what it cost: CPU time and peak resident
// memory from getrusage (wait4), so limits hold whatever else the machine is doing.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace smp::test {

struct ChildRun {
  int exit_code = -1;     // -1 when killed by a signal
  std::string err;        // its stderr
  double cpu_s = 0;       // user + system CPU seconds
  double peak_mb = 0;     // peak resident set, MiB
};

// `address_space_mb` > 0 caps the child's address space (RLIMIT_AS) to provoke running
// out of memory on purpose.
inline ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& err_file,
                          long address_space_mb = 0) {
  ChildRun r;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open("/dev/null", O_WRONLY);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (address_space_mb > 0) {
      const rlimit lim{static_cast<rlim_t>(address_space_mb) << 20, static_cast<rlim_t>(address_space_mb) << 20};
      ::setrlimit(RLIMIT_AS, &lim);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  if (pid < 0) return r;
  int status = 0;
  rusage use{};
  ::wait4(pid, &status, 0, &use);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.cpu_s = static_cast<double>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) +
            static_cast<double>(use.ru_utime.tv_usec + use.ru_stime.tv_usec) * 1e-6;
  r.peak_mb = static_cast<double>(use.ru_maxrss) / 1024.0;  // Linux reports KiB
  std::ifstream in(err_file, std::ios::binary);
  r.err = std::string(std::istreambuf_iterator<char>(in), {});
  return r;
}

}  // namespace smp::test
