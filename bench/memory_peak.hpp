#pragma once
// Peak memory of a whole smp-render job on a 48 MP photo with about 1M impressions,
// measured in a child process so the benchmark program's own allocations never count. The
// child reports its own high-water mark (VmHWM of /proc/self/status): the maxrss that wait4
// gives a spawned child also counts the parent's peak, since the child ran in the parent's
// address space until its exec (vfork), and the bench's own peak (196 MP rows) is higher.

#include <filesystem>

namespace smp::bench {

struct MemoryPeak {
  double peak_mb = 0;      // the child's peak resident set size (MiB)
  double impressions = 0;  // impressions the job rendered
  double wall_ms = 0;      // the child's wall time
};

// Prepares the photo and the plan, runs `self --memory-child DIR`, waits for it.
// Throws std::runtime_error when the child fails.
MemoryPeak measure_memory_peak(const std::filesystem::path& self);

// The child's side: renders the job prepared in `dir`; prints the impression count.
int memory_child(const std::filesystem::path& dir);

}  // namespace smp::bench
