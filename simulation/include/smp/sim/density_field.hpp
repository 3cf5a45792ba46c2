#pragma once
// Target density of impressions over the photo: full inside the treatment area, ramping up
// across the transition zone behind the hairline, sparse micro-irregularity in front of it,
// zero outside the treatment mask and inside exclusions.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim {

struct DensityFieldParams {
  double edge_feather_mm = 4.0;       // density ramps up over this distance inside other mask edges
  double edge_start_fraction = 0.35;  // density fraction right at a non-hairline mask edge
  double ramp_start_fraction = 0.12;  // density fraction right behind the hairline
  double micro_fraction = 0.35;       // density fraction just in front of the line at irregularity 1
  double micro_falloff_mm = 2.0;      // e-folding distance of the micro dots in front of the line
  double micro_zone_mm = 5.0;         // no dots further than this in front of the line
  double macro_wave_mm = 2.0;         // hairline waviness amplitude at irregularity 1
  double macro_wavelength_mm = 18.0;  // typical distance between waves along the line
  bool operator==(const DensityFieldParams&) const = default;
};

struct DensityField {
  cv::Mat1f density;        // target impressions per cm^2 of scalp, per field pixel
  cv::Mat1f area_factor;    // scalp surface mm^2 per projected mm^2 (empty = flat, 1)
  cv::Size photo_size;      // the field covers the whole photo
  double px_per_mm = 10.0;  // photo pixels per mm
  double max_density = 0;   // largest value in `density`

  bool empty() const { return density.empty() || max_density <= 0; }
  double field_per_photo_x() const { return static_cast<double>(density.cols) / photo_size.width; }
  double field_per_photo_y() const { return static_cast<double>(density.rows) / photo_size.height; }

  // Target impressions per cm^2 of scalp at a photo position (nearest field pixel).
  float at(cv::Point2f photo_pos) const;
  // Impressions per square photo pixel at a photo position (includes the area factor).
  double per_px2_at(cv::Point2f photo_pos) const;
  // Projected treated area in photo px^2 represented by one field pixel.
  double photo_px2_per_field_px() const {
    return 1.0 / (field_per_photo_x() * field_per_photo_y());
  }
};

DensityField build_density_field(const Plan& plan, const DensityFieldParams& params = {});

// The hairline term of the field: signed distance to the line in mm (> 0 behind it) at the
// treatment mask's size, macro waves included; empty without a hairline. It reads only the
// hairline, head frame, photo size, calibration, mask size, irregularity and seed, so an
// edit of the masks can pass the previous one to the overload below (two distance
// transforms of the whole field saved).
cv::Mat1f hairline_term_mm(const Plan& plan, const DensityFieldParams& params = {});
// The edge term of the field: distance in mm inside the treatment area (remaining hair counts
// as inside: an edge against hair is not feathered) to its edge, at the treatment mask's size.
// It reads only the treatment and hair masks, the photo size and the calibration, so a
// hairline edit can pass the previous one (a precise distance transform of the whole field
// saved).
cv::Mat1f edge_term_mm(const Plan& plan);
// The field from terms computed before for the same plan inputs; a null term is computed here.
DensityField build_density_field(const Plan& plan, const DensityFieldParams& params, const cv::Mat1f* reuse_hairline_mm,
                                 const cv::Mat1f* reuse_edge_mm = nullptr);
// `plan`'s hairline term from `before`'s (same photo, mask size and parameters; another
// hairline): recomputed only near the part of the line that moved. Within the band the
// density reads it is the term hairline_term_mm gives; further away old values may remain.
cv::Mat1f update_hairline_term_mm(const Plan& before, const cv::Mat1f& before_term, const Plan& plan,
                                  const DensityFieldParams& params = {});

}  // namespace smp::sim
