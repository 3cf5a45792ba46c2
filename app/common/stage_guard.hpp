#pragma once
// Running out of memory anywhere in a job becomes one line naming the stage and the file
// ("out of memory while decoding photo.jpg"), not a raw std::bad_alloc or OpenCV message.

#include <opencv2/core.hpp>

#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>

namespace smp::app {

class OutOfMemoryError : public std::runtime_error {
 public:
  OutOfMemoryError(const std::string& stage, const std::filesystem::path& file)
      : std::runtime_error("out of memory while " + stage + " " + file.string() +
                           " (the file is too large for this computer's memory)") {}
};

// Runs `work` (stage: "decoding", "rendering" ...) and translates out-of-memory failures.
template <class Work>
decltype(auto) run_stage(const std::string& stage, const std::filesystem::path& file, Work&& work) {
  try {
    return work();
  } catch (const std::bad_alloc&) {
    throw OutOfMemoryError(stage, file);
  } catch (const cv::Exception& e) {
    if (e.code == cv::Error::StsNoMem) throw OutOfMemoryError(stage, file);
    throw;
  }
}

}  // namespace smp::app
