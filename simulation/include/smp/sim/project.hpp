#pragma once
// Several views of one client: a project holds a top and a front photo (or more), each with
// its own plan (photo, calibration, head frame, hairline, masks), all sharing one set of
// treatment parameters and one combined estimate.
//
// Avoiding double counting. Views of one head overlap, so each view says which regions of
// the scalp its area counts in the combined estimate:
//   - hairline band: from the micro-irregularity zone in front of the hairline to
//     `hairline_band_mm` behind it (a frontal photo shows it best, undistorted);
//   - scalp: every treated part further behind (a top photo shows it best).
// Defaults: the first top view counts the scalp, the first front view counts the hairline
// band; a project without a front view lets the top view count both, one without a top
// view lets the front view count both; further views of the same kind count nothing (they
// are close-ups). region_warnings() says when a region is counted twice or not at all.

#include "smp/sim/estimate.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace smp::sim {

struct CountedRegions {
  bool scalp = true;
  bool hairline_band = true;
};

struct ProjectView {
  std::string name;  // "Top", "Front", ...
  Plan plan;         // plan.params is kept equal to the project's shared params
  CountedRegions counts;
};

// A project holds at most this many views (photos of one client).
inline constexpr std::size_t kMaxProjectViews = 16;
// ... whose photos hold at most this many pixels together (each photo at most the photo limit,
// 200 MP): every view's photo is open at once, so this bounds the memory a project takes.
inline constexpr std::uint64_t kMaxProjectPixels = 256'000'000;

// Why photos of these sizes (width x height each) are too large together for one project;
// empty when they are not.
std::string project_pixels_problem(std::span<const cv::Size> photos);

struct Project {
  std::string client_label;
  std::string notes;
  PlanParams params;  // shared treatment parameters
  std::vector<ProjectView> views;
};

// A one-view project around a plan (its params become the shared params).
Project project_from_plan(Plan plan, std::string view_name = {});
// Copies the shared params (and the client label) into every view's plan.
void sync_params(Project& project);
// The default counting rule described above.
void assign_default_regions(Project& project);
// Regions counted by several views or by none, one line each; empty when consistent.
std::vector<std::string> region_warnings(const Project& project);
// Empty when valid; otherwise the first problem, naming the view.
std::string validate(const Project& project);
// project_pixels_problem for the photo sizes the project's views declare.
std::string project_pixels_problem(const Project& project);

struct RegionSplitParams {
  double hairline_band_mm = 20.0;  // depth of the hairline band behind the line
};

struct ViewShare {
  std::string name;
  double area_cm2 = 0;   // counted area of this view
  long impressions = 0;  // counted impressions of this view
};

struct ProjectEstimate {
  Estimate combined;
  std::vector<ViewShare> views;
};

// `sims[i]` is the simulation of `project.views[i]`.
ProjectEstimate combine_estimates(const Project& project, std::span<const Simulation> sims,
                                  const ClinicRates& rates = {}, const RegionSplitParams& params = {});

}  // namespace smp::sim
