#include "smp/sim/placement.hpp"

#include "smp/sim/random.hpp"

#include "maximal_fill.hpp"
#include "session_fill.hpp"
#include "spacing_grid.hpp"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace smp::sim {

double poisson_radius_px(double per_px2, const PlacementParams& params) {
  return per_px2 > 0 ? std::sqrt(params.packing / per_px2) : 0.0;
}

std::vector<double> session_cumulative_fractions(int sessions) {
  sessions = std::max(sessions, 1);
  // Weights n, n-1, ..., 1: the first session lays the widest, largest layer.
  const double total = sessions * (sessions + 1) / 2.0;
  std::vector<double> out;
  double sum = 0;
  for (int k = 0; k < sessions; ++k) {
    sum += sessions - k;
    out.push_back(sum / total);
  }
  out.back() = 1.0;
  return out;
}

namespace detail {

double spacing_cell_px(const SessionDensity& density, const PlacementParams& params) {
  return poisson_radius_px(density.peak, params) / std::numbers::sqrt2;
}

std::vector<Impression> fill_session(const cv::Rect& window, const SessionDensity& density, const SessionDensity& darts,
                                     int session, std::uint64_t seed_base, std::span<const Impression> fixed,
                                     const PlacementParams& params, cv::Range dart_rows, cv::Range finish_rows) {
  const double floor = params.floor_fraction * density.peak;

  SpacingGrid grid(window, spacing_cell_px(density, params));
  for (const Impression& e : fixed) grid.insert(e.pos);
  const std::vector<cv::Point2f> fresh = fill_maximal(
      grid, darts, floor, params, Rng(hash_combine(seed_base, 0x5e55'0000ull + static_cast<std::uint64_t>(session))),
      dart_rows, finish_rows);

  // Thin the sparse regions (below the floor density) at random to reach their target.
  std::vector<Impression> out;
  out.reserve(fresh.size());
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    const std::uint64_t h = hash_combine(seed_base, (static_cast<std::uint64_t>(session) << 40) ^ i);
    const double d = density.at(fresh[i]);
    if (d < floor && to_unit(mix64(h)) >= d / floor) continue;
    out.push_back({fresh[i], static_cast<std::uint32_t>(h >> 32), static_cast<std::uint8_t>(session)});
  }
  return out;
}

std::vector<cv::Range> cell_row_strips(int rows, int min_rows, int max_strips) {
  const int count = std::clamp(rows / std::max(min_rows, 1), 1, max_strips);
  std::vector<cv::Range> strips;
  for (int k = 0; k < count; ++k) strips.emplace_back(rows * k / count, rows * (k + 1) / count);
  return strips;
}

std::vector<Impression> fill_session_in_strips(cv::Size photo, const SessionDensity& density, int session,
                                               std::uint64_t seed, std::span<const Impression> earlier,
                                               const PlacementParams& params) {
  const cv::Rect whole({0, 0}, photo);
  const double cell = spacing_cell_px(density, params);
  // A point keeps at most r_far from its neighbours (the floor density's spacing), and a
  // finishing dart may land an eighth of a cell past its row: `margin` rows of cells.
  const double reach = poisson_radius_px(params.floor_fraction * density.peak, params) + cell;
  const int margin = static_cast<int>(std::ceil(reach / cell));
  const int rows = static_cast<int>(std::ceil(photo.height / cell));
  const std::vector<cv::Range> strips = cell_row_strips(rows, 3 * margin, kMaxStrips);
  if (strips.size() == 1) return fill_session(whole, density, density, session, seed, earlier, params);

  // Even strips: darts everywhere, finished but for a margin next to each odd strip. Odd
  // strips: darts in their rows, finished over them and the margins beside them. A fill
  // reaches `margin` rows past what it finishes, so no two fills of one phase meet, and
  // finishing runs over the first phase's darts as in one pass over the photo (no seam).
  const auto finish_rows = [&](std::size_t k) {
    const bool odd = k % 2 == 1;
    const int grow = odd ? margin : -margin;
    return cv::Range(k == 0 ? 0 : strips[k].start - grow, k + 1 == strips.size() ? rows : strips[k].end + grow);
  };
  std::vector<std::vector<Impression>> parts(strips.size());
  const auto place_strip = [&](std::size_t k) {
    const cv::Range finish = finish_rows(k);
    const double top = std::min(strips[k].start, finish.start) * cell - reach;
    const double bottom = std::max(strips[k].end, finish.end) * cell + reach;
    const cv::Rect window = cv::Rect(0, static_cast<int>(std::floor(top)), photo.width,
                                     static_cast<int>(std::ceil(bottom - std::floor(top)))) & whole;
    const auto within = [&](const Impression& e) { return e.pos.y >= top && e.pos.y < bottom; };
    std::vector<Impression> fixed;
    std::copy_if(earlier.begin(), earlier.end(), std::back_inserter(fixed), within);
    for (const std::size_t n : {k - 1, k + 1})  // odd strips: around the even ones beside them
      if (k % 2 == 1 && n < parts.size()) std::copy_if(parts[n].begin(), parts[n].end(), std::back_inserter(fixed), within);
    parts[k] = fill_session(window, density, density, session, hash_combine(seed, 0x5721'0000ull + k), fixed, params,
                            strips[k], finish);
  };
  for (const std::size_t phase : {0u, 1u}) {  // each phase on all cores
    const int count = static_cast<int>((strips.size() + 1 - phase) / 2);
    cv::parallel_for_(cv::Range(0, count), [&](const cv::Range& r) {
      for (int i = r.start; i < r.end; ++i) place_strip(2 * static_cast<std::size_t>(i) + phase);
    });
  }
  std::vector<Impression> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

void check_params(const PlacementParams& params) {
  if (params.packing <= 0 || params.attempts < 1 || params.floor_fraction <= 0 || params.floor_fraction > 1)
    throw std::invalid_argument("placement parameters out of range");
}

}  // namespace detail

std::vector<Impression> place_session(const DensityField& field, double cumulative_fraction, int session,
                                      std::uint64_t seed, std::span<const Impression> earlier,
                                      const PlacementParams& params) {
  if (field.empty() || cumulative_fraction <= 0) return {};
  detail::check_params(params);
  const detail::SessionDensity dens = detail::session_density(field, cumulative_fraction);
  if (dens.peak <= 0) return {};
  return detail::fill_session_in_strips(field.photo_size, dens, session, seed, earlier, params);
}

std::vector<Impression> place_all_sessions(const DensityField& field, int sessions, std::uint64_t seed,
                                           const PlacementParams& params) {
  std::vector<Impression> all;
  const std::vector<double> fractions = session_cumulative_fractions(sessions);
  for (int k = 0; k < static_cast<int>(fractions.size()); ++k) {
    std::vector<Impression> next = place_session(field, fractions[k], k + 1, seed, all, params);
    all.insert(all.end(), next.begin(), next.end());
  }
  return all;
}

}  // namespace smp::sim
