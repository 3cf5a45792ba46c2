#pragma once
// The appearance model of healed SMP pigment, shared by the CPU compositor and the OpenGL
// renderer: one definition of every constant, passed to shaders as uniforms.
//
// Each needle touch leaves a small disc of carbon pigment in the upper dermis. Seen through
// the skin it is blurred by scattering, so it is drawn as a Gaussian whose variance is the
// disc's plus the scattering blur's, carrying the same amount of pigment ("ink"). Pigment
// attenuates the skin's light (Beer-Lambert: out = skin * exp(-OD * absorption)), so dots
// darken the local skin tone and never paint an opaque colour; red is absorbed most, so
// dots read slightly cool (blue-grey), as real SMP does.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <cstdint>

namespace smp::render {

struct AppearanceParams {
  double healed_size_fraction = 0.5;   // healed dot diameter / needle diameter (DOMAIN: ~50%)
  double size_variation = 0.25;        // +- relative dot size between impressions
  double opacity_variation = 0.35;     // +- relative pigment load between impressions
  double pigment_od = 2.4;             // optical density of an undiluted dot's centre (disc)
  cv::Vec3f absorption_bgr{0.80f, 0.93f, 1.0f};  // relative absorption per channel (cool cast)
  double scatter_mm = 0.05;            // sigma of the under-skin blur
  double min_sigma_px = 0.45;          // a dot is never sharper than a pixel can show
};

// What a single touch looks like in photo pixels.
struct TouchShape {
  float sigma_px = 1;   // Gaussian sigma
  float peak_od = 0;    // optical density at the centre
};

// Per-impression variation drawn from its key: size and opacity factors around 1.
struct ImpressionVariation {
  float size = 1;
  float opacity = 1;
};
ImpressionVariation impression_variation(std::uint32_t key, const AppearanceParams& params);

// Pigment concentration from the plan's dilution (0% = undiluted = 1).
double pigment_concentration(const sim::Pigment& pigment);

TouchShape touch_shape(const sim::Needle& needle, const sim::Pigment& pigment, double px_per_mm,
                       const ImpressionVariation& variation, const AppearanceParams& params);

}  // namespace smp::render
