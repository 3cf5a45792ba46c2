#pragma once
// The plans the crash-safety test saves, built the same way in the test and in its helper
// process (deterministic), so neither has to load the other's files.

#include "smp/sim/plan.hpp"

#include <string>

namespace smp::test {

// Several megabytes whose saving time is mostly writing and flushing (long notes), not
// serialising, so that most random kills land while the file is being written.
inline sim::Plan big_plan(const std::string& label, int seed) {
  sim::Plan p;
  p.photo = {"client.jpg", "", 4000, 3000};
  p.calibration = {12.0, true, "two-point"};
  p.head.midline_origin = {2000, 1500};
  cv::Mat1b noise(300, 400);
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
  p.masks.treatment = noise;
  p.masks.scar = 255 - noise;
  p.client_label = label;
  const std::string line = label + ": consultation notes, session plan and aftercare. ";
  while (p.notes.size() < (4u << 20)) p.notes += line;
  return p;
}

}  // namespace smp::test
