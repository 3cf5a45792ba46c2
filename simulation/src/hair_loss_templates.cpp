// Hair-loss templates. Shapes are described in a normalised head frame and mapped onto the
// photo through the plan's head frame:
//   top view:   u across in units of the head's lateral semi-axis b, v forward in units of
//               the front semi-axis a (both from the fitted outline);
//   front view: u and v in units of half the head width, v along the front direction
//               (downward in a frontal photo).
// Norwood stages are cumulative: stage n treats everything stage n-1 does plus its own
// shapes, so the treated area can only grow with the stage.

#include "smp/sim/hair_loss_templates.hpp"

#include "detect/head_geometry.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

namespace smp::sim {

namespace {

struct ShapePoint {
  double u, v;
};
using HalfShape = std::array<ShapePoint, 5>;

// Half hairlines, first point on the midline, relative to the mid-frontal point.
constexpr HalfShape kTopMale{{{0.0, 0.0}, {0.30, -0.02}, {0.55, -0.11}, {0.72, -0.19}, {0.88, -0.28}}};
constexpr HalfShape kTopMature{{{0.0, 0.0}, {0.30, -0.04}, {0.55, -0.16}, {0.72, -0.26}, {0.88, -0.34}}};
constexpr HalfShape kTopFemale{{{0.0, 0.0}, {0.35, -0.03}, {0.62, -0.10}, {0.80, -0.18}, {0.92, -0.28}}};
constexpr HalfShape kFrontMale{{{0.0, 0.0}, {0.30, -0.03}, {0.55, -0.12}, {0.75, -0.10}, {0.92, 0.10}}};
constexpr HalfShape kFrontMature{{{0.0, 0.0}, {0.30, -0.05}, {0.55, -0.18}, {0.75, -0.15}, {0.92, 0.08}}};
constexpr HalfShape kFrontFemale{{{0.0, 0.0}, {0.35, -0.02}, {0.60, -0.05}, {0.78, 0.00}, {0.92, 0.14}}};

// What one Norwood stage adds. Depths are fractions of the front semi-axis (top view) or of
// half the head width (front view), measured back from the hairline.
struct NorwoodStage {
  double recede_mid;     // bald depth behind the hairline on the midline
  double recede_temple;  // ... at the temple ends (recession is deepest there)
  double vertex_radius;  // bald crown patch radius (top view only), 0 = none
  double vertex_v;       // crown patch centre along the front axis, from the head centre
  double top_u, top_v;   // > 0: the whole top inside this ellipse (semi-axes of b, a) is bald,
  double top_centre;     //      centred here along the front axis; the side fringe remains
};
constexpr std::array<NorwoodStage, 7> kNorwood{{
    {0.05, 0.07, 0.00, 0.00, 0, 0, 0},         // I: no loss; a refresh band behind the hairline
    {0.05, 0.22, 0.00, 0.00, 0, 0, 0},         // II: slight temporal recession
    {0.08, 0.42, 0.00, 0.00, 0, 0, 0},         // III: deep temporal recession
    {0.22, 0.55, 0.22, -0.35, 0, 0, 0},        // IV: frontal loss and a separate crown patch
    {0.40, 0.80, 0.33, -0.35, 0, 0, 0},        // V: both larger, a thin bridge between them
    {0.40, 0.80, 0.33, -0.35, 0.78, 0.86, 0.04},   // VI: the bridge is gone
    {0.40, 0.80, 0.33, -0.35, 0.90, 0.97, -0.02},  // VII: only the horseshoe fringe remains
}};

// Ludwig: an ellipse of diffuse thinning on top, centred behind the head centre.
struct LudwigStage {
  double ru, rv;  // semi-axes: across (of b) and along (of a; front view: of the top band)
};
constexpr std::array<LudwigStage, 3> kLudwig{{{0.22, 0.40}, {0.38, 0.50}, {0.55, 0.60}}};

const char* roman(int n) {
  static constexpr const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII"};
  return n >= 1 && n <= 7 ? kRoman[n - 1] : "?";
}

int clamp_stage(const HairLossTemplate& t) {
  return std::clamp(t.stage, 1, t.scale == HairLossScale::Norwood ? 7 : 3);
}

// The head frame's geometry needed here: centre on the midline and the two semi-axes.
struct FrameScale {
  cv::Point2d centre, f, l;
  double a = 1, b = 1;  // semi-axes along f and along l, photo pixels
};

FrameScale frame_scale(const HeadFrame& head, cv::Size photo) {
  FrameScale s;
  s.f = head.front_dir;
  s.l = head.lateral_dir();
  cv::RotatedRect outline = head.outline;
  if (!head.has_outline())
    outline = cv::RotatedRect(cv::Point2f(static_cast<float>(photo.width) / 2, static_cast<float>(photo.height) / 2),
                              cv::Size2f(0.8f * static_cast<float>(photo.width), 0.9f * static_cast<float>(photo.height)), 0);
  const cv::Point2d o(outline.center.x, outline.center.y);
  s.centre = head.midline_origin + s.f * (o - head.midline_origin).dot(s.f);
  const cv::Vec2d ax = detect::semi_axes_along(outline, s.f);
  s.a = std::max(ax[0], 1.0);
  s.b = std::max(ax[1], 1.0);
  return s;
}

const HalfShape& hairline_shape(const HairLossTemplate& t, ViewKind view) {
  const bool mature = t.scale == HairLossScale::Norwood && clamp_stage(t) >= 5;
  if (view == ViewKind::Front)
    return t.scale == HairLossScale::Ludwig ? kFrontFemale : (mature ? kFrontMature : kFrontMale);
  return t.scale == HairLossScale::Ludwig ? kTopFemale : (mature ? kTopMature : kTopMale);
}

std::vector<cv::Point> to_mask_polygon(const std::vector<cv::Point2d>& pts, cv::Size photo, cv::Size mask) {
  const double sx = static_cast<double>(mask.width) / std::max(photo.width, 1);
  const double sy = static_cast<double>(mask.height) / std::max(photo.height, 1);
  std::vector<cv::Point> out;
  out.reserve(pts.size());
  for (const cv::Point2d& p : pts)
    out.emplace_back(static_cast<int>(std::lround(std::clamp(p.x * sx, -3e4, 3e4))),
                     static_cast<int>(std::lround(std::clamp(p.y * sy, -3e4, 3e4))));
  return out;
}

// Ellipse in the head frame as a photo-space polygon.
std::vector<cv::Point2d> frame_ellipse(cv::Point2d centre, const FrameScale& s, double r_lat, double r_front) {
  std::vector<cv::Point2d> pts;
  for (int i = 0; i < 72; ++i) {
    const double t = i * CV_PI / 36.0;
    pts.push_back(centre + s.l * (r_lat * std::cos(t)) + s.f * (r_front * std::sin(t)));
  }
  return pts;
}

// The zone between the hairline and a recession line `depth(u)` behind it.
std::vector<cv::Point2d> frontal_zone(const std::vector<cv::Point2d>& line, const FrameScale& s, double unit,
                                      double depth_mid, double depth_temple) {
  double u_end = 1e-9;
  for (const cv::Point2d& p : line) u_end = std::max(u_end, std::abs((p - s.centre).dot(s.l)));
  std::vector<cv::Point2d> poly = line;
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    const double u = std::abs((*it - s.centre).dot(s.l)) / u_end;
    const double depth = depth_mid + (depth_temple - depth_mid) * u * u;
    poly.push_back(*it - s.f * (depth * unit));
  }
  return poly;
}

void fill(cv::Mat1b& mask, const std::vector<cv::Point2d>& poly, cv::Size photo) {
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{to_mask_polygon(poly, photo, mask.size())}, cv::Scalar(255));
}

