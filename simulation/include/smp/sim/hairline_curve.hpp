#pragma once
// Hairline geometry: Catmull-Rom evaluation, mirroring about the midline, and the
// signed distance of every field pixel to the hairline (positive behind it).

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <limits>
#include <optional>
#include <vector>

namespace smp::sim {

// The full control polygon: the stored half mirrored about the midline when symmetric.
std::vector<cv::Point2d> full_control_points(const Hairline& hairline, const HeadFrame& head);

// Mirror of a point about the midline of the head frame.
cv::Point2d mirror_about_midline(const cv::Point2d& p, const HeadFrame& head);

// Samples the centripetal Catmull-Rom curve through the full control points,
// `samples_per_segment` points per segment, end points included.
std::vector<cv::Point2d> sample_hairline(const Hairline& hairline, const HeadFrame& head,
                                         int samples_per_segment = 24);

// Signed distance in photo pixels from each pixel of a field of size `field_size`
// (mapping onto the whole photo by scaling) to the hairline: > 0 behind the line
// (away from the face), < 0 in front of it. The curve ends are extended along their
// tangents so the line divides the whole photo. Empty when the hairline is disabled.
cv::Mat1f hairline_signed_distance(const Hairline& hairline, const HeadFrame& head,
                                   cv::Size photo_size, cv::Size field_size);

// Its two steps: the field pixels in front of the line (255; empty when disabled), and the
// signed distance to the other side from such a mask of a `field_size` field, or from a
// window of it (every distance up to the window's margin is then exact), in photo pixels.
// With a finite `band_px` (photo pixels) distances are exact up to it and clamped to +-band_px
// beyond, and only the box of the line grown by the band is transformed.
cv::Mat1b hairline_front_mask(const Hairline& hairline, const HeadFrame& head, cv::Size photo_size, cv::Size field_size);
cv::Mat1f signed_distance_to_front(const cv::Mat1b& in_front, cv::Size photo_size, cv::Size field_size,
                                   double band_px = std::numeric_limits<double>::infinity());

// The hairline's two ends across the head: of its sampled points, the one furthest to each
// side along `across`, the head's unit lateral direction. None when the line is disabled or
// the head frame has no front direction.
struct HairlineEnds {
  cv::Point2d across;     // unit, perpendicular to the front direction
  cv::Point2d low, high;  // the ends with the least and the greatest position along `across`
};
std::optional<HairlineEnds> hairline_ends(const Hairline& hairline, const HeadFrame& head);

// 255 on the field pixels whose position across the head (perpendicular to its front
// direction) lies within the hairline's own span, from one end to the other, widened by
// `margin_px` photo pixels on each side; 0 beside it. All 255 when the line has no extent.
cv::Mat1b hairline_span_mask(const Hairline& hairline, const HeadFrame& head, cv::Size photo_size, cv::Size field_size,
                             double margin_px);

}  // namespace smp::sim
