// render_buzz: the photo with the client's remaining hair clipped (see buzz.hpp).

#include "smp/render/buzz.hpp"
#include "smp/sim/mask_ops.hpp"

#include "buzz_background.hpp"
#include "buzz_fill_tone.hpp"
#include "buzz_hair_edge.hpp"
#include "buzz_silhouette.hpp"
#include "buzz_stubble.hpp"
#include "grain.hpp"
#include "work_maps.hpp"
#include "smp/render/photo_optics.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

using detail::luma;
using detail::onto_photo;
using detail::pull_push;
using sim::dilated;
using sim::either;

// The background fill comes from beyond a margin around the head, but the pixels just outside
// the area it is drawn on (`drawn`) stay as photographed, with the faint haze of fine hairs and
// the head's shadow on the wall. Left alone, the fill meets them with a step: a light ghost of
// the hair's outline. The fill is shifted to meet the kept pixels at the edge, the shift fading
// inward, wherever the background shows (`shows` > 0: the drawn area, the soft silhouette
// reaching into the head, and the feather's pixel or two beyond the drawn area, on the ring,
// the wall past it and the edge of an ear, where the shifted fill is the kept pixel or close
// to it), so the background continues without an edge.
void match_kept_edge(const cv::Mat3b& img, const cv::Mat1b& drawn, const cv::Mat1b& head_all, const cv::Mat1f& shows,
                     double ppm_w, const BuzzLookParams& look, cv::Mat3b& background) {
  CV_Assert(img.size() == background.size() && drawn.size() == background.size() && shows.size() == background.size());
  cv::Mat1b ring = dilated(drawn, 2);
  ring.setTo(0, drawn);
  ring.setTo(0, head_all);
  if (cv::countNonZero(ring) == 0) return;
  cv::Mat3f offset(img.size(), cv::Vec3f(0, 0, 0));
  cv::Mat3f img_f, bg_f;
  img.convertTo(img_f, CV_32F);
  background.convertTo(bg_f, CV_32F);
  cv::subtract(img_f, bg_f, offset, ring);
  cv::Mat1f ring_w;
  ring.convertTo(ring_w, CV_32F, 1.0 / 255);
  const cv::Mat3f shift = pull_push(offset, ring_w);
  cv::Mat1b not_ring;
  cv::bitwise_not(ring, not_ring);
  cv::Mat1f to_ring;
  cv::distanceTransform(not_ring, to_ring, cv::DIST_L2, 3);
  const float reach = static_cast<float>(std::max(1.0, look.background_margin_mm * ppm_w));
  for (int y = 0; y < background.rows; ++y)
    for (int x = 0; x < background.cols; ++x)
      if (shows(y, x) > 0) {  // on the ring itself: the kept pixel exactly
        const cv::Vec3f v = cv::Vec3f(background(y, x)) + shift(y, x) * std::exp(-to_ring(y, x) / reach);
        background(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
      }
}

}  // namespace

BuzzImage render_buzz(const cv::Mat3b& photo, const sim::Plan& plan, const BuzzLookParams& look,
                      const sim::BuzzDecisionParams& decide) {
  return render_buzz(photo, plan, sim::plan_buzz(photo, plan, decide), look);
}

