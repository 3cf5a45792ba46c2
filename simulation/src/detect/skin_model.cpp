#include "detect/skin_model.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace smp::sim::detect {

cv::Mat1b skin_rule_mask(const cv::Mat3b& ycrcb, const SkinRule& rule) {
  cv::Mat1b out(ycrcb.size(), uchar{0});
  for (int y = 0; y < ycrcb.rows; ++y) {
    const cv::Vec3b* src = ycrcb.ptr<cv::Vec3b>(y);
    uchar* dst = out.ptr<uchar>(y);
    for (int x = 0; x < ycrcb.cols; ++x) {
      const int luma = src[x][0], cr = src[x][1], cb = src[x][2];
      const bool ok = luma >= rule.y_min && cr >= rule.cr_min && cr <= rule.cr_max && cb >= rule.cb_min &&
                      cb <= rule.cb_max && cr - cb >= rule.min_cr_minus_cb &&
                      (cr - 128) >= rule.min_red_per_yellow * (128 - cb);
      dst[x] = ok ? 255 : 0;
    }
  }
  return out;
}

SkinModel learn_skin_model(const cv::Mat3b& ycrcb, const cv::Mat1b& seeds) {
  SkinModel model;
  double n = 0, scr = 0, scb = 0, scc = 0, sbb = 0, scb2 = 0;
  std::array<int, 256> luma_hist{};
  std::vector<float> saturations;
  for (int y = 0; y < ycrcb.rows; ++y) {
    const cv::Vec3b* src = ycrcb.ptr<cv::Vec3b>(y);
    const uchar* m = seeds.ptr<uchar>(y);
    for (int x = 0; x < ycrcb.cols; ++x) {
      if (!m[x]) continue;
      const double cr = src[x][1], cb = src[x][2];
      n += 1;
      scr += cr;
      scb += cb;
      scc += cr * cr;
      sbb += cb * cb;
      scb2 += cr * cb;
      ++luma_hist[src[x][0]];
      saturations.push_back(saturation_of(src[x]));
    }
  }
  if (n < 50) return model;  // too few seeds: keep the generic model, marked invalid
  const double mcr = scr / n, mcb = scb / n;
  // Floor the spread so a very uniform scalp does not make the model reject mild shadows.
  const double vcr = std::max(scc / n - mcr * mcr, 16.0);
  const double vcb = std::max(sbb / n - mcb * mcb, 16.0);
  const double c = scb2 / n - mcr * mcb;
  const cv::Matx22d cov(vcr, c, c, vcb);
  model.mean = {mcr, mcb};
  model.inv_cov = cov.inv();
  int acc = 0;
  for (int v = 0; v < 256; ++v) {
    acc += luma_hist[static_cast<size_t>(v)];
    if (acc * 2 >= static_cast<int>(n)) {
      model.median_y = v;
      break;
    }
  }
  const auto mid = saturations.begin() + static_cast<std::ptrdiff_t>(saturations.size() / 2);
  std::nth_element(saturations.begin(), mid, saturations.end());
  model.median_saturation = *mid;
  model.valid = true;
  return model;
}

cv::Mat1f texture_map(const cv::Mat3b& bgr, cv::Size size) {
  const double s = std::min(1.0, 2.0 * std::max(size.width, size.height) / std::max(bgr.cols, bgr.rows));
  cv::Mat3b work;
  cv::resize(bgr, work, cv::Size(), s, s, cv::INTER_AREA);
  cv::Mat grey;
  cv::cvtColor(work, grey, cv::COLOR_BGR2GRAY);
  cv::Mat1f y_f, mean, sq_mean, var;
  grey.convertTo(y_f, CV_32F);
  cv::blur(y_f, mean, {7, 7});
  cv::blur(y_f.mul(y_f), sq_mean, {7, 7});
  cv::subtract(sq_mean, mean.mul(mean), var);
  cv::max(var, 0.0, var);
  cv::sqrt(var, var);
  cv::Mat1f out;
  cv::resize(var, out, size, 0, 0, cv::INTER_AREA);
  return out;
}

