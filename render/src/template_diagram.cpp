#include "smp/render/template_diagram.hpp"

#include "smp/render/text.hpp"
#include "smp/sim/hairline_curve.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace smp::render {

namespace {

cv::Point to_px(cv::Point2d p) { return {static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))}; }

void draw_features(cv::Mat3b& img, const sim::HeadFrame& head, sim::ViewKind view, const DiagramParams& p, double s) {
  const cv::RotatedRect& e = head.outline;
  const double a = e.size.height / 2.0, b = e.size.width / 2.0;
  const cv::Point2d c(e.center.x, e.center.y);
  const int thin = std::max(1, static_cast<int>(std::lround(s)));
  const cv::Scalar line = p.hair * 0.6;
  if (view == sim::ViewKind::Top) {  // nose ahead of the forehead, ears at the sides
    std::vector<cv::Point> nose{to_px(c + cv::Point2d(-0.10 * b, -0.97 * a)), to_px(c + cv::Point2d(0, -1.10 * a)),
                                to_px(c + cv::Point2d(0.10 * b, -0.97 * a))};
    cv::fillConvexPoly(img, nose, p.skin, cv::LINE_AA);
    for (double side : {-1.0, 1.0})
      cv::ellipse(img, to_px(c + cv::Point2d(side * 1.0 * b, -0.05 * a)), cv::Size(to_px({0.12 * b, 0.22 * a})), 0, 0,
                  360, p.skin, cv::FILLED, cv::LINE_AA);
  } else {  // eyes, brows, nose and mouth
    for (double side : {-1.0, 1.0}) {
      const cv::Point2d eye = c + cv::Point2d(side * 0.36 * b, 0.05 * a);
      cv::ellipse(img, to_px(eye), cv::Size(to_px({0.14 * b, 0.05 * a})), 0, 0, 360, cv::Scalar(250, 250, 250),
                  cv::FILLED, cv::LINE_AA);
      cv::circle(img, to_px(eye), static_cast<int>(std::lround(0.05 * a)), line, cv::FILLED, cv::LINE_AA);
      cv::ellipse(img, to_px(eye - cv::Point2d(0, 0.10 * a)), cv::Size(to_px({0.17 * b, 0.04 * a})), 0, 200, 340,
                  line, 2 * thin, cv::LINE_AA);
      cv::ellipse(img, to_px(c + cv::Point2d(side * 1.0 * b, 0.12 * a)), cv::Size(to_px({0.10 * b, 0.20 * a})), 0, 0,
                  360, p.skin, cv::FILLED, cv::LINE_AA);
    }
    cv::line(img, to_px(c + cv::Point2d(0, 0.12 * a)), to_px(c + cv::Point2d(-0.06 * b, 0.38 * a)), line, thin, cv::LINE_AA);
    cv::ellipse(img, to_px(c + cv::Point2d(0, 0.52 * a)), cv::Size(to_px({0.22 * b, 0.06 * a})), 0, 20, 160, line,
                thin * 2, cv::LINE_AA);
  }
}

}  // namespace

cv::Mat3b template_diagram(const sim::HairLossTemplate& t, sim::ViewKind view, const DiagramParams& p) {
  const int ss = std::clamp(p.supersample, 1, 8);
  const int w = std::max(p.width, 32) * ss;
  const int label_h = p.label ? static_cast<int>(0.15 * p.height) * ss : 0;
  const int h = std::max(p.height, 32) * ss;
  const int head_h = h - label_h;
  const cv::Size canvas(w, head_h);

  sim::HeadFrame head;
  head.view = view;
  double px_per_mm;
  const float fw = static_cast<float>(w), fh = static_cast<float>(head_h);
  if (view == sim::ViewKind::Top) {  // front of the head up, as technicians sketch it
    head.outline = cv::RotatedRect(cv::Point2f(fw / 2, fh * 0.53f), cv::Size2f(0.62f * fw, 0.80f * fh), 0);
    head.front_dir = {0, -1};
    px_per_mm = 0.80 * head_h / 195.0;  // an adult head is about 195 mm long
  } else {
    head.outline = cv::RotatedRect(cv::Point2f(fw / 2, fh * 0.50f), cv::Size2f(0.60f * fw, 0.86f * fh), 0);
    head.front_dir = {0, 1};
    px_per_mm = 0.60 * w / 150.0;  // and about 150 mm wide
  }
  head.midline_origin = {head.outline.center.x, head.outline.center.y};
  const sim::TemplateGeometry g = sim::template_geometry(t, head, px_per_mm, canvas, canvas);

  cv::Mat3b img(h, w, cv::Vec3b(static_cast<uchar>(p.background[0]), static_cast<uchar>(p.background[1]),
                                static_cast<uchar>(p.background[2])));
  cv::Mat3b head_img = img(cv::Rect(0, 0, w, head_h));
  draw_features(head_img, head, view, p, ss);  // ears and nose under the head
  cv::Mat1b head_mask(canvas, uchar{0});
  cv::ellipse(head_mask, head.outline, cv::Scalar(255), cv::FILLED, cv::LINE_8);
  // Hair behind the hairline, skin in front of it and where the template treats.
  const cv::Mat1f dist = sim::hairline_signed_distance(g.hairline, head, canvas, canvas);
  cv::Mat1b hair = cv::Mat(head_mask & (dist > 0) & ~g.treatment);
  head_img.setTo(p.skin, head_mask);
  head_img.setTo(p.hair, hair);
  if (view == sim::ViewKind::Front) draw_features(head_img, head, view, p, ss);  // the face on top

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(g.treatment.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  cv::drawContours(head_img, contours, -1, p.treatment_edge, std::max(2, ss * 2), cv::LINE_AA);
  std::vector<cv::Point> line;
  for (const cv::Point2d& q : sim::sample_hairline(g.hairline, head, 12)) line.push_back(to_px(q));
  cv::polylines(head_img, line, false, p.treatment_edge * 0.6, std::max(1, ss), cv::LINE_AA);
  cv::ellipse(head_img, head.outline, p.hair * 0.8, std::max(1, ss), cv::LINE_AA);

  if (p.label) {
    const std::string name = sim::template_name(t);
    const double cap_px = 9.2 * ss * p.width / 150.0;
    const TextStyle style{em_for_cap_height(cap_px), false, p.text};
    draw_text(img, name, {(w - text_width(name, style)) / 2, head_h + (label_h + cap_px) / 2}, style);
  }
  cv::Mat3b out;
  cv::resize(img, out, cv::Size(w / ss, h / ss), 0, 0, cv::INTER_AREA);
  return out;
}

}  // namespace smp::render
