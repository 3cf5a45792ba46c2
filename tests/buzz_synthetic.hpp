#pragma once
// Synthetic heads for the buzz-cut tests: a frontal head on a plain wall with a cap of dark
// strands above a hairline, and the automatic plan for it with a buzz length.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace smp::test {

// Where the synthetic head's hair is: above y = 200 inside a slightly larger ellipse.
inline cv::Mat1b synthetic_cap(cv::Size size) {
  cv::Mat1b cap(size, uchar{0});
  cv::ellipse(cap, cv::Point(320, 300), cv::Size(185, 235), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cap.rowRange(200, size.height).setTo(0);
  return cap;
}

// A frontal head on a plain wall: forehead skin below, dark strands above y = 200 over `cap`
// (none when it is empty).
inline cv::Mat3b synthetic_head_with(const cv::Mat1b& cap, cv::Vec3b hair_bgr = {30, 38, 52}) {
  cv::Mat3b img(480, 640, cv::Vec3b(200, 206, 210));
  cv::RNG rng(7);
  cv::Mat noise(img.size(), CV_16SC3);
  rng.fill(noise, cv::RNG::NORMAL, 0, 2);
  const cv::Point centre(320, 300);
  cv::ellipse(img, centre, cv::Size(170, 215), 0, 0, 360, cv::Scalar(120, 150, 205), cv::FILLED);
  // Shading: a dome lit from the front.
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const double dx = (x - centre.x) / 170.0, dy = (y - centre.y) / 215.0;
      const double r2 = dx * dx + dy * dy;
      if (r2 < 1)
        for (int c = 0; c < 3; ++c) img(y, x)[c] = cv::saturate_cast<uchar>(img(y, x)[c] * (0.8 + 0.2 * std::sqrt(1 - r2)));
    }
  if (!cap.empty()) {
    // Strands: short dark strokes over the top of the head, with a hairline at y = 200.
    for (int i = 0; i < 9000; ++i) {
      const cv::Point p(rng.uniform(0, img.cols), rng.uniform(0, 200));
      if (!cap(p)) continue;
      const double a = rng.uniform(-0.5, 0.5) + CV_PI / 2;
      const cv::Point q(p.x + static_cast<int>(14 * std::cos(a)), p.y + static_cast<int>(14 * std::sin(a)));
      const int shade = rng.uniform(-12, 12);
      cv::line(img, p, q, cv::Scalar(hair_bgr[0] + shade, hair_bgr[1] + shade, hair_bgr[2] + shade), 2, cv::LINE_AA);
    }
    for (int y = 0; y < 200; ++y)
      for (int x = 0; x < img.cols; ++x)
        if (cap(y, x) && rng.uniform(0, 4) > 0)
          for (int c = 0; c < 3; ++c) img(y, x)[c] = cv::saturate_cast<uchar>(0.3 * img(y, x)[c] + 0.7 * hair_bgr[c]);
  }
  cv::Mat wide;
  img.convertTo(wide, CV_16SC3);
  wide += noise;
  wide.convertTo(img, CV_8UC3);
  return img;
}

// A frontal head on a plain wall with a cap of dark strands above its hairline (or none).
inline cv::Mat3b synthetic_head(bool hair, cv::Vec3b hair_bgr = {30, 38, 52}) {
  return synthetic_head_with(hair ? synthetic_cap({640, 480}) : cv::Mat1b(), hair_bgr);
}

inline smp::sim::Plan plan_with(const cv::Mat3b& img, smp::sim::BuzzLength length, double days = 0) {
  cv::theRNG().state = 12345;  // the automatic plan's GrabCut draws from it: same plan whatever ran before
  smp::sim::Plan plan = smp::sim::make_auto_plan(img, smp::sim::PhotoRef{"synthetic", "", img.cols, img.rows});
  plan.params.buzz.length = length;
  plan.params.buzz.days_since_shave = days;
  return plan;
}

}  // namespace smp::test
