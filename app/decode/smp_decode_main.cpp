// smp-decode: the short-lived process in which photos are decoded (started by smp-render,
// smp-studio and the tools for every photo; see render/src/decode/decode_helper.cpp).
#include "decode/decode_protocol.hpp"

int main(int argc, char** argv) { return smp::render::detail::run_decode_helper(argc, argv); }
