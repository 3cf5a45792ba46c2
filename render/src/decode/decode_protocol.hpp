#pragma once
// What the decoder process (smp-decode) and the program that starts it say to each other.
// The program writes the file's bytes to the child's standard input (a memory file) and
// reads one reply from its standard output: this header, then either the pixels
// (rows x cols x channels bytes, row by row, from kDecodePixelsOffset) or a message in words
// (right after the header).

#include <cstddef>
#include <cstdint>

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
// it wait forever, to prove that either becomes a clear error in the program.
inline constexpr const char* kDecodeFaultVariable = "SMP_DECODE_TEST_FAULT";

// The decoder program's entry point (app/decode's main calls it).
int run_decode_helper(int argc, char** argv);

}  // namespace smp::render::detail
