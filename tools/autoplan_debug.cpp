// smp-autoplan-debug: runs the automatic plan on photos and writes an overlay PNG for each
// (outline ellipse, front arrow, scalp/hair/treatment tints, hairline) and a strip of the
// detection's masks (head, scalp, hair, thick hair, occlusion, treatment), for looking at
// detection quality. Usage: smp-autoplan-debug OUT_DIR PHOTO...

#include "smp/sim/auto_plan.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

void tint(cv::Mat3b& img, const cv::Mat1b& mask, cv::Vec3b colour, double alpha) {
  if (mask.empty()) return;
  cv::Mat1b m;
  cv::resize(mask, m, img.size(), 0, 0, cv::INTER_NEAREST);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      if (m(y, x))
        for (int c = 0; c < 3; ++c)
          img(y, x)[c] = cv::saturate_cast<uchar>((1 - alpha) * img(y, x)[c] + alpha * colour[c]);
}

void draw_overlay(cv::Mat3b& view, const smp::sim::Plan& plan, const smp::sim::ScalpDetection& det, double s) {
  tint(view, det.hair, {255, 160, 0}, 0.35);
  tint(view, plan.masks.treatment, {0, 200, 0}, 0.30);
  const auto& e = plan.head.outline;
  const float fs = static_cast<float>(s);
  cv::ellipse(view, cv::RotatedRect(e.center * fs, cv::Size2f(e.size.width * fs, e.size.height * fs), e.angle),
              {0, 255, 255}, 2);
  const cv::Point2d c = plan.head.midline_origin * s;
  const cv::Point2d tip = c + plan.head.front_dir * (0.3 * e.size.height * s);
  cv::arrowedLine(view, c, tip, {0, 0, 255}, 3);
  const auto& cp = plan.hairline.control_points;
  if (cp.size() >= 2) {
    const cv::Point2d l = plan.head.lateral_dir();
    std::vector<cv::Point> full;
    for (auto it = cp.rbegin(); it != cp.rend(); ++it) {
      const cv::Point2d m = *it - 2.0 * (*it - plan.head.midline_origin).dot(l) * l;
      full.emplace_back(m * s);
    }
    for (const auto& p : cp) full.emplace_back(p * s);
    cv::polylines(view, full, false, {255, 0, 255}, 3);
    for (const auto& p : cp) cv::circle(view, p * s, 5, {255, 255, 255}, cv::FILLED);
  }
  if (!det.face.empty()) {
    const cv::Rect2d f = det.face;
    cv::rectangle(view, cv::Rect2d(f.x * s, f.y * s, f.width * s, f.height * s), {255, 0, 0}, 2);
  }
}

// The detection's masks side by side, each scaled to `height` rows, labelled.
cv::Mat3b mask_strip(const smp::sim::Plan& plan, const smp::sim::ScalpDetection& det, int height) {
  const std::vector<std::pair<const char*, cv::Mat1b>> masks = {
      {"head", det.head},           {"scalp", det.scalp},         {"hair", det.hair},
      {"thick hair", det.thick_hair}, {"occlusion", det.occlusion}, {"treatment", plan.masks.treatment}};
  std::vector<cv::Mat3b> panels;
  for (const auto& [name, m] : masks) {
    cv::Mat1b g = m.empty() ? cv::Mat1b(height, height, uchar{0}) : m;
    const double s = static_cast<double>(height) / g.rows;
    cv::Mat1b r;
    cv::resize(g, r, cv::Size(), s, s, cv::INTER_AREA);
    cv::Mat3b c;
    cv::cvtColor(r, c, cv::COLOR_GRAY2BGR);
    cv::putText(c, name, {6, 20}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {0, 0, 255}, 2);
    panels.push_back(c);
  }
  cv::Mat3b strip;
  cv::hconcat(panels, strip);
  return strip;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s OUT_DIR PHOTO...\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  std::filesystem::create_directories(out_dir);
  for (int i = 2; i < argc; ++i) {
    const cv::Mat img = cv::imread(argv[i], cv::IMREAD_COLOR);
    if (img.empty()) {
      std::fprintf(stderr, "%s: cannot read\n", argv[i]);
      continue;
    }
    smp::sim::PhotoRef ref{argv[i], "", img.cols, img.rows};
    const auto t0 = std::chrono::steady_clock::now();
    const smp::sim::Plan plan = smp::sim::make_auto_plan(img, ref);
    const auto t1 = std::chrono::steady_clock::now();
    const smp::sim::ScalpDetection det = smp::sim::detect_scalp(img);
    const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    const double treat = plan.masks.treatment.empty() ? 0
        : cv::countNonZero(plan.masks.treatment) / static_cast<double>(plan.masks.treatment.total());
    std::printf("%s: %.0f ms, view %s, front (%.2f, %.2f), %.2f px/mm, treatment %.0f%%, hairline %zu pts, "
                "valid '%s'\n  %s\n",
                argv[i], ms, plan.head.view == smp::sim::ViewKind::Top ? "top" : "front", plan.head.front_dir.x,
                plan.head.front_dir.y, plan.calibration.px_per_mm, 100 * treat, plan.hairline.control_points.size(),
                smp::sim::validate(plan).c_str(), plan.notes.c_str());
    const double s = 800.0 / std::max(img.cols, img.rows);
    cv::Mat3b view;
    cv::resize(img, view, cv::Size(), s, s, cv::INTER_AREA);
    draw_overlay(view, plan, det, s);
    const std::string name = std::filesystem::path(argv[i]).stem().string() + "-autoplan.png";
    cv::imwrite((out_dir / name).string(), view);
    const std::string masks = std::filesystem::path(argv[i]).stem().string() + "-masks.png";
    cv::imwrite((out_dir / masks).string(), mask_strip(plan, det, 300));
  }
  return 0;
}
