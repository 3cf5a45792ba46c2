#pragma once
// The buzz-cut preview's parameters: how short the client's remaining hair is clipped in the
// preview. SMP imitates a freshly shaved head, so most clients with remaining hair wear it
// clipped with no guard or a #0.5 guard; the preview shows that head under the SMP.

#include <optional>
#include <string>

namespace smp::sim {

// Clipper setting. Lengths are the hair left above the skin right after clipping.
enum class BuzzLength {
  AsPhotographed,  // no buzz: the photo's hair as it is
  Smooth,          // shaved with a razor (0 mm; only the shaft under the skin shows)
  NoGuard,         // clipper without a guard (0.5 mm)
  Guard05,         // #0.5 guard (1.5 mm)
  Guard1,          // #1 guard (3 mm)
};

struct BuzzParams {
  BuzzLength length = BuzzLength::AsPhotographed;
  double days_since_shave = 0;  // days of regrowth after clipping, 0-30 (stubble grows 0.35 mm/day)

  bool active() const { return length != BuzzLength::AsPhotographed; }
};

inline constexpr double kStubbleGrowthMmPerDay = 0.35;  // scalp hair growth, mm per day
inline constexpr double kMaxDaysSinceShave = 30;

// Hair length above the skin (mm) for the clipper setting plus the regrowth since.
double buzz_length_mm(const BuzzParams& p);

// Short names used by the CLI and the plan file: "none", "smooth", "0", "0.5", "1".
const char* buzz_name(BuzzLength l);
std::optional<BuzzLength> parse_buzz_name(const std::string& name);

// Words for people: "no guard (0.5 mm)" ...
const char* buzz_label(BuzzLength l);

// Empty when valid, else one line naming the problem.
std::string validate_buzz(const BuzzParams& p);

}  // namespace smp::sim
