#include "smp/sim/project.hpp"

#include "smp/sim/hairline_curve.hpp"

#include <algorithm>

namespace smp::sim {

namespace {

// Which field pixels belong to the hairline band (255) of a view; empty: no hairline.
cv::Mat1b band_mask(const Plan& plan, const DensityField& field, double band_mm) {
  if (!plan.hairline.enabled() || field.density.empty()) return {};
  const cv::Mat1f dist = hairline_signed_distance(plan.hairline, plan.head, field.photo_size, field.density.size());
  return cv::Mat(dist <= static_cast<float>(band_mm * field.px_per_mm));
}

bool counts_at(const CountedRegions& c, const cv::Mat1b& band, int x, int y) {
  const bool in_band = !band.empty() && band(y, x);
  return in_band ? c.hairline_band : c.scalp;
}

}  // namespace

Project project_from_plan(Plan plan, std::string view_name) {
  Project p;
  p.client_label = plan.client_label;
  p.params = plan.params;
  if (view_name.empty()) view_name = plan.head.view == ViewKind::Front ? "Front" : "Top";
  p.views.push_back({std::move(view_name), std::move(plan), {}});
  return p;
}

void sync_params(Project& project) {
  for (ProjectView& v : project.views) {
    v.plan.params = project.params;
    v.plan.client_label = project.client_label;
  }
}

void assign_default_regions(Project& project) {
  auto first_of = [&](ViewKind kind) -> ProjectView* {
    for (ProjectView& v : project.views)
      if (v.plan.head.view == kind) return &v;
    return nullptr;
  };
  for (ProjectView& v : project.views) v.counts = {false, false};
  ProjectView* top = first_of(ViewKind::Top);
  ProjectView* front = first_of(ViewKind::Front);
  if (top) top->counts = {true, front == nullptr};
  if (front) front->counts = {top == nullptr, true};
}

std::vector<std::string> region_warnings(const Project& project) {
  int scalp = 0, band = 0;
  for (const ProjectView& v : project.views) {
    scalp += v.counts.scalp;
    band += v.counts.hairline_band;
  }
  std::vector<std::string> out;
  if (scalp > 1) out.push_back(std::to_string(scalp) + " views count the scalp: its area is counted more than once");
  if (band > 1) out.push_back(std::to_string(band) + " views count the hairline band: its area is counted more than once");
  if (scalp == 0 && !project.views.empty()) out.push_back("no view counts the scalp behind the hairline band");
  if (band == 0 && !project.views.empty()) out.push_back("no view counts the hairline band");
  return out;
}

std::string project_pixels_problem(std::span<const cv::Size> photos) {
  std::uint64_t total = 0;
  for (const cv::Size& s : photos)
    total += static_cast<std::uint64_t>(std::max(s.width, 0)) * static_cast<std::uint64_t>(std::max(s.height, 0));
  if (total <= kMaxProjectPixels) return {};
  return "its photos hold " + std::to_string(total / 1'000'000) + " MP together; a project holds at most " +
         std::to_string(kMaxProjectPixels / 1'000'000) + " MP (open fewer or smaller photos)";
}

std::string project_pixels_problem(const Project& project) {
  std::vector<cv::Size> sizes;
  for (const ProjectView& v : project.views) sizes.emplace_back(v.plan.photo.width, v.plan.photo.height);
  return project_pixels_problem(sizes);
}

std::string validate(const Project& project) {
  if (project.views.empty()) return "the project has no views";
  if (project.views.size() > kMaxProjectViews)
    return "the project has more than " + std::to_string(kMaxProjectViews) + " views";
  if (std::string e = project_pixels_problem(project); !e.empty()) return e;
  Plan probe;
  probe.params = project.params;
  if (std::string e = validate(probe); !e.empty()) return "shared parameters: " + e;
  for (const ProjectView& v : project.views)
    if (std::string e = validate(v.plan); !e.empty()) return "view \"" + v.name + "\": " + e;
  return {};
}

ProjectEstimate combine_estimates(const Project& project, std::span<const Simulation> sims, const ClinicRates& rates,
                                  const RegionSplitParams& params) {
  ProjectEstimate out;
  Estimate& e = out.combined;
  e.sessions = std::max(project.params.sessions, 1);
  e.currency = rates.currency;
  e.impressions_per_session.assign(static_cast<std::size_t>(e.sessions), 0);
  const std::size_t n = std::min(project.views.size(), sims.size());
  for (std::size_t i = 0; i < n; ++i) {
    const ProjectView& view = project.views[i];
    const Simulation& sim = sims[i];
    const DensityField& field = sim.field;
    ViewShare share{view.name, 0, 0};
    if (!field.density.empty() && field.px_per_mm > 0) {
      const cv::Mat1b band = band_mask(view.plan, field, params.hairline_band_mm);
      const float threshold = static_cast<float>(kTreatedDensityFraction * view.plan.params.density_per_cm2);
      double px = 0;
      for (int y = 0; y < field.density.rows; ++y)
        for (int x = 0; x < field.density.cols; ++x)
          if (field.density(y, x) >= threshold && counts_at(view.counts, band, x, y))
            px += field.area_factor.empty() ? 1.0 : field.area_factor(y, x);
      share.area_cm2 = px * field.photo_px2_per_field_px() / (field.px_per_mm * field.px_per_mm) / 100.0;
      for (const Impression& imp : sim.impressions) {
        const int x = std::clamp(static_cast<int>(imp.pos.x * field.field_per_photo_x()), 0, field.density.cols - 1);
        const int y = std::clamp(static_cast<int>(imp.pos.y * field.field_per_photo_y()), 0, field.density.rows - 1);
        if (!counts_at(view.counts, band, x, y)) continue;
        ++share.impressions;
        ++e.impressions_per_session[static_cast<std::size_t>(std::clamp<int>(imp.session, 1, e.sessions) - 1)];
      }
    }
    e.area_cm2 += share.area_cm2;
    e.impressions += share.impressions;
    out.views.push_back(std::move(share));
  }
  apply_rates(e, rates);  // the same arithmetic as make_estimate, on the combined figures
  return out;
}

}  // namespace smp::sim
