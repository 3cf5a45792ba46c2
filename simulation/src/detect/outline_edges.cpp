#include "detect/outline_edges.hpp"

#include "detect/skin_model.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::sim::detect {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Frame {  // an ellipse as centre, unit axes and semi-axes
  cv::Point2d c, e1, e2;
  double a, b;
};

Frame frame_of(const cv::RotatedRect& r) {
  const double t = r.angle * kPi / 180.0;
  return {{r.center.x, r.center.y}, {std::cos(t), std::sin(t)}, {-std::sin(t), std::cos(t)}, r.size.width / 2.0,
          r.size.height / 2.0};
}

// Distance from p to the ellipse, measured along the line through its centre.
double radial_distance(const Frame& f, cv::Point2d p) {
  const cv::Point2d d = p - f.c;
  const double u = d.dot(f.e1) / f.a, v = d.dot(f.e2) / f.b, rho = std::hypot(u, v);
  if (rho < 1e-9) return std::hypot(f.a, f.b);
  return std::hypot(d.x, d.y) * std::abs(1.0 - 1.0 / rho);
}

struct Ray {
  bool in_photo = false;           // the blob ellipse crosses the ray inside the photo
  std::vector<cv::Point2f> edges;  // candidate edge points, strongest first
};

// Edge candidates along rays from the blob ellipse's centre through its outline.
std::vector<Ray> edge_rays(const cv::Mat3b& bgr, const cv::Mat1b& head, const Frame& f, const OutlineEdgeParams& p) {
  // Per colour channel: skin against skin-toned shoulders often differs more in hue than in grey.
  cv::Mat3f smooth;
  bgr.convertTo(smooth, CV_32F);
  cv::GaussianBlur(smooth, smooth, cv::Size(), p.smooth_sigma_px);
  cv::Mat3f gx, gy;
  cv::Sobel(smooth, gx, CV_32F, 1, 0, 3, 1.0 / 8);  // levels per pixel
  cv::Sobel(smooth, gy, CV_32F, 0, 1, 3, 1.0 / 8);
  const cv::Rect inner(2, 2, head.cols - 4, head.rows - 4);
  std::vector<Ray> rays(static_cast<std::size_t>(p.rays));
  for (int i = 0; i < p.rays; ++i) {
    const double phi = 2 * kPi * i / p.rays;
    const cv::Point2d q = f.c + f.e1 * (f.a * std::cos(phi)) + f.e2 * (f.b * std::sin(phi));
    if (!inner.contains(cv::Point(cvRound(q.x), cvRound(q.y)))) continue;  // the photo cut the head here
    rays[static_cast<std::size_t>(i)].in_photo = true;
    cv::Point2d n = f.e1 * (std::cos(phi) / f.a) + f.e2 * (std::sin(phi) / f.b);
    n *= 1.0 / std::hypot(n.x, n.y);
    const double len = std::hypot(q.x - f.c.x, q.y - f.c.y);
    const int steps = std::max(2, static_cast<int>((p.search_out - p.search_in) * len));
    std::vector<float> d(static_cast<std::size_t>(steps), 0.0f);
    std::vector<cv::Point2f> at(static_cast<std::size_t>(steps));
    std::vector<bool> ok(static_cast<std::size_t>(steps), false);
    for (int k = 0; k < steps; ++k) {
      const double s = p.search_in + (p.search_out - p.search_in) * k / (steps - 1);
      const cv::Point2d x = f.c + (q - f.c) * s;
      const cv::Point xi(cvRound(x.x), cvRound(x.y)), in(cvRound(x.x - 3 * n.x), cvRound(x.y - 3 * n.y));
      if (!inner.contains(xi) || !inner.contains(in) || !head(in)) continue;
      double along = 0, norm = 0;  // the channel with the strongest step across the outline
      for (int c = 0; c < 3; ++c) {
        const double g1 = gx(xi)[c], g2 = gy(xi)[c], a = g1 * n.x + g2 * n.y;
        if (std::abs(a) > std::abs(along)) along = a, norm = std::hypot(g1, g2);
      }
      if (std::abs(along) < p.min_normal_share * norm) continue;
      d[static_cast<std::size_t>(k)] = static_cast<float>(std::abs(along));
      at[static_cast<std::size_t>(k)] = cv::Point2f(x);
      ok[static_cast<std::size_t>(k)] = true;
    }
    std::vector<std::pair<float, cv::Point2f>> peaks;
    for (int k = 1; k + 1 < steps; ++k) {
      const auto u = static_cast<std::size_t>(k);
      if (ok[u] && d[u] >= p.min_edge_step && d[u] >= d[u - 1] && d[u] > d[u + 1]) peaks.emplace_back(d[u], at[u]);
    }
    std::sort(peaks.begin(), peaks.end(), [](const auto& l, const auto& r) { return l.first > r.first; });
    for (std::size_t k = 0; k < peaks.size() && static_cast<int>(k) < p.candidates_per_ray; ++k)
      rays[static_cast<std::size_t>(i)].edges.push_back(peaks[k].second);
  }
  return rays;
}

// Rays inside the photo, and of them those where the ellipse meets an edge.
struct Support {
  int rays = 0, met = 0;
  double share() const { return rays > 0 ? static_cast<double>(met) / rays : 0.0; }
};

Support support(const std::vector<Ray>& rays, const Frame& e, double tol) {
  Support s;
  for (const Ray& ray : rays) {
    if (!ray.in_photo) continue;
    ++s.rays;
    for (const cv::Point2f& pt : ray.edges)
      if (radial_distance(e, pt) <= tol) {
        ++s.met;
        break;
      }
  }
  return s;
}

