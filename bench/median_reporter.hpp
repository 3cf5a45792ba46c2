#pragma once
// Console output of the medians only (of --benchmark_repetitions runs), and a record of
// them so main() can print the summary table against baselines and targets.

#include <benchmark/benchmark.h>

#include <map>
#include <optional>
#include <string>

namespace smp::bench {

struct Figure {
  double real_ms = 0;                     // median wall time of one iteration
  std::map<std::string, double> counters; // medians of the counters
};

class MedianReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;

  // The median figure of a benchmark by its name (without the "_median" suffix).
  std::optional<Figure> find(const std::string& name) const;
  double counter(const std::string& name, const std::string& counter) const;  // NaN if absent
  double ms(const std::string& name) const;                                    // NaN if absent

 private:
  std::map<std::string, Figure> medians_;
};

}  // namespace smp::bench
