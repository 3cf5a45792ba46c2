#include "pigment_splats.hpp"

#include "smp/sim/fading.hpp"
#include "smp/sim/head_surface.hpp"
#include "smp/sim/needle_cluster.hpp"
#include "smp/sim/pigment_map.hpp"
#include "smp/sim/random.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>

namespace smp::render::detail {

namespace {

// Covariance (px^2) of an elliptical touch.
cv::Matx22f covariance(const TouchShape& t) {
  const float c = std::cos(t.angle), s = std::sin(t.angle);
  const float a = t.sigma_major_px * t.sigma_major_px, b = t.sigma_minor_px * t.sigma_minor_px;
  return {c * c * a + s * s * b, c * s * (a - b), c * s * (a - b), s * s * a + c * c * b};
}

// Ein(p) = integral over u >= 0 of 1 - exp(-p e^-u): the darkened area of a Gaussian dot of
// peak optical density p, in units of 2 pi sigma^2.
constexpr double kEulerGamma = 0.5772156649015329;
constexpr int kEinTerms = 120;
// (k - 1) / k^2, the ratio of successive terms of the series over -p, without a division.
constexpr std::array<double, kEinTerms> kEinRatio = [] {
  std::array<double, kEinTerms> r{};
  for (int k = 2; k < kEinTerms; ++k) r[static_cast<std::size_t>(k)] = (k - 1.0) / (static_cast<double>(k) * k);
  return r;
}();

double ein_series(double p) {
  double term = p, sum = p;
  for (int k = 2; k < kEinTerms && std::abs(term) > 1e-12 * sum; ++k) {
    term *= -p * kEinRatio[static_cast<std::size_t>(k)];
    sum += term;
  }
  return sum;
}

// Ein's slope, (1 - e^-p) / p (1 at 0).
double ein_slope(double p) { return p > 1e-9 ? -std::expm1(-p) / p : 1.0; }

// A smooth increasing function from its values and slopes at nodes `step` apart from 0,
// cubic Hermite between them.
struct HermiteTable {
  static constexpr int kNodes = 4096;
  double step = 1;
  std::array<double, kNodes + 1> value{}, slope{};

  double operator()(double arg) const {  // arg in [0, kNodes * step]
    const double x = arg / step;
    const int i = std::min(static_cast<int>(x), kNodes - 1);
    const double t = x - i, t2 = t * t, t3 = t2 * t;
    const auto at = static_cast<std::size_t>(i);
    return (2 * t3 - 3 * t2 + 1) * value[at] + (t3 - 2 * t2 + t) * step * slope[at] + (3 * t2 - 2 * t3) * value[at + 1] +
           (t3 - t2) * step * slope[at + 1];
  }
};

// Ein below 25 from a table: within about 1e-11 of the series at a fraction of its cost (the
// compositor asks for it several times per impression).
constexpr double kEinTableMax = 25.0;

HermiteTable make_ein_table() {
  HermiteTable t;
  t.step = kEinTableMax / HermiteTable::kNodes;
  for (int i = 0; i <= HermiteTable::kNodes; ++i) {
    const double p = t.step * i;
    t.value[static_cast<std::size_t>(i)] = ein_series(p);
    t.slope[static_cast<std::size_t>(i)] = ein_slope(p);
  }
  return t;
}

double ein(double p) {
  if (p > kEinTableMax) return kEulerGamma + std::log(p);  // + E1(p), below 1e-12 here
  static const HermiteTable table = make_ein_table();
  return table(std::max(p, 0.0));
}

// The inverse of Ein, from a table over Ein's values below Ein(25) (nodes found by Newton on
// the table above once; slopes 1 / Ein'(p)): within 5e-8 (relative) of that table's inverse,
// below the Newton steps' own tolerance that it replaces (the series near p = 25 carries
// rounding of that order). Above it Ein(p) = gamma + ln p, so p = e^(y - gamma).
class EinInverse {
 public:
  EinInverse() : max_(ein(kEinTableMax)) {
    table_.step = max_ / HermiteTable::kNodes;
    double p = 0;
    for (int i = 0; i <= HermiteTable::kNodes; ++i) {
      const double y = table_.step * i;
      for (int k = 0; k < 60; ++k) {  // Newton from the previous node: Ein is increasing and concave
        const double next = std::max(p - (ein(p) - y) / ein_slope(p), 0.5 * p);
        const bool done = std::abs(next - p) <= 1e-15 * (1.0 + p);
        p = next;
        if (done) break;
      }
      table_.value[static_cast<std::size_t>(i)] = p;
      table_.slope[static_cast<std::size_t>(i)] = 1.0 / ein_slope(p);
    }
  }
  double operator()(double y) const { return y >= max_ ? std::exp(y - kEulerGamma) : table_(std::max(y, 0.0)); }

