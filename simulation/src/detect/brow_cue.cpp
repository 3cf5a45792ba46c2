#include "detect/brow_cue.hpp"

#include "detect/head_geometry.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <vector>

namespace smp::sim::detect {

namespace {

struct Blob {
  double n = 0, su = 0, sv = 0, suu = 0, svv = 0;  // sums in the ellipse frame (semi-axis units)
  double u() const { return su / n; }
  double v() const { return sv / n; }
  double var_u() const { return std::max(0.0, suu / n - u() * u()); }
  double var_v() const { return std::max(0.0, svv / n - v() * v()); }
};

}  // namespace

std::optional<double> brows_toward(const cv::Mat1b& head, const cv::Mat1b& hair, const cv::RotatedRect& e,
                                   cv::Point2d d, const BrowParams& p) {
  const double head_area = cv::countNonZero(head);
  if (head_area < 100) return std::nullopt;
  const cv::Point2d c(e.center.x, e.center.y), lat(-d.y, d.x);
  const double a = semi_axes_along(e, d)[0], b = semi_axes_along(e, lat)[0];
  if (a < 1 || b < 1) return std::nullopt;
  // Inside the head only: hair along the outline (temples, sideburns) would join a brow to
  // the fringe into one band.
  cv::Mat1b inner, hair_on_head;
  const int side = 2 * static_cast<int>(std::lround(p.rim * std::min(a, b))) + 1;
  cv::erode(head, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {side, side}));
  cv::bitwise_and(hair, inner, hair_on_head);
  cv::Mat1i labels;
  const int count = cv::connectedComponents(hair_on_head, labels, 8, CV_32S);
  std::vector<Blob> blobs(static_cast<std::size_t>(std::max(count, 1)));
  for (int y = 0; y < labels.rows; ++y)
    for (int x = 0; x < labels.cols; ++x)
      if (const int k = labels(y, x); k > 0) {
        const cv::Point2d q = cv::Point2d(x, y) - c;
        const double u = q.dot(d) / a, v = q.dot(lat) / b;
        Blob& blob = blobs[static_cast<std::size_t>(k)];
        blob.n += 1;
        blob.su += u;
        blob.sv += v;
        blob.suu += u * u;
        blob.svv += v * v;
      }
  // Share of bare head skin in the part of a patch of the frame (u0..u1 along, v0..v1 across)
  // that the photo shows: a bowed head's photo may end just past its brows. 0 when the photo
  // shows less than `min_shown_beyond` of the patch: no evidence of a face beyond.
  auto skin_share = [&](double u0, double u1, double v0, double v1) {
    constexpr int kSamples = 9 * 9;
    int n = 0, skin = 0;
    for (int i = 0; i <= 8; ++i)
      for (int j = 0; j <= 8; ++j) {
        const cv::Point2d q = c + d * ((u0 + (u1 - u0) * i / 8) * a) + lat * ((v0 + (v1 - v0) * j / 8) * b);
        const int x = static_cast<int>(std::lround(q.x)), y = static_cast<int>(std::lround(q.y));
        if (x < 0 || y < 0 || x >= head.cols || y >= head.rows) continue;
        ++n;
        if (head(y, x) && !hair(y, x)) ++skin;
      }
    return n > 0 && n >= p.min_shown_beyond * kSamples ? static_cast<double>(skin) / n : 0.0;
  };
  std::vector<const Blob*> brows;
  for (std::size_t k = 1; k < blobs.size(); ++k) {
    const Blob& blob = blobs[k];
    const double share = blob.n / head_area;
    if (share < p.min_area_frac || share > p.max_area_frac) continue;
    if (blob.u() < p.min_u || blob.u() > p.max_u) continue;
    if (std::abs(blob.v()) < p.min_side || std::abs(blob.v()) > p.max_side) continue;
    const double along_px = std::sqrt(blob.var_u()) * a, across_px = std::sqrt(blob.var_v()) * b;
    if (across_px < p.min_elongation * std::max(along_px, 0.5)) continue;
    // The head's skin goes on past the bar's far edge (2 standard deviations), over its width:
    // the face beyond brows, where a fringe has more of its hair or the background.
    const double past = blob.u() + 2 * std::sqrt(blob.var_u()), half = std::sqrt(blob.var_v());
    if (skin_share(past, past + p.beyond, blob.v() - half, blob.v() + half) < p.min_skin_beyond) continue;
    brows.push_back(&blob);
  }
  for (const Blob* l : brows)
    for (const Blob* r : brows) {
      if (l->v() >= 0 || r->v() <= 0) continue;
      if (std::abs(l->u() - r->u()) > p.max_u_gap || std::abs(l->v() + r->v()) > p.max_asymmetry) continue;
      if (std::max(l->n, r->n) > p.max_area_ratio * std::min(l->n, r->n)) continue;
      return 0.5 * (l->u() + r->u());
    }
  return std::nullopt;
}

}  // namespace smp::sim::detect
