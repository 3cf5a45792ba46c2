// plan_buzz: which hair the buzz-cut preview clips, what grows there afterwards, and when the
// preview must refuse instead of drawing a poor picture.

#include "smp/sim/buzz.hpp"

#include "buzz_mask_steps.hpp"
#include "buzz_skin_pieces.hpp"
#include "buzz_skull.hpp"
#include "buzz_sparse_hair.hpp"
#include "detect/head_segment.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/mask_ops.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace smp::sim {

namespace {

using detail::luma;
using detail::odd_px;

cv::Mat1b scaled_mask(const cv::Mat1b& m, cv::Size size) {
  if (m.empty()) return cv::Mat1b(size, uchar{0});
  cv::Mat1b out;
  cv::resize(m, out, size, 0, 0, cv::INTER_LINEAR);
  cv::threshold(out, out, 127, 255, cv::THRESH_BINARY);
  return out;
}


// Pixels of a `work` field more than `margin_mm` in front of the plan's hairline (toward the
// face): hair lying wholly there is the face's (brows, a beard), not the scalp's. Empty
// without a hairline.
cv::Mat1b clear_ahead_of_hairline(const Plan& plan, cv::Size photo, cv::Size work, double margin_mm) {
  if (!plan.hairline.enabled()) return {};
  const cv::Mat1b in_front = hairline_front_mask(plan.hairline, plan.head, photo, work);
  if (in_front.empty()) return {};
  cv::Mat1f to_line;  // work px to the nearest pixel behind the line
  cv::distanceTransform(in_front, to_line, cv::DIST_L2, 3);
  cv::Mat1b out;
  cv::compare(to_line, margin_mm * plan.calibration.px_per_mm * work.width / std::max(photo.width, 1), out, cv::CMP_GT);
  return out;
}

// Local luma spread (5x5 standard deviation, levels): strands are busy, skin and shadows smooth.
cv::Mat1f local_spread(const cv::Mat3b& img) {
  cv::Mat1f grey, mean, sq;
  cv::Mat1b g8;
  cv::cvtColor(img, g8, cv::COLOR_BGR2GRAY);
  g8.convertTo(grey, CV_32F);
  cv::blur(grey, mean, {5, 5});
  cv::Mat1f grey2, mean2, spread;
  cv::multiply(grey, grey, grey2);
  cv::blur(grey2, sq, {5, 5});
  cv::multiply(mean, mean, mean2);
  cv::subtract(sq, mean2, spread);
  cv::max(spread, 0.0, spread);
  cv::sqrt(spread, spread);
  return spread;
}

// Pieces of hair big enough to be hair and busy enough to be strands (shadows are smooth):
// their mean local spread (`spread`, see local_spread) at least `min_texture`.
cv::Mat1b textured_pieces(const cv::Mat1b& mask, const cv::Mat1f& spread, double min_area, double min_texture) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<double> texture(static_cast<std::size_t>(n), 0.0);
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) texture[static_cast<std::size_t>(labels.at<int>(y, x))] += spread(y, x);
  cv::Mat1b out(mask.size(), uchar{0});
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const int l = labels.at<int>(y, x);
      const double area = stats.at<int>(l, cv::CC_STAT_AREA);
      if (l > 0 && area >= min_area && texture[static_cast<std::size_t>(l)] / area >= min_texture) out(y, x) = 255;
    }
  return out;
}


// The strands: the darker half of the hair pixels (lit strands and skin between them are lighter).
cv::Vec3f strand_colour(const cv::Mat3b& img, const cv::Mat1b& hair) {
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  const double cut = cv::mean(grey, hair)[0];
  cv::Mat1b dark;
  cv::compare(grey, cut, dark, cv::CMP_LE);
  dark &= hair;
  const cv::Scalar m = cv::mean(img, cv::countNonZero(dark) > 20 ? dark : hair);
  return {static_cast<float>(m[0]), static_cast<float>(m[1]), static_cast<float>(m[2])};
}

