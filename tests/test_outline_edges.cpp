// The skull's outline from the photo's edges (simulation/src/detect/outline_edges.hpp), on
// synthetic top views: a head whose blob took in a shoulder, a head alone, a bald top inside
// a fringe of hair.

#include "detect/head_geometry.hpp"
#include "detect/outline_edges.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace {

using smp::sim::detect::fit_head_ellipse;
using smp::sim::detect::tighter_outline;

const cv::RotatedRect kSkull(cv::Point2f(210, 170), cv::Size2f(220, 260), 0);

struct Scene {
  cv::Mat3b bgr;
  cv::Mat1b head;  // what the segmentation gave: skull plus whatever joined it
  cv::Mat1b hair;
  cv::Mat1f texture;
};

// A lit dome: brighter in the middle, as a bald head under a ceiling light.
void draw_skull(cv::Mat3b& bgr, cv::Scalar skin) {
  cv::Mat1b inside(bgr.size(), uchar{0});
  cv::ellipse(inside, kSkull, cv::Scalar(255), cv::FILLED);
  for (int y = 0; y < bgr.rows; ++y)
    for (int x = 0; x < bgr.cols; ++x)
      if (inside(y, x)) {
        const double u = (x - static_cast<double>(kSkull.center.x)) / (kSkull.size.width / 2.0);
        const double v = (y - static_cast<double>(kSkull.center.y)) / (kSkull.size.height / 2.0);
        const double shade = 0.85 + 0.15 * std::sqrt(std::max(0.0, 1 - u * u - v * v));
        bgr(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(skin[0] * shade), cv::saturate_cast<uchar>(skin[1] * shade),
                              cv::saturate_cast<uchar>(skin[2] * shade));
      }
}

Scene scene(cv::Scalar background) {
  Scene s;
  s.bgr = cv::Mat3b(400, 420, cv::Vec3b(static_cast<uchar>(background[0]), static_cast<uchar>(background[1]),
                                        static_cast<uchar>(background[2])));
  s.head = cv::Mat1b(s.bgr.size(), uchar{0});
  s.hair = cv::Mat1b(s.bgr.size(), uchar{0});
  s.texture = cv::Mat1f(s.bgr.size(), 2.0f);
  return s;
}

double centre_error(const cv::RotatedRect& r) { return std::hypot(r.center.x - kSkull.center.x, r.center.y - kSkull.center.y); }

}  // namespace

TEST(OutlineEdges, ShoulderOfTheSameSkinIsLeftOutOfTheHead) {
  Scene s = scene({175, 185, 195});
  // Shoulders below and to both sides, skin in the head's shadow, joined to it (a seated
  // client photographed from above).
  const cv::RotatedRect shoulder(cv::Point2f(210, 280), cv::Size2f(380, 120), 0);
  cv::ellipse(s.bgr, shoulder, cv::Scalar(70, 90, 140), cv::FILLED);
  draw_skull(s.bgr, {130, 160, 215});
  cv::ellipse(s.head, shoulder, cv::Scalar(255), cv::FILLED);
  cv::ellipse(s.head, kSkull, cv::Scalar(255), cv::FILLED);
  cv::GaussianBlur(s.bgr, s.bgr, cv::Size(), 1.2);  // the camera's blur

  const auto blob = fit_head_ellipse(s.head);
  ASSERT_TRUE(blob);
  ASSERT_GT(centre_error(*blob), 15.0) << "the shoulder must pull the blob's ellipse off the skull for this test";
  const auto tight = tighter_outline(s.bgr, s.head, s.hair, s.texture, *blob);
  ASSERT_TRUE(tight);
  EXPECT_LT(centre_error(*tight), 6.0);
  EXPECT_NEAR(std::min(tight->size.width, tight->size.height), kSkull.size.width, 0.05 * kSkull.size.width);
  EXPECT_NEAR(std::max(tight->size.width, tight->size.height), kSkull.size.height, 0.05 * kSkull.size.height);
}

TEST(OutlineEdges, AHeadAloneKeepsItsOwnEllipse) {
  Scene s = scene({150, 170, 180});
  draw_skull(s.bgr, {130, 160, 215});
  cv::ellipse(s.head, kSkull, cv::Scalar(255), cv::FILLED);
  cv::GaussianBlur(s.bgr, s.bgr, cv::Size(), 1.2);
  const auto blob = fit_head_ellipse(s.head);
  ASSERT_TRUE(blob);
  EXPECT_FALSE(tighter_outline(s.bgr, s.head, s.hair, s.texture, *blob));
}

TEST(OutlineEdges, ABaldTopInsideAFringeIsNotTakenForTheSkull) {
  // Dark hair against a dark background (a faint outer edge) around a bright bald top (a
  // strong elliptical edge inside): the fringe is head, not something that joined it.
  Scene s = scene({40, 40, 45});
  cv::ellipse(s.bgr, kSkull, cv::Scalar(48, 50, 55), cv::FILLED);
  cv::ellipse(s.head, kSkull, cv::Scalar(255), cv::FILLED);
  const cv::RotatedRect bald(kSkull.center - cv::Point2f(0, 15), kSkull.size * 0.8f, 0);
  cv::ellipse(s.hair, kSkull, cv::Scalar(255), cv::FILLED);
  cv::ellipse(s.hair, bald, cv::Scalar(0), cv::FILLED);
  s.texture.setTo(20.0f, s.hair);
  cv::ellipse(s.bgr, bald, cv::Scalar(130, 160, 215), cv::FILLED);
  cv::GaussianBlur(s.bgr, s.bgr, cv::Size(), 1.2);
  const auto blob = fit_head_ellipse(s.head);
  ASSERT_TRUE(blob);
  EXPECT_FALSE(tighter_outline(s.bgr, s.head, s.hair, s.texture, *blob));
}
