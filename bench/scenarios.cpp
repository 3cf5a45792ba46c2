#include "scenarios.hpp"

#include "asset_paths.hpp"
#include "smp/sim/random.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace smp::bench {

double expected_impressions(const sim::DensityField& field) {
  if (field.empty()) return 0;
  cv::Mat1f per_px2;
  field.density.convertTo(per_px2, CV_32F, 1.0 / 100.0 / (field.px_per_mm * field.px_per_mm));
  if (!field.area_factor.empty()) per_px2 = per_px2.mul(field.area_factor);
  return cv::sum(per_px2)[0] * field.photo_px2_per_field_px();
}

namespace {

sim::Plan base_plan(DensityKind kind, cv::Size photo, double px_per_mm, int sessions) {
  sim::Plan plan;
  plan.photo = {"synthetic.jpg", "", photo.width, photo.height};
  plan.calibration = {px_per_mm, true, "two-point"};
  plan.head.midline_origin = {photo.width / 2.0, photo.height / 2.0};
  plan.head.front_dir = {0, -1};
  plan.params.sessions = sessions;
  plan.params.seed = 2024;
  const cv::Size mask = sim::working_mask_size(photo.width, photo.height);
  if (kind == DensityKind::Uniform) {
    plan.masks.treatment = cv::Mat1b(mask, uchar{255});
    plan.params.irregularity = 0;
    return plan;
  }
  // A head seen from above: an elliptical scalp, the hairline across its front third.
  plan.masks.treatment = cv::Mat1b(mask, uchar{0});
  cv::ellipse(plan.masks.treatment, {mask.width / 2, mask.height / 2}, {mask.width * 9 / 20, mask.height * 9 / 20}, 0, 0,
              360, 255, cv::FILLED);
  const double w = photo.width, h = photo.height;
  plan.hairline.symmetric = true;
  plan.hairline.control_points = {{0.5 * w, 0.28 * h}, {0.66 * w, 0.31 * h}, {0.82 * w, 0.42 * h}};
  plan.params.transition_mm = 10;
  plan.params.irregularity = 0.5;
  return plan;
}

}  // namespace

sim::Plan make_plan(DensityKind kind, cv::Size photo, std::size_t impressions, int sessions) {
  // The count scales as 1 / px_per_mm^2 (the transition zone is in mm, so iterate a little).
  double ppmm = 10.0;
  sim::Plan plan;
  for (int i = 0; i < 4; ++i) {
    plan = base_plan(kind, photo, ppmm, sessions);
    const double n = expected_impressions(sim::build_density_field(plan));
    if (n <= 0) break;
    ppmm *= std::sqrt(n / static_cast<double>(impressions));
  }
  return base_plan(kind, photo, ppmm, sessions);
}

cv::Mat3b make_photo(cv::Size size) {
  cv::Mat3b small;
  if (const auto demo = app::demo_photo_path()) small = cv::imread(demo->string(), cv::IMREAD_COLOR);
  cv::Mat3b photo;
  if (small.empty()) {
    photo.create(size);
    for (int y = 0; y < size.height; ++y)
      photo.row(y).setTo(cv::Scalar(120 + 40.0 * y / size.height, 140 + 40.0 * y / size.height, 180));
  } else {
    cv::resize(small, photo, size, 0, 0, cv::INTER_CUBIC);
  }
  // Fine grain (pores, sensor noise): a smooth upscale would compress unrealistically well.
  cv::Mat grain(size, CV_16SC3);
  cv::randn(grain, 0, 3);
  cv::Mat out;
  cv::add(photo, grain, out, cv::noArray(), CV_8UC3);
  return out;
}

std::filesystem::path scratch_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() / ("smp-bench-" + std::string(name));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace smp::bench
