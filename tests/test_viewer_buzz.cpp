// The buzz-cut preview in the real window: the clipping is drawn off the UI thread, so
// frames keep coming while it is computed, and the canvas ends on the buzzed photo.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz_params.hpp"
#include "smp/sim/plan_io.hpp"
#include "viewer_driver.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerBuzz, ClippedOffTheUiThreadThenShown) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  // The demo photo (a top view with a fringe) at half size, with a plan asking for a buzz.
  Case c;
  c.dir = fresh_dir("buzz");
  c.photo = c.dir / "photo.png";
  c.plan = c.dir / "plan.json";
  const cv::Mat demo = cv::imread((fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg").string(), cv::IMREAD_COLOR);
  ASSERT_FALSE(demo.empty());
  cv::Mat3b photo;
  cv::resize(demo, photo, {}, 0.5, 0.5, cv::INTER_AREA);
  cv::imwrite(c.photo.string(), photo);
  cv::theRNG().state = 12345;  // the automatic plan's GrabCut draws from it
  sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{"photo.png", "", photo.cols, photo.rows});
  plan.params.buzz.length = sim::BuzzLength::NoGuard;
  sim::save_plan(plan, c.plan);

  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const auto done = wait_layout(layout_path, studio, 90s, [](const nlohmann::json& l) {
    return l.contains("buzz") && l["buzz"]["drawn"].get<bool>() && !l["buzz"]["pending"].get<bool>() &&
           l["dots_up_to_date"].get<bool>() && dots_shown(l);
  });
  ASSERT_TRUE(done) << "the buzzed photo never came: " << read_json(layout_path).value_or(nlohmann::json{}).dump();
  const auto& buzz = (*done)["buzz"];
  EXPECT_EQ(buzz["shown"].get<std::string>(), sim::buzz_name(sim::BuzzLength::NoGuard));
  EXPECT_TRUE(buzz["shown_on_photo"].get<bool>());
  EXPECT_TRUE(buzz["refusal"].get<std::string>().empty());
  EXPECT_GT(buzz["stubble_darkening"].get<double>(), 0.0);
  // The clipping was asked for in one frame and shown in a later one: the window drew frames
  // in between instead of waiting for it.
  EXPECT_GT(buzz["applied_frame"].get<std::uint64_t>(), buzz["posted_frame"].get<std::uint64_t>());
  std::printf("buzz asked at frame %llu, shown at frame %llu\n",
              static_cast<unsigned long long>(buzz["posted_frame"].get<std::uint64_t>()),
              static_cast<unsigned long long>(buzz["applied_frame"].get<std::uint64_t>()));
  // It stays: no further request once shown.
  ASSERT_TRUE(wait_frames(layout_path, studio, 3));
  const auto later = read_json(layout_path);
  ASSERT_TRUE(later);
  EXPECT_EQ((*later)["buzz"]["applied_frame"], buzz["applied_frame"]);
  EXPECT_FALSE((*later)["buzz"]["pending"].get<bool>());
}

}  // namespace
}  // namespace smp::test
