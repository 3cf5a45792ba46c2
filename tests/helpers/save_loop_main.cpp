// Test helper for the crash-safety test. Builds plans A and B (deterministic), then either
//   smp_save_loop TARGET                  says "ready", then saves B and A alternately over
//                                         TARGET until it is killed (random kills), or
//   smp_save_loop TARGET --stop-at STAGE  saves B once over TARGET, prints each stage of the
//                                         save on its own line as it completes, and at STAGE
//                                         prints "stopped STAGE" and waits to be killed.

#include "big_plan.hpp"
#include "smp/sim/plan_io.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <unistd.h>

namespace {

[[noreturn]] void wait_to_be_killed() {
  for (;;) ::pause();
}

}  // namespace

int main(int argc, char** argv) {
  const bool stepped = argc == 4 && std::strcmp(argv[2], "--stop-at") == 0;
  if (argc != 2 && !stepped) {
    std::fprintf(stderr, "usage: smp_save_loop TARGET [--stop-at STAGE]\n");
    return 2;
  }
  try {
    const smp::sim::Plan plans[2] = {smp::test::big_plan("version A", 1), smp::test::big_plan("version B", 2)};
    if (stepped) {
      const char* stop_at = argv[3];
      smp::sim::save_plan(plans[1], argv[1], [stop_at](smp::sim::SaveStage stage) {
        const char* name = smp::sim::save_stage_name(stage);
        std::printf("%s\n", name);
        if (std::strcmp(name, stop_at) == 0) {
          std::printf("stopped %s\n", name);
          std::fflush(stdout);
          wait_to_be_killed();
        }
        std::fflush(stdout);
      });
      std::fprintf(stderr, "smp_save_loop: the save never reached stage %s\n", stop_at);
      return 3;
    }
    std::puts("ready");
    std::fflush(stdout);
    for (unsigned i = 1;; ++i) smp::sim::save_plan(plans[i % 2], argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "smp_save_loop: %s\n", e.what());
    return 1;
  }
}
