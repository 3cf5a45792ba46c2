// smp-decode's decoding of one photo: from standard input to standard output, in a child the
// decoder service forked for that photo alone (decoder_service.cpp), so that a decoder that
// aborts, crashes, hangs or eats memory on a hostile file takes only that child down
// (isolated_decode.cpp).

#include "decode/decode_protocol.hpp"
#include "decode/image_format.hpp"
#include "decode/reply_mapping.hpp"
#include "smp/render/image_io.hpp"

#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define SMP_DECODE_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SMP_DECODE_SANITIZED 1
#endif

namespace smp::render::detail {

namespace {

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

int reply_refused(const std::string& message) {
  const std::string text = message.substr(0, kMaxDecodeMessageBytes);
  DecodeReplyHeader h{};
  std::memcpy(h.magic, kDecodeReplyMagic, 4);
  h.status = DecodeStatus::Refused;
  h.message_bytes = static_cast<std::uint32_t>(text.size());
  return write_all(1, &h, sizeof h) && write_all(1, text.data(), text.size()) ? 0 : 2;
}

DecodeReplyHeader pixels_header(const cv::Mat& img) {
  DecodeReplyHeader h{};
  std::memcpy(h.magic, kDecodeReplyMagic, 4);
  h.status = DecodeStatus::Pixels;
  h.rows = static_cast<std::uint32_t>(img.rows);
  h.cols = static_cast<std::uint32_t>(img.cols);
  h.channels = static_cast<std::uint32_t>(img.channels());
  return h;
}

int reply_pixels(const cv::Mat& img) {
  const DecodeReplyHeader h = pixels_header(img);
  static_assert(sizeof h <= kDecodePixelsOffset);
  const std::vector<char> padding(kDecodePixelsOffset - sizeof h, '\0');
  if (!write_all(1, &h, sizeof h) || !write_all(1, padding.data(), padding.size())) return 2;
  const std::size_t row_bytes = static_cast<std::size_t>(img.cols) * img.elemSize();
  for (int r = 0; r < img.rows; ++r)
    if (!write_all(1, img.ptr(r), row_bytes)) return 2;
  return 0;
}

// The pixels already lie in the reply file (decoded there through its mapping): only the
// header is written in front of them.
int reply_mapped_pixels(const cv::Mat& img) {
  const DecodeReplyHeader h = pixels_header(img);
  return ::pwrite(1, &h, sizeof h, 0) == static_cast<ssize_t>(sizeof h) ? 0 : 2;
}

std::vector<std::uint8_t> read_stdin(std::uintmax_t max_bytes) {
  std::vector<std::uint8_t> bytes;
  std::uint8_t buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(0, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.insert(bytes.end(), buffer, buffer + n);
    if (bytes.size() > max_bytes) break;  // check_image_bytes refuses it with the limit
  }
  return bytes;
}

// Decoders report damage they paper over (libjpeg paints missing rows and goes on) only as
// text on stderr. Standard error is pointed at a memory file while the codec runs, so the
// chatter never reaches the user's terminal and its meaning becomes the reply.
class StderrCapture {
 public:
  StderrCapture() : file_(::memfd_create("smp-decode-log", MFD_CLOEXEC)), saved_(::dup(2)) {
    if (file_ >= 0 && saved_ >= 0) ::dup2(file_, 2);
  }
  ~StderrCapture() {
    restore();
    if (file_ >= 0) ::close(file_);
    if (saved_ >= 0) ::close(saved_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  std::string text() {
    restore();
    std::string out;
    if (file_ < 0) return out;
    char buffer[4096];
    const ssize_t n = ::pread(file_, buffer, sizeof buffer, 0);
    if (n > 0) out.assign(buffer, static_cast<std::size_t>(n));
    return out;
  }

 private:
  void restore() {
    if (saved_ >= 0) ::dup2(saved_, 2);
  }
  int file_;
  int saved_;
};

// libjpeg's warnings that mean image data is missing or corrupt (not the benign ones, such
// as extraneous bytes between markers, which real cameras write).
std::string jpeg_damage(const std::string& log) {
  for (const char* sign : {"premature end of data segment", "Premature end of JPEG file", "bad Huffman code",
                           "found marker"}) {
    if (log.find(sign) != std::string::npos) return sign;
  }
  return {};
}

// The first row of the uniform block libjpeg fills in when the data runs out.
int first_filled_row(const cv::Mat& img) {
  const auto same_as = [&](int r, const cv::Vec3b& v) {
    const auto* row = img.ptr<cv::Vec3b>(r);
    for (int c = 0; c < img.cols; ++c)
      if (row[c] != v) return false;
    return true;
  };
  const cv::Vec3b fill = img.at<cv::Vec3b>(img.rows - 1, img.cols - 1);
  int r = img.rows;
  while (r > 0 && same_as(r - 1, fill)) --r;
  return r;
}

void limit_memory(std::uint64_t bytes) {
#ifndef SMP_DECODE_SANITIZED  // sanitizers reserve terabytes of address space up front
  const rlimit limit{bytes, bytes};
  ::setrlimit(RLIMIT_AS, &limit);
#else
  (void)bytes;
#endif
}

}  // namespace

int run_decode_helper(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--serve") return run_decode_service(kDecodeServiceFd);
  static constexpr char kUsage[] =
      "smp-decode --serve: the decoder service of smp-render, smp-studio and the tools; not run by hand\n";
  (void)write_all(2, kUsage, sizeof kUsage - 1);
  return 2;
}

int decode_one(const DecodeJob& job) {
  const std::string& name = job.name;
  const PhotoLimits& limits = job.limits;
  const int channels = job.channels;
  const std::uint64_t memory_limit = job.memory_limit;
  if (const char* fault = std::getenv(kDecodeFaultVariable)) {
    // "abort" or "hang", for every photo or, followed by ":" and a name, for that photo only.
    const std::string_view f = fault;
    const std::size_t colon = f.find(':');
    if (colon == std::string_view::npos || f.substr(colon + 1) == name) {
      if (f.substr(0, colon) == "abort") std::abort();
      if (f.substr(0, colon) == "hang")
        for (;;) ::pause();
    }
  }
  const std::vector<std::uint8_t> bytes = read_stdin(limits.max_file_bytes);
  if (memory_limit > 0) limit_memory(memory_limit);
  // The reply file mapped as the codec's destination, so the photo is held once; standard
  // output that cannot be mapped (a pipe) gets the pixels written after decoding.
  ReplyMapping reply;
  const auto refuse = [&](const std::string& message) {
    reply.discard();
    return reply_refused(message);
  };
  try {
    StderrCapture capture;
    const cv::Mat destination = reply.map(check_image_bytes(bytes, name, limits), channels);
    const cv::Mat img = destination.empty() ? decode_image_unisolated(bytes, name, limits, channels)
                                            : decode_image_into(bytes, name, limits, channels, destination);
    const std::string damage = detect_format(bytes) == ImageFormat::Jpeg ? jpeg_damage(capture.text()) : std::string{};
    if (!damage.empty()) {
      const int row = channels == 3 ? first_filled_row(img) : img.rows;
      if (row < img.rows)
        return refuse(name + ": the photo is damaged: the image data stops at row " + std::to_string(row) +
                      " of " + std::to_string(img.rows) + " (was it copied completely?)");
      return refuse(name + ": the photo is damaged: its JPEG data is corrupt (" + damage + ")");
    }
    return destination.empty() ? reply_pixels(img) : reply_mapped_pixels(img);
  } catch (const ImageError& e) {
    return refuse(e.what());
  } catch (const std::bad_alloc&) {
    return refuse(name + ": the image needs more memory than is available to decode it");
  } catch (const cv::Exception& e) {
    return refuse(name + ": the image could not be decoded (" + e.err + ")");
  }
}

}  // namespace smp::render::detail
