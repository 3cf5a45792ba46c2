#include "decode/reply_mapping.hpp"

#include "decode/decode_protocol.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace smp::render::detail {

namespace {
constexpr int kReplyFd = 1;  // standard output
}

ReplyMapping::~ReplyMapping() {
  if (base_) ::munmap(base_, bytes_);
}

cv::Mat ReplyMapping::map(cv::Size size, int channels) {
  if (base_ || size.width <= 0 || size.height <= 0) return {};
  struct stat st {};
  if (::fstat(kReplyFd, &st) != 0 || !S_ISREG(st.st_mode)) return {};
  const std::size_t bytes = static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) *
                            static_cast<std::size_t>(channels);
  if (::ftruncate(kReplyFd, static_cast<off_t>(kDecodePixelsOffset + bytes)) != 0) return {};
  void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, kReplyFd, static_cast<off_t>(kDecodePixelsOffset));
  if (base == MAP_FAILED) {
    ::ftruncate(kReplyFd, 0);
    return {};
  }
  base_ = base;
  bytes_ = bytes;
  return cv::Mat(size, CV_8UC(channels), base_);
}

void ReplyMapping::discard() {
  if (!base_) return;
  ::munmap(base_, bytes_);
  base_ = nullptr;
  bytes_ = 0;
  // Should this fail, the refusal is still written from the start and the rest never read.
  ::ftruncate(kReplyFd, 0);
}

}  // namespace smp::render::detail
