// Fuzzes the plan-file parser. Contract: any bytes either give a valid plan or throw
// PlanFileError (anything else escaping aborts the run); and a plan that loads can be
// saved and loaded again (no value slips through that the writer cannot represent).

#include "smp/sim/plan_io.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  smp::sim::Plan plan;
  try {
    plan = smp::sim::plan_from_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const smp::sim::PlanFileError&) {
    return 0;
  }
  try {
    smp::sim::plan_from_json(smp::sim::plan_to_json(plan), "round trip");
  } catch (const smp::sim::PlanFileError&) {
    std::abort();  // accepted on load but unloadable once saved
  }
  return 0;
}
