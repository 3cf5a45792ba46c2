// Golden-image tests: synthetic scalp patches rendered in each appearance state and compared
// with committed reference PNGs (tests/golden/) within a tolerance. The inputs are built here,
// deterministically, without dot placement, so a change in the placement algorithm does not
// move them; a change in the appearance model does, on purpose.
// Regenerate after an intended change: SMP_UPDATE_GOLDEN=1 ctest -R Golden (then look at them).

#include "smp/render/compositor.hpp"
#include "smp/sim/random.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cstdlib>
#include <filesystem>

namespace smp {
namespace {

namespace fs = std::filesystem;

constexpr int kW = 192, kH = 128;

// Skin from light (left) to dark (right), lit from the top, with a specular highlight and a
// band of dark hair along the right edge.
cv::Mat3b synthetic_photo() {
  cv::Mat3b img(kH, kW);
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      const float t = static_cast<float>(x) / (kW - 1), light = 1.0f - 0.35f * static_cast<float>(y) / (kH - 1);
      const cv::Vec3f light_skin(165, 185, 220), dark_skin(50, 65, 95);
      const cv::Vec3f c = (light_skin * (1 - t) + dark_skin * t) * light;
      img(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(c[0]), cv::saturate_cast<uchar>(c[1]), cv::saturate_cast<uchar>(c[2]));
    }
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      const float dx = static_cast<float>(x - 70), dy = static_cast<float>(y - 40);
      const float spec = 110.0f * std::exp(-(dx * dx + dy * dy) / (2 * 9.0f * 9.0f));
      for (int k = 0; k < 3; ++k) img(y, x)[k] = cv::saturate_cast<uchar>(img(y, x)[k] + spec);
    }
  sim::Rng rng(7);
  for (int i = 0; i < 220; ++i) {  // hair strands
    // One draw per statement: arguments of one call are evaluated in an unspecified order
    // (GCC right to left, clang left to right). y first: the order the references used.
    const int y = static_cast<int>(rng.below(kH));
    const cv::Point a(kW - 20 + static_cast<int>(rng.below(20)), y);
    cv::line(img, a, a + cv::Point(static_cast<int>(rng.below(5)) - 2, 6), cv::Scalar(30, 32, 36), 1, cv::LINE_AA);
  }
  return img;
}

sim::Plan synthetic_plan() {
  sim::Plan plan = test::uniform_plan(kW, kH, 12.0, 80);
  plan.params.sessions = 3;
  plan.params.pigment.dilution_pct = 35;
  plan.masks.treatment = cv::Mat1b(kH, kW, uchar{255});
  plan.masks.treatment(cv::Rect(kW - 20, 0, 20, kH)) = 0;
  plan.masks.hair = cv::Mat1b(kH, kW, uchar{0});
  plan.masks.hair(cv::Rect(kW - 20, 0, 20, kH)) = 255;
  return plan;
}

// A jittered hexagonal lattice (about 1 mm apart), sessions interleaved: placement-independent.
std::vector<sim::Impression> synthetic_impressions(const sim::Plan& plan) {
  std::vector<sim::Impression> out;
  const float step = static_cast<float>(plan.calibration.px_per_mm * 1.1);
  sim::Rng rng(11);
  std::uint32_t key = 1;
  for (float y = step / 2; y < kH; y += step * 0.866f) {
    const float shift = (static_cast<int>(y / step) % 2) ? step / 2 : 0;
    for (float x = shift + step / 2; x < kW - 20; x += step) {
      const float jy = static_cast<float>(rng.uniform(-0.3, 0.3));  // y first, as above
      const float jx = static_cast<float>(rng.uniform(-0.3, 0.3));
      const cv::Point2f p(x + jx * step, y + jy * step);
      out.push_back({p, key++, static_cast<std::uint8_t>(1 + rng.below(3))});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.session < b.session; });
  return out;
}

void expect_matches_golden(const cv::Mat3b& img, const std::string& name) {
  const fs::path path = fs::path(SMP_SOURCE_DIR) / "tests" / "golden" / (name + ".png");
  if (const char* update = std::getenv("SMP_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    cv::imwrite(path.string(), img);
    GTEST_SKIP() << "wrote " << path;
  }
  const cv::Mat3b ref = cv::imread(path.string(), cv::IMREAD_COLOR);
  ASSERT_FALSE(ref.empty()) << "missing golden image " << path << " (SMP_UPDATE_GOLDEN=1 writes it)";
  ASSERT_EQ(ref.size(), img.size());
  cv::Mat diff;
  cv::absdiff(img, ref, diff);
  double max_diff = 0;
  cv::minMaxLoc(diff.reshape(1), nullptr, &max_diff);
  const cv::Scalar mean = cv::mean(diff);
  // Tolerance: float rounding across compilers and OpenCV builds moves a few pixels by a level or two.
  EXPECT_LT((mean[0] + mean[1] + mean[2]) / 3.0, 0.5) << name;
  EXPECT_LE(max_diff, 12) << name;
}

struct GoldenCase {
  const char* name;
  render::CompositeOptions options;
  double depth_mm = 0.5;
  bool top_view = false;
  bool no_dots = false;  // the synthetic photo itself
};

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesReference) {
  const GoldenCase& c = GetParam();
  const cv::Mat3b photo = synthetic_photo();
  sim::Plan plan = synthetic_plan();
  plan.params.pigment.depth_mm = c.depth_mm;
  if (c.top_view) {
    plan.head.view = sim::ViewKind::Top;
    plan.head.outline = cv::RotatedRect({kW / 2.0f, kH / 2.0f}, {kW * 1.05f, kH * 1.1f}, 0);
  }
  std::vector<sim::Impression> imps;
  if (!c.no_dots) imps = synthetic_impressions(plan);
  expect_matches_golden(render::composite(photo, plan, imps, {}, c.options), c.name);
}

INSTANTIATE_TEST_SUITE_P(States, Golden,
                         ::testing::Values(GoldenCase{"before", {0, 1.0, 0.0}, 0.5, false, true},
                                           GoldenCase{"session1-fresh", {1, 0.0, 0.0}},
                                           GoldenCase{"session1-healed", {1, 1.0, 0.0}},
                                           GoldenCase{"final-healed", {0, 1.0, 0.0}},
                                           GoldenCase{"years-5", {0, 1.0, 5.0}},
                                           GoldenCase{"deep-1.3mm", {0, 1.0, 0.0}, 1.3},
                                           GoldenCase{"top-view-perspective", {0, 1.0, 0.0}, 0.5, true}),
                         [](const auto& param_info) {
                           std::string n = param_info.param.name;
                           for (char& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace smp