namespace {

struct SeedSample {
  cv::Vec2f chroma;
  float luma = 0, texture = 0;
};

float median_of(std::vector<float> v) {
  if (v.empty()) return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

}  // namespace

cv::Mat1b drop_hair_coloured_seeds(const cv::Mat3b& ycrcb, const cv::Mat1f& texture, const cv::Mat1b& seeds,
                                   const SkinSplit& split) {
  std::vector<SeedSample> samples;
  const int n_seeds = cv::countNonZero(seeds);
  const int stride = std::max(1, n_seeds / 20000);  // a subsample is enough for two centres
  int count = 0;
  for (int y = 0; y < seeds.rows; ++y)
    for (int x = 0; x < seeds.cols; ++x)
      if (seeds(y, x) && count++ % stride == 0) {
        const cv::Vec3b& p = ycrcb(y, x);
        samples.push_back({cv::Vec2f(p[1], p[2]), static_cast<float>(p[0]), texture(y, x)});
      }
  if (samples.size() < 100) return seeds;
  // Two-means on chroma, started from the least and most red tenths (deterministic).
  auto redness = [](const cv::Vec2f& c) { return c[0] - c[1]; };
  std::vector<float> red;
  for (const auto& s : samples) red.push_back(redness(s.chroma));
  std::vector<float> sorted_red = red;
  std::sort(sorted_red.begin(), sorted_red.end());
  const float lo_red = sorted_red[sorted_red.size() / 10], hi_red = sorted_red[sorted_red.size() * 9 / 10];
  cv::Vec2f centre[2];
  {
    cv::Vec2d sum[2];
    int n[2] = {0, 0};
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const int g = red[i] <= lo_red ? 0 : red[i] >= hi_red ? 1 : -1;
      if (g < 0) continue;
      sum[g] += cv::Vec2d(samples[i].chroma[0], samples[i].chroma[1]);
      ++n[g];
    }
    for (int g = 0; g < 2; ++g) centre[g] = cv::Vec2f(sum[g] * (1.0 / std::max(n[g], 1)));
  }
  std::vector<int> group(samples.size(), 0);
  for (int iter = 0; iter < 10; ++iter) {
    cv::Vec2d sum[2];
    int n[2] = {0, 0};
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const cv::Vec2f d0 = samples[i].chroma - centre[0], d1 = samples[i].chroma - centre[1];
      group[i] = d1.dot(d1) < d0.dot(d0) ? 1 : 0;
      sum[group[i]] += cv::Vec2d(samples[i].chroma[0], samples[i].chroma[1]);
      ++n[group[i]];
    }
    for (int g = 0; g < 2; ++g)
      if (n[g] > 0) centre[g] = cv::Vec2f(sum[g] * (1.0 / n[g]));
  }
  // Group 1 started from the reddest seeds: skin, when group 0 looks like hair.
  std::vector<float> luma[2], busy[2];
  for (std::size_t i = 0; i < samples.size(); ++i) {
    luma[group[i]].push_back(samples[i].luma);
    busy[group[i]].push_back(samples[i].texture);
  }
  const double share0 = static_cast<double>(luma[0].size()) / static_cast<double>(samples.size());
  const cv::Vec2f gap = centre[1] - centre[0];
  const bool hair_group = std::sqrt(gap.dot(gap)) >= split.min_group_chroma_gap &&
                          redness(centre[1]) > redness(centre[0]) && share0 >= split.min_group_share &&
                          share0 <= 1 - split.min_group_share &&
                          median_of(luma[0]) <= split.max_hair_group_luma * median_of(luma[1]) &&
                          median_of(busy[0]) >= median_of(busy[1]);
  if (!hair_group) return seeds;
  cv::Mat1b out = seeds.clone();
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) {
      if (!out(y, x)) continue;
      const cv::Vec3b& p = ycrcb(y, x);
      const cv::Vec2f c(p[1], p[2]), d0 = c - centre[0], d1 = c - centre[1];
      if (d0.dot(d0) <= d1.dot(d1)) out(y, x) = 0;
    }
  return out;
}

