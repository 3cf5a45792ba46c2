#include "smp/sim/incremental_placement.hpp"

#include "smp/sim/random.hpp"

#include "session_fill.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace smp::sim {

namespace {

bool same_mat(const cv::Mat1f& a, const cv::Mat1f& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  if (a.size() != b.size()) return false;
  for (int y = 0; y < a.rows; ++y)
    if (std::memcmp(a.ptr(y), b.ptr(y), static_cast<std::size_t>(a.cols) * sizeof(float)) != 0) return false;
  return true;
}

// Impressions per photo px^2 for a density in impressions per cm^2 of scalp, flat (the area
// factor only raises it, so leaving it out gives the wider radius: a safe margin).
double per_px2(double per_cm2, double px_per_mm) { return per_cm2 / 100.0 / (px_per_mm * px_per_mm); }

// The region's pixels and box, mixed into one word: the seed of its re-placement.
std::uint64_t region_hash(const cv::Mat1b& region, const cv::Rect& box) {
  std::uint64_t h = hash_combine(hash_combine(static_cast<std::uint64_t>(box.x), static_cast<std::uint64_t>(box.y)),
                                 hash_combine(static_cast<std::uint64_t>(box.width), static_cast<std::uint64_t>(box.height)));
  for (int y = box.y; y < box.br().y; ++y) {
    const uchar* row = region.ptr(y) + box.x;
    for (int x = 0; x < box.width; x += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, row + x, static_cast<std::size_t>(std::min(8, box.width - x)));
      h = hash_combine(h, word);
    }
  }
  return h;
}

}  // namespace

cv::Mat1b changed_region(const DensityField& before, const DensityField& after, int sessions,
                         const PlacementParams& params) {
  if (before.density.empty() || before.density.size() != after.density.size() ||
      before.photo_size != after.photo_size || before.px_per_mm != after.px_per_mm ||
      !same_mat(before.area_factor, after.area_factor))
    return {};
  cv::Mat1b changed;
  cv::compare(before.density, after.density, changed, cv::CMP_NE);
  cv::Mat1b region(changed.size(), uchar{0});
  const cv::Rect box = cv::boundingRect(changed);
  if (box.empty()) return region;

  // The densest changed density, and the first session's radius there (never below its floor).
  double densest = 0;
  cv::minMaxLoc(cv::max(before.density(box), after.density(box)), nullptr, &densest, nullptr, nullptr, changed(box));
  const double f1 = session_cumulative_fractions(sessions).front();
  const double peak = std::max(before.max_density, after.max_density);
  const double r_photo = poisson_radius_px(f1 * per_px2(std::max(densest, params.floor_fraction * peak), after.px_per_mm), params);
  const double reach = r_photo * std::max(after.field_per_photo_x(), after.field_per_photo_y()) + 1.0;

  // Distance to the nearest changed pixel, within the box grown by the reach.
  const int pad = static_cast<int>(std::ceil(reach)) + 1;
  const cv::Rect roi = (box + cv::Point(-pad, -pad) + cv::Size(2 * pad, 2 * pad)) & cv::Rect(cv::Point(), changed.size());
  cv::Mat1b unchanged;
  cv::compare(changed(roi), 0, unchanged, cv::CMP_EQ);
  cv::Mat1f dist;
  cv::distanceTransform(unchanged, dist, cv::DIST_L2, cv::DIST_MASK_5);
  cv::Mat1b near;
  cv::compare(dist, reach, near, cv::CMP_LE);
  near.copyTo(region(roi));
  return region;
}

