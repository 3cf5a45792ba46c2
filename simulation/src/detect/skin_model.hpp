#pragma once
// Colour models used to find the head: a fixed YCrCb skin rule to seed the search, and a
// per-photo skin model learned from those seeds to split the head into skin and hair.

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace smp::sim::detect {

// Broad YCrCb skin rule (covers light to dark skin under indoor light). Defaults follow
// the usual published skin boxes, widened a little for phone white balance.
struct SkinRule {
  int cr_min = 135, cr_max = 180;
  int cb_min = 77, cb_max = 127;
  int min_cr_minus_cb = 12;  // skin is red-shifted: rejects grey and blue-ish pixels
  // Hue: skin's red excess (Cr-128) is at least this times its blue deficit (128-Cb);
  // yellow walls, wood and sand sit below it.
  double min_red_per_yellow = 0.7;
  int y_min = 30;            // very dark pixels carry no reliable chroma
};

// 255 where the pixel of `ycrcb` passes the rule.
cv::Mat1b skin_rule_mask(const cv::Mat3b& ycrcb, const SkinRule& rule = {});

// Skin colour of one photo, learned from seed pixels: mean and spread of (Cr, Cb) and the
// median luma, so that shadowed skin, highlights and hair can be told apart.
struct SkinModel {
  cv::Vec2d mean{150, 115};
  cv::Matx22d inv_cov = cv::Matx22d::eye() * (1.0 / 64.0);
  double median_y = 128;
  // Median saturation (see saturation_of) of the seeds: shading scales the skin's chroma with
  // its luma and keeps this ratio, while lit strands of dark or grey hair, whose chroma can sit
  // where shadowed skin's does, are far greyer.
  double median_saturation = 0.2;
  bool valid = false;

  // Mahalanobis distance of a (Cr, Cb) offset under this colour's spread.
  double chroma_distance(cv::Vec2d offset) const { return std::sqrt(std::max(0.0, offset.dot(inv_cov * offset))); }
};

// Chroma magnitude of a YCrCb pixel: its distance from grey, levels.
inline float chroma_of(const cv::Vec3b& ycrcb) {
  return std::hypot(static_cast<float>(ycrcb[1]) - 128.0f, static_cast<float>(ycrcb[2]) - 128.0f);
}

// Chroma magnitude over luma of a YCrCb pixel (luma floored at 16, where chroma is noise).
inline float saturation_of(const cv::Vec3b& ycrcb) {
  return chroma_of(ycrcb) / std::max(static_cast<float>(ycrcb[0]), 16.0f);
}

SkinModel learn_skin_model(const cv::Mat3b& ycrcb, const cv::Mat1b& seeds);

struct SkinSplit {
  double max_chroma_distance = 3.0;  // Mahalanobis distance in (Cr, Cb) still counted as skin
  double shadow_luma = 0.45;         // skin may be this dark relative to the median skin luma
  double highlight_luma = 1.12;      // brighter than this (x median) and grey: specular skin
  double max_texture = 13.0;         // local luma std-dev (see texture_map) above this: hair
  double smooth_seed_texture = 7.0;  // skin colour is learned from seeds at most this busy
  // Lit strands: the dark hair (below this x the median skin luma) gives the hair's chroma; when
  // it lies this far (Mahalanobis, skin model) from the skin's, a pixel nearer the hair's
  // chroma by this margin is hair.
  double dark_hair_luma = 0.5;
  double min_dark_hair_share = 0.05;  // of the head: less dark hair than this gives no hair chroma
  double min_hair_chroma_gap = 3.0;
  double hair_chroma_margin = 1.0;
  // Seeds that fall in two colour groups (brown or blond hair passes the skin rule): the less
  // red group is dropped when it is also much darker and busier than the other, as hair is
  // (shading on the dome darkens skin by far less than half).
  double min_group_chroma_gap = 8.0;  // (Cr, Cb) distance between the groups' centres, levels
  double min_group_share = 0.1;       // each group holds at least this share of the seeds
  double max_hair_group_luma = 0.5;   // the dropped group's median luma, at most this x the other's
};

// Local luma standard deviation of `bgr` in 7x7 windows, averaged down to `size`. Computed on a
// copy twice the detection size so that short and shaved hair still shows as texture.
cv::Mat1f texture_map(const cv::Mat3b& bgr, cv::Size size);

// `seeds` without the group of hair-coloured pixels, when the seeds hold one (see SkinSplit).
cv::Mat1b drop_hair_coloured_seeds(const cv::Mat3b& ycrcb, const cv::Mat1f& texture, const cv::Mat1b& seeds,
                                   const SkinSplit& split = {});

// Splits `region` into skin (returned) and hair (`hair_out`), both cleaned of specks.
cv::Mat1b split_skin_hair(const cv::Mat3b& ycrcb, const cv::Mat1f& texture, const cv::Mat1b& region,
                          const SkinModel& model, cv::Mat1b& hair_out, const SkinSplit& split = {});

}  // namespace smp::sim::detect