 private:
  double max_;
  HermiteTable table_;
};

// Ink that keeps a dot's darkened area when optics widen it from variance s0 to s1 (px^2):
// the camera and the pixel average the light, not the optical density, so a blurred dot must
// grow lighter, not keep its pigment, or it would read darker at lower resolution.
float conserve_darkening(float ink, double s0, double s1) {
  if (ink <= 0 || s0 <= 0 || s1 <= s0) return ink;
  const double tau = 2.0 * std::numbers::pi;
  static const EinInverse ein_inverse;
  const double p = ein_inverse(ein(ink / (tau * s0)) * s0 / s1);
  return static_cast<float>(tau * s1 * p);
}

// Area-equivalent variance (sqrt of the determinant) of a covariance, its axes floored.
double area_variance(const cv::Matx22f& c, float min_sigma) {
  const double a = c(0, 0), b = 0.5 * (c(0, 1) + c(1, 0)), d = c(1, 1);
  const double m = 0.5 * (a + d), r = std::sqrt(0.25 * (a - d) * (a - d) + b * b);
  const double f = static_cast<double>(min_sigma) * min_sigma;
  return std::sqrt(std::max(m + r, f) * std::max(m - r, f));
}

// The ink a splat draws: undiluted ink scaled by the shade's concentration, then conserved
// through the optics. The first pass and a shade-only re-ink both come here, so they agree bit
// for bit.
float shaded_ink(const SplatInk& k, double concentration) {
  return conserve_darkening(static_cast<float>(k.undiluted * concentration), k.own_var, k.seen_var);
}

double concentration_of(const sim::PigmentMap& pigment, const sim::Impression& imp) {
  return pigment_concentration(pigment.dilution_at(imp.pos, imp.session));
}

// Appends the kept splats of old impression `o` to `block` as those of impression `now`,
// with the ink of concentration `conc`.
void copy_kept(const KeptSplats& kept, std::uint32_t o, std::uint32_t now, double conc, bool keep_inks, SplatBlock& block) {
  const std::span<const Splat> splats = kept.splats(o);
  const std::span<const SplatInk> inks = kept.inks(o);
  const SplatInk* previous = nullptr;  // a grouping's touches share one record's values
  float ink = 0;
  for (std::size_t i = 0; i < splats.size(); ++i) {
    const SplatInk& k = inks[i];
    if (!previous || k.undiluted != previous->undiluted || k.own_var != previous->own_var || k.seen_var != previous->seen_var)
      ink = shaded_ink(k, conc);
    previous = &k;
    block.splats.push_back(splats[i]);
    block.splats.back().ink = ink;
    if (keep_inks) {
      block.inks.push_back(k);
      block.inks.back().impression = now;
    }
  }
}

// The splats of `impressions` (numbered from `first`) appended to `block`, in order; their
// ink records too when `keep_inks`. Impressions found in `kept` take their splats from it.
void prepare_range(double scale, const sim::Plan& plan, const sim::PigmentMap& pigment,
                   std::span<const sim::Impression> impressions, std::uint32_t first, const AppearanceParams& params,
                   const CompositeOptions& options, const OpticsVariance& optics_var, int last, bool keep_inks, const KeptSplats* kept,
                   SplatBlock& block) {
  const double px_per_mm = plan.calibration.px_per_mm * scale;
  const sim::PlanParams& pp = plan.params;
  TouchInputs in;
  in.needle_diameter_mm = pp.needle.diameter_mm;
  in.depth_mm = pp.pigment.depth_mm;
  in.dilution_pct = 0;  // undiluted: the shade scales the ink afterwards (shaded_ink)
  if (options.years > 0) in.fade = sim::fade_after_years(options.years, pp.lifestyle, params.fading);
  const float fs = static_cast<float>(scale);
  const float min_sigma = static_cast<float>(params.min_sigma_px);

  const std::size_t per_impression = static_cast<std::size_t>(std::max(pp.needle.points, 1) + 1);
  block.splats.reserve(impressions.size() * per_impression);
  if (keep_inks) block.inks.reserve(impressions.size() * per_impression);
  const auto push = [&](cv::Point2f centre, const cv::Matx22f& cov, const SplatInk& k, float ink, float fresh) {
    block.splats.push_back(detail::make_splat(centre, cov, ink, fresh, min_sigma));
    if (keep_inks) block.inks.push_back(k);
  };
  std::array<cv::Point2f, 9> touches;
  std::uint32_t next_kept = 0;  // where the impression after the last one found was
  for (std::uint32_t at = 0; at < impressions.size(); ++at) {
    const sim::Impression& imp = impressions[at];
    if (imp.session > last) continue;
    const double conc = concentration_of(pigment, imp);
    if (const auto o = kept ? kept->find(imp, next_kept) : std::nullopt) {  // drawn before: its splats, re-inked
      next_kept = *o + 1;
      copy_kept(*kept, *o, first + at, conc, keep_inks, block);
      ++block.kept;
      continue;
    }
    in.healing = (imp.session == last && options.years <= 0) ? options.latest_healing : 1.0;
    in.scar = pigment.scar_at(imp.pos);
    const TouchShape shape = touch_shape(in, px_per_mm, impression_variation(imp.key, params), params);
    // Perspective: the scalp turns away from the camera; compress along the radial direction.
    const sim::SurfaceTilt tilt = sim::surface_tilt(plan, imp.pos);
    const float k = tilt.cos_tilt - 1.0f;
    const cv::Matx22f P(1 + k * tilt.radial.x * tilt.radial.x, k * tilt.radial.x * tilt.radial.y,
                        k * tilt.radial.x * tilt.radial.y, 1 + k * tilt.radial.y * tilt.radial.y);
    const float seen = optics_var.at(imp.pos);
    const cv::Matx22f optics(seen, 0, 0, seen);
    const cv::Matx22f own = P * covariance(shape) * P.t();
    const cv::Matx22f cov = own + optics;
    const SplatInk touch_ink{shape.ink, static_cast<float>(area_variance(own, 0)),
                             static_cast<float>(area_variance(cov, min_sigma)), first + at};
    const float ink = shaded_ink(touch_ink, conc);  // the same for every touch of the grouping
    const float fresh = static_cast<float>(1.0 - in.healing);
    const float contraction = static_cast<float>(1.0 + in.healing * (params.healed_cluster_scale - 1.0));
    const std::size_t n = sim::cluster_touches(imp, pp.needle, plan.calibration.px_per_mm, touches);
    cv::Point2f sum(0, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const cv::Vec2f off = P * cv::Vec2f(touches[i].x - imp.pos.x, touches[i].y - imp.pos.y) * contraction;
      const cv::Point2f centre((imp.pos.x + off[0]) * fs, (imp.pos.y + off[1]) * fs);
      push(centre, cov, touch_ink, ink, fresh);
      sum += centre;
    }
    // The grouping's spread pigment merges into one halo around the follicle it imitates.
    if (shape.halo_ink > 0 && n > 0) {
      const float h2 = shape.halo_sigma_px * shape.halo_sigma_px;
      const cv::Matx22f halo_own = P * (covariance(shape) + cv::Matx22f(h2, 0, 0, h2)) * P.t();
      const SplatInk halo_ink{shape.halo_ink * static_cast<float>(n), static_cast<float>(area_variance(halo_own, 0)),
                              static_cast<float>(area_variance(halo_own + optics, min_sigma)), first + at};
      const float inv_n = 1.0f / static_cast<float>(n);
      push(sum * inv_n, halo_own + optics, halo_ink, shaded_ink(halo_ink, conc), 0.0f);
    }
  }
}

}  // namespace

int last_shown_session(std::span<const sim::Impression> impressions, const CompositeOptions& options) {
  int last = 0;
  for (const sim::Impression& imp : impressions) last = std::max<int>(last, imp.session);
  return options.up_to_session > 0 ? std::min(last, options.up_to_session) : last;
}

KeptSplats::KeptSplats(std::span<const sim::Impression> impressions, std::span<const Splat> splats,
                       std::span<const SplatInk> inks)
    : impressions_(impressions), splats_(splats), inks_(inks) {
  CV_Assert(splats.size() == inks.size());
  // Each impression's splats are contiguous and in impression order.
  first_.assign(impressions.size() + 1, static_cast<std::uint32_t>(splats.size()));
  for (std::size_t i = inks.size(); i-- > 0;) first_[inks[i].impression] = static_cast<std::uint32_t>(i);
  for (std::size_t o = impressions.size(); o-- > 0;) first_[o] = std::min(first_[o], first_[o + 1]);
  // Open addressing on the impression key (keys may repeat: a hit is checked in full).
  std::size_t slots = 16;
  while (slots < 2 * impressions.size()) slots *= 2;
  table_.assign(slots, 0);
  for (std::uint32_t o = 0; o < impressions.size(); ++o) {
    std::size_t at = slot_of(impressions[o].key);
    while (table_[at]) at = (at + 1) & (table_.size() - 1);
    table_[at] = o + 1;
  }
}

std::size_t KeptSplats::slot_of(std::uint32_t key) const {
  return static_cast<std::size_t>(sim::mix64(key)) & (table_.size() - 1);
}

std::optional<std::uint32_t> KeptSplats::find(const sim::Impression& imp, std::uint32_t hint) const {
  if (hint < impressions_.size() && impressions_[hint] == imp) return hint;
  if (table_.empty()) return std::nullopt;
  for (std::size_t at = slot_of(imp.key); table_[at]; at = (at + 1) & (table_.size() - 1))
    if (impressions_[table_[at] - 1] == imp) return table_[at] - 1;
  return std::nullopt;
}

OpticsVariance::OpticsVariance(const PhotoTone& tone, double scale, const AppearanceParams& params)
    : uniform_blur_(tone.blur_sigma_px), scale_(static_cast<float>(scale)),
      pixel_var_(static_cast<float>(params.pixel_variance)), field_(tone.blur_field) {}

float OpticsVariance::at(cv::Point2f photo_px) const {
  const float blur = (field_.empty() ? uniform_blur_ : field_.at(photo_px, uniform_blur_)) * scale_;
  return blur * blur + pixel_var_;
}

std::size_t prepare_splats(double scale, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options, const OpticsVariance& optics_var,
                    std::vector<Splat>& out, std::vector<SplatBlock>& parts, std::vector<SplatInk>* inks,
                    const KeptSplats* kept) {
  const sim::PigmentMap pigment(plan);
  const int last = last_shown_session(impressions, options);
  // Fixed blocks, concatenated in order: the same splats in the same order for any thread count.
  constexpr std::size_t kBlock = 4096;
  const std::size_t blocks = (impressions.size() + kBlock - 1) / kBlock;
  if (parts.size() < blocks) parts.resize(blocks);
  cv::parallel_for_(cv::Range(0, static_cast<int>(blocks)), [&](const cv::Range& r) {
    for (int b = r.start; b < r.end; ++b) {
      const std::size_t first = static_cast<std::size_t>(b) * kBlock;
      const auto part = impressions.subspan(first, std::min(kBlock, impressions.size() - first));
      SplatBlock& into = parts[static_cast<std::size_t>(b)];
      into.splats.clear();
      into.inks.clear();
      into.kept = 0;
      prepare_range(scale, plan, pigment, part, static_cast<std::uint32_t>(first), params, options, optics_var, last,
                    inks != nullptr, kept, into);
    }
  });
  std::size_t total = 0, kept_total = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    total += parts[b].splats.size();
    kept_total += parts[b].kept;
  }
  out.clear();
  out.reserve(total);
  for (std::size_t b = 0; b < blocks; ++b) out.insert(out.end(), parts[b].splats.begin(), parts[b].splats.end());
  if (inks) {
    inks->clear();
    inks->reserve(total);
    for (std::size_t b = 0; b < blocks; ++b) inks->insert(inks->end(), parts[b].inks.begin(), parts[b].inks.end());
  }
  return kept_total;
}

