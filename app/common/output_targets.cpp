#include "output_targets.hpp"

#include "smp/render/image_io.hpp"

#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace smp::app {

namespace fs = std::filesystem;

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) {
    const bool same = fs::equivalent(a, b, ec);
    if (!ec) return same;
  }
  const fs::path ca = fs::weakly_canonical(fs::absolute(a, ec), ec);
  const fs::path cb = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return !ec && ca == cb;
}

std::string read_file_problem(const std::string& named, const fs::path& output, const std::vector<fs::path>& inputs) {
  for (const fs::path& in : inputs)
    if (!in.empty() && same_file(output, in))
      return named + " is a file this run reads (" + in.string() + "); write the output to another file";
  return {};
}

namespace {

[[noreturn]] void refuse(const std::string& message) { throw std::runtime_error(message); }

void check_one(const OutputTarget& out) {
  const std::string named = out.option + " " + out.path.string();
  if (out.image)
    if (const std::string problem = render::image_type_problem(out.path, named); !problem.empty()) refuse(problem);
  std::error_code ec;
  const fs::path folder = out.path.has_parent_path() ? out.path.parent_path() : fs::path(".");
  const fs::file_status dir = fs::status(folder, ec);
  if (!fs::exists(dir)) refuse(named + ": the folder " + folder.string() + " does not exist");
  if (!fs::is_directory(dir)) refuse(named + ": " + folder.string() + " is not a folder");
  const fs::file_status st = fs::status(out.path, ec);  // through a symbolic link, as the writer goes
  if (!fs::exists(st)) return;
  if (fs::is_directory(st)) refuse(named + " is a folder; name a file in it");
  if (!fs::is_regular_file(st)) refuse(named + " is not a regular file (a device, pipe or socket); name a file");
  if ((st.permissions() & fs::perms::owner_write) == fs::perms::none || ::access(out.path.c_str(), W_OK) != 0)
    refuse(named + " is write-protected; make it writable or name another file");
}

}  // namespace

void check_output_targets(const std::vector<OutputTarget>& outputs, const std::vector<fs::path>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const OutputTarget& out = outputs[i];
    if (const std::string e = read_file_problem(out.option + " " + out.path.string(), out.path, inputs); !e.empty())
      refuse(e);
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(out.path, outputs[j].path))
        refuse(outputs[j].option + " and " + out.option + " both name " + out.path.string() +
               "; give each output a file of its own");
    check_one(out);
  }
}

}  // namespace smp::app
