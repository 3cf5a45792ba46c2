#pragma once
// A fresh folder under the system temp folder, removed with everything in it at scope exit
// (or, when asked, kept if the test failed, to read what it left there).

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace smp::test {

class ScopedTempDir {
 public:
  enum class OnFailure { Remove, Keep };

  explicit ScopedTempDir(const std::string& tag = "smp", OnFailure on_failure = OnFailure::Remove)
      : keep_on_failure_(on_failure == OnFailure::Keep) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScopedTempDir() {
    if (keep_on_failure_ && ::testing::Test::HasFailure()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
  bool keep_on_failure_ = false;
};

}  // namespace smp::test
