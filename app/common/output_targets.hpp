#pragma once
// The files a run writes, checked before any work is done: each is a plain file (or does not
// exist yet) in an existing folder, may be replaced, is none of the files the run reads and
// no other output of the run, and an image has an extension its writer knows. The first
// problem found is thrown as one line naming the file.

#include <filesystem>
#include <string>
#include <vector>

namespace smp::app {

struct OutputTarget {
  std::string option;           // how the person named it, e.g. "--after"
  std::filesystem::path path;
  bool image = false;           // written by render::save_image (.png, .jpg, .jpeg)
};

// Throws std::runtime_error on the first problem.
void check_output_targets(const std::vector<OutputTarget>& outputs, const std::vector<std::filesystem::path>& inputs);

// Whether `a` and `b` name the same file: the same file on disk when both exist (links,
// "." and ".." included), else the same absolute path once resolved as far as it exists.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// The message for an output `named` ("--after p.jpg", or the path) that is one of `inputs`,
// the files a run reads; empty when it is none of them.
std::string read_file_problem(const std::string& named, const std::filesystem::path& output,
                              const std::vector<std::filesystem::path>& inputs);

}  // namespace smp::app
