// A two-view project in the real viewer under Xvfb: `smp-studio PROJECT.json` opens it with
// a tab per view above the canvas and the combined estimate; a click on a tab shows that
// view's photo; the + tab adds a view from a photo typed into the file browser; a
// screenshot of the project shows the tab bar.

#include "smp/sim/project_io.hpp"
#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

// photo.png (top) + front.png in one project; c.plan is the project file.
Case write_project_case(const std::string& name) {
  Case c = write_case(name, 640, 480);
  render::save_image(c.dir / "front.png", synthetic_photo(640, 480));
  sim::Plan front = synthetic_plan(640, 480);
  front.photo.path = "front.png";
  front.head.view = sim::ViewKind::Front;
  sim::Project p = sim::project_from_plan(sim::load_plan(c.plan), "Top");
  p.views.push_back({"Front", front, {}});
  sim::assign_default_regions(p);
  c.plan = c.dir / "project.json";
  sim::save_project(p, c.plan);
  return c;
}

std::array<double, 2> centre(const nlohmann::json& rect) {
  return {rect[0].get<double>() + rect[2].get<double>() / 2, rect[1].get<double>() + rect[3].get<double>() / 2};
}

bool estimate_shown(const nlohmann::json& l) {
  return l["project"].is_object() && l["project"].contains("estimate") && l["dots_up_to_date"].get<bool>();
}

TEST(ViewerProjectWindow, OpensAProjectSwitchesTabsAndAddsAView) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_project_case("project-tabs");
  const fs::path added = c.dir / "side.png";
  render::save_image(added, synthetic_photo(480, 360));
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const auto opened = wait_layout(layout_path, studio, 90s, estimate_shown);
  ASSERT_TRUE(opened) << "the project never showed its combined estimate: " << read_json(layout_path).value_or(nlohmann::json{});
  const nlohmann::json& project = (*opened)["project"];
  ASSERT_EQ(project["views"].size(), 2u);
  EXPECT_EQ(project["active"].get<int>(), 0);
  EXPECT_EQ((*opened)["photo"].get<std::string>(), c.photo.string());
  ASSERT_EQ(project["tabs"].size(), 2u);
  // The tab bar sits above the canvas.
  const auto& tab = project["tabs"][1];
  EXPECT_LE(tab[1].get<double>() + tab[3].get<double>(), (*opened)["canvas"][1].get<double>() + 1);
  // Each region is counted by one view: the two shares add up to the combined figures.
  const auto& estimate = project["estimate"];
  ASSERT_EQ(estimate["views"].size(), 2u);
  EXPECT_EQ(estimate["impressions"].get<long>(),
            estimate["views"][0]["impressions"].get<long>() + estimate["views"][1]["impressions"].get<long>());
  EXPECT_GT(estimate["views"][1]["impressions"].get<long>(), 0);
  const long combined = estimate["impressions"].get<long>();

  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto front_tab = centre(tab);
  xdo(xdo_at(wid, front_tab[0], front_tab[1]));
  std::this_thread::sleep_for(300ms);
  xdo("click 1");
  const auto front = wait_layout(layout_path, studio, 60s, [&](const nlohmann::json& l) {
    return l["project"]["active"].get<int>() == 1 && l["photo"].get<std::string>() == (c.dir / "front.png").string() &&
           estimate_shown(l);
  });
  ASSERT_TRUE(front) << "a click on the Front tab did not show the front view";
  EXPECT_EQ((*front)["project"]["estimate"]["impressions"].get<long>(), combined);  // the same project, the same total

  // The + tab: the file browser, a photo typed in, a third view on screen.
  const auto plus = centre((*front)["project"]["add_tab"]);
  xdo(xdo_at(wid, plus[0], plus[1]));
  std::this_thread::sleep_for(300ms);
  xdo("click 1");
  std::this_thread::sleep_for(1500ms);
  xdo("type --delay 20 '" + added.string() + "'");
  std::this_thread::sleep_for(300ms);
  xdo("key Return");
  const auto third = wait_layout(layout_path, studio, 60s, [&](const nlohmann::json& l) {
    return l["project"]["views"].size() == 3u && l["project"]["active"].get<int>() == 2 &&
           l["photo"].get<std::string>() == added.string();
  });
  ASSERT_TRUE(third) << "the + tab added no view: " << read_json(layout_path).value_or(nlohmann::json{})["project"];
  EXPECT_TRUE((*third)["project"]["dirty"].get<bool>());
  EXPECT_EQ((*third)["project"]["views"][2]["density"], (*third)["project"]["views"][0]["density"]);  // shared
}

TEST(ViewerProjectWindow, ScreenshotShowsTheTabBarAboveTheCanvas) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_project_case("project-shot");
  const fs::path png = c.dir / "shot.png", layout = c.dir / "shot-layout.json";
  ASSERT_EQ(run_studio(c, "'" + c.plan.string() + "' --screenshot '" + png.string() +
                              "' --frames 3 --width 1000 --height 700 --gl-checks --layout-json '" + layout.string() + "'"),
            0)
      << "see " << (c.dir / "studio.log");
  const auto l = read_json(layout);
  ASSERT_TRUE(l && (*l)["project"].is_object());
  const cv::Mat3b shot = render::load_photo(png);
  ASSERT_EQ(shot.size(), cv::Size(1000, 700));
  // Each tab shows its name: the pixels inside a tab's rectangle are not one flat colour.
  for (const auto& r : (*l)["project"]["tabs"]) {
    const cv::Rect rect(static_cast<int>(r[0].get<double>()), static_cast<int>(r[1].get<double>()),
                        static_cast<int>(r[2].get<double>()), static_cast<int>(r[3].get<double>()));
    ASSERT_EQ(rect & cv::Rect(0, 0, shot.cols, shot.rows), rect);
    cv::Scalar mean, stddev;
    cv::meanStdDev(shot(rect), mean, stddev);
    EXPECT_GT(stddev[0] + stddev[1] + stddev[2], 15.0) << "tab " << r << " is blank";
  }
}

}  // namespace
}  // namespace smp::test
