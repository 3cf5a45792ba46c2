#include "smp/sim/density_field.hpp"

#include "smp/sim/hair_blend.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/head_surface.hpp"
#include "smp/sim/random.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace smp::sim {

namespace {

float smoothstep01(float x) {
  x = std::clamp(x, 0.0f, 1.0f);
  return x * x * (3.0f - 2.0f * x);
}

cv::Mat1b resized_mask(const cv::Mat1b& mask, cv::Size size) {
  if (mask.empty()) return {};
  if (mask.size() == size) return mask;
  cv::Mat1b out;
  cv::resize(mask, out, size, 0, 0, cv::INTER_LINEAR);
  cv::threshold(out, out, 127, 255, cv::THRESH_BINARY);
  return out;
}

// Smooth value noise in [-1, 1] with features about `wavelength_px` apart, deterministic in seed.
// The boxes of the set pixels of `mask` inside `box`, one per run of columns holding any, runs
// split where at least `gap` empty columns lie between them.
std::vector<cv::Rect> separate_column_runs(const cv::Mat1b& mask, const cv::Rect& box, int gap) {
  cv::Mat1b columns;
  cv::reduce(mask(box), columns, 0, cv::REDUCE_MAX);
  std::vector<cv::Rect> out;
  const auto add_run = [&](int first, int last) {
    const cv::Rect r = cv::boundingRect(mask(box).colRange(first, last + 1));
    out.push_back(r + box.tl() + cv::Point(first, 0));
  };
  int first = -1, last = -1;
  for (int x = 0; x < box.width; ++x) {
    if (!columns(0, x)) continue;
    if (first >= 0 && x - last > gap) {
      add_run(first, last);
      first = -1;
    }
    if (first < 0) first = x;
    last = x;
  }
  if (first >= 0) add_run(first, last);
  return out;
}

cv::Mat1f smooth_noise(cv::Size size, double wavelength_px, std::uint64_t seed) {
  const int gw = std::max(2, static_cast<int>(std::ceil(size.width / std::max(wavelength_px, 1.0))) + 2);
  const int gh = std::max(2, static_cast<int>(std::ceil(size.height / std::max(wavelength_px, 1.0))) + 2);
  cv::Mat1f coarse(gh, gw);
  Rng rng(seed);
  for (int y = 0; y < gh; ++y)
    for (int x = 0; x < gw; ++x) coarse(y, x) = static_cast<float>(rng.uniform(-1.0, 1.0));
  cv::Mat1f fine;
  cv::resize(coarse, fine, size, 0, 0, cv::INTER_CUBIC);
  return fine;
}

}  // namespace

float DensityField::at(cv::Point2f p) const {
  if (density.empty()) return 0.0f;
  const int x = static_cast<int>(p.x * field_per_photo_x());
  const int y = static_cast<int>(p.y * field_per_photo_y());
  if (x < 0 || y < 0 || x >= density.cols || y >= density.rows) return 0.0f;
  return density(y, x);
}

double DensityField::per_px2_at(cv::Point2f p) const {
  const double d = at(p);
  if (d <= 0) return 0;
  double area = 1.0;
  if (!area_factor.empty()) {
    const int x = std::clamp(static_cast<int>(p.x * field_per_photo_x()), 0, area_factor.cols - 1);
    const int y = std::clamp(static_cast<int>(p.y * field_per_photo_y()), 0, area_factor.rows - 1);
    area = area_factor(y, x);
  }
  // impressions/cm^2 -> impressions/mm^2 of scalp -> per mm^2 projected -> per px^2
  return d / 100.0 * area / (px_per_mm * px_per_mm);
}

namespace {

// The band of the line the density reads the term in (ramp behind it, micro dots in front,
// shifted by the waves, whose cubic interpolation may overshoot a little), mm; beyond it the
// density is the same whatever the distance.
double term_band_mm(const PlanParams& p, const DensityFieldParams& fp) {
  const double amp = p.irregularity > 0 && fp.macro_wave_mm > 0 ? fp.macro_wave_mm * p.irregularity : 0.0;
  return std::max(p.transition_mm, fp.micro_zone_mm) + 1.5 * amp + 1.0;
}

}  // namespace

cv::Mat1f hairline_term_mm(const Plan& plan, const DensityFieldParams& fp) {
  const cv::Size photo(plan.photo.width, plan.photo.height);
  if (!plan.hairline.enabled() || plan.masks.treatment.empty() || photo.area() == 0) return {};
  const cv::Size size = plan.masks.treatment.size();
  const double px_per_mm = plan.calibration.px_per_mm;
  const double field_px_per_mm = px_per_mm * 0.5 * (static_cast<double>(size.width) / photo.width +
                                                    static_cast<double>(size.height) / photo.height);
  const PlanParams& p = plan.params;
  const cv::Mat1b in_front = hairline_front_mask(plan.hairline, plan.head, photo, size);
  if (in_front.empty()) return {};
  cv::Mat1f hairline_mm;  // signed distance, > 0 behind the line; +-band beyond the band
  signed_distance_to_front(in_front, photo, size, term_band_mm(p, fp) * px_per_mm)
      .convertTo(hairline_mm, CV_32F, 1.0 / px_per_mm);
  if (!hairline_mm.empty() && p.irregularity > 0 && fp.macro_wave_mm > 0) {
    // Macro-irregularity: shift the line back and forth by a smooth noise.
    const cv::Mat1f wave = smooth_noise(size, fp.macro_wavelength_mm * field_px_per_mm, hash_combine(p.seed, 0x4a11));
    cv::scaleAdd(wave, fp.macro_wave_mm * p.irregularity, hairline_mm, hairline_mm);
  }
  return hairline_mm;
}

