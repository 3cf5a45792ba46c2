// The buzz-cut preview in the real window: the clipping is drawn off the UI thread, so
// frames keep coming while it is computed, and the canvas ends on the buzzed photo with the
// dots made over it.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz_params.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/simulate.hpp"
#include "viewer_widgets.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

// The demo photo (a top view with a fringe) at `scale`, with its automatic plan clipped to `length`.
Case write_buzz_case(const std::string& name, sim::BuzzLength length, double scale) {
  Case c = new_case(name);
  const cv::Mat demo = cv::imread((fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg").string(), cv::IMREAD_COLOR);
  cv::Mat3b photo;
  cv::resize(demo, photo, {}, scale, scale, cv::INTER_AREA);
  cv::imwrite(c.photo.string(), photo);
  cv::theRNG().state = 12345;  // the automatic plan's GrabCut draws from it
  sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{"photo.png", "", photo.cols, photo.rows});
  plan.params.buzz.length = length;
  sim::save_plan(plan, c.plan);
  return c;
}

TEST(ViewerBuzz, ClippedOffTheUiThreadThenShown) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_buzz_case("buzz", sim::BuzzLength::NoGuard, 0.5);

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
  // The plan opened with its buzz: the dots made over the buzzed photo keep off the wall where
  // the hair's volume was, so there are fewer than the plan alone places.
  const std::size_t unbuzzed = sim::simulate(sim::load_plan(c.plan)).impressions.size();
  EXPECT_LT((*done)["impressions"].get<std::size_t>(), unbuzzed);
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

// Choosing a length in the Remaining hair panel: the buzz arrives with the SMP shade matched
// to its stubble and the dots kept off the wall, all one undo step; undo and redo bring back
// the picture, the shade and the dots.
TEST(ViewerBuzz, LengthChoiceUndoAndRedo) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_buzz_case("buzz-undo", sim::BuzzLength::AsPhotographed, 0.25);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto combo = reveal(layout_path, studio, wid, "buzz_length");
  ASSERT_TRUE(combo) << "the Clipped to list was never drawn";
  const auto before = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) {
    return l["dots_up_to_date"].get<bool>() && l["impressions"].get<std::size_t>() > 0;
  });
  ASSERT_TRUE(before) << "the dots never came";
  const double shade = (*before)["dilution_pct"].get<double>();
  ASSERT_EQ((*before)["undo_size"].get<std::size_t>(), 0u);
  click_widget(wid, *combo);
  const std::string item = std::string("buzz_length:") + sim::buzz_name(sim::BuzzLength::NoGuard);
  const auto listed = wait_layout(layout_path, studio, 10s, [&](const nlohmann::json& l) { return widget(l, item).has_value(); });
  ASSERT_TRUE(listed) << "the lengths did not open";
  click_widget(wid, *widget(*listed, item));
  const auto buzzed = [](const nlohmann::json& l) {
    return l["buzz"]["drawn"].get<bool>() && !l["buzz"]["pending"].get<bool>() && l["dots_up_to_date"].get<bool>();
  };
  const auto chosen = wait_layout(layout_path, studio, 30s, buzzed);
  ASSERT_TRUE(chosen) << "the buzz never came: " << read_json(layout_path).value_or(nlohmann::json{})["buzz"];
  EXPECT_EQ((*chosen)["undo_size"].get<std::size_t>(), 1u);
  const double matched = (*chosen)["dilution_pct"].get<double>();
  EXPECT_NE(matched, shade) << "the shade was not matched to the stubble";
  // Where the hair's volume gave way to the wall no dots are placed, and none are counted.
  const std::size_t dots = (*before)["impressions"].get<std::size_t>();
  EXPECT_LT((*chosen)["impressions"].get<std::size_t>(), dots);

  const auto& canvas = (*chosen)["canvas"];
  xdo(xdo_at(wid, canvas[0].get<double>() + 100, canvas[1].get<double>() + 100));
  xdo("key ctrl+z");
  const auto undone = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) {
    return !l["buzz"]["drawn"].get<bool>() && !l["buzz"]["pending"].get<bool>() && l["undo_size"].get<std::size_t>() == 0;
  });
  ASSERT_TRUE(undone) << "undo did not bring the photo back: " << read_json(layout_path).value_or(nlohmann::json{})["buzz"];
  EXPECT_EQ((*undone)["dilution_pct"].get<double>(), shade);
  const auto undone_dots = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) { return l["dots_up_to_date"].get<bool>(); });
  ASSERT_TRUE(undone_dots);
  // Re-placed where the wall was excluded (an incremental placement: the count within 1 %).
  const double undone_count = static_cast<double>((*undone_dots)["impressions"].get<std::size_t>());
  EXPECT_GT(undone_count, static_cast<double>((*chosen)["impressions"].get<std::size_t>()));
  EXPECT_NEAR(undone_count, static_cast<double>(dots), 0.01 * static_cast<double>(dots));
  EXPECT_EQ((*undone)["buzz"]["shown"].get<std::string>(), sim::buzz_name(sim::BuzzLength::AsPhotographed));

  xdo("key ctrl+y");
  const auto redone = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) {
    return l["buzz"]["drawn"].get<bool>() && !l["buzz"]["pending"].get<bool>() && l["undo_size"].get<std::size_t>() == 1;
  });
  ASSERT_TRUE(redone) << "redo did not bring the buzz back: " << read_json(layout_path).value_or(nlohmann::json{})["buzz"];
  EXPECT_EQ((*redone)["dilution_pct"].get<double>(), matched);
  EXPECT_EQ((*redone)["buzz"]["shown"].get<std::string>(), sim::buzz_name(sim::BuzzLength::NoGuard));
}

}  // namespace
}  // namespace smp::test
