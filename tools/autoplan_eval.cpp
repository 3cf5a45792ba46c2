// smp-autoplan-eval: runs the automatic plan on every labelled photo of the evaluation set
// and prints front-direction accuracy, scalp IoU and pigment on off-scalp/hair points, per
// photo and in total. With --overlays DIR it also writes, per photo, the labels drawn over
// the visible-pigment area (green tint) for looking at failures.
// Usage: smp-autoplan-eval LABEL_DIR PHOTO_DIR [--overlays DIR]

#include "eval/eval_labels.hpp"
#include "smp/sim/auto_plan.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

void write_overlay(const std::filesystem::path& out, const cv::Mat& photo, const smp::eval::PhotoLabel& label,
                   const smp::sim::Plan& plan) {
  cv::Mat3b view;
  cv::resize(photo, view, label.size, 0, 0, cv::INTER_AREA);
  const cv::Mat1f pigment = smp::eval::visible_pigment(plan);
  if (!pigment.empty()) {
    cv::Mat1f p;
    cv::resize(pigment, p, label.size, 0, 0, cv::INTER_LINEAR);
    for (int y = 0; y < view.rows; ++y)
      for (int x = 0; x < view.cols; ++x) {
        const float a = 0.45f * p(y, x);
        cv::Vec3b& px = view(y, x);
        px = cv::Vec3b(cv::saturate_cast<uchar>((1 - a) * px[0]), cv::saturate_cast<uchar>((1 - a) * px[1] + a * 255),
                       cv::saturate_cast<uchar>((1 - a) * px[2]));
      }
  }
  smp::eval::draw_label(view, label);
  const cv::Point2d c = plan.head.midline_origin * (static_cast<double>(label.size.width) / photo.cols);
  cv::arrowedLine(view, c, c + plan.head.front_dir * (0.15 * label.size.height), cv::Scalar(0, 0, 255), 2);
  cv::imwrite((out / (label.name + ".png")).string(), view);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s LABEL_DIR PHOTO_DIR [--overlays DIR]\n", argv[0]);
    return 2;
  }
  std::filesystem::path overlays;
  if (argc >= 5 && std::string(argv[3]) == "--overlays") {
    overlays = argv[4];
    std::filesystem::create_directories(overlays);
  }
  std::vector<smp::eval::PhotoLabel> labels;
  try {
    labels = smp::eval::load_labels(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::vector<smp::eval::PhotoScore> scores;
  for (const auto& label : labels) {
    const std::filesystem::path path = std::filesystem::path(argv[2]) / label.photo;
    const cv::Mat img = cv::imread(path.string(), cv::IMREAD_COLOR);
    if (img.empty()) {
      std::fprintf(stderr, "%s: cannot read the photo\n", path.string().c_str());
      return 1;
    }
    const smp::sim::Plan plan = smp::sim::make_auto_plan(img, smp::sim::PhotoRef{path.string(), "", img.cols, img.rows});
    scores.push_back(smp::eval::score_plan(label, plan));
    if (!overlays.empty()) write_overlay(overlays, img, label, plan);
  }
  std::printf("%s%s\n", smp::eval::format_table(scores).c_str(),
              smp::eval::format_totals(smp::eval::summarise(scores)).c_str());
  return 0;
}
