// smp-autoplan-eval: runs the automatic plan on every labelled photo of the evaluation set
// and prints front-direction accuracy, scalp IoU and pigment on off-scalp/hair points, per
// photo and in total. With --overlays DIR it also writes, per photo, the labels drawn over
// the visible-pigment area (green tint) for looking at failures.
// With --turned, each top view with a known front is also planned turned by 90, 180 and 270
// degrees, and the front answers are counted: right, wrong but asked about ("Check the front
// direction"), wrong without a word.
// Usage: smp-autoplan-eval LABEL_DIR PHOTO_DIR [--overlays DIR] [--turned]

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

// Front answers of the top views with a known front, each photo also turned by a quarter, a
// half and three quarters: right, asked about, or wrong without a word.
struct TurnedFronts {
  int right = 0, asked = 0, wrong = 0, asked_while_right = 0;
  void add(const smp::eval::PhotoLabel& label, const smp::sim::Plan& plan, int quarter_turns) {
    bool asked_right = false;
    const auto a = smp::eval::front_answer(label, plan, quarter_turns, &asked_right);
    if (!a) return;
    (*a == smp::eval::FrontAnswer::Right ? right : *a == smp::eval::FrontAnswer::Asked ? asked : wrong) += 1;
    asked_while_right += asked_right ? 1 : 0;
  }
};

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s LABEL_DIR PHOTO_DIR [--overlays DIR] [--turned]\n", argv[0]);
    return 2;
  }
  std::filesystem::path overlays;
  bool with_turns = false;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--overlays") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: --overlays needs a folder\n", argv[0]);
        return 2;
      }
      overlays = argv[++i];
      std::filesystem::create_directories(overlays);
    } else if (a == "--turned") {
      with_turns = true;
    } else {
      std::fprintf(stderr, "%s: unknown argument %s\n", argv[0], a.c_str());
      return 2;
    }
  }
  TurnedFronts as_taken, turned;
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
    as_taken.add(label, plan, 0);
    if (!overlays.empty()) write_overlay(overlays, img, label, plan);
    if (with_turns && smp::eval::front_answer(label, plan, 0))
      for (int quarters = 1; quarters <= 3; ++quarters) {
        const cv::Mat t = smp::eval::turned(img, quarters);
        turned.add(label, smp::sim::make_auto_plan(t, smp::sim::PhotoRef{path.string(), "", t.cols, t.rows}), quarters);
      }
  }
  std::printf("%s%s\n", smp::eval::format_table(scores).c_str(),
              smp::eval::format_totals(smp::eval::summarise(scores)).c_str());
  const auto fronts = [](const char* what, const TurnedFronts& f) {
    std::printf("%s: front right on %d, wrong and asked about on %d, wrong without a word on %d (asked while right: %d)\n",
                what, f.right, f.asked, f.wrong, f.asked_while_right);
  };
  fronts("top views as taken", as_taken);
  if (with_turns) fronts("the same turned by 90, 180 and 270 degrees", turned);
  return 0;
}
