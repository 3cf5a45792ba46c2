#pragma once
// Runs the photo decoder in its own process (the decoder service, smp-decode --serve, which
// forks a fresh child for every photo: decode_protocol.hpp), so that an abort, a crash, a hang
// or runaway memory inside a third-party decoder becomes one clear error naming the file
// instead of taking the program down.

#include "smp/render/image_io.hpp"

#include <sys/types.h>

#include <optional>
#include <span>
#include <string>

namespace smp::render::detail {

// The decoder service as the program sees it: started when made (`start_now`) or by the first
// photo, stopped when destroyed, and started again when it was found gone. Not thread-safe
// (PhotoDecoder holds it under a lock).
class DecoderService {
 public:
  explicit DecoderService(bool start_now);
  ~DecoderService();
  DecoderService(const DecoderService&) = delete;
  DecoderService& operator=(const DecoderService&) = delete;

  // `bytes` must already have passed check_image_bytes, which gave `header` (the size its
  // header claims). The result has `channels` (3: BGR, 4: BGRA) 8-bit channels and the
  // header's size (sides swapped when the EXIF orientation says so). Throws ImageError.
  cv::Mat decode(std::span<const std::uint8_t> bytes, const std::string& name, const PhotoLimits& limits,
                 cv::Size header, int channels);

 private:
  void start();  // failures are kept for the next decode, which names its file
  void stop();

  pid_t pid_ = -1;
  int socket_ = -1;
  std::string start_error_;      // why the service could not be started
  std::string missing_program_;  // or that its program is missing
  std::optional<int> ended_status_;  // how the last service stopped had ended, when on its own
};

}  // namespace smp::render::detail