// How far behind its hairline a template's treatment starts, photo px: Ludwig keeps the
// frontal band of hair.
double treatment_start_px(const HairLossTemplate& t, const TemplateParams& params, double px_per_mm) {
  return t.scale == HairLossScale::Ludwig ? params.ludwig_margin_mm * px_per_mm : 0.0;
}

}  // namespace

std::vector<HairLossTemplate> all_hair_loss_templates() {
  std::vector<HairLossTemplate> out;
  for (int n = 1; n <= 7; ++n) out.push_back({HairLossScale::Norwood, n});
  for (int n = 1; n <= 3; ++n) out.push_back({HairLossScale::Ludwig, n});
  return out;
}

std::string template_name(const HairLossTemplate& t) {
  return std::string(t.scale == HairLossScale::Norwood ? "Norwood " : "Ludwig ") + roman(clamp_stage(t));
}

std::string template_description(const HairLossTemplate& t) {
  if (t.scale == HairLossScale::Ludwig) {
    static constexpr const char* kText[] = {
        "mild thinning along the part; frontal hairline kept",
        "wider diffuse thinning of the crown; frontal hairline kept",
        "extensive thinning of the top; frontal hairline kept"};
    return kText[clamp_stage(t) - 1];
  }
  static constexpr const char* kText[] = {
      "no recession; hairline refresh band only (confirm in person)",
      "slight temporal recession",
      "deep temporal recession",
      "frontal loss and a separate crown patch",
      "frontal and crown areas larger, a thin bridge between them; mature hairline",
      "frontal and crown areas joined; mature hairline",
      "only the horseshoe fringe remains; mature hairline"};
  return kText[clamp_stage(t) - 1];
}

