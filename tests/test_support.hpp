#pragma once
// Small builders shared by the tests: synthetic, calibrated plans of known geometry.

#include "smp/sim/plan.hpp"

#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace smp::test {

// A plan over a `w` x `h` photo whose whole area is treatment, no hairline, at `px_per_mm`.
inline sim::Plan uniform_plan(int w, int h, double px_per_mm, double density_per_cm2) {
  sim::Plan plan;
  plan.photo = {"synthetic.png", "", w, h};
  plan.calibration = {px_per_mm, true, "two-point"};
  plan.head.midline_origin = {w / 2.0, h / 2.0};
  plan.head.front_dir = {0, -1};
  plan.masks.treatment = cv::Mat1b(h, w, 255);
  plan.params.density_per_cm2 = density_per_cm2;
  plan.params.sessions = 1;
  plan.params.irregularity = 0;
  return plan;
}

// Folder of the real consultation photos (outside the repository); may not exist.
inline std::filesystem::path shared_photos_dir() { return std::filesystem::path(SMP_SOURCE_DIR) / ".." / "shared" / "photos"; }

}  // namespace smp::test