cv::Mat1f update_hairline_term_mm(const Plan& before, const cv::Mat1f& before_term, const Plan& plan,
                                  const DensityFieldParams& fp) {
  const cv::Size photo(plan.photo.width, plan.photo.height), size = plan.masks.treatment.size();
  if (before_term.size() != size || before.photo.width != plan.photo.width || before.photo.height != plan.photo.height)
    return hairline_term_mm(plan, fp);
  const cv::Mat1b old_front = hairline_front_mask(before.hairline, before.head, photo, size);
  const cv::Mat1b new_front = hairline_front_mask(plan.hairline, plan.head, photo, size);
  if (old_front.empty() || new_front.empty()) return hairline_term_mm(plan, fp);
  cv::Mat1b moved;
  cv::compare(old_front, new_front, moved, cv::CMP_NE);
  const cv::Rect changed = cv::boundingRect(moved);
  if (changed.empty()) return before_term;  // the term depends on the line only through this mask

  // The density reads the term only within its band of the line.
  const PlanParams& p = plan.params;
  const double px_per_mm = plan.calibration.px_per_mm;
  const double field_px_per_mm = px_per_mm * 0.5 * (static_cast<double>(size.width) / photo.width +
                                                    static_cast<double>(size.height) / photo.height);
  const double amp = p.irregularity > 0 && fp.macro_wave_mm > 0 ? fp.macro_wave_mm * p.irregularity : 0.0;
  const int b = static_cast<int>(std::ceil(term_band_mm(p, fp) * field_px_per_mm)) + 1;
  const auto grow = [&](const cv::Rect& r) {
    return cv::Rect(r.x - b, r.y - b, r.width + 2 * b, r.height + 2 * b) & cv::Rect({0, 0}, size);
  };
  // Outside the windows the term within the band is unchanged; inside one, distances up to
  // the band come from a crop one band wider (their nearest pixel of the other side lies in
  // it). A symmetric line moves on both sides of the head: one window per side, not one
  // across the head.
  // A curved line's moved band is tall over the whole width but thin in each stretch of
  // columns: strips of columns, each with its own rows, keep the crops small.
  std::vector<cv::Rect> parts;
  const int strip = std::max(256, 4 * b);
  for (const cv::Rect& run : separate_column_runs(moved, changed, 4 * b + 2))
    for (int x = run.x; x < run.br().x; x += strip) {
      const cv::Rect cols(x, run.y, std::min(strip, run.br().x - x), run.height);
      const cv::Rect r = cv::boundingRect(moved(cols));
      if (!r.empty()) parts.push_back(r + cols.tl());
    }
  int crop_area = 0;
  for (const cv::Rect& r : parts) crop_area += grow(grow(r)).area();
  if (crop_area > size.area() / 4 * 3) return hairline_term_mm(plan, fp);  // little to save
  const cv::Mat1f wave = amp > 0 ? smooth_noise(size, fp.macro_wavelength_mm * field_px_per_mm, hash_combine(p.seed, 0x4a11))
                                 : cv::Mat1f();
  cv::Mat1f out = before_term.clone();
  for (const cv::Rect& r : parts) {
    const cv::Rect window = grow(r), crop = grow(window);
    const cv::Mat1f signed_px = signed_distance_to_front(new_front(crop), photo, size);
    cv::Mat1f part;
    signed_px(window - crop.tl()).convertTo(part, CV_32F, 1.0 / px_per_mm);
    if (amp > 0) cv::scaleAdd(wave(window), amp, part, part);
    part.copyTo(out(window));
  }
  return out;
}

DensityField build_density_field(const Plan& plan, const DensityFieldParams& fp) {
  return build_density_field(plan, fp, nullptr);
}

namespace {

// Field pixels per mm (the field is the treatment mask's size, which may differ from the photo's).
double field_px_per_mm(const Plan& plan) {
  const cv::Size size = plan.masks.treatment.size();
  return plan.calibration.px_per_mm * 0.5 *
         (static_cast<double>(size.width) / plan.photo.width + static_cast<double>(size.height) / plan.photo.height);
}

cv::Mat1b thresholded_treatment(const Plan& plan) {
  cv::Mat1b treat;
  cv::threshold(plan.masks.treatment, treat, 127, 255, cv::THRESH_BINARY);
  return treat;
}

}  // namespace

