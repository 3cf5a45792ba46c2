#include "detect/front_vote.hpp"

#include "detect/brow_cue.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <vector>

namespace smp::sim::detect {

namespace {

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

struct EndCues {
  double rim_hair = 0, cap_hair = 0, face = 0, light = 0, open = 0, broader_behind = 0;
  std::optional<double> brows;  // along the direction, in its front semi-axes (brow_cue)
};

// `to_outline`: each head pixel's distance to the nearest pixel of the photo off the head as
// segmented (the photo's border is no outline, nor a tighter outline the head was cut to).
EndCues measure_end(const cv::Mat1b& head, const cv::Mat1b& hair, const cv::Mat1b& skin_rule, const cv::Mat1b& luma,
                    const cv::Mat1f& to_outline, const cv::RotatedRect& e, cv::Point2d d, double head_luma,
                    const FrontCues& cues) {
  const cv::Point2d c(e.center.x, e.center.y);
  const double a = semi_axes_along(e, d)[0];
  const cv::Point2d lat(-d.y, d.x);
  const double b = semi_axes_along(e, lat)[0];
  // A fringe hugs the head's outline against what is behind the head. Where the photo cuts the
  // head off (a bowed head's face at the bottom edge), its brows and eyes lie in the ellipse's
  // rim but far from any outline, and are no fringe. As deep as the rim is at this end.
  const double rim_depth = cues.fringe_depth * a;
  double cap = 0, cap_hair = 0, rim = 0, rim_hair = 0, ring = 0, ring_skin = 0, cap_luma = 0, edge = 0, edge_out = 0;
  // Sample the elliptic frame (not the image) so ends cut off by the photo's border count too.
  const int steps = 120;
  for (int iu = 0; iu <= steps; ++iu)
    for (int iv = -steps; iv <= steps; ++iv) {
      const double u = 1.3 * iu / steps, v = 1.3 * iv / steps;
      const double r = std::hypot(u, v);
      if (r > 1.3 || u < 0.3) continue;
      const cv::Point2d p = c + d * (u * a) + lat * (v * b);
      const int x = static_cast<int>(std::lround(p.x)), y = static_cast<int>(std::lround(p.y));
      const bool in_image = x >= 0 && y >= 0 && x < head.cols && y < head.rows;
      if (u >= 0.55 && r > 0.85 && r < 1.15) {
        ++edge;
        if (!in_image) ++edge_out;
      }
      if (!in_image) continue;
      const bool on_head = head(y, x) != 0;
      if (on_head && r <= 1.0) {
        if (u >= 0.55) {
          ++cap;
          cap_luma += luma(y, x);
          if (hair(y, x)) ++cap_hair;
        }
        if (r >= 1.0 - cues.fringe_depth && to_outline(y, x) <= rim_depth) {
          ++rim;
          if (hair(y, x)) ++rim_hair;
        }
      } else if (r > 1.0 && u >= 0.55 && !on_head) {
        ++ring;
        if (skin_rule(y, x)) ++ring_skin;
      }
    }
  EndCues out;
  out.cap_hair = cap > 0 ? cap_hair / cap : 0;
  out.rim_hair = rim > 0 ? rim_hair / rim : 0;
  out.face = ring > 0 ? ring_skin / ring : 0;
  out.light = cap > 0 ? cap_luma / cap / head_luma - 1.0 : 0;
  // Running out of the photo only says "front" when the scalp there is bare.
  out.open = edge > 0 ? edge_out / edge * std::clamp(1.0 - 3.0 * out.cap_hair, 0.0, 1.0) : 0;
  return out;
}

cv::Point2d major_axis(const cv::RotatedRect& e) {
  const double t = e.angle * kDegToRad;
  const cv::Point2d major(std::cos(t), std::sin(t));
  return e.size.height > e.size.width ? cv::Point2d(-major.y, major.x) : major;
}

double elongation(const cv::RotatedRect& e) {
  return std::max(e.size.width, e.size.height) / std::max(1e-6f, std::min(e.size.width, e.size.height));
}

// How much broader the head is half way toward the end opposite `d` than half way toward `d`,
// in widths of the ellipse across `d` (2 b). No evidence (0) where the photo's border cuts
// either line across the head: a cut-off side reads narrow, and a head running out of the
// photo is the "open" cue's evidence already.
double broader_behind(const cv::Mat1b& head, const cv::RotatedRect& e, cv::Point2d d, const FrontCues& cues) {
  const cv::Point2d c(e.center.x, e.center.y);
  const double a = semi_axes_along(e, d)[0];
  const cv::Point2d lat(-d.y, d.x);
  const double b = semi_axes_along(e, lat)[0];
  // The head's breadth along the line across `d` at `u` semi-axes, or nothing when the line
  // leaves the photo next to the head or within the ellipse's own breadth.
  const auto breadth = [&](double u) -> std::optional<double> {
    constexpr int kSteps = 200;
    constexpr double kReach = 1.6;  // the line spans this many semi-axes either side
    int n = 0;
    bool previous_on_head = false, previous_outside = false;
    for (int iv = -kSteps; iv <= kSteps; ++iv) {
      const double v = kReach * iv / kSteps;
      const cv::Point2d p = c + d * (u * a) + lat * (v * b);
      const int x = static_cast<int>(std::lround(p.x)), y = static_cast<int>(std::lround(p.y));
      const bool outside = x < 0 || y < 0 || x >= head.cols || y >= head.rows;
      const bool on_head = !outside && head(y, x) != 0;
      if (outside && (std::abs(v) <= 1.0 || previous_on_head)) return std::nullopt;
      if (on_head && previous_outside) return std::nullopt;
      n += on_head ? 1 : 0;
      previous_on_head = on_head;
      previous_outside = outside;
    }
    return kReach * n / kSteps / 2;
  };
  const std::optional<double> behind = breadth(-cues.breadth_at), ahead = breadth(cues.breadth_at);
  if (!behind || !ahead) return 0.0;
  return std::clamp(*behind - *ahead, -cues.breadth_cap, cues.breadth_cap);
}

// What the photo shows toward `d`: the cues of its end and the head's shape.
double photo_score(const EndCues& e, cv::Point2d d, const cv::RotatedRect& ellipse, const FrontCues& cues) {
  // The skull is longer front to back than across: the face lies on the long axis.
  const double along = std::abs(d.dot(major_axis(ellipse)));
  const double shape = cues.long_axis_weight * along * along *
                       std::clamp((elongation(ellipse) - 1.0) / std::max(cues.full_elongation - 1.0, 1e-6), 0.0, 1.0);
  return -cues.fringe_weight * e.rim_hair - cues.cap_weight * e.cap_hair + cues.face_weight * e.face +
         cues.light_weight * e.light + cues.open_weight * e.open + (e.brows.has_value() ? cues.brow_weight : 0.0) +
         cues.breadth_weight * e.broader_behind + shape;
}

// The habit of photographing with the face toward the bottom: it breaks near ties, but is no
// evidence from the photo.
double habit_score(cv::Point2d d, const FrontCues& cues) { return std::abs(d.y) > 0.8 ? cues.down_prior * d.y : 0.0; }

std::vector<cv::Point2d> candidates(const cv::RotatedRect& e, const FrontCues& cues) {
  std::vector<cv::Point2d> out = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}};
  if (elongation(e) >= cues.min_elongation) {
    const cv::Point2d major = major_axis(e);
    // A tilted head: its long axis joins the image axes (unless it is one of them already).
    if (std::abs(major.x) < std::cos(20 * kDegToRad) && std::abs(major.y) < std::cos(20 * kDegToRad)) {
      out.push_back(major);
      out.push_back(-major);
    }
  }
  return out;
}

}  // namespace

