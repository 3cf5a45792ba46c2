#pragma once
// The look checks smp-look-table applies to a top view with bare scalp, and their tally.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace smp::tools {

struct LookRow {
  double arm_length = 0;                 // darkening of the treated bare scalp at arm's length, 0-1
  std::optional<double> stubble;         // the client's stubble contrast, when found
  int dots = 0;                          // visible dots at 100 %
  double peak_dark = 0, softness_px = 0, photo_blur_px = 0, nn_cv = 0, grid = 0;
};

struct LookLimits {
  double arm_min = 0.10, arm_max = 0.25;  // arm's-length darkening of treated bare scalp
  double stubble_points = 0.05;           // |arm's length - stubble contrast|
  double peak_max = 0.75;                 // darkening at a dot's centre
  double softness_share = 0.9;            // dot sigma / photo blur sigma, at least
  double cv_min = 0.06, cv_max = 0.42;    // nearest-neighbour coefficient of variation
  double grid_max = 60;                   // spectral peak over median
};

class LookTally {
 public:
  // "ASPBCG" with a lower-case letter for each failed check ("." when not applicable).
  std::string add(const LookRow& r) {
    ++rows_;
    std::string s;
    mark(s, 'A', 0, r.arm_length >= lim_.arm_min && r.arm_length <= lim_.arm_max);
    if (r.stubble) {
      // A stubble darker than the band cannot be met inside it: the band's edge is the aim.
      const double aim = std::clamp(*r.stubble, lim_.arm_min, lim_.arm_max);
      mark(s, 'S', 1, std::abs(r.arm_length - aim) <= lim_.stubble_points);
      strict_ += std::abs(r.arm_length - *r.stubble) <= lim_.stubble_points ? 1 : 0;
    } else
      s += '.';
    const bool measured = r.dots > 0 && r.nn_cv > 0;
    mark(s, 'P', 2, measured && r.peak_dark <= lim_.peak_max);
    mark(s, 'B', 3, measured && r.softness_px >= lim_.softness_share * r.photo_blur_px);
    mark(s, 'C', 4, measured && r.nn_cv >= lim_.cv_min && r.nn_cv <= lim_.cv_max);
    mark(s, 'G', 5, measured && r.grid > 0 && r.grid < lim_.grid_max);
    return s;
  }

  std::string summary() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "summary: %d top views with bare scalp; A arm's length 10-25 %% %d/%d, S stubble +-5 pt %d/%d "
                  "(plain contrast %d/%d), "
                  "P peak <= 0.75 %d/%d, B softness %d/%d, C nn_cv %d/%d, G no grid %d/%d",
                  rows_, pass_[0], seen_[0], pass_[1], seen_[1], strict_, seen_[1], pass_[2], seen_[2], pass_[3], seen_[3], pass_[4], seen_[4],
                  pass_[5], seen_[5]);
    return buf;
  }

 private:
  void mark(std::string& s, char c, int i, bool ok) {
    ++seen_[i];
    pass_[i] += ok ? 1 : 0;
    s += ok ? c : static_cast<char>(c - 'A' + 'a');
  }
  LookLimits lim_;
  int rows_ = 0;
  int strict_ = 0;
  int seen_[6] = {};
  int pass_[6] = {};
};

}  // namespace smp::tools
