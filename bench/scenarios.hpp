#pragma once
// Synthetic, deterministic inputs for the benchmarks: plans that yield a chosen number of
// impressions, and large photos made from the bundled demo (no downloaded data).

#include "smp/sim/density_field.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <cstddef>
#include <filesystem>

namespace smp::bench {

enum class DensityKind {
  Uniform,   // the whole photo at full density
  Variable,  // elliptical treatment area, hairline with a 10 mm transition and micro dots
};

// A plan over a `photo` sized image whose sessions place about `impressions` in total;
// the calibration (px per mm) is solved for that count.
sim::Plan make_plan(DensityKind kind, cv::Size photo, std::size_t impressions, int sessions = 1);

// Expected number of impressions of a density field (its integral over the photo).
double expected_impressions(const sim::DensityField& field);

// A photo of `size`: the bundled demo scaled up, with fine skin grain so encoders see a
// realistic amount of detail. Falls back to a plain skin gradient without the asset.
cv::Mat3b make_photo(cv::Size size);

// A fresh, empty scratch folder for files the benchmarks write (under the system temp).
std::filesystem::path scratch_dir(const char* name);

}  // namespace smp::bench
