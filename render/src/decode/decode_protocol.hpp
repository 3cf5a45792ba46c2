#pragma once
// What the decoder process (smp-decode) and the program that starts it say to each other.
// Each photo is decoded by a child that reads the file's bytes from its standard input (a
// memory file) and writes one reply to its standard output (another): this header, then
// either the pixels (rows x cols x channels bytes, row by row, from kDecodePixelsOffset) or a
// message in words (right after the header).

#include "smp/render/image_io.hpp"

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace smp::render::detail {

inline constexpr char kDecodeReplyMagic[4] = {'S', 'M', 'P', 'D'};

enum class DecodeStatus : std::uint32_t { Pixels = 0, Refused = 1 };

struct DecodeReplyHeader {
  char magic[4];
  DecodeStatus status;
  std::uint32_t rows;
  std::uint32_t cols;
  std::uint32_t channels;
  std::uint32_t message_bytes;  // Refused: length of the message that follows
};

inline constexpr std::uint32_t kMaxDecodeMessageBytes = 4096;

// The pixels start on a page boundary, so the program maps them from the reply file
// instead of copying them (588 MB for a 196 MP photo). The decoder sizes the reply file
// from the image header and maps it as the codec's destination, so it does not copy them
// either (reply_mapping.hpp).
inline constexpr std::size_t kDecodePixelsOffset = 4096;

// Set in the decoder's environment by tests only: "abort" makes it abort and "hang" makes
// it wait forever, to prove that either becomes a clear error in the program; "abort:NAME"
// and "hang:NAME" do so for the photo named NAME alone, to prove that the next photo decodes.
inline constexpr const char* kDecodeFaultVariable = "SMP_DECODE_TEST_FAULT";

// The decoder program's entry point (app/decode's main calls it): "smp-decode --serve" is the
// decoder service below.
int run_decode_helper(int argc, char** argv);

// The decoder service: a smp-decode that loads its libraries once (about 150 ms of the
// dynamic loader and the codecs' start-up, more than a 12 MP JPEG takes to decode) and then
// forks a fresh child for every photo, which decodes that photo alone as a one-photo decoder
// does and ends: a crash or a hang still takes only that child down. It never reads a photo
// itself. The program and the service talk over a sequenced-packet socket (kDecodeServiceFd
// in the service): one request per photo, with the photo's memory file and the reply's
// memory file passed along it, and one answer when the child has ended.
inline constexpr int kDecodeServiceFd = 3;
inline constexpr char kDecodeRequestMagic[4] = {'S', 'M', 'P', 'Q'};

struct DecodeRequest {
  char magic[4];
  std::uint32_t channels;
  std::uint64_t max_pixels;
  std::uint64_t max_file_bytes;
  std::uint64_t memory_limit;  // bytes of address space for the child (0: none)
  std::uint32_t timeout_ms;    // the child is stopped after this
  std::uint32_t name_bytes;    // the photo's name follows the request, at most kMaxDecodeMessageBytes
};

// The frame a request travels in, alike for the program that sends it and the service that
// receives it: the request, the photo's name, and room for the two descriptors. Points into
// itself, so it is neither copied nor moved.
inline constexpr int kDecodeRequestFds = 2;  // the photo's memory file, the reply's memory file

struct DecodeRequestMessage {
  DecodeRequestMessage(void* request, void* name, std::size_t name_bytes) {
    parts[0] = {request, sizeof(DecodeRequest)};
    parts[1] = {name, name_bytes};
    msg.msg_iov = parts;
    msg.msg_iovlen = 2;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
  }
  DecodeRequestMessage(const DecodeRequestMessage&) = delete;
  DecodeRequestMessage& operator=(const DecodeRequestMessage&) = delete;

  iovec parts[2];
  alignas(cmsghdr) char control[CMSG_SPACE(kDecodeRequestFds * sizeof(int))] = {};
  msghdr msg{};
};

struct DecodeAnswer {
  char magic[4];             // kDecodeRequestMagic, as the request
  std::int32_t wait_status;  // the child's status as waitpid reports it
  std::uint32_t timed_out;   // 1: the child was stopped at the request's timeout
};

// The service's loop on the socket `fd`; returns when the program closes it.
int run_decode_service(int fd);

// One photo: what the command line (or a request) asks of a one-photo decoder.
struct DecodeJob {
  std::string name = "photo";
  PhotoLimits limits;
  int channels = 3;
  std::uint64_t memory_limit = 0;  // bytes of address space (0: none)
};

// Decodes the photo on standard input and writes the reply to standard output; returns the
// process's exit status.
int decode_one(const DecodeJob& job);

}  // namespace smp::render::detail
