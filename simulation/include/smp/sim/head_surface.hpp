#pragma once
// Perspective of a top-view photo: the head as the upper half of an ellipsoid standing on the
// fitted outline ellipse. Near the outline the scalp turns away from the camera, so a square
// millimetre of scalp covers less of the photo and dots look compressed along the radius.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::sim {

// Surface orientation at one photo point.
struct SurfaceTilt {
  float cos_tilt = 1;           // cos of the angle between the surface normal and the view axis
  cv::Point2f radial{1, 0};     // unit image direction in which the surface is foreshortened
};

// True when the plan asks for perspective and has what it needs (top view, outline known).
bool uses_perspective(const Plan& plan);

// Tilt at a photo point; flat (cos 1) when perspective is off. Clamped to the plan's min_cos.
SurfaceTilt surface_tilt(const Plan& plan, cv::Point2f photo_pos);

// Scalp surface mm^2 per projected mm^2 (1 / cos tilt) on a grid of `size` covering the
// photo; empty when perspective is off (the density field then treats the scalp as flat).
cv::Mat1f surface_area_factor(const Plan& plan, cv::Size size);

}  // namespace smp::sim