namespace {

// Lit strands can pass a broad skin colour: where the photo's own dark hair has a chroma well
// apart from the skin's, skin pixels whose chroma lies much nearer the hair's become hair.
void hair_from_dark_hairs_chroma(const cv::Mat3b& ycrcb, const cv::Mat1b& region, const SkinModel& model,
                                 const SkinSplit& split, cv::Mat1b& skin, cv::Mat1b& hair) {
  cv::Mat1b dark_hair(ycrcb.size(), uchar{0});
  for (int y = 0; y < ycrcb.rows; ++y)
    for (int x = 0; x < ycrcb.cols; ++x)
      if (hair(y, x) && ycrcb(y, x)[0] < split.dark_hair_luma * model.median_y) dark_hair(y, x) = 255;
  if (cv::countNonZero(dark_hair) < std::max(50.0, split.min_dark_hair_share * cv::countNonZero(region))) return;
  const cv::Scalar mean = cv::mean(ycrcb, dark_hair);
  const cv::Vec2d hair_chroma(mean[1], mean[2]);
  if (model.chroma_distance(hair_chroma - model.mean) < split.min_hair_chroma_gap) return;
  for (int y = 0; y < ycrcb.rows; ++y)
    for (int x = 0; x < ycrcb.cols; ++x) {
      // Glare is colourless like much dark hair: highlights stay skin.
      if (!skin(y, x) || ycrcb(y, x)[0] >= split.highlight_luma * model.median_y) continue;
      const cv::Vec2d c(ycrcb(y, x)[1], ycrcb(y, x)[2]);
      if (model.chroma_distance(c - hair_chroma) + split.hair_chroma_margin < model.chroma_distance(c - model.mean)) {
        skin(y, x) = 0;
        hair(y, x) = 255;
      }
    }
}

}  // namespace

cv::Mat1b split_skin_hair(const cv::Mat3b& ycrcb, const cv::Mat1f& texture, const cv::Mat1b& region,
                          const SkinModel& model, cv::Mat1b& hair_out, const SkinSplit& split) {
  cv::Mat1b skin(ycrcb.size(), uchar{0});
  hair_out = cv::Mat1b(ycrcb.size(), uchar{0});
  const double max_d2 = split.max_chroma_distance * split.max_chroma_distance;

  for (int y = 0; y < ycrcb.rows; ++y) {
    const cv::Vec3b* src = ycrcb.ptr<cv::Vec3b>(y);
    const uchar* r = region.ptr<uchar>(y);
    uchar* s = skin.ptr<uchar>(y);
    uchar* h = hair_out.ptr<uchar>(y);
    const float* tex = texture.ptr<float>(y);
    for (int x = 0; x < ycrcb.cols; ++x) {
      if (!r[x]) continue;
      const double luma = src[x][0];
      const cv::Vec2d d(src[x][1] - model.mean[0], src[x][2] - model.mean[1]);
      const double d2 = d.dot(model.inv_cov * d);
      const bool chroma_ok = d2 <= max_d2;
      const bool lit = luma >= split.shadow_luma * model.median_y;
      const bool highlight = luma >= split.highlight_luma * model.median_y;
      // Hair is busy (strands, curls, stubble); skin is smooth apart from pores.
      const bool smooth = tex[x] <= split.max_texture;
      if ((chroma_ok && lit && smooth) || highlight)
        s[x] = 255;
      else
        h[x] = 255;
    }
  }
  hair_from_dark_hairs_chroma(ycrcb, region, model, split, skin, hair_out);
  // Pores, stubble and hair strands make salt-and-pepper: clean both at a few pixels.
  const cv::Mat k = cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5});
  cv::morphologyEx(skin, skin, cv::MORPH_OPEN, k);
  cv::morphologyEx(skin, skin, cv::MORPH_CLOSE, k);
  cv::bitwise_and(skin, region, skin);
  cv::bitwise_and(region, ~skin, hair_out);
  cv::morphologyEx(hair_out, hair_out, cv::MORPH_OPEN, k);
  return skin;
}

}  // namespace smp::sim::detect
