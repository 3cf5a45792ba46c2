#pragma once
// Background grid for Poisson-disk sampling: square cells of side r_min / sqrt2, so a cell
// holds at most one point of a sampler whose radius is never below r_min. Each cell stores
// its point inline (no index, no pointer chase); an empty cell holds a far-away sentinel
// so the distance tests need no branch for emptiness. Points inserted from outside (earlier
// sessions) that share a cell go to extra layers, created only when that happens.

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace smp::sim::detail {

class SpacingGrid {
 public:
  SpacingGrid(cv::Size photo, double cell);
  // Cells covering only `window` (photo px); points outside it go to its border cells.
  SpacingGrid(const cv::Rect& window, double cell);

  int cols() const { return cols_; }
  int rows() const { return rows_; }
  float cell() const { return cell_; }
  // Photo position of cell (cx, cy)'s corner, in cells (the window's first cell is not 0).
  int origin_x() const { return ox_; }
  int origin_y() const { return oy_; }
  int cell_x(float x) const { return std::clamp(static_cast<int>(x * inv_cell_) - ox_, 0, cols_ - 1); }
  int cell_y(float y) const { return std::clamp(static_cast<int>(y * inv_cell_) - oy_, 0, rows_ - 1); }
  std::size_t index(int cx, int cy) const { return static_cast<std::size_t>(cy) * cols_ + cx; }
  bool occupied(std::size_t i) const { return layers_[0][i].x > kEmpty; }

  void insert(cv::Point2f p);
  // True when a stored point lies closer than r to p.
  bool conflicts(cv::Point2f p, float r) const;
  static constexpr int kLattice = 5;  // samples per side of the coverage lattice below
  // Samples of the kLattice x kLattice lattice at (x0 + i*step, y0 + j*step) that no stored
  // point lies closer to than r, as a bit mask (bit j*kLattice + i).
  std::uint32_t uncovered_samples(float x0, float y0, float step, float r) const;

 private:
  static constexpr float kEmpty = -1e17f;    // any x above this is a stored point
  static constexpr float kSentinel = -1e18f; // squared distances to it stay finite in float

  template <class Visit>
  bool any_near(int cx0, int cy0, int cx1, int cy1, Visit visit) const {
    cx0 = std::max(cx0, 0), cy0 = std::max(cy0, 0), cx1 = std::min(cx1, cols_ - 1), cy1 = std::min(cy1, rows_ - 1);
    for (const auto& layer : layers_)
      for (int y = cy0; y <= cy1; ++y) {
        const cv::Point2f* row = layer.data() + static_cast<std::size_t>(y) * cols_;
        bool hit = false;
        for (int x = cx0; x <= cx1; ++x) hit |= visit(row[x]);  // branch-free inner loop
        if (hit) return true;
      }
    return false;
  }

  float cell_, inv_cell_;
  int cols_ = 0, rows_ = 0;
  int ox_ = 0, oy_ = 0;
  std::vector<std::vector<cv::Point2f>> layers_;
};

}  // namespace smp::sim::detail
