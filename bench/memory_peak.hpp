#pragma once
// Peak memory of a whole smp-render job on a 48 MP photo with about 1M impressions,
// measured in a child process (its own peak resident set, from the kernel) so the
// benchmark program's own allocations never count.

#include <filesystem>

namespace smp::bench {

struct MemoryPeak {
  double peak_mb = 0;      // the child's maximum resident set size
  double impressions = 0;  // impressions the job rendered
  double wall_ms = 0;      // the child's wall time
};

// Prepares the photo and the plan, runs `self --memory-child DIR`, waits for it.
// Throws std::runtime_error when the child fails.
MemoryPeak measure_memory_peak(const std::filesystem::path& self);

// The child's side: renders the job prepared in `dir`; prints the impression count.
int memory_child(const std::filesystem::path& dir);

}  // namespace smp::bench
