#pragma once
// Editing operations on the hairline as pure functions (tested without a window).
// Indices refer to the displayed full curve: for a symmetric hairline the mirrored half,
// the midline point, then the stored half.

#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

namespace smp::studio {

struct StoredIndex {
  int index = -1;        // into Hairline::control_points
  bool mirrored = false; // the displayed point is the mirror image of the stored one
};

StoredIndex stored_index(const sim::Hairline& hairline, int displayed);

// Moves a displayed point to `photo`; on a symmetric line the midline point stays on it.
void move_point(sim::Plan& plan, int displayed, cv::Point2d photo);

// Inserts a point at `photo` into the nearest segment (or extends an end). Returns false
// when the hairline already has the most points allowed.
bool insert_point(sim::Plan& plan, cv::Point2d photo);

// Removes a displayed point; keeps at least two stored points and the midline point.
bool remove_point(sim::Plan& plan, int displayed);

// Switches symmetry on or off keeping the visible curve (the +lateral half is kept).
void set_symmetric(sim::Plan& plan, bool symmetric);

// Moves the midline rigidly with the hairline: translate by `delta`, rotate by `radians`
// about the midline origin.
void move_midline(sim::Plan& plan, const sim::Plan& start, cv::Point2d delta, double radians);

}  // namespace smp::studio
