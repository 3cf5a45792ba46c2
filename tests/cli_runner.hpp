#pragma once
// Runs shell commands and smp-render (SMP_RENDER_EXE) for the end-to-end tests: the exit
// status and everything printed, stdout and stderr together.

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace smp::test {

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// `s` quoted for the shell.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline RunResult run_shell(const std::string& cmd) {
  RunResult r;
  FILE* pipe = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe)) r.output += buf.data();
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

#ifdef SMP_RENDER_EXE
// smp-render with `args`, run in `cwd`.
inline RunResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& cwd = std::filesystem::current_path()) {
  std::string cmd = "cd " + quote(cwd.string()) + " && " + quote(SMP_RENDER_EXE);
  for (const auto& a : args) cmd += " " + quote(a);
  return run_shell(cmd);
}
#endif

}  // namespace smp::test
