#include "spacing_grid.hpp"

namespace smp::sim::detail {

SpacingGrid::SpacingGrid(cv::Size photo, double cell) : SpacingGrid(cv::Rect({0, 0}, photo), cell) {}

SpacingGrid::SpacingGrid(const cv::Rect& window, double cell)
    : cell_(static_cast<float>(cell)), inv_cell_(static_cast<float>(1.0 / cell)) {
  ox_ = static_cast<int>(std::floor(window.x / cell));
  oy_ = static_cast<int>(std::floor(window.y / cell));
  cols_ = std::max(1, static_cast<int>(std::ceil(window.br().x / cell)) - ox_);
  rows_ = std::max(1, static_cast<int>(std::ceil(window.br().y / cell)) - oy_);
  layers_.emplace_back(static_cast<std::size_t>(cols_) * rows_, cv::Point2f(kSentinel, kSentinel));
}

void SpacingGrid::insert(cv::Point2f p) {
  const std::size_t i = index(cell_x(p.x), cell_y(p.y));
  for (auto& layer : layers_)
    if (layer[i].x <= kEmpty) {
      layer[i] = p;
      return;
    }
  layers_.emplace_back(layers_[0].size(), cv::Point2f(kSentinel, kSentinel));
  layers_.back()[i] = p;
}

bool SpacingGrid::conflicts(cv::Point2f p, float r) const {
  const int reach = static_cast<int>(std::ceil(r * inv_cell_));
  const int cx = cell_x(p.x), cy = cell_y(p.y);
  const float r2 = r * r;
  const auto closer = [&](cv::Point2f q) {
    const float dx = q.x - p.x, dy = q.y - p.y;
    return dx * dx + dy * dy < r2;
  };
  // A conflict is most often in the nearest cells: they go first.
  return any_near(cx - 1, cy - 1, cx + 1, cy + 1, closer) ||
         (reach > 1 && any_near(cx - reach, cy - reach, cx + reach, cy + reach, closer));
}

std::uint32_t SpacingGrid::uncovered_samples(float x0, float y0, float step, float r) const {
  constexpr int n = kLattice;
  const float span = step * static_cast<float>(n - 1), r2 = r * r;
  constexpr float kPad = 1e-3f;
  const int reach = static_cast<int>(std::ceil(r * inv_cell_));
  std::uint32_t covered = 0;
  const std::uint32_t all = (1u << (n * n)) - 1;
  // The lattice's coordinates, computed once.
  float xs[n], ys[n];
  for (int i = 0; i < n; ++i) {
    xs[i] = x0 + step * static_cast<float>(i);
    ys[i] = y0 + step * static_cast<float>(i);
  }
  // Each stored point marks the samples it covers. The nearest cells first: in a filled
  // region they cover everything, and the wide neighbourhood that low densities need (the
  // cells are sized for the peak) is visited only when something is still open.
  const auto mark = [&](cv::Point2f q) {
    // Most neighbours (and every empty cell's sentinel) are out of reach of the whole
    // lattice: one test against its box (padded past any rounding) skips them.
    const float bx = std::clamp(q.x, x0 - kPad, x0 + span + kPad) - q.x;
    const float by = std::clamp(q.y, y0 - kPad, y0 + span + kPad) - q.y;
    if (bx * bx + by * by >= r2) return false;
    float dx2[n];
    for (int i = 0; i < n; ++i) {
      const float dx = q.x - xs[i];
      dx2[i] = dx * dx;
    }
    for (int j = 0; j < n; ++j) {
      const float dy = q.y - ys[j], dy2 = dy * dy;
      if (dy2 >= r2) continue;
      std::uint32_t row = 0;  // without branches: which samples of this row are covered
      for (int i = 0; i < n; ++i) row |= static_cast<std::uint32_t>(dx2[i] + dy2 < r2) << i;
      covered |= row << (j * n);
    }
    return covered == all;  // stop once everything is covered
  };
  const int cx0 = cell_x(x0), cy0 = cell_y(y0), cx1 = cell_x(x0 + span * 0.999f), cy1 = cell_y(y0 + span * 0.999f);
  const int near = std::min(reach, 1);
  if (any_near(cx0 - near, cy0 - near, cx1 + near, cy1 + near, mark)) return 0;
  // Then ring by ring outward (each ring: the strips above, below, left and right of the
  // cells already visited), so that the wide neighbourhood of low densities is visited only
  // as far as samples stay open. The result is the same whatever the order.
  for (int k = near + 1; k <= reach; ++k) {
    const int ry0 = cy0 - (k - 1), ry1 = cy1 + (k - 1);
    if (any_near(cx0 - k, cy0 - k, cx1 + k, cy0 - k, mark) || any_near(cx0 - k, cy1 + k, cx1 + k, cy1 + k, mark) ||
        any_near(cx0 - k, ry0, cx0 - k, ry1, mark) || any_near(cx1 + k, ry0, cx1 + k, ry1, mark))
      return 0;
  }
  return all & ~covered;
}

}  // namespace smp::sim::detail