BuzzImage render_buzz(const cv::Mat3b& photo, const sim::Plan& plan, const sim::BuzzRegions& r, const BuzzLookParams& look) {
  BuzzImage out;
  out.image = detail::copied_in_bands(photo);
  out.changed = detail::filled_in_bands(photo.size(), uchar{0});
  out.refusal = r.refusal;
  out.warnings = r.warnings;
  if (r.empty()) return out;
  const double ppm_w = plan.calibration.px_per_mm * r.work_per_photo;
  // The photo at the work size, as the regions were decided on it (reduced again when they
  // come without it).
  cv::Mat3b img = r.work_image;
  if (img.size() != r.work) cv::resize(photo, img, r.work, 0, 0, cv::INTER_AREA);
  cv::Mat1b grey_img;
  cv::cvtColor(img, grey_img, cv::COLOR_BGR2GRAY);
  // Clipped: the dense hair (`clip`) and the sparse strands over visible skin (`sparse`), where
  // the skin between the strands is known.
  const cv::Mat1b clip_all = r.sparse.empty() ? r.clip : either(r.clip, r.sparse);
  // The photo's blur and grain around the head: the stubble and the hair's soft edge follow them.
  const PhotoOptics optics = estimate_photo_optics(
      photo, detail::photo_rect(cv::boundingRect(either(clip_all, r.uncover)), r.work_per_photo, photo.size(), 2));
  // The skin the hair's edge is mixed into gives the scalp its colour without that edge: the
  // skin of the head that stays (not the ears kept as photographed, the marks the plan excludes,
  // nor the background's side), measured in work px.
  cv::Mat1b head_skin = r.head_after.clone();
  if (!r.kept_skin.empty()) head_skin.setTo(0, r.kept_skin);
  head_skin.setTo(0, r.uncover);
  if (!plan.masks.exclusion.empty()) {
    cv::Mat1b excluded;
    cv::resize(plan.masks.exclusion, excluded, r.work, 0, 0, cv::INTER_LINEAR);
    head_skin.setTo(0, excluded > 127);  // as the buzz's decision scales it
  }
  detail::HairEdgeParams edge_params;
  edge_params.margin_px = r.work_per_photo + look.edge_feather_px;  // a photo px and the clip's feather
  edge_params.blur_sigma_px = std::max(optics.blur_sigma_px, 0.5) * r.work_per_photo;
  edge_params.noise_levels = std::max(optics.noise_sigma, 1.0);
  const detail::HairEdge hair_edge = detail::hair_edge(img, clip_all, head_skin, edge_params);
  cv::Mat3b skin_src = img.clone();
  detail::take_out_hair_edge(img, skin_src, cv::Rect(cv::Point(0, 0), img.size()), hair_edge, 1.0, r.hair_bgr, edge_params);
  if (!r.sparse.empty()) r.sparse_skin.copyTo(skin_src, r.sparse);
  cv::Mat1b grey_skin_src;  // the skin beside the hair without the hair's edge
  cv::cvtColor(skin_src, grey_skin_src, cv::COLOR_BGR2GRAY);

  // The head's shading toward its outline, divided out of the known skin and put back after
  // the fill, so the new scalp darkens toward the new outline like a dome.
  cv::Mat1f to_edge, limb(r.work);
  cv::distanceTransform(r.head_after, to_edge, cv::DIST_L2, 3);
  for (int y = 0; y < limb.rows; ++y)
    for (int x = 0; x < limb.cols; ++x)
      limb(y, x) = static_cast<float>(1.0 - look.limb_darkening * std::exp(-to_edge(y, x) / (look.limb_mm * ppm_w)));
  cv::Mat3f albedo;
  skin_src.convertTo(albedo, CV_32F);
  for (int y = 0; y < limb.rows; ++y)
    for (int x = 0; x < limb.cols; ++x) albedo(y, x) /= limb(y, x);
  // The scalp: the skin's own colour, plus the variation of the skin next to it fading with the
  // distance from it (far from any skin, the skin's mean colour under the head's shading).
  cv::Mat1b known8 = r.sparse.empty() ? r.skin_known.clone() : either(r.skin_known, r.sparse);
  {  // against the mean of that skin itself, shade included (the lit half the scalp's colour
     // comes from would put the head's shaded side with the strands)
    cv::Mat1b shadowed;
    cv::compare(grey_skin_src, look.min_known_luma_share * cv::mean(grey_skin_src, known8)[0], shadowed, cv::CMP_LT);
    known8.setTo(0, shadowed);
  }
  cv::Mat1f known, to_known;
  known8.convertTo(known, CV_32F, 1.0 / 255);
  cv::Mat1b unknown;
  cv::bitwise_not(known8, unknown);
  cv::distanceTransform(unknown, to_known, cv::DIST_L2, 3);
  cv::Mat3f deviation;
  cv::subtract(albedo, cv::Scalar(r.skin_bgr[0], r.skin_bgr[1], r.skin_bgr[2]), deviation);
  cv::Mat3f skin = pull_push(deviation, known);
  const double reach = look.skin_reach_mm * ppm_w;
  cv::Mat1f near(limb.size());  // the weight the known skin's variation keeps, by distance
  for (int y = 0; y < limb.rows; ++y)
    for (int x = 0; x < limb.cols; ++x) {
      near(y, x) = static_cast<float>(std::exp(-to_known(y, x) / reach));
      skin(y, x) = (r.skin_bgr + skin(y, x) * near(y, x)) * limb(y, x);
    }
  detail::shade_fill_like_the_hair(skin, grey_img, r.clip, near, look.hair_light_sigma_mm * ppm_w,
                                   look.hair_light_strength, look.hair_light_max_change);
  detail::cap_fill_to_adjacent_skin(skin, grey_skin_src, r.clip, r.skin_known, near, look.adjacent_skin_band_mm * ppm_w,
                                    look.max_fill_darkening);

  // The background behind the hair volume, filled from the background around the head.
  // The head and the skin kept beside it (ears): never background.
  const cv::Mat1b head_all = r.kept_skin.empty() ? either(r.head_after, r.uncover)
                                                 : either(either(r.head_after, r.uncover), r.kept_skin);
  cv::Mat1b uncover_in = r.uncover.clone();
  cv::Mat3b background;
  cv::Mat1b bg_sample;  // work size
  if (cv::countNonZero(r.uncover) > 0) {
    const double g = std::min(1.0, static_cast<double>(look.background_max_side) / std::max(r.work.width, r.work.height));
    cv::Mat3b small;
    cv::Mat1b hole;
    cv::resize(img, small, cv::Size(), g, g, cv::INTER_AREA);
    // Wisps of hair reach past the head's outline: the fill starts a margin away from it.
    const int margin = std::max(2, static_cast<int>(std::lround(look.background_margin_mm * ppm_w)));
    cv::resize(dilated(head_all, margin), hole, small.size(), 0, 0, cv::INTER_NEAREST);
    // The background the fill continues, where its grain is measured.
    bg_sample = dilated(head_all, margin + std::max(2, margin / 2));
    bg_sample.setTo(0, dilated(head_all, margin));
    cv::Mat3f smallf;
    small.convertTo(smallf, CV_32F);
    cv::Mat1f bg_known;
    cv::Mat1b outside;
    cv::bitwise_not(hole, outside);
    outside.convertTo(bg_known, CV_32F, 1.0 / 255);
    // The trend is fitted to the background around the removed hair, out to background_trend_mm
    // (a distance, not a dilation: a disc this wide costs a second on a large head).
    cv::Mat1b trend_band;
    const double trend_reach = margin + std::max(2.0, look.background_trend_mm * ppm_w);
    cv::resize(sim::within_reach(r.uncover, trend_reach, cv::DIST_MASK_PRECISE), trend_band, small.size(), 0, 0,
               cv::INTER_NEAREST);
    trend_band.setTo(0, hole);
    const cv::Mat3f filled_small = detail::fill_background(smallf, bg_known, trend_band);
    cv::Mat3f filled;
    cv::resize(filled_small, filled, r.work, 0, 0, cv::INTER_LINEAR);
    filled.convertTo(background, CV_8U);
    // Busy: the background around the removed hair is far from smooth (against the nearest
    // pixels spread, which keep the ring as photographed; the trend's fill sets part of it aside).
    cv::Mat1b ring;
    cv::resize(dilated(r.uncover, std::max(2, static_cast<int>(10 * ppm_w))), ring, small.size(), 0, 0, cv::INTER_NEAREST);
    ring.setTo(0, hole);
    cv::Mat3b filled8;
    pull_push(smallf, bg_known).convertTo(filled8, CV_8U);
    cv::Mat1b grey_small, grey_fill;
    cv::cvtColor(small, grey_small, cv::COLOR_BGR2GRAY);
    cv::cvtColor(filled8, grey_fill, cv::COLOR_BGR2GRAY);
    const double smooth_sigma = std::max(1.0, 5 * ppm_w * g);
    cv::GaussianBlur(grey_fill, grey_fill, cv::Size(), smooth_sigma, smooth_sigma, cv::BORDER_REPLICATE);
    cv::Mat1f residual;
    cv::subtract(grey_small, grey_fill, residual, cv::noArray(), CV_32F);
    cv::Scalar mean, sd;
    cv::meanStdDev(residual, mean, sd, ring);
    if (sd[0] > look.busy_background_sigma)
      out.warnings.push_back("buzz preview: the background behind the removed hair is busy, so its fill is approximate");
    // Wisps of the removed hair outside the head's outline go too: pixels beside it that the
    // background fill does not explain.
    cv::Mat1b grey_bg, off, wisps;
    cv::cvtColor(background, grey_bg, cv::COLOR_BGR2GRAY);
    cv::absdiff(grey_img, grey_bg, off);
    cv::compare(off, look.wisp_levels, wisps, cv::CMP_GT);
    cv::Mat1b beside = dilated(r.uncover, margin);
    beside.setTo(0, head_all);
    cv::bitwise_and(wisps, beside, wisps);
    cv::bitwise_or(uncover_in, wisps, uncover_in);
  }

  // Soft-edged regions; the clipped area reaches one pixel over the hair's own soft edge, the
  // background two over the removed hair's.
  const int feather = std::max(1, static_cast<int>(std::lround(look.edge_feather_px)));
  cv::Mat1b uncover = dilated(uncover_in, 2 * feather);
  uncover.setTo(0, r.head_after);
  if (!r.kept_skin.empty()) uncover.setTo(0, r.kept_skin);
  out.removed = uncover_in.clone();
  if (r.full_density_per_cm2 > 0 && !r.density_per_cm2.empty()) {
    out.stubble_cover = cv::min(r.density_per_cm2 * (1.0 / r.full_density_per_cm2), 1.0);
    out.stubble_cover.setTo(0, ~clip_all);
  }
  cv::Mat1b clip = dilated(clip_all, feather);
  clip.setTo(0, uncover);
  out.background = uncover.clone();
  cv::Mat1f a_clip, a_unc;
  clip.convertTo(a_clip, CV_32F, 1.0 / 255);
  uncover.convertTo(a_unc, CV_32F, 1.0 / 255);
  const double fs = 0.5 * look.edge_feather_px;
  cv::GaussianBlur(a_clip, a_clip, cv::Size(), fs, fs);
  cv::GaussianBlur(a_unc, a_unc, cv::Size(), fs, fs);
  const double silhouette = std::max(look.silhouette_min_sigma_px, optics.blur_sigma_px * r.work_per_photo);
  if (silhouette > fs) detail::soften_silhouette(uncover, r.head_after, r.kept_skin, silhouette, a_clip, a_unc);
  // All the background shown meets the pixels kept beyond the area it is drawn on. (Matched
  // inside the removed hair only, the band it grows by kept the unmatched fill: a light line
  // between the matched fill and the haze the hair left on the wall beside it.)
  if (!background.empty()) match_kept_edge(img, uncover, head_all, a_unc, ppm_w, look, background);

  // Everything from here is at photo resolution inside the changed area only.
  const cv::Rect box = detail::photo_rect(cv::boundingRect(either(clip, uncover)), r.work_per_photo, photo.size(), 2);
  if (box.area() <= 0) return out;
  // The clipped area at the photo's size places the hairs (with the stubble density); the fill's
  // weight, the skin's colour and the background go up to it band by band in the final pass,
  // with no copy of them the size of the box. (A band's warp starts its rows from the band's
  // own offset: where a row's position falls on a tie of the warp's 1/32 px rounding, which
  // some photo widths give, it can sample 1/32 px off the whole box's warp; the same for any
  // thread count.)
  const cv::Mat1f ac = onto_photo(a_clip, r.work_per_photo, box);
  // The skin's colour goes up in 16 bits (at 1/64 level, lit skin above 255 kept until the
  // stubble darkens it).
  constexpr float kSkinScale = 64.0f;
  cv::Mat_<cv::Vec3w> skin16;
  skin.convertTo(skin16, CV_16U, kSkinScale);

  const double ppm = plan.calibration.px_per_mm;
  cv::Mat1f per_px2;
  r.density_per_cm2.convertTo(per_px2, CV_32F, 1.0 / (100.0 * ppm * ppm));
  per_px2 = onto_photo(per_px2, r.work_per_photo, box);
  cv::Mat1b outside_clip;
  cv::compare(ac, 0.5, outside_clip, cv::CMP_LT);
  per_px2.setTo(0, outside_clip);
  const std::uint64_t seed = plan.params.seed;
  detail::StubblePlacement placement;
  placement.unit_radius_px = look.unit_radius_mm * ppm;
  const std::vector<cv::Point2f> hairs =
      detail::unit_hairs(detail::place_follicular_units(per_px2, box, seed, placement), seed, placement);
  // The kept pixels beside the clipped hair, as they show once it is clipped.
  {  // the band reaches past the changed box
    const int grow = static_cast<int>(std::ceil(edge_params.reach_px() / r.work_per_photo)) + 1;
    const cv::Rect band(box.x - grow, box.y - grow, box.width + 2 * grow, box.height + 2 * grow);
    detail::take_out_hair_edge(photo, out.image, band, hair_edge, r.work_per_photo, r.hair_bgr, edge_params, &out.changed);
  }
  detail::StubbleLook sl;
  sl.length_px = r.length_mm * look.lean * ppm;
  sl.diameter_px = r.diameter_mm * ppm;
  sl.shadow_radius_px = look.shadow_radius_mm * ppm;
  sl.shadow_length_px = look.shadow_length_mm * ppm;
  sl.shadow_strength = look.shadow_strength;
  sl.blur_px = std::max(optics.blur_sigma_px, 0.6);
  // A close-up is softer where the head falls out of focus: the stubble there as well.
  const BlurField field = estimate_blur_field(photo, either(clip_all, r.head_after), sl.blur_px, ppm);
  if (!field.empty()) sl.blur_field = &field;
  const cv::Point2d growth = plan.head.view == sim::ViewKind::Top ? plan.head.front_dir : cv::Point2d(0, 1);
  cv::Mat1f shaft, shadow;
  detail::draw_stubble(hairs, box, growth, sl, seed, shaft, shadow);
  out.hairs = hairs.size();
  // Hairs closer than the photo resolves blur into a tone with a finer grain than dots.
  if (!hairs.empty()) {
    const double clip_px = static_cast<double>(box.area() - cv::countNonZero(outside_clip));
    const double spacing = std::sqrt(std::max(clip_px, 1.0) / static_cast<double>(hairs.size()));
    const double share = look.unresolved_grain * detail::grain_share(spacing);
    for (cv::Mat1f* layer : {&shaft, &shadow}) {
      if (share <= 0) break;  // every hair resolved: the layers stay as drawn
      cv::Mat1f mean;
      const double sg = std::max(0.5 * spacing, 0.6);
      cv::GaussianBlur(*layer, mean, cv::Size(), sg, sg, cv::BORDER_REPLICATE);
      cv::addWeighted(mean, share, *layer, 1.0 - share, 0.0, *layer);
    }
  }

  // Grain for what is drawn anew: the skin's on the scalp, the background's own behind the
  // head (a plain wall is far smoother than skin; skin grain there reads as a ghost of the hair).
  const float skin_grain = static_cast<float>(std::max(optics.noise_sigma, 1.0));
  float bg_grain = skin_grain;
  if (!bg_sample.empty()) {
    cv::Mat1b sample = onto_photo(bg_sample, r.work_per_photo, box);
    cv::threshold(sample, sample, 127, 255, cv::THRESH_BINARY);
    const double sigma = noise_sigma_over(photo(box), sample);
    if (sigma >= 0) bg_grain = static_cast<float>(std::max(sigma, 0.3));
  }
  const cv::Vec3f hair = r.hair_bgr;
  // What share of the skin's light, per channel, comes back through a follicle holding a hair.
  cv::Vec3f through;
  for (int c = 0; c < 3; ++c) {
    const float t = std::clamp(hair[c] / std::max(r.skin_bgr[c], 1.0f), 0.0f, 1.0f);
    through[c] = look.follicle_veil_bgr[c] + (1 - look.follicle_veil_bgr[c]) * t;
  }
  // In bands of rows on all cores, each with its own generator of the grain's noise; the
  // clipped scalp's sums per band, added in band order (the same pixels and figures for any
  // thread count).
  constexpr int kBand = 64;
  const int bands = (box.height + kBand - 1) / kBand;
  std::vector<cv::Vec3d> band_sums(static_cast<std::size_t>(bands));  // skin luma, buzz luma, pixels
  cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
    for (int band = range.start; band < range.end; ++band) {
      double sum_skin = 0, sum_buzz = 0, n_clip = 0;
      const int y0 = band * kBand, y1 = std::min(box.height, (band + 1) * kBand);
      const cv::Rect rows(box.x, box.y + y0, box.width, y1 - y0);
      const cv::Mat1f au = onto_photo(a_unc, r.work_per_photo, rows);
      const cv::Mat_<cv::Vec3w> skin_p = onto_photo(skin16, r.work_per_photo, rows);
      cv::Mat3b bg_p;
      if (!background.empty()) bg_p = onto_photo(background, r.work_per_photo, rows);
      cv::Mat1f noise(rows.size());
      cv::RNG band_rng((seed ^ 0xB0220ull) + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(band + 1));
      band_rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
      for (int y = y0; y < y1; ++y)
        for (int x = 0; x < box.width; ++x) {
          const float wc = ac(y, x), wu = au(y - y0, x);
          if (wc + wu <= 0) continue;
          const cv::Vec3f s = cv::Vec3f(skin_p(y - y0, x)) * (1.0f / kSkinScale);
          const float sh = 1.0f - std::exp(-shadow(y, x)), cov = 1.0f - std::exp(-shaft(y, x));
          const cv::Vec3f shadow_col = s.mul(through);
          cv::Vec3f b = (1 - sh) * s + sh * shadow_col;
          b = (1 - cov) * b + cov * hair;
          if (wc > 0.99f) {
            sum_skin += luma(s);
            sum_buzz += luma(b);
            ++n_clip;
          }
          const float n = noise(y - y0, x);
          const cv::Vec3f bgv = bg_p.empty() ? s : cv::Vec3f(bg_p(y - y0, x));
          cv::Vec3b& px = out.image(box.y + y, box.x + x);
          const cv::Vec3f orig(px[0], px[1], px[2]);
          const float keep = std::max(0.0f, 1.0f - wc - wu);
          const float ns = n * skin_grain, nb = n * bg_grain;
          const cv::Vec3f v = keep * orig + wc * (b + cv::Vec3f(ns, ns, ns)) + wu * (bgv + cv::Vec3f(nb, nb, nb));
          for (int c = 0; c < 3; ++c) px[c] = cv::saturate_cast<uchar>(v[c]);
          out.changed(box.y + y, box.x + x) = 255;
        }
      band_sums[static_cast<std::size_t>(band)] = cv::Vec3d(sum_skin, sum_buzz, n_clip);
    }
  });
  double sum_skin = 0, sum_buzz = 0, n_clip = 0;
  for (const cv::Vec3d& b : band_sums) {
    sum_skin += b[0];
    sum_buzz += b[1];
    n_clip += b[2];
  }
  out.stubble_darkening = sum_skin > 0 ? 1.0 - sum_buzz / sum_skin : 0.0;
  out.clipped_share = n_clip / static_cast<double>(photo.total());
  return out;
}

}  // namespace smp::render
