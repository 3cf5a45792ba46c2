#include "median_reporter.hpp"

#include <cmath>
#include <limits>
#include <string_view>

namespace smp::bench {

void MedianReporter::ReportRuns(const std::vector<Run>& runs) {
  std::vector<Run> shown;
  for (const Run& run : runs) {
    // A single repetition has no aggregates: show and record the run itself.
    const bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
    if (!single && !(run.run_type == Run::RT_Aggregate && run.aggregate_name == "median")) continue;
    shown.push_back(run);
    Figure f;
    const double to_ms = 1e3 / benchmark::GetTimeUnitMultiplier(run.time_unit);
    f.real_ms = run.GetAdjustedRealTime() * to_ms;
    for (const auto& [key, c] : run.counters) f.counters[key] = c.value;
    std::string name = run.run_name.str();
    constexpr std::string_view real_time = "/real_time";  // added by UseRealTime()
    if (name.ends_with(real_time)) name.resize(name.size() - real_time.size());
    if (const auto at = name.find("/iterations:"); at != std::string::npos) name.resize(at);  // fixed-count runs
    medians_[name] = f;
  }
  if (!shown.empty()) ConsoleReporter::ReportRuns(shown);
}

std::optional<Figure> MedianReporter::find(const std::string& name) const {
  const auto it = medians_.find(name);
  if (it == medians_.end()) return std::nullopt;
  return it->second;
}

double MedianReporter::counter(const std::string& name, const std::string& key) const {
  const auto f = find(name);
  if (!f) return std::numeric_limits<double>::quiet_NaN();
  const auto it = f->counters.find(key);
  return it == f->counters.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

double MedianReporter::ms(const std::string& name) const {
  const auto f = find(name);
  return f ? f->real_ms : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace smp::bench
