// "Match stubble" in the real window: one click sets the shade (and density) the automatic
// plan's stubble rule gives, as one undo step; without stubble on the photo it does nothing.

#include "smp/render/shade.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan_io.hpp"
#include "viewer_widgets.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerStubble, MatchStubbleIsOneUndoStep) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = new_case("stubble");
  const cv::Mat3b photo = write_half_demo_photo(c);  // a top view
  ASSERT_FALSE(photo.empty());
  cv::theRNG().state = 12345;
  sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{"photo.png", "", photo.cols, photo.rows});
  plan.params.pigment.dilution_pct = 70;  // far from any match
  sim::save_plan(plan, c.plan);
  sim::Plan expected = sim::load_plan(c.plan);
  render::suggest_shades(photo, expected);

  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio, dots_settled);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  ASSERT_TRUE(window->layout["stubble"]["measured"].get<bool>()) << "no stubble measured on the demo photo";
  const std::string& wid = window->wid;
  const auto button = reveal(layout_path, studio, wid, "match_stubble");
  ASSERT_TRUE(button) << "the Match stubble button never came into view";
  const auto shown = read_json(layout_path);
  ASSERT_TRUE(shown);
  const auto undo_before = (*shown)["undo_size"].get<std::size_t>();
  click_widget(wid, *button);
  const auto matched = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) {
    return l["undo_size"].get<std::size_t>() > undo_before && !l["task_running"].get<bool>();
  });
  ASSERT_TRUE(matched) << "the click changed nothing";
  EXPECT_EQ((*matched)["undo_size"].get<std::size_t>(), undo_before + 1);
  EXPECT_NEAR((*matched)["dilution_pct"].get<double>(), expected.params.pigment.dilution_pct, 0.01);
  EXPECT_NEAR((*matched)["density_per_cm2"].get<double>(), expected.params.density_per_cm2, 0.01);
  EXPECT_NE((*matched)["dilution_pct"].get<double>(), 70.0);
  // One Ctrl+Z gives the shade back.
  xdo(xdo_at(wid, (*matched)["canvas"][0].get<double>() + 100, (*matched)["canvas"][1].get<double>() + 100));
  xdo("key ctrl+z");
  const auto undone = wait_layout(layout_path, studio, 20s, [&](const nlohmann::json& l) {
    return l["undo_size"].get<std::size_t>() == undo_before;
  });
  ASSERT_TRUE(undone);
  EXPECT_EQ((*undone)["dilution_pct"].get<double>(), 70.0);
  EXPECT_EQ((*undone)["density_per_cm2"].get<double>(), plan.params.density_per_cm2);
}

TEST(ViewerStubble, WithoutStubbleTheButtonDoesNothing) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("no-stubble");  // a bald synthetic scalp: no hair, no stubble
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio, [](const nlohmann::json& l) {
    return dots_shown(l) && l["dots_up_to_date"].get<bool>();
  });
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const nlohmann::json& ready = window->layout;
  EXPECT_FALSE(ready["stubble"]["measured"].get<bool>());
  const std::string& wid = window->wid;
  const auto button = reveal(layout_path, studio, wid, "match_stubble");
  ASSERT_TRUE(button) << "the Match stubble button never came into view";
  click_widget(wid, *button);
  ASSERT_TRUE(wait_frames(layout_path, studio, 4));
  const auto after = read_json(layout_path);
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)["undo_size"].get<std::size_t>(), 0u);
  EXPECT_EQ((*after)["dilution_pct"], ready["dilution_pct"]);
  EXPECT_FALSE((*after)["task_running"].get<bool>());
}

}  // namespace
}  // namespace smp::test