FrontVote vote_front(const cv::Mat1b& head, const cv::Mat1b& photo_head, const cv::Mat1b& hair, const cv::Mat1b& skin_rule,
                     const cv::Mat1b& luma, const cv::RotatedRect& ellipse, const FrontCues& cues) {
  FrontVote out;
  const double head_luma = std::max(1.0, cv::mean(luma, head)[0]);
  cv::Mat1f to_outline;
  cv::distanceTransform(photo_head, to_outline, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  std::ostringstream why;
  double best = -1e9;
  std::vector<std::pair<cv::Point2d, double>> shown;  // each candidate's photo_score
  for (const cv::Point2d& d : candidates(ellipse, cues)) {
    EndCues e = measure_end(head, hair, skin_rule, luma, to_outline, ellipse, d, head_luma, cues);
    e.brows = brows_toward(head, hair, ellipse, d);
    e.broader_behind = broader_behind(head, ellipse, d, cues);
    shown.emplace_back(d, photo_score(e, d, ellipse, cues));
    const double s = shown.back().second + habit_score(d, cues);
    why << "; (" << std::round(d.x * 100) / 100 << "," << std::round(d.y * 100) / 100 << ") fringe "
        << std::lround(e.rim_hair * 100) << "% hair " << std::lround(e.cap_hair * 100) << "% face "
        << std::lround(e.face * 100) << "% light " << std::lround(e.light * 100) << "% open "
        << std::lround(e.open * 100) << "% broader behind " << std::lround(e.broader_behind * 100) << "%"
        << (e.brows ? " brows" : "");
    if (s > best) {
      best = s;
      out.front_dir = d;
      out.brow_u = e.brows;
    }
  }
  // Confidence: how far the photo's own cues put the chosen direction ahead of every other
  // one. The habit of the face toward the bottom may choose between near ties, but gives no
  // confidence: an upside-down photo whose cues are weak is asked about, not silently reversed.
  double chosen = 0, other = -1e9;
  for (const auto& [d, s] : shown)
    if (d == out.front_dir) chosen = s;
    else other = std::max(other, s);
  out.confidence = std::clamp((chosen - other) / std::max(cues.sure_margin, 1e-6), 0.0, 1.0);
  out.why = why.str();
  return out;
}

}  // namespace smp::sim::detect