std::optional<RegionReplacement> replace_changed_region(const DensityField& before_field, const DensityField& field,
                                                        std::span<const Impression> before, int sessions,
                                                        std::uint64_t seed, const PlacementParams& params,
                                                        double max_fraction) {
  detail::check_params(params);
  const cv::Mat1b region = changed_region(before_field, field, sessions, params);
  if (region.empty()) return std::nullopt;
  RegionReplacement out;
  const cv::Rect box = cv::boundingRect(region);
  if (box.empty()) {
    out.impressions.assign(before.begin(), before.end());
    return out;
  }
  // Treated: non-zero density before or after (the two differ inside the region's box only).
  cv::Mat1b treated_before, treated_after, treated_box, dirty;
  cv::compare(before_field.density(box), 0, treated_before, cv::CMP_GT);
  cv::compare(field.density(box), 0, treated_after, cv::CMP_GT);
  cv::bitwise_or(treated_before, treated_after, treated_box);
  const int treated_px = cv::countNonZero(field.density) + cv::countNonZero(treated_box) - cv::countNonZero(treated_after);
  cv::bitwise_and(region(box), treated_box, dirty);
  out.region_fraction = treated_px > 0 ? cv::countNonZero(dirty) / static_cast<double>(treated_px) : 1.0;
  if (out.region_fraction > max_fraction) return std::nullopt;

  const float fx = static_cast<float>(field.field_per_photo_x()), fy = static_cast<float>(field.field_per_photo_y());
  const auto inside = [&](cv::Point2f p) {
    const int x = static_cast<int>(p.x * fx), y = static_cast<int>(p.y * fy);
    return p.x >= 0 && p.y >= 0 && x < region.cols && y < region.rows && region(y, x) != 0;
  };
  // Kept impressions that a dart inside the region can reach: within the widest radius
  // (the first session's, at its floor) of the region's box.
  const std::vector<double> fractions = session_cumulative_fractions(sessions);
  const double r_far = poisson_radius_px(fractions.front() * params.floor_fraction *
                                             per_px2(std::min(before_field.max_density, field.max_density), field.px_per_mm),
                                         params);
  const double bx = box.x / static_cast<double>(fx), by = box.y / static_cast<double>(fy);
  const double bw = box.width / static_cast<double>(fx), bh = box.height / static_cast<double>(fy);
  const cv::Rect2f reach(static_cast<float>(bx - r_far - 1), static_cast<float>(by - r_far - 1),
                         static_cast<float>(bw + 2 * r_far + 2), static_cast<float>(bh + 2 * r_far + 2));
  const cv::Rect window = cv::Rect(reach) & cv::Rect({0, 0}, field.photo_size);
  std::vector<Impression> fixed;
  std::vector<std::uint8_t> keep(before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    keep[i] = !inside(before[i].pos);
    if (keep[i] && reach.contains(before[i].pos)) fixed.push_back(before[i]);
  }

  const std::uint64_t seed_base = hash_combine(seed, region_hash(region, box));
  std::vector<std::vector<Impression>> added(fractions.size());
  for (std::size_t k = 0; k < fractions.size(); ++k) {
    const detail::SessionDensity dens = detail::session_density(field, fractions[k], box);
    if (dens.peak != detail::session_density(before_field, fractions[k], box).peak) return std::nullopt;
    if (dens.peak <= 0) continue;
    detail::SessionDensity darts = dens;
    darts.per_px2 = cv::Mat1f(dens.per_px2.size(), 0.0f);
    dens.per_px2.copyTo(darts.per_px2, region(box));
    detail::find_support(darts);
    const int session = static_cast<int>(k) + 1;
    added[k] = detail::fill_session(window, dens, darts, session, seed_base, fixed, params);
    fixed.insert(fixed.end(), added[k].begin(), added[k].end());
    out.replaced += added[k].size();
  }

  // Session by session: the kept impressions in their former order, then the new ones.
  out.impressions.reserve(before.size() + out.replaced);
  for (std::size_t k = 0; k < fractions.size(); ++k) {
    for (std::size_t i = 0; i < before.size(); ++i)
      if (keep[i] && before[i].session == k + 1) out.impressions.push_back(before[i]);
    out.impressions.insert(out.impressions.end(), added[k].begin(), added[k].end());
  }
  for (std::size_t i = 0; i < before.size(); ++i)  // (sessions beyond the plan's: none from a placement)
    if (keep[i] && (before[i].session < 1 || before[i].session > fractions.size())) out.impressions.push_back(before[i]);
  return out;
}

}  // namespace smp::sim