std::optional<HairLossTemplate> parse_template_name(std::string_view text) {
  std::string s;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  HairLossTemplate t;
  std::string rest;
  for (auto [prefix, scale] : {std::pair{"norwood", HairLossScale::Norwood}, std::pair{"ludwig", HairLossScale::Ludwig},
                               std::pair{"n", HairLossScale::Norwood}, std::pair{"l", HairLossScale::Ludwig}}) {
    const std::string_view p = prefix;
    if (s.size() > p.size() && s.compare(0, p.size(), p) == 0) {
      t.scale = scale;
      rest = s.substr(p.size());
      break;
    }
  }
  if (rest.empty()) return std::nullopt;
  static constexpr const char* kRomanLower[] = {"i", "ii", "iii", "iv", "v", "vi", "vii"};
  int stage = 0;
  for (int n = 1; n <= 7; ++n)
    if (rest == kRomanLower[n - 1] || rest == std::to_string(n)) stage = n;
  if (stage == 0 || (t.scale == HairLossScale::Ludwig && stage > 3)) return std::nullopt;
  t.stage = stage;
  return t;
}

TemplateGeometry template_geometry(const HairLossTemplate& t, const HeadFrame& head, double px_per_mm, cv::Size photo,
                                   cv::Size mask_size, std::optional<cv::Point2d> anchor, const TemplateParams& params,
                                   const cv::Mat1b& bald) {
  const FrameScale s = frame_scale(head, photo);
  const bool front = head.view == ViewKind::Front;
  const int stage = clamp_stage(t);
  // Lengths along the front axis: the front semi-axis in top views, half the width in front views.
  const double unit_v = front ? s.b : s.a;

  cv::Point2d mid = anchor ? *anchor
                           : (front ? s.centre + s.f * (-s.a + params.front_mid_frontal * s.b)
                                    : s.centre + s.f * (params.top_mid_frontal * s.a));
  if (t.scale == HairLossScale::Norwood && stage >= 5) mid -= s.f * (params.mature_shift_mm * px_per_mm);

  TemplateGeometry g;
  g.hairline.symmetric = true;
  for (const ShapePoint& p : hairline_shape(t, head.view))
    g.hairline.control_points.push_back(mid + s.l * (p.u * s.b) + s.f * (p.v * unit_v));

  HeadFrame frame = head;
  frame.midline_origin = s.centre;  // mirror about the same line the shapes were built on
  const std::vector<cv::Point2d> line = sample_hairline(g.hairline, frame, 16);

  g.treatment = cv::Mat1b(mask_size, uchar{0});
  const cv::Mat1f behind = hairline_signed_distance(g.hairline, frame, photo, mask_size);
  if (t.scale == HairLossScale::Norwood) {
    for (int n = 1; n <= stage; ++n) {
      const NorwoodStage& st = kNorwood[static_cast<std::size_t>(n - 1)];
      cv::Mat1b add(mask_size, uchar{0});
      fill(add, frontal_zone(line, s, unit_v, st.recede_mid, st.recede_temple), photo);
      if (st.top_u > 0)  // front view: the same ellipse seen from the front reaches the top
        fill(add, frame_ellipse(s.centre + s.f * (st.top_centre * s.a), s, (front ? 1.15 : 1.0) * st.top_u * s.b,
                                (front ? 2.0 : st.top_v) * s.a),
             photo);
      if (st.vertex_radius > 0 && !front)
        fill(add, frame_ellipse(s.centre + s.f * (st.vertex_v * s.a), s, st.vertex_radius * s.b, st.vertex_radius * s.a),
             photo);
      g.treatment |= add;
    }
    g.treatment.setTo(0, behind <= 0);  // nothing in front of the new hairline
  } else {
    const LudwigStage& st = kLudwig[static_cast<std::size_t>(stage - 1)];
    if (front) {
      // The top band between the head top and the kept hairline.
      const double band = std::max((mid - (s.centre - s.f * s.a)).dot(s.f), 1.0);
      fill(g.treatment, frame_ellipse(mid - s.f * band, s, (st.ru + 0.15) * s.b, band * (0.4 + st.rv)), photo);
    } else {
      fill(g.treatment, frame_ellipse(s.centre - s.f * (0.05 * s.a), s, st.ru * s.b, st.rv * s.a), photo);
    }
    g.treatment.setTo(0, behind <= treatment_start_px(t, params, px_per_mm));  // the frontal hairline is kept
  }
  cv::Mat1b inside(mask_size, uchar{255});
  if (head.has_outline()) {  // never outside the head
    const cv::RotatedRect& e = head.outline;
    std::vector<cv::Point2d> pts;
    cv::ellipse2Poly(cv::Point2d(e.center.x, e.center.y),
                     cv::Size2d(e.size.width * 0.5 * params.outline_grow, e.size.height * 0.5 * params.outline_grow),
                     static_cast<int>(std::lround(e.angle)), 0, 360, 4, pts);
    inside.setTo(0);
    fill(inside, pts, photo);
    g.treatment &= inside;
  }
  if (!bald.empty() && !front) {  // the bare scalp the shapes reach, as far as the remaining hair
    cv::Mat1b bare;
    cv::resize(bald, bare, mask_size, 0, 0, cv::INTER_NEAREST);
    bare &= inside;
    bare.setTo(0, behind <= treatment_start_px(t, params, px_per_mm));
    g.treatment |= pieces_touching(bare, g.treatment, 0.0);
  }
  return g;
}

