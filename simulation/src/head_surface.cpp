#include "smp/sim/head_surface.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp::sim {

namespace {

// The outline ellipse in its own frame: centre, unit axes, semi-axes, dome height.
struct Ellipsoid {
  cv::Point2f centre;
  cv::Point2f u, v;  // unit axes of the outline (u along size.width)
  float a = 1, b = 1, c = 1;
};

Ellipsoid ellipsoid_of(const Plan& plan) {
  const cv::RotatedRect& o = plan.head.outline;
  const float t = o.angle * std::numbers::pi_v<float> / 180.0f;
  Ellipsoid e;
  e.centre = o.center;
  e.u = {std::cos(t), std::sin(t)};
  e.v = {-std::sin(t), std::cos(t)};
  e.a = std::max(o.size.width * 0.5f, 1.0f);
  e.b = std::max(o.size.height * 0.5f, 1.0f);
  e.c = static_cast<float>(plan.params.perspective.dome_ratio) * 0.5f * (e.a + e.b);
  return e;
}

SurfaceTilt tilt_on(const Ellipsoid& e, cv::Point2f p, float min_cos) {
  const cv::Point2f d = p - e.centre;
  const float x = d.dot(e.u), y = d.dot(e.v);
  // Height on the ellipsoid x^2/a^2 + y^2/b^2 + z^2/c^2 = 1; outside the outline: the rim.
  const float r2 = std::min(x * x / (e.a * e.a) + y * y / (e.b * e.b), 1.0f);
  const float z = e.c * std::sqrt(1.0f - r2);
  // Normal = gradient (x/a^2, y/b^2, z/c^2); the camera looks down the z axis.
  const float gx = x / (e.a * e.a), gy = y / (e.b * e.b), gz = z / (e.c * e.c);
  const float g_len = std::sqrt(gx * gx + gy * gy + gz * gz);
  SurfaceTilt t;
  t.cos_tilt = std::max(g_len > 0 ? gz / g_len : 1.0f, min_cos);
  // Foreshortening runs along the image direction of the normal's horizontal part.
  const cv::Point2f radial = e.u * gx + e.v * gy;
  const float r_len = std::sqrt(radial.dot(radial));
  t.radial = r_len > 1e-12f ? radial * (1.0f / r_len) : cv::Point2f(1, 0);
  return t;
}

}  // namespace

bool uses_perspective(const Plan& plan) {
  return plan.params.perspective.enabled && plan.head.view == ViewKind::Top && plan.head.has_outline();
}

SurfaceTilt surface_tilt(const Plan& plan, cv::Point2f photo_pos) {
  if (!uses_perspective(plan)) return {};
  return tilt_on(ellipsoid_of(plan), photo_pos, static_cast<float>(plan.params.perspective.min_cos));
}

cv::Mat1f surface_area_factor(const Plan& plan, cv::Size size) {
  if (!uses_perspective(plan) || size.area() == 0 || plan.photo.width <= 0 || plan.photo.height <= 0) return {};
  const Ellipsoid e = ellipsoid_of(plan);
  const float min_cos = static_cast<float>(plan.params.perspective.min_cos);
  const float sx = static_cast<float>(plan.photo.width) / static_cast<float>(size.width);
  const float sy = static_cast<float>(plan.photo.height) / static_cast<float>(size.height);
  cv::Mat1f out(size);
  for (int y = 0; y < size.height; ++y) {
    float* row = out.ptr<float>(y);
    for (int x = 0; x < size.width; ++x) {
      const cv::Point2f p((static_cast<float>(x) + 0.5f) * sx, (static_cast<float>(y) + 0.5f) * sy);
      row[x] = 1.0f / tilt_on(e, p, min_cos).cos_tilt;
    }
  }
  return out;
}

}  // namespace smp::sim