cv::Mat1f edge_term_mm(const Plan& plan) {
  const Masks& masks = plan.masks;
  if (masks.treatment.empty() || plan.photo.width <= 0 || plan.photo.height <= 0) return {};
  const cv::Size size = masks.treatment.size();
  cv::Mat1b solid = thresholded_treatment(plan);
  if (!masks.hair.empty()) solid |= resized_mask(masks.hair, size);
  cv::Mat1b padded;  // the photo border is not a mask edge: pad with "inside"
  cv::copyMakeBorder(solid, padded, 1, 1, 1, 1, cv::BORDER_REPLICATE);
  cv::Mat1f d, inside_mm;
  cv::distanceTransform(padded, d, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  d(cv::Rect(1, 1, size.width, size.height)).convertTo(inside_mm, CV_32F, 1.0 / field_px_per_mm(plan));
  return inside_mm;
}

DensityField build_density_field(const Plan& plan, const DensityFieldParams& fp, const cv::Mat1f* reuse_hairline_mm,
                                 const cv::Mat1f* reuse_edge_mm) {
  DensityField field;
  field.photo_size = {plan.photo.width, plan.photo.height};
  field.px_per_mm = plan.calibration.px_per_mm;
  const Masks& masks = plan.masks;
  if (masks.treatment.empty() || field.photo_size.area() == 0) return field;

  const cv::Size size = masks.treatment.size();
  const PlanParams& p = plan.params;

  const cv::Mat1b treat = thresholded_treatment(plan);
  const cv::Mat1f hair_blend = hair_blend_density(plan, treat, field_px_per_mm(plan));
  // Distance inside the treatment area to its edge, for feathering (in mm).
  const cv::Mat1f inside_mm = reuse_edge_mm ? *reuse_edge_mm : edge_term_mm(plan);
  CV_Assert(inside_mm.size() == size);

  const cv::Mat1f hairline_mm = reuse_hairline_mm ? *reuse_hairline_mm : hairline_term_mm(plan, fp);

  const cv::Mat1b scar = resized_mask(masks.scar, size);
  const cv::Mat1b exclusion = resized_mask(masks.exclusion, size);
  const float full = static_cast<float>(p.density_per_cm2);
  const float transition = static_cast<float>(p.transition_mm);
  const float micro = static_cast<float>(fp.micro_fraction * p.irregularity);

  field.density.create(size);
  // Rows on all cores; the largest density per row, then over the rows (exact, any order).
  std::vector<float> row_max(static_cast<std::size_t>(size.height), 0.0f);
  cv::parallel_for_(cv::Range(0, size.height), [&](const cv::Range& rows) {
    for (int y = rows.start; y < rows.end; ++y) {
      float max_d = 0;
      const uchar* t_row = treat.ptr<uchar>(y);
      const float* in_row = inside_mm.ptr<float>(y);
      const float* h_row = hairline_mm.empty() ? nullptr : hairline_mm.ptr<float>(y);
      const uchar* s_row = scar.empty() ? nullptr : scar.ptr<uchar>(y);
      const uchar* e_row = exclusion.empty() ? nullptr : exclusion.ptr<uchar>(y);
      const float* b_row = hair_blend.empty() ? nullptr : hair_blend.ptr<float>(y);
      float* out = field.density.ptr<float>(y);
      for (int x = 0; x < size.width; ++x) {
        float f = 0;
        const bool blend_only = !t_row[x] && b_row && b_row[x] > 0;
        if ((t_row[x] || blend_only) && !(e_row && e_row[x])) {
          f = blend_only ? b_row[x]
                         : static_cast<float>(fp.edge_start_fraction) +
                               (1.0f - static_cast<float>(fp.edge_start_fraction)) *
                                   smoothstep01(in_row[x] / static_cast<float>(fp.edge_feather_mm));
          if (h_row) {
            const float s = h_row[x];
            if (blend_only && s < 0) {
              f = 0;  // no blending into hair in front of the hairline
            } else if (s >= 0) {
              const float ramp = transition > 0 ? smoothstep01(s / transition) : 1.0f;
              f *= static_cast<float>(fp.ramp_start_fraction) +
                   (1.0f - static_cast<float>(fp.ramp_start_fraction)) * ramp;
            } else if (s > -static_cast<float>(fp.micro_zone_mm)) {
              f = micro * std::exp(s / static_cast<float>(fp.micro_falloff_mm));
            } else {
              f = 0;
            }
          }
          if (s_row && s_row[x]) f *= static_cast<float>(p.scar_density_factor);
        }
        out[x] = f * full;
        max_d = std::max(max_d, out[x]);
      }
      row_max[static_cast<std::size_t>(y)] = max_d;
    }
  });
  field.max_density = *std::max_element(row_max.begin(), row_max.end());
  // Density is per cm^2 of scalp surface; on a curved head a photo pixel covers more of it.
  field.area_factor = surface_area_factor(plan, size);
  return field;
}

}  // namespace smp::sim