bool plausible(const cv::RotatedRect& r, const Frame& blob, const OutlineEdgeParams& p) {
  if (!std::isfinite(r.center.x) || !std::isfinite(r.center.y) || !(r.size.width > 4) || !(r.size.height > 4))
    return false;
  const double ratio = std::max(r.size.width, r.size.height) / std::min(r.size.width, r.size.height);
  const double area = r.size.width * r.size.height / 4.0, blob_area = blob.a * blob.b;
  const double shift = std::hypot(r.center.x - blob.c.x, r.center.y - blob.c.y);
  return ratio <= 1.7 && area <= 1.02 * blob_area && area >= 0.9 * p.min_area * blob_area &&
         shift <= 0.3 * std::sqrt(blob_area);
}

// Hair by colour, or by texture as the skin/hair split counts it (brown and grey hair pass the
// skin colour rule).
cv::Mat1b hair_like(const cv::Mat1b& hair, const cv::Mat1f& texture) {
  cv::Mat1b busy(hair.size(), uchar{0});
  if (!texture.empty() && texture.size() == hair.size()) cv::compare(texture, SkinSplit{}.max_texture, busy, cv::CMP_GT);
  if (!hair.empty()) busy |= hair;
  return busy;
}

}  // namespace

std::optional<cv::RotatedRect> tighter_outline(const cv::Mat3b& bgr, const cv::Mat1b& head, const cv::Mat1b& hair,
                                               const cv::Mat1f& texture, const cv::RotatedRect& blob_fit,
                                               const OutlineEdgeParams& p) {
  if (bgr.empty() || bgr.size() != head.size() || bgr.cols < 16 || bgr.rows < 16 || p.rays < 10) return std::nullopt;
  const Frame blob = frame_of(blob_fit);
  if (!(blob.a > 4 && blob.b > 4)) return std::nullopt;
  const std::vector<Ray> rays = edge_rays(bgr, head, blob, p);
  std::vector<int> with_edges;
  for (std::size_t i = 0; i < rays.size(); ++i)
    if (rays[i].in_photo && !rays[i].edges.empty()) with_edges.push_back(static_cast<int>(i));
  if (with_edges.size() < 10) return std::nullopt;
  const double tol = p.inlier_frac * std::sqrt(blob.a * blob.b);
  const Support blob_support = support(rays, blob, tol);

  // RANSAC: five edge points from five sectors of the circle of rays (a spread that pins an
  // ellipse down), the ellipse through them scored by the rays it meets on an edge.
  cv::RNG rng(0x5eed0e1f);
  constexpr int kSectors = 5;
  std::array<std::vector<int>, kSectors> sectors;
  for (const int i : with_edges) sectors[static_cast<std::size_t>(i * kSectors / p.rays)].push_back(i);
  for (const auto& s : sectors)
    if (s.empty()) return std::nullopt;
  std::optional<cv::RotatedRect> best;
  int best_met = -1;
  std::vector<cv::Point2f> sample(kSectors);
  for (int round = 0; round < p.rounds; ++round) {
    for (std::size_t k = 0; k < kSectors; ++k) {
      const int pick = sectors[k][static_cast<std::size_t>(rng.uniform(0, static_cast<int>(sectors[k].size())))];
      const Ray& ray = rays[static_cast<std::size_t>(pick)];
      sample[k] = ray.edges[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(ray.edges.size())))];
    }
    const cv::RotatedRect r = cv::fitEllipseDirect(sample);
    if (!plausible(r, blob, p)) continue;
    const int met = support(rays, frame_of(r), tol).met;
    if (met > best_met) best_met = met, best = r;
  }
  if (!best) return std::nullopt;
  // Refit on every ray's edge point nearest to the best sample's ellipse.
  std::vector<cv::Point2f> inliers;
  const Frame bf = frame_of(*best);
  for (const Ray& ray : rays) {
    double nearest = tol;
    const cv::Point2f* pick = nullptr;
    for (const cv::Point2f& pt : ray.edges)
      if (const double d = radial_distance(bf, pt); d <= nearest) nearest = d, pick = &pt;
    if (pick) inliers.push_back(*pick);
  }
  if (inliers.size() >= 6) {
    const cv::RotatedRect refit = cv::fitEllipseDirect(inliers);
    if (plausible(refit, blob, p) && support(rays, frame_of(refit), tol).met >= best_met) best = refit;
  }
  const Support s = support(rays, frame_of(*best), tol);
  const double area = best->size.width * best->size.height / 4.0 / (blob.a * blob.b);
  if (s.share() < p.min_support || s.share() < blob_support.share() + p.min_support_gain) return std::nullopt;
  if (area > p.max_area || area < p.min_area) return std::nullopt;
  // What the tighter ellipse drops must not be mostly hair: that is a fringe around a bald
  // top (its inner edge is an ellipse too), not shoulders.
  cv::Mat1b band(head.size(), uchar{0}), inside(head.size(), uchar{0});
  cv::ellipse(band, blob_fit, cv::Scalar(255), cv::FILLED);
  cv::ellipse(inside, *best, cv::Scalar(255), cv::FILLED);
  band &= head & ~inside;
  const double dropped = cv::countNonZero(band);
  if (dropped > 0 && cv::countNonZero(band & hair_like(hair, texture)) > p.max_hair_in_band * dropped)
    return std::nullopt;
  return best;
}

}  // namespace smp::sim::detect
