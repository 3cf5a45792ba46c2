#pragma once
// A fault in the photo decoder, for the tests that prove it cannot take the program down:
// sets the decoder's test fault variable (decode_protocol.hpp: "abort" or "hang", for every
// photo or, followed by ":NAME", for that photo alone) for the scope. A decoder service sees
// the environment it was started with: set the fault before the PhotoDecoder is made.

#include <cstdlib>
#include <string>

namespace smp::test {

class FaultInDecoder {
 public:
  explicit FaultInDecoder(const std::string& fault) { ::setenv("SMP_DECODE_TEST_FAULT", fault.c_str(), 1); }
  ~FaultInDecoder() { ::unsetenv("SMP_DECODE_TEST_FAULT"); }
  FaultInDecoder(const FaultInDecoder&) = delete;
  FaultInDecoder& operator=(const FaultInDecoder&) = delete;
};

}  // namespace smp::test
