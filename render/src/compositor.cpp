#include "smp/render/compositor.hpp"

#include "grain.hpp"
#include "splat.hpp"
#include "smp/sim/fading.hpp"
#include "smp/sim/head_surface.hpp"
#include "smp/sim/needle_cluster.hpp"
#include "smp/sim/pigment_map.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace smp::render {

namespace {

using detail::Splat;

int last_session(std::span<const sim::Impression> impressions, const CompositeOptions& options) {
  int last = 0;
  for (const sim::Impression& imp : impressions) last = std::max<int>(last, imp.session);
  return options.up_to_session > 0 ? std::min(last, options.up_to_session) : last;
}

// Covariance (px^2) of an elliptical touch.
cv::Matx22f covariance(const TouchShape& t) {
  const float c = std::cos(t.angle), s = std::sin(t.angle);
  const float a = t.sigma_major_px * t.sigma_major_px, b = t.sigma_minor_px * t.sigma_minor_px;
  return {c * c * a + s * s * b, c * s * (a - b), c * s * (a - b), s * s * a + c * c * b};
}

// Ein(p) = integral over u >= 0 of 1 - exp(-p e^-u): the darkened area of a Gaussian dot of
// peak optical density p, in units of 2 pi sigma^2.
double ein(double p) {
  if (p > 25.0) return 0.5772156649 + std::log(p);  // + E1(p), below 1e-12 here
  double term = p, sum = p;
  for (int k = 2; k < 120 && std::abs(term) > 1e-12 * sum; ++k) {
    term *= -p * (k - 1) / (static_cast<double>(k) * k);
    sum += term;
  }
  return sum;
}

// Ink that keeps a dot's darkened area when optics widen it from variance s0 to s1 (px^2):
// the camera and the pixel average the light, not the optical density, so a blurred dot must
// grow lighter, not keep its pigment, or it would read darker at lower resolution.
float conserve_darkening(float ink, double s0, double s1) {
  if (ink <= 0 || s0 <= 0 || s1 <= s0) return ink;
  const double tau = 2.0 * std::numbers::pi;
  const double p0 = ink / (tau * s0);
  const double target = ein(p0) * s0 / s1;
  double p = std::min(p0 * s0 / s1, target * 4.0);  // start: same pigment (an upper bound)
  for (int i = 0; i < 30; ++i) {  // Newton on the concave, increasing Ein
    const double f = ein(p) - target;
    const double d = p > 1e-9 ? (1.0 - std::exp(-p)) / p : 1.0;
    const double next = std::max(p - f / d, 0.5 * p);
    if (std::abs(next - p) < 1e-7 * (1.0 + p)) {
      p = next;
      break;
    }
    p = next;
  }
  return static_cast<float>(tau * s1 * p);
}

// Area-equivalent variance (sqrt of the determinant) of a covariance, its axes floored.
double area_variance(const cv::Matx22f& c, float min_sigma) {
  const double a = c(0, 0), b = 0.5 * (c(0, 1) + c(1, 0)), d = c(1, 1);
  const double m = 0.5 * (a + d), r = std::sqrt(0.25 * (a - d) * (a - d) + b * b);
  const double f = static_cast<double>(min_sigma) * min_sigma;
  return std::sqrt(std::max(m + r, f) * std::max(m - r, f));
}

// Every touch of every shown impression, with all per-touch values resolved (the hoisted part
// of compositing: shade, healing, fading, perspective, needle grouping), plus one halo per
// healed impression. `optics_var` (output px^2) is the photo's blur and the pixel's area, in
// the image plane, added to every splat.
std::vector<Splat> prepare_splats(double scale, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                                  const AppearanceParams& params, const CompositeOptions& options, float optics_var) {
  const double px_per_mm = plan.calibration.px_per_mm * scale;
  const sim::PlanParams& pp = plan.params;
  const sim::PigmentMap pigment(plan);
  const int last = last_session(impressions, options);
  TouchInputs in;
  in.needle_diameter_mm = pp.needle.diameter_mm;
  in.depth_mm = pp.pigment.depth_mm;
  if (options.years > 0) in.fade = sim::fade_after_years(options.years, pp.lifestyle, params.fading);
  const float fs = static_cast<float>(scale);
  const float min_sigma = static_cast<float>(params.min_sigma_px);

  std::vector<Splat> out;
  out.reserve(impressions.size() * static_cast<std::size_t>(std::max(pp.needle.points, 1) + 1));
  const cv::Matx22f optics(optics_var, 0, 0, optics_var);
  std::array<cv::Point2f, 9> touches;
  for (const sim::Impression& imp : impressions) {
    if (imp.session > last) continue;
    in.healing = (imp.session == last && options.years <= 0) ? options.latest_healing : 1.0;
    in.dilution_pct = pigment.dilution_at(imp.pos, imp.session);
    in.scar = pigment.scar_at(imp.pos);
    const TouchShape shape = touch_shape(in, px_per_mm, impression_variation(imp.key, params), params);
    // Perspective: the scalp turns away from the camera; compress along the radial direction.
    const sim::SurfaceTilt tilt = sim::surface_tilt(plan, imp.pos);
    const float k = tilt.cos_tilt - 1.0f;
    const cv::Matx22f P(1 + k * tilt.radial.x * tilt.radial.x, k * tilt.radial.x * tilt.radial.y,
                        k * tilt.radial.x * tilt.radial.y, 1 + k * tilt.radial.y * tilt.radial.y);
    const cv::Matx22f own = P * covariance(shape) * P.t();
    const cv::Matx22f cov = own + optics;
    const float ink = conserve_darkening(shape.ink, area_variance(own, 0), area_variance(cov, min_sigma));
    const float fresh = static_cast<float>(1.0 - in.healing);
    const float contraction = static_cast<float>(1.0 + in.healing * (params.healed_cluster_scale - 1.0));
    const std::size_t n = sim::cluster_touches(imp, pp.needle, plan.calibration.px_per_mm, touches);
    cv::Point2f sum(0, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const cv::Vec2f off = P * cv::Vec2f(touches[i].x - imp.pos.x, touches[i].y - imp.pos.y) * contraction;
      const cv::Point2f centre((imp.pos.x + off[0]) * fs, (imp.pos.y + off[1]) * fs);
      out.push_back(detail::make_splat(centre, cov, ink, fresh, min_sigma));
      sum += centre;
    }
    // The grouping's spread pigment merges into one halo around the follicle it imitates.
    if (shape.halo_ink > 0 && n > 0) {
      const float h2 = shape.halo_sigma_px * shape.halo_sigma_px;
      const cv::Matx22f halo_own = P * (covariance(shape) + cv::Matx22f(h2, 0, 0, h2)) * P.t();
      const float halo_ink = conserve_darkening(shape.halo_ink * static_cast<float>(n), area_variance(halo_own, 0),
                                                area_variance(halo_own + optics, min_sigma));
      const float inv_n = 1.0f / static_cast<float>(n);
      out.push_back(detail::make_splat(sum * inv_n, halo_own + optics, halo_ink, 0.0f, min_sigma));
    }
  }
  return out;
}

// Reddening of fresh skin: fresh pigment averaged over a coarse grid, blurred, mapped to 0-1.
cv::Mat1f redness_layer(cv::Size size, double px_per_mm, std::span<const Splat> splats, const AppearanceParams& params) {
  const bool any_fresh = std::any_of(splats.begin(), splats.end(), [](const Splat& s) { return s.fresh > 0; });
  if (!any_fresh || params.redness_gain <= 0) return {};
  const double cell = std::max(1.0, 0.25 * px_per_mm);  // about 0.25 mm per cell
  const cv::Size grid(std::max(1, static_cast<int>(std::ceil(size.width / cell))),
                      std::max(1, static_cast<int>(std::ceil(size.height / cell))));
  cv::Mat1f fresh_ink(grid, 0.0f);
  const float inv = static_cast<float>(1.0 / cell);
  for (const Splat& s : splats) {
    if (s.fresh <= 0) continue;
    const int x = std::clamp(static_cast<int>(s.centre.x * inv), 0, grid.width - 1);
    const int y = std::clamp(static_cast<int>(s.centre.y * inv), 0, grid.height - 1);
    fresh_ink(y, x) += s.ink * s.fresh;
  }
  fresh_ink *= 1.0 / (cell * cell);  // mean OD over the cell
  const double sigma_cells = std::max(0.5, params.redness_radius_mm * px_per_mm / cell);
  cv::GaussianBlur(fresh_ink, fresh_ink, cv::Size(), sigma_cells, sigma_cells, cv::BORDER_REPLICATE);
  cv::Mat1f r;
  cv::exp(fresh_ink * -params.redness_gain, r);
  cv::subtract(1.0, r, r);
  return r;
}

// Pigment lies under the skin: where strands of hair cover it, it does not show. Scales the
// optical density by the visible share of skin (1 - occlusion).
void apply_occlusion(cv::Mat1f& od, const cv::Mat1b& occlusion) {
  if (occlusion.empty() || od.empty()) return;
  cv::Mat1b occ;
  cv::resize(occlusion, occ, od.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat1f visible;
  occ.convertTo(visible, CV_32F, -1.0 / 255, 1.0);
  visible = cv::max(visible, 0.0f);  // 255 must hide all, not leave a rounding residue of the wrong sign
  od = od.mul(visible);
}

}  // namespace

PigmentLayers pigment_layers(cv::Size size, double scale, const sim::Plan& plan,
                             std::span<const sim::Impression> impressions, const PhotoTone& tone,
                             const AppearanceParams& params, const CompositeOptions& options) {
  PigmentLayers layers;
  layers.od = cv::Mat1f(size, 0.0f);
  const float blur = tone.blur_sigma_px * static_cast<float>(scale);
  const float optics_var = blur * blur + static_cast<float>(params.pixel_variance);
  const std::vector<Splat> splats = prepare_splats(scale, plan, impressions, params, options, optics_var);
  std::vector<float> scratch;
  for (const Splat& s : splats) detail::accumulate(layers.od, s, scratch);
  // Dots only a few pixels apart: mean tone plus grain instead of an aliased dot screen.
  const double px_per_mm = plan.calibration.px_per_mm * scale;
  if (plan.params.density_per_cm2 > 0) {
    const double spacing_px = px_per_mm * 10.0 / std::sqrt(plan.params.density_per_cm2);
    detail::unresolved_dots_to_grain(layers.od, spacing_px, blur, plan.params.seed);
  }
  apply_occlusion(layers.od, plan.masks.occlusion);  // strands of hair hide the dots under them
  layers.redness = redness_layer(size, px_per_mm, splats, params);
  double depth = plan.params.pigment.depth_mm;
  if (options.years > 0) depth += sim::fade_after_years(options.years, plan.params.lifestyle, params.fading).extra_depth_mm;
  layers.uniforms = apply_uniforms(depth, tone, params);
  return layers;
}

cv::Mat1f pigment_layer(cv::Size size, double scale, const sim::Plan& plan,
                        std::span<const sim::Impression> impressions, const AppearanceParams& params,
                        const CompositeOptions& options) {
  return pigment_layers(size, scale, plan, impressions, PhotoTone{}, params, options).od;
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const PigmentLayers& layers) {
  CV_Assert(photo.size() == layers.od.size());
  cv::Mat1f redness;
  if (!layers.redness.empty()) cv::resize(layers.redness, redness, photo.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat3b out(photo.size());
  const ApplyUniforms& u = layers.uniforms;
  cv::parallel_for_(cv::Range(0, photo.rows), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      const cv::Vec3b* in = photo.ptr<cv::Vec3b>(y);
      const float* d = layers.od.ptr<float>(y);
      const float* r = redness.empty() ? nullptr : redness.ptr<float>(y);
      cv::Vec3b* o = out.ptr<cv::Vec3b>(y);
      for (int x = 0; x < photo.cols; ++x) {
        const float red = r ? r[x] : 0.0f;
        if (d[x] <= 1e-4f && red <= 1e-3f) {
          o[x] = in[x];
          continue;
        }
        const cv::Vec3f v = apply_formula(cv::Vec3f(in[x][0], in[x][1], in[x][2]), d[x], red, u);
        o[x] = cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
      }
    }
  });
  return out;
}

cv::Mat3b apply_pigment(const cv::Mat3b& photo, const cv::Mat1f& od, const AppearanceParams& params) {
  PigmentLayers layers;
  layers.od = od;
  layers.uniforms = apply_uniforms(sim::Pigment{}.depth_mm, estimate_photo_tone(photo), params);
  return apply_pigment(photo, layers);
}

cv::Mat3b composite(const cv::Mat3b& photo, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options) {
  const PhotoTone tone = estimate_plan_tone(photo, plan);
  return apply_pigment(photo, pigment_layers(photo.size(), 1.0, plan, impressions, tone, params, options));
}

}  // namespace smp::render
