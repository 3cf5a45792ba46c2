#include "smp/sim/buzz_params.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace smp::sim {

namespace {

struct LengthRow {
  BuzzLength length;
  const char* name;
  const char* label;
  double mm;
};

constexpr std::array<LengthRow, 5> kRows{{
    {BuzzLength::AsPhotographed, "none", "as photographed", 0},
    {BuzzLength::Smooth, "smooth", "shaved smooth (0 mm)", 0},
    {BuzzLength::NoGuard, "0", "no guard (0.5 mm)", 0.5},
    {BuzzLength::Guard05, "0.5", "#0.5 guard (1.5 mm)", 1.5},
    {BuzzLength::Guard1, "1", "#1 guard (3 mm)", 3.0},
}};

const LengthRow& row(BuzzLength l) {
  for (const auto& r : kRows)
    if (r.length == l) return r;
  return kRows[0];
}

}  // namespace

double buzz_length_mm(const BuzzParams& p) {
  return row(p.length).mm + kStubbleGrowthMmPerDay * std::max(0.0, p.days_since_shave);
}

const char* buzz_name(BuzzLength l) { return row(l).name; }
const char* buzz_label(BuzzLength l) { return row(l).label; }

std::optional<BuzzLength> parse_buzz_name(const std::string& name) {
  for (const auto& r : kRows)
    if (name == r.name) return r.length;
  return std::nullopt;
}

std::string validate_buzz(const BuzzParams& p) {
  if (!std::isfinite(p.days_since_shave) || p.days_since_shave < 0 || p.days_since_shave > kMaxDaysSinceShave) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "days since shave must be 0-%.0f days (is %g)", kMaxDaysSinceShave, p.days_since_shave);
    return buf;
  }
  return {};
}

}  // namespace smp::sim
