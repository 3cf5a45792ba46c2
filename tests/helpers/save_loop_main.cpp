// Test helper for the crash-safety test: builds plans A and B, says "ready" on stdout,
// then saves them alternately over TARGET until it is killed.
// Usage: smp_save_loop TARGET

#include "big_plan.hpp"
#include "smp/sim/plan_io.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: smp_save_loop TARGET\n");
    return 2;
  }
  try {
    const smp::sim::Plan plans[2] = {smp::test::big_plan("version A", 1), smp::test::big_plan("version B", 2)};
    std::puts("ready");
    std::fflush(stdout);
    for (unsigned i = 1;; ++i) smp::sim::save_plan(plans[i % 2], argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "smp_save_loop: %s\n", e.what());
    return 1;
  }
}