void reink_splats(const sim::Plan& plan, std::span<const sim::Impression> impressions, std::span<const SplatInk> inks,
                  std::span<Splat> splats, std::vector<double>& concentration) {
  CV_Assert(inks.size() == splats.size());
  const sim::PigmentMap pigment(plan);
  concentration.resize(impressions.size());
  cv::parallel_for_(cv::Range(0, static_cast<int>(impressions.size())), [&](const cv::Range& r) {
    for (int i = r.start; i < r.end; ++i)
      concentration[static_cast<std::size_t>(i)] = concentration_of(pigment, impressions[static_cast<std::size_t>(i)]);
  });
  cv::parallel_for_(cv::Range(0, static_cast<int>(splats.size())), [&](const cv::Range& r) {
    const SplatInk* previous = nullptr;  // a grouping's touches share one record's values
    float ink = 0;
    for (int i = r.start; i < r.end; ++i) {
      const SplatInk& k = inks[static_cast<std::size_t>(i)];
      if (!previous || k.impression != previous->impression || k.undiluted != previous->undiluted ||
          k.own_var != previous->own_var || k.seen_var != previous->seen_var)
        ink = shaded_ink(k, concentration[k.impression]);
      previous = &k;
      splats[static_cast<std::size_t>(i)].ink = ink;
    }
  });
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

double pigment_depth_mm(const sim::Plan& plan, const AppearanceParams& params, const CompositeOptions& options) {
  double depth = plan.params.pigment.depth_mm;
  if (options.years > 0) depth += sim::fade_after_years(options.years, plan.params.lifestyle, params.fading).extra_depth_mm;
  return depth;
}

double dot_spacing_px(const sim::Plan& plan, double scale) {
  if (plan.params.density_per_cm2 <= 0) return 0;
  return plan.calibration.px_per_mm * scale * 10.0 / std::sqrt(plan.params.density_per_cm2);
}

}  // namespace smp::render::detail
