// Fuzzes the photo-decoding path as the decoder process runs it (in this process, so the
// sanitizers see inside the codecs): header sniffing, structure checks, size limits,
// libwebp and OpenCV's decoders and the conversion to upright 8-bit BGR. Contract: a 3-channel 8-bit image within the limits, or
// ImageError. The pixel limit is lowered so one run stays fast and small; the code path
// is the same as with the 200 MP default.

#include "smp/render/image_io.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  smp::render::PhotoLimits limits;
  limits.max_pixels = 4'000'000;
  try {
    const cv::Mat img = smp::render::decode_image_unisolated({data, size}, "fuzz", limits);
    if (img.empty() || img.type() != CV_8UC3 || img.total() > limits.max_pixels) std::abort();
  } catch (const smp::render::ImageError&) {
  }
  return 0;
}
