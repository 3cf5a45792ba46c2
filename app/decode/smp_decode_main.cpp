// smp-decode --serve: the decoder service in which photos are decoded, each in a child of its
// own (started by smp-render, smp-studio and the tools; see render/src/decode/).
#include "decode/decode_protocol.hpp"

int main(int argc, char** argv) { return smp::render::detail::run_decode_helper(argc, argv); }