// `known`: the photo's detection when the caller has it (null: detected here, once it is needed).
BuzzRegions decide_buzz(const cv::Mat3b& photo, const Plan& plan, const ScalpDetection* known, const BuzzDecisionParams& p) {
  BuzzRegions r;
  const BuzzParams& buzz = plan.params.buzz;
  if (!buzz.active() || photo.empty()) return r;
  // Said rather than shown silently: the photo stays as photographed.
  const auto nothing_to_clip = [&r]() -> BuzzRegions& {
    r.warnings.emplace_back("buzz preview: no remaining hair long enough to clip was found on the head; the photo is "
                            "shown as photographed");
    return r;
  };
  if (plan.masks.hair.empty() || cv::countNonZero(plan.masks.hair) == 0) return nothing_to_clip();
  r.length_mm = buzz_length_mm(buzz);
  r.diameter_mm = p.hair_diameter_mm;
  r.full_density_per_cm2 = p.default_density_per_cm2;
  if (plan.calibration.px_per_mm < p.min_px_per_mm) {
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "the photo shows %.2f px/mm, too small to show stubble (at least %.2f px/mm: a head %.0f px wide)",
                  plan.calibration.px_per_mm, p.min_px_per_mm, p.min_px_per_mm * 150);
    r.refusal = buf;
    return r;
  }
  const bool usable = known && known->head.size() == working_mask_size(photo.cols, photo.rows);
  const ScalpDetection detected = usable ? ScalpDetection{} : detect_scalp(photo);  // repeatable: same photo, same head
  const ScalpDetection& det = usable ? *known : detected;
  if (!det.found || det.head.empty()) {
    r.refusal = "no head found in the photo (" + det.note + ")";
    return r;
  }
  r.work = working_mask_size(photo.cols, photo.rows, p.work_max_side);
  r.work_per_photo = static_cast<double>(r.work.width) / photo.cols;
  const double ppm = plan.calibration.px_per_mm * r.work_per_photo;
  cv::Mat3b img;
  cv::resize(photo, img, r.work, 0, 0, cv::INTER_AREA);
  r.work_image = img;
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  r.sparse_skin = detail::without_strands(img, ppm, p);

  const cv::Mat1b head = scaled_mask(det.head, r.work);
  const cv::Mat1b skin = both(scaled_mask(det.scalp, r.work), head);
  const cv::Mat1b plan_hair = both(scaled_mask(plan.masks.hair, r.work), head);
  cv::Mat1b hair = both(either(scaled_mask(det.hair, r.work), plan_hair), head);
  // Strands with skin between them are one clipped area; skin specks inside it too.
  const int k = odd_px(p.close_mm * ppm);
  hair = disc_close(hair, k / 2);
  hair = both(detect::fill_holes(hair), head);
  hair = pieces_touching(hair, plan_hair, p.min_piece_share);
  hair = without(hair, scaled_mask(plan.masks.exclusion, r.work));
  // The face below the brows is never clipped. Only on a frontal view: on a top view the face
  // finder's box is the bowed head itself, as wide as it and reaching up over the crown; it
  // refused the preview for hair over the face, or cut the hair down the sides with a straight
  // edge and left it standing below (the brows ahead of the hairline are cleared below, in
  // either view).
  cv::Rect face;
  if (det.face.area() > 0 && plan.head.view == ViewKind::Front) {
    const double s = r.work_per_photo;
    face = cv::Rect(cv::Point(static_cast<int>(det.face.x * s), static_cast<int>((det.face.y + 0.3 * det.face.height) * s)),
                    cv::Size(static_cast<int>(det.face.width * s), static_cast<int>(0.7 * det.face.height * s))) &
           cv::Rect(cv::Point(0, 0), r.work);
  }
  if (face.area() > 0) {
    const double covered = cv::countNonZero(hair(face)) / static_cast<double>(face.area());
    if (covered > p.face_cover_share) {
      r.refusal = "long hair covers the face; a buzz cut cannot be previewed without inventing the face under it";
      return r;
    }
    hair(face).setTo(0);
  }
  // Brows and a beard seen below the hairline (a bowed head, a face the detector missed).
  const cv::Mat1b face_hair_zone = clear_ahead_of_hairline(plan, photo.size(), r.work, p.face_hair_margin_mm);
  const cv::Mat1b off_face = face_hair_zone.empty() ? cv::Mat1b(r.work, uchar{255}) : inverse(face_hair_zone);
  hair = pieces_touching(hair, off_face, 0.0);
  const double min_piece_px = p.min_piece_head_share * cv::countNonZero(head);  // the smallest hair piece clipped
  // Specks of hair on a bald head (less in all than the smallest piece clipped) give no hair to
  // clip, and nothing to tell what joins them beyond the head.
  if (cv::countNonZero(hair) < std::max(1.0, min_piece_px)) return nothing_to_clip();

  r.hair_bgr = strand_colour(img, hair);
  // Skin next to the hair (forehead, bare scalp, temples): the colour the clipped scalp continues.
  cv::Mat1f to_hair;
  cv::distanceTransform(inverse(hair), to_hair, cv::DIST_L2, 3);
  cv::Mat1b near_skin;
  cv::compare(to_hair, p.skin_reach_mm * ppm, near_skin, cv::CMP_LE);
  const cv::Mat1b bare = without(skin, hair);
  near_skin &= bare;
  if (cv::countNonZero(near_skin) < 50) near_skin = bare;
  if (cv::countNonZero(near_skin) < 50) {
    r.refusal = "no bare skin of the head is visible to continue under the hair";
    return r;
  }
  const detail::SkinTones tones = detail::skin_tones(r.sparse_skin, near_skin, p);
  r.skin_bgr = tones.fill_bgr;
  const double skin_y = tones.lit_luma;
  const double hair_y = luma(r.hair_bgr);
  const double chroma = std::hypot(0.713 * (r.hair_bgr[2] - hair_y), 0.564 * (r.hair_bgr[0] - hair_y));
  if (hair_y >= p.light_hair_ratio * skin_y || (hair_y >= p.pale_min_luma && chroma < p.pale_chroma)) {
    r.refusal = "the hair is white or very light: its stubble cannot be imitated with pigment, so no buzz is previewed";
    return r;
  }

  // The soft hairline's wisps, and strands the colour split or the head's outline missed, are
  // hair too: dark pixels joined to the hair, up to a reach from it. Beyond the head's outline
  // only while that stays hair-sized (a dark background joined to the hair is not hair).
  cv::Mat1b head_ext = head.clone();
  const cv::Mat1f spread = local_spread(img);  // strands are busy, skin and shadows smooth
  // Dark, busy pixels: strands (not the smooth shadow a head casts), wherever they are.
  cv::Mat1b dark, wisps;
  {
    cv::compare(grey, p.wisp_luma_share * skin_y, dark, cv::CMP_LT);
    if (face.area() > 0) dark(face).setTo(0);
    cv::Mat1f around;
    cv::blur(spread, around, {5, 5});
    cv::Mat1b busy;
    cv::compare(around, p.min_hair_texture, busy, cv::CMP_GE);
    dark &= busy;
    // Taken for wisps, the shaded rim of a bare head became a band of stubble down the side of
    // the head, and the skull's convex outline bridged from it over the background. (Standing
    // hair beside the head is still looked for in all of `dark`.)
    wisps = without(dark, detail::shaded_skin_rim(spread, head, skin, to_hair, ppm, p));
  }
  {
    cv::Mat1b near;
    cv::compare(to_hair, p.wisp_reach_mm * ppm, near, cv::CMP_LE);
    const cv::Mat1b joined = pieces_touching(either(hair, wisps), hair, 0.0);
    cv::Mat1b grown = both(joined, near);
    const cv::Mat1b beyond_head = without(grown, head);
    const double outside = cv::countNonZero(beyond_head), on_head = cv::countNonZero(hair);
    if (outside > p.max_outside_share * on_head) {
      // Far more hair-dark beyond the head than on it: either the head's outline missed most of
      // the hair or the background is as dark as the hair.
      if (outside > p.refuse_outside_share * on_head) {
        r.refusal = "the hair could not be told from the background around the head";
        return r;
      }
      // The hair's volume that the outline missed ends within the reach, against a lighter
      // background, and has the hair's tone; a dark background joined to the hair runs on past
      // the reach, and behind lighter hair it is darker than the hair.
      const bool ends_within_reach = cv::countNonZero(without(joined, near)) <= p.max_beyond_reach_share * outside;
      const bool hair_toned = cv::mean(grey, beyond_head)[0] >= p.min_volume_hair_luma * hair_y;
      if (!ends_within_reach || !hair_toned) grown = both(grown, head);
    }
    hair = either(hair, grown);
    const int kw = odd_px(p.close_mm * ppm / 2);
    hair = disc_close(hair, kw / 2);
    head_ext = either(head, hair);
    if (face.area() > 0) hair(face).setTo(0);
  }
  hair = pieces_touching(hair, off_face, 0.0);  // the wisps may have reached the brows again
  hair = textured_pieces(hair, spread, min_piece_px, p.min_hair_texture);
  if (cv::countNonZero(hair) == 0) return nothing_to_clip();
  head_ext = either(head, hair);
  r.clip = hair;
  r.skin_known = without(bare, hair);
  r.head_after = detect::fill_holes(detail::skull_after(head_ext, hair, r.skin_known, ppm, p));  // a silhouette: no holes
  r.uncover = without(head_ext, r.head_after);  // the hair beyond the skull, and the corners it rounds off
  // Ears beside the hair are skin: they stay, and are no hair of the clipped head.
  detail::HeadSides sides;
  sides.centre = cv::Point2d(plan.head.outline.center) * r.work_per_photo;
  sides.lateral = plan.head.lateral_dir();
  sides.half_width = 0.5 * det.head_width_px * r.work_per_photo;
  const cv::Mat1b beyond_head = inverse(head_ext);
  r.kept_skin = detail::skin_pieces(img, r.uncover, near_skin, sides, ppm, p, beyond_head);
  // Beside a frontal face the ears and temples stay skin, also where the clip reached them.
  const cv::Mat1b face_sides = detail::beside_the_face(plan, photo.size(), r.work, p.face_hair_margin_mm * plan.calibration.px_per_mm);
  if (!face_sides.empty())
    r.kept_skin = either(r.kept_skin, detail::skin_pieces(img, both(face_sides, either(r.uncover, r.clip)), near_skin, sides, ppm, p,
                                                                  beyond_head));
  const cv::Mat1b volume = r.uncover;
  r.uncover = without(r.uncover, r.kept_skin);
  // A kept ear stands against the side of the head, never apart from it.
  detail::join_ears_to_head(r, volume, sides, ppm, p);
  // Notches of the silhouette the skull now covers are drawn as scalp too.
  const cv::Mat1b notches = without(r.head_after, head_ext);
  r.clip = either(r.clip, notches);
  r.clip &= r.head_after;
  // Dense dark hair the colour split took for skin: bare skin of the head is never far darker
  // than the lit skin unless it is in shadow, and a shadow lies along the head's outline, not
  // inside the hair: dark pieces mostly bordered by the clipped or removed hair go with it.
  // Left as photographed, islands inside the clipped hair read as holes in the new scalp: small
  // ones (scalp glimpsed between strands) and dark ones of any size go with it too.
  {
    cv::Mat1b dark_skin;
    const double dark_luma = p.dark_island_luma_share * skin_y;
    cv::compare(grey, dark_luma, dark_skin, cv::CMP_LT);
    dark_skin &= both(r.skin_known, r.head_after);
    cv::morphologyEx(dark_skin, dark_skin, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
    r.clip = either(r.clip, pieces_bordered_by(dark_skin, either(r.clip, r.uncover), p.piece_min_border_share));
    // Lit strands the colour split took for skin are as busy as hair, where bare skin is smooth:
    // pieces mostly bordered by the clipped or removed hair go with it. (An ear beside the hair
    // is busy too, with its folds, but keeps the skin's colour: a piece that holds one stays.)
    const cv::Mat1b around = either(r.clip, r.uncover);
    const cv::Mat1b busy = detail::busy_pieces(spread, without(both(r.skin_known, r.head_after), around), around, p);
    r.clip = either(r.clip, without(busy, pieces_touching(busy, detail::skin_pieces(img, busy, near_skin, sides, ppm, p), 0.0)));
    // An island may touch the skull's new outline: the removed hair beyond it encloses it too.
    const cv::Mat1b changed = either(r.clip, r.uncover);
    r.clip = either(r.clip, both(detail::with_holes_filled(changed, p.max_island_mm2 * ppm * ppm, grey, dark_luma), r.head_after));
  }
  r.clip = without(r.clip, r.kept_skin);
  r.skin_known = without(r.skin_known, r.clip);
  // Dark strands joined to the clipped area but left outside the new head: hair the head's
  // outline missed (curls standing around the head, a crown cut off by the segmentation), or a
  // dark background against the hair (a backdrop, a pillow) that is as busy as strands. Either
  // way the preview cannot tell where the hair ends, and clipping the rest could leave strands
  // standing beside a shaved scalp: no honest buzz.
  {
    const cv::Mat1b changed = either(r.clip, r.uncover);
    const cv::Mat1b kept = either(either(changed, r.head_after), r.kept_skin);  // ears are no standing hair
    const cv::Mat1b standing = pieces_touching(without(dark, kept), dilated(changed, 2), 0.0);
    if (cv::countNonZero(standing) > p.max_standing_share * cv::countNonZero(changed)) {
      r.refusal = "dark strands or a dark background joined to the hair lie outside the head outline found in "
                  "the photo, so the preview cannot tell where the hair ends";
      return r;
    }
  }

  // Strands over visible skin next to the clipped hair are clipped too, and so are the strands
  // of the head that neither the skin nor the clipped hair took (wisps of a thinning hairline).
  const cv::Mat1f share = detail::strand_share(img, r.sparse_skin, ppm, p);
  const cv::Mat1b unclaimed = without(without(without(r.head_after, r.clip), r.skin_known), r.kept_skin);
  r.sparse = detail::sparse_hair(share, both(either(r.skin_known, unclaimed), r.head_after), r.clip, face, ppm, p);
  if (cv::countNonZero(r.sparse) > 0) {
    const cv::Mat1b enclosed = detail::with_holes_filled(either(r.clip, r.sparse), p.sparse_island_mm2 * ppm * ppm, grey, 0);
    r.sparse = either(r.sparse, both(without(enclosed, r.clip), r.head_after));
  }
  if (!face_hair_zone.empty()) r.sparse = without(r.sparse, face_hair_zone);  // brows and lines of the forehead
  r.sparse = without(r.sparse, r.kept_skin);
  // Sparse hair found to be dense after all is clipped with the dense hair, with the small
  // islands that leaves inside the clipped hair and the sparse pieces left smaller than a hole
  // the sparse hair takes in (both would read as spots in the new scalp).
  const auto clip_as_dense = [&](const cv::Mat1b& dense) {
    if (cv::countNonZero(dense) == 0) return;
    r.clip = either(r.clip, dense);
    r.clip = both(detail::with_holes_filled(r.clip, p.max_island_mm2 * ppm * ppm, grey, 0), r.head_after);
    r.sparse = without(r.sparse, r.clip);
    const cv::Mat1b sparse_kept = pieces_of_at_least(r.sparse, p.sparse_island_mm2 * ppm * ppm);
    r.clip = either(r.clip, without(r.sparse, sparse_kept));
    r.sparse = sparse_kept;
    r.skin_known = without(r.skin_known, r.clip);
  };
  // Pieces with no bare skin beside them show none between their strands either: the lit
  // strands of dense hair.
  clip_as_dense(without(r.sparse, pieces_touching(r.sparse, dilated(without(r.skin_known, r.sparse), 1), 0.0)));
  r.skin_known = without(r.skin_known, r.sparse);
  r.sparse_skin = detail::skin_under_strands(img, r.sparse_skin, r.sparse, both(r.skin_known, r.head_after), ppm, p);
  // Where the skin found between the strands is grey, there was none: lit strands lying close
  // (a grey crown, a shine on dark hair). Clipped as dense hair, the scalp there continues the
  // skin around it instead of taking the strands' grey. (Against the skin's first colour, which
  // the sparse hair's skin between the strands tints toward theirs: against the bare skin's
  // alone, more saturated, a glare on a thinning crown read as grey too.)
  clip_as_dense(detail::grey_under_strands(r.sparse_skin, r.sparse, r.skin_bgr, p));
  // The skin's colour again from the bare skin beside the hair that is left: lit strands and
  // dark islands taken for skin at first no longer tint the new scalp.
  if (const cv::Mat1b still_bare = both(near_skin, r.skin_known); cv::countNonZero(still_bare) >= 50)
    r.skin_bgr = detail::skin_tones(r.sparse_skin, still_bare, p).fill_bgr;

  // Stubble density follows the hair's own: where skin showed between the strands, fewer hairs.
  cv::Mat1b cover8;
  cv::resize(det.occlusion.empty() ? det.hair : det.occlusion, cover8, r.work, 0, 0, cv::INTER_LINEAR);
  cv::Mat1f cover;
  cover8.convertTo(cover, CV_32F, 1.0 / 255);
  const double sigma = p.cover_window_mm * ppm / 2;
  cv::GaussianBlur(cover, cover, cv::Size(), sigma, sigma, cv::BORDER_REPLICATE);
  r.density_per_cm2 = detail::stubble_density(r, cover, share, ppm, p);
  // A notch shows no hair of its own: it takes the densest stubble around it.
  if (const cv::Mat1b take = both(notches, r.clip); cv::countNonZero(take) > 0) {
    // Dilated over the notches' box only (a wide disc over the whole field costs far more);
    // the box is a view of the field, so the disc still reads the densities beyond it.
    const int kn = odd_px(2 * p.outline_smooth_mm * ppm);
    const cv::Rect box = cv::boundingRect(take);
    const cv::Mat1f field = r.density_per_cm2.clone();
    cv::Mat1f around;
    cv::dilate(field(box), around, cv::getStructuringElement(cv::MORPH_ELLIPSE, {kn, kn}));
    around.copyTo(r.density_per_cm2(box), take(box));
  }
  return r;
}

}  // namespace

BuzzRegions plan_buzz(const cv::Mat3b& photo, const Plan& plan, const BuzzDecisionParams& p) {
  return decide_buzz(photo, plan, nullptr, p);
}

BuzzRegions plan_buzz(const cv::Mat3b& photo, const Plan& plan, const ScalpDetection& detection,
                      const BuzzDecisionParams& p) {
  return decide_buzz(photo, plan, &detection, p);
}

}  // namespace smp::sim
