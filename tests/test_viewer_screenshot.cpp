// The real viewer under Xvfb: screenshots are not blank, show the photo and the dots, and
// the GL rendering of the dots matches the CPU compositor for the same view, healed, on
// day 0 and years later.
//
// Tolerance (stated): at 100% zoom every screen pixel samples exactly one photo pixel, so GL
// and CPU evaluate the same apply formula (appearance.hpp, apply_formula); they may differ
// only by float rounding: at most 2 levels (of 255) on 99.9% of pixel channels, mean
// absolute difference below 0.25 levels.

#include "smp/render/compositor.hpp"
#include "smp/sim/simulate.hpp"
#include "viewer_test_support.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

struct Shot {
  cv::Mat3b image;
  nlohmann::json layout;
};

Shot screenshot(const Case& c, const std::string& name, const std::string& args) {
  const fs::path png = c.dir / (name + ".png"), layout = c.dir / (name + "-layout.json");
  const int rc = run_studio(c, "'" + c.plan.string() + "' --screenshot '" + png.string() + "' --frames 3 --width 1000 --height 800 --gl-checks --layout-json '" +
                                   layout.string() + "' " + args);
  EXPECT_EQ(rc, 0) << "see " << (c.dir / "studio.log");
  Shot s;
  s.image = render::load_photo(png);
  if (auto j = read_json(layout)) s.layout = *j;
  return s;
}

cv::Mat3b cpu_reference(const Case& c, const render::CompositeOptions& options) {
  const sim::Plan plan = sim::load_plan(c.plan);
  const sim::Simulation s = sim::simulate(plan);
  return render::composite(render::load_photo(c.photo), plan, s.impressions, {}, options);
}

// The photo's rectangle in the screenshot at 100% (integer origin, pixel ratio 1).
cv::Rect photo_rect(const Shot& s, cv::Size photo) {
  const auto& l = s.layout;
  const double ratio = l["pixel_ratio"].get<double>();
  const int x = static_cast<int>(std::lround((l["canvas"][0].get<double>() + l["origin"][0].get<double>()) * ratio));
  const int y = static_cast<int>(std::lround((l["canvas"][1].get<double>() + l["origin"][1].get<double>()) * ratio));
  return {x, y, photo.width, photo.height};
}

void expect_matches_cpu(const Case& c, const Shot& s, const render::CompositeOptions& options = {}) {
  const cv::Mat3b cpu = cpu_reference(c, options);
  const cv::Rect r = photo_rect(s, cpu.size());
  ASSERT_TRUE((r & cv::Rect(0, 0, s.image.cols, s.image.rows)) == r) << "photo not fully on screen";
  cv::Mat diff;
  cv::absdiff(s.image(r), cpu, diff);
  const cv::Mat flat = diff.reshape(1);
  double max_diff = 0;
  cv::minMaxLoc(flat, nullptr, &max_diff);
  const double mean = cv::mean(flat)[0];
  const double over2 = static_cast<double>(cv::countNonZero(flat > 2)) / static_cast<double>(flat.total());
  EXPECT_LT(mean, 0.25);
  EXPECT_LT(over2, 0.001) << "max difference " << max_diff;
  // The dots really are there: the reference differs from the bare photo.
  cv::Mat bare_diff;
  cv::absdiff(render::load_photo(c.photo), cpu, bare_diff);
  EXPECT_GT(cv::mean(bare_diff.reshape(1))[0], 1.0);
}

TEST(ViewerScreenshot, NotBlankShowsPhotoAndDots) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("visible");
  const Shot after = screenshot(c, "after", "--hide-overlays");
  const Shot before = screenshot(c, "before", "--hide-overlays --compare before");
  ASSERT_FALSE(after.image.empty());
  ASSERT_EQ(after.image.size(), before.image.size());
  cv::Scalar mean, stddev;
  cv::meanStdDev(after.image, mean, stddev);
  EXPECT_GT(stddev[0] + stddev[1] + stddev[2], 30.0) << "the screenshot looks blank";
  // The photo: skin tone in the middle of the canvas (red > green > blue).
  const cv::Scalar centre = cv::mean(before.image(cv::Rect(250, 420, 100, 60)));
  EXPECT_GT(centre[2], centre[1]);
  EXPECT_GT(centre[1], centre[0]);
  // The dots: the simulation darkens the treatment area, and nothing else changes much.
  const cv::Scalar darker = cv::mean(before.image(cv::Rect(250, 420, 100, 60))) - cv::mean(after.image(cv::Rect(250, 420, 100, 60)));
  EXPECT_GT(darker[0] + darker[1] + darker[2], 6.0);
}

TEST(ViewerScreenshot, GlDotsMatchTheCpuCompositorAt100Percent) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("gl-vs-cpu");
  expect_matches_cpu(c, screenshot(c, "actual", "--hide-overlays --hide-panels --view 100"));
}

// Day 0 (redness, larger and darker dots) and five years on (faded, spread dots): the GL path
// shows the moment the CPU compositor renders for the same options.
TEST(ViewerScreenshot, FreshAndYearsLaterMatchTheCpuCompositor) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("gl-vs-cpu-moments");
  render::CompositeOptions fresh;
  fresh.up_to_session = 1;
  fresh.latest_healing = 0.0;
  const Shot day0 = screenshot(c, "fresh", "--hide-overlays --hide-panels --view 100 --state fresh --session 1");
  expect_matches_cpu(c, day0, fresh);
  render::CompositeOptions later;
  later.years = 5;
  const Shot years = screenshot(c, "years", "--hide-overlays --hide-panels --view 100 --years 5");
  expect_matches_cpu(c, years, later);
  // The two moments really differ (redness and fading are not lost on the way).
  const cv::Rect r = photo_rect(day0, render::load_photo(c.photo).size());
  cv::Mat diff;
  cv::absdiff(day0.image(r), years.image(r), diff);
  EXPECT_GT(cv::mean(diff.reshape(1))[0], 1.0);
}

TEST(ViewerScreenshot, TiledTexturesMatchTheCpuCompositor) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("tiled");
  // 256-pixel tiles: the 800x600 photo and its dot layer are split into 4x3 textures.
  expect_matches_cpu(c, screenshot(c, "tiled", "--hide-overlays --hide-panels --view 100 --max-tile 256"));
}

}  // namespace
}  // namespace smp::test
