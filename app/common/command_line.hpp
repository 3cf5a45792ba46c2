#pragma once
// Parsing a program's command line the same way in every program: a mistake in it gives one
// line, "PROGRAM: what is wrong (see --help)", and exit status 2, as every other failure does.

#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

namespace smp::app {

// nullopt: go on; otherwise the status to exit with (0 after --help).
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv, const char* program) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
    std::cerr << program << ": " << e.what() << " (see --help)\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace smp::app
