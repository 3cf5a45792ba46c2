#include "maximal_fill.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <bit>
#include <numeric>

namespace smp::sim::detail {

namespace {

constexpr int kTile = 8;  // cells per tile side in phase 1
constexpr int kSide = SpacingGrid::kLattice;  // coverage samples per cell side in phase 2 (a lattice at a quarter cell)

// Cells that can hold a point at all: the bounding box of non-zero density, in cells.
cv::Rect live_cells(const SpacingGrid& grid, const SessionDensity& d) {
  const cv::Rect box = d.support;
  if (box.empty()) return {};
  const double c = grid.cell();
  const auto cell_x = [&](int x) { return static_cast<int>((x + d.x0) / static_cast<double>(d.fx) / c) - grid.origin_x(); };
  const auto cell_y = [&](int y) { return static_cast<int>((y + d.y0) / static_cast<double>(d.fy) / c) - grid.origin_y(); };
  const int x0 = std::max(0, cell_x(box.x) - 1), y0 = std::max(0, cell_y(box.y) - 1);
  const int x1 = std::min(grid.cols(), cell_x(box.br().x) + 2), y1 = std::min(grid.rows(), cell_y(box.br().y) + 2);
  return {x0, y0, x1 - x0, y1 - y0};
}

class Filler {
 public:
  Filler(SpacingGrid& grid, const SessionDensity& density, double floor, const PlacementParams& params, Rng rng)
      : grid_(grid), density_(density), floor_(static_cast<float>(floor)), packing_(static_cast<float>(params.packing)),
        finish_darts_(params.attempts), rng_(rng) {}

  std::vector<cv::Point2f> run(cv::Range dart_rows, cv::Range finish_rows) {
    const cv::Rect live = live_cells(grid_, density_);
    const std::size_t cells = static_cast<std::size_t>(grid_.cols()) * grid_.rows();
    dead_.assign(cells, 0);
    cell_density_.assign(cells, kUnsampled);
    if (const cv::Rect darts = within_rows(live, dart_rows); !darts.empty()) throw_by_cell(darts, true);
    if (const cv::Rect finishing = within_rows(live, finish_rows); !finishing.empty()) finish(finishing);
    return std::move(fresh_);
  }

 private:
  static constexpr float kUnsampled = -1.0f;  // a cell's density not looked at yet

  // The cells of `live` in lattice rows `rows` (from photo y = 0; all: every row).
  cv::Rect within_rows(const cv::Rect& live, cv::Range rows) const {
    if (rows == cv::Range::all()) return live;
    const int y0 = std::max(live.y, rows.start - grid_.origin_y());
    const int y1 = std::min(live.br().y, rows.end - grid_.origin_y());
    return y1 > y0 ? cv::Rect(live.x, y0, live.width, y1 - y0) : cv::Rect();
  }

  float radius(float d) const { return std::sqrt(packing_ / std::max(d, floor_)); }
  float uniform() { return static_cast<float>(rng_.uniform()); }

  bool try_accept(cv::Point2f c) {
    const float d = density_.at(c);
    if (d <= 0) return false;
    if (grid_.conflicts(c, radius(d))) return false;
    grid_.insert(c);
    fresh_.push_back(c);
    return true;
  }

  // Largest density at the corners and centre of a cell: zero means nothing can go there
  // (up to mask features smaller than a cell), and it bounds the smallest radius inside.
  float max_density(float x0, float y0, float s) const {
    const float x1 = x0 + s * 0.999f, y1 = y0 + s * 0.999f;
    return std::max({density_.at({x0, y0}), density_.at({x1, y0}), density_.at({x0, y1}), density_.at({x1, y1}),
                     density_.at({x0 + 0.5f * s, y0 + 0.5f * s})});
  }

