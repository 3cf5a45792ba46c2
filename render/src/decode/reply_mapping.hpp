#pragma once
// The decoder process's reply file (its standard output, a memory file the program made),
// sized and mapped before decoding so that the codec writes the pixels where the program
// will map them from (kDecodePixelsOffset): the photo is never held twice.

#include <opencv2/core.hpp>

#include <cstddef>

namespace smp::render::detail {

class ReplyMapping {
 public:
  ReplyMapping() = default;
  ~ReplyMapping();
  ReplyMapping(const ReplyMapping&) = delete;
  ReplyMapping& operator=(const ReplyMapping&) = delete;

  // Sizes standard output for the reply header and `size` x `channels` bytes of pixels and
  // returns those pixels as a continuous Mat over a shared mapping (valid while this object
  // lives). An empty Mat when standard output is not a file that can be sized and mapped
  // (a pipe or a terminal); the caller then writes the pixels after decoding.
  cv::Mat map(cv::Size size, int channels);

  // Unmaps and empties the reply file, so that a refusal is all it holds.
  void discard();

 private:
  void* base_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace smp::render::detail
