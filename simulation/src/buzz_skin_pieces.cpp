#include "buzz_skin_pieces.hpp"

#include "detect/head_segment.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim::detail {

cv::Mat1b skin_pieces(const cv::Mat3b& img, const cv::Mat1b& uncover, const cv::Mat1b& skin_ref, const HeadSides& sides,
                      double work_ppm, const BuzzDecisionParams& p, const cv::Mat1b& beyond) {
  cv::Mat1b out(img.size(), uchar{0});
  if (cv::countNonZero(uncover) == 0 || cv::countNonZero(skin_ref) < 50) return out;
  cv::Mat3b ycrcb;
  cv::cvtColor(img, ycrcb, cv::COLOR_BGR2YCrCb);
  // The skin's chroma (Cr, Cb about grey) and median luma.
  const cv::Scalar mean = cv::mean(ycrcb, skin_ref);
  const cv::Vec2d chroma(mean[1] - 128, mean[2] - 128);
  const double saturation = std::hypot(chroma[0], chroma[1]);
  if (saturation < 1) return out;  // grey skin reference: no hue to tell skin by
  const cv::Vec2d along = chroma / saturation, across(-along[1], along[0]);
  std::vector<uchar> lumas;
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      if (skin_ref(y, x)) lumas.push_back(ycrcb(y, x)[0]);
  std::nth_element(lumas.begin(), lumas.begin() + static_cast<std::ptrdiff_t>(lumas.size() / 2), lumas.end());
  const double median_y = lumas[lumas.size() / 2];

  // Skin keeps its hue and its saturation in shade; hair of any colour but red is less
  // saturated than the skin beside it, and a wall or a shadow is grey.
  cv::Mat1b skin_like(img.size(), uchar{0});
  const double min_along = p.skin_piece_min_saturation * saturation;
  const double max_across = std::max(4.0, p.skin_piece_hue_spread * saturation);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      if (!uncover(y, x)) continue;
      const cv::Vec3b v = ycrcb(y, x);
      if (v[0] < p.skin_piece_min_luma * median_y || v[0] > p.skin_piece_max_luma * median_y) continue;
      const cv::Vec2d c(v[1] - 128.0, v[2] - 128.0);
      if (c.dot(along) >= min_along && std::abs(c.dot(across)) <= max_across) skin_like(y, x) = 255;
    }
  // Pieces big enough to be an ear and on a side of the head (skin-coloured pieces at its top
  // are scalp glimpsed through the hair's volume), each with its hull: an ear's shaded folds
  // and rim lie inside it.
  std::vector<std::vector<cv::Point>> pieces;
  cv::findContours(skin_like, pieces, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);  // every boundary pixel: see reaches_beyond
  const double min_area = p.min_skin_piece_mm2 * work_ppm * work_ppm;
  const double min_outer_area = p.min_outer_skin_piece_mm2 * work_ppm * work_ppm;
  cv::Mat1b near_beyond;  // the pixels next to `beyond`
  if (!beyond.empty()) cv::dilate(beyond, near_beyond, cv::Mat());
  for (const auto& piece : pieces) {
    const cv::Moments m = cv::moments(piece);
    if (m.m00 < min_outer_area) continue;
    if (m.m00 < min_area) {
      if (near_beyond.empty()) continue;
      const bool reaches_beyond = std::any_of(piece.begin(), piece.end(), [&](const cv::Point& q) { return near_beyond(q) != 0; });
      if (!reaches_beyond) continue;
    }
    const cv::Point2d at(m.m10 / m.m00, m.m01 / m.m00);
    if (std::abs((at - sides.centre).dot(sides.lateral)) < p.skin_piece_min_lateral * sides.half_width) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(piece, hull);
    cv::fillConvexPoly(out, hull, cv::Scalar(255));
  }
  out &= uncover;
  return out;
}

