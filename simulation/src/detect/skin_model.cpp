#include "detect/skin_model.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

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