void apply_template(Plan& plan, const HairLossTemplate& t, std::optional<cv::Point2d> anchor,
                    const TemplateParams& params) {
  const cv::Size photo(std::max(plan.photo.width, 1), std::max(plan.photo.height, 1));
  const cv::Size mask_size = plan.masks.treatment.empty() ? working_mask_size(photo.width, photo.height)
                                                          : plan.masks.treatment.size();
  TemplateGeometry g =
      template_geometry(t, plan.head, plan.calibration.px_per_mm, photo, mask_size, anchor, params, plan.masks.bald);
  plan.hairline = std::move(g.hairline);
  plan.masks.treatment = std::move(g.treatment);
  plan.template_name = template_name(t);
}

double widest_untreated_bald_mm(const Plan& plan, const HairLossTemplate& t, const TemplateParams& params) {
  if (plan.masks.bald.empty() || plan.masks.treatment.empty() || plan.calibration.px_per_mm <= 0) return 0;
  const cv::Size size = plan.masks.treatment.size();
  const cv::Size photo(std::max(plan.photo.width, 1), std::max(plan.photo.height, 1));
  cv::Mat1b bare;
  cv::resize(plan.masks.bald, bare, size, 0, 0, cv::INTER_NEAREST);
  bare = without(bare, plan.masks.treatment);
  const cv::Mat1f behind = hairline_signed_distance(plan.hairline, plan.head, photo, size);
  bare.setTo(0, behind <= treatment_start_px(t, params, plan.calibration.px_per_mm));
  cv::Mat1f inside;
  cv::distanceTransform(bare, inside, cv::DIST_L2, 3);
  double most = 0;
  cv::minMaxLoc(inside, nullptr, &most);
  const double photo_per_mask = static_cast<double>(photo.width) / size.width;
  return 2 * most * photo_per_mask / plan.calibration.px_per_mm;
}

}  // namespace smp::sim