  // Phase 1: one dart in every cell still empty, tile by tile, cells shuffled inside each
  // tile (no scan-order bias). The first pass also samples each cell's density.
  void throw_by_cell(const cv::Rect& live, bool first) {
    const float s = grid_.cell();
    std::array<int, kTile * kTile> order;
    std::iota(order.begin(), order.end(), 0);
    for (int ty = live.y; ty < live.br().y; ty += kTile) {
      for (int tx = live.x; tx < live.br().x; tx += kTile) {
        for (int i = kTile * kTile - 1; i > 0; --i) std::swap(order[i], order[rng_.below(static_cast<std::uint32_t>(i + 1))]);
        for (int k : order) {
          const int cx = tx + k % kTile, cy = ty + k / kTile;
          if (cx >= live.br().x || cy >= live.br().y) continue;
          const std::size_t i = grid_.index(cx, cy);
          if (dead_[i]) continue;
          const float x0 = static_cast<float>(cx + grid_.origin_x()) * s, y0 = static_cast<float>(cy + grid_.origin_y()) * s;
          if (first) cell_density_[i] = max_density(x0, y0, s);
          // (a braced list is evaluated left to right: x draws first in every build)
          if (grid_.occupied(i) || cell_density_[i] <= 0 || try_accept({x0 + s * uniform(), y0 + s * uniform()}))
            dead_[i] = 1;
        }
      }
    }
  }

  // Phase 2: each cell still empty samples a 3x3 lattice of itself against the disks
  // around it; while an uncovered sample is left, a dart goes near a random one.
  // Gaps smaller than half a cell between samples may stay: near-maximal, at a fraction
  // of the cost of certifying every sliver.
  void finish(const cv::Rect& live) {
    const float s = grid_.cell(), step = s / (kSide - 1);
    for (int cy = live.y; cy < live.br().y; ++cy)
      for (int cx = live.x; cx < live.br().x; ++cx) {
        const std::size_t i = grid_.index(cx, cy);
        if (dead_[i]) continue;
        const float x0 = static_cast<float>(cx + grid_.origin_x()) * s, y0 = static_cast<float>(cy + grid_.origin_y()) * s;
        if (cell_density_[i] == kUnsampled) {  // a row another fill threw its darts into
          cell_density_[i] = max_density(x0, y0, s);
          if (grid_.occupied(i) || cell_density_[i] <= 0) continue;
        }
        const float r = radius(cell_density_[i]);
        // A missed dart inserts nothing, so the uncovered samples stay what they were: measured
        // once per cell, not once per dart.
        const std::uint32_t open = grid_.uncovered_samples(x0, y0, step, r);
        for (int dart = 0; dart < finish_darts_ && open != 0; ++dart) {
          const int pick = nth_set_bit(open, rng_.below(static_cast<std::uint32_t>(std::popcount(open))));
          // One draw per statement: the arguments of one call are evaluated in an unspecified
          // order (GCC and clang differ), and a seed must place the same dots in every build.
          const float uy = uniform();
          const float ux = uniform();
          const cv::Point2f c(x0 + step * (static_cast<float>(pick % kSide) + ux - 0.5f),
                              y0 + step * (static_cast<float>(pick / kSide) + uy - 0.5f));
          if (try_accept(c)) break;
        }
      }
  }

  static int nth_set_bit(std::uint32_t bits, std::uint32_t n) {
    for (std::uint32_t k = 0; k < n; ++k) bits &= bits - 1;
    return std::countr_zero(bits);
  }

  SpacingGrid& grid_;
  const SessionDensity& density_;
  float floor_, packing_;
  int finish_darts_;
  Rng rng_;
  std::vector<cv::Point2f> fresh_;
  std::vector<std::uint8_t> dead_;   // cell needs no more darts (holds a point, or no density)
  std::vector<float> cell_density_;  // sampled peak density per cell
};

}  // namespace

std::vector<cv::Point2f> fill_maximal(SpacingGrid& grid, const SessionDensity& density, double floor,
                                      const PlacementParams& params, Rng rng, cv::Range dart_rows, cv::Range finish_rows) {
  return Filler(grid, density, floor, params, rng).run(dart_rows, finish_rows);
}

}  // namespace smp::sim::detail