JoinedSkin join_kept_skin(const cv::Mat1b& head_after, const cv::Mat1b& kept, const cv::Mat1b& uncover,
                          const HeadSides& sides, int reach) {
  JoinedSkin out{cv::Mat1b(kept.size(), uchar{0}), cv::Mat1b(kept.size(), uchar{0})};
  cv::Mat1i labels;
  const int n = cv::connectedComponents(kept, labels, 8, CV_32S);
  std::vector<std::vector<cv::Point>> pieces(static_cast<std::size_t>(std::max(n, 1)));
  for (int y = 0; y < kept.rows; ++y)
    for (int x = 0; x < kept.cols; ++x)
      if (const int l = labels(y, x); l > 0) pieces[static_cast<std::size_t>(l)].emplace_back(x, y);
  // Each piece's rays run toward the midline from the side its centre lies on.
  std::vector<cv::Point2d> towards(pieces.size());
  for (std::size_t l = 1; l < pieces.size(); ++l) {
    cv::Point2d at(0, 0);
    for (const cv::Point& q : pieces[l]) at += cv::Point2d(q);
    at *= 1.0 / static_cast<double>(pieces[l].size());
    towards[l] = (sides.centre - at).dot(sides.lateral) >= 0 ? sides.lateral : -sides.lateral;
  }
  const cv::Rect image(0, 0, kept.cols, kept.rows);
  // A piece joined to the head is head for the pieces beyond it (an ear's rim beyond its
  // shaded body): passes until none joins.
  cv::Mat1b head = head_after.clone();
  std::vector<bool> joined(static_cast<std::size_t>(std::max(n, 1)), false);
  std::vector<cv::Point> ray;
  for (bool more = true; more;) {
    more = false;
    for (int l = 1; l < n; ++l) {
      if (joined[static_cast<std::size_t>(l)]) continue;
      const std::vector<cv::Point>& piece = pieces[static_cast<std::size_t>(l)];
      const cv::Point2d toward = towards[static_cast<std::size_t>(l)];
      bool met = false;
      for (const cv::Point& q : piece) {
        ray.clear();
        for (int t = 1; t <= reach; ++t) {
          const cv::Point step(static_cast<int>(std::lround(q.x + t * toward.x)), static_cast<int>(std::lround(q.y + t * toward.y)));
          if (!image.contains(step)) break;
          if (labels(step) == l) continue;  // still crossing its own piece
          if (head(step)) {  // met the head: the ray is a bridge
            for (const cv::Point& b : ray) out.bridge(b) = 255;
            met = true;
            break;
          }
          if (!uncover(step)) break;  // the background, other skin or another piece lies between
          ray.push_back(step);
        }
      }
      if (!met) continue;
      joined[static_cast<std::size_t>(l)] = more = true;
      for (const cv::Point& q : piece) out.kept(q) = head(q) = 255;
    }
  }
  return out;
}

void join_ears_to_head(BuzzRegions& r, const cv::Mat1b& volume, const HeadSides& sides, double work_ppm,
                       const BuzzDecisionParams& p) {
  if (cv::countNonZero(r.kept_skin) == 0) return;
  const int reach = static_cast<int>(std::lround(p.max_volume_mm * work_ppm));
  const JoinedSkin joined = join_kept_skin(r.head_after, r.kept_skin, r.uncover, sides, reach);
  // The convex outline of skull and ears, where the ears take it past the skull's own, and the
  // slivers between the skull's outline and its hull just beside that (no seam of background
  // along the old outline); the skull's own hollows elsewhere (the jaw and neck below an ear)
  // stand as they were.
  const cv::Mat1b with_ears = convex_hull(either(r.head_after, joined.kept));
  const cv::Mat1b beyond_skull = without(with_ears, convex_hull(r.head_after));
  const int beside = static_cast<int>(std::lround(p.ear_join_sliver_mm * work_ppm));
  const cv::Mat1b near_ears = dilated(either(either(beyond_skull, joined.kept), joined.bridge), beside);
  const cv::Mat1b widened = both(both(without(with_ears, r.head_after), r.uncover), near_ears);
  cv::Mat1b side = either(joined.bridge, pieces_touching(widened, dilated(either(joined.kept, joined.bridge), 1), 0.0));
  // Bits of the volume the widened outline encloses would be holes of background in the head.
  const cv::Mat1b outline = either(either(r.head_after, side), joined.kept);
  side = either(side, both(without(detect::fill_holes(outline), outline), r.uncover));
  r.uncover = without(either(r.uncover, both(without(r.kept_skin, joined.kept), volume)), side);  // a piece left out goes
  r.kept_skin = joined.kept;
  r.head_after = either(r.head_after, side);
  r.clip = either(r.clip, side);
}

}  // namespace smp::sim::detail
