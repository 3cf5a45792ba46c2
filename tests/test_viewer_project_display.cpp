// A two-view project in the real viewer under Xvfb: `smp-studio PROJECT.json` opens it with
// a tab per view above the canvas and the combined estimate; a click on a tab shows that
// view's photo; the + tab adds a view from a photo typed into the file browser; the grid
// export and the report are written from the window; a screenshot of the project shows the
// tab bar.

#include "smp/sim/project_io.hpp"
#include "viewer_widgets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

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
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "the + tab opened no browser";
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

// From the window alone: the Timeline grid layout picked in the Consultation panel, Ctrl+E
// writes the grid of the treatment's moments, Ctrl+R the report of both views.
TEST(ViewerProjectWindow, ExportsTheTimelineGridAndTheProjectReport) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_project_case("project-exports");
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  ASSERT_TRUE(wait_layout(layout_path, studio, 90s, estimate_shown)) << "the project never showed its estimate";
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto combo = reveal(layout_path, studio, wid, "export_layout");
  ASSERT_TRUE(combo) << "the export layout choice was never drawn";
  click_widget(wid, *combo);
  const auto open = wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) {
    return widget(l, "export_layout:Timeline grid").has_value();
  });
  ASSERT_TRUE(open) << "the layout list did not open";
  click_widget(wid, *widget(*open, "export_layout:Timeline grid"));
  const auto grid = wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) { return l["export_layout"].get<int>() == 2; });
  ASSERT_TRUE(grid) << "Timeline grid was not picked";

  const fs::path exported = (*grid)["export_path"].get<std::string>();
  const fs::path report = (*grid)["report_path"].get<std::string>();
  ASSERT_FALSE(fs::exists(exported));
  ASSERT_FALSE(fs::exists(report));
  xdo("key ctrl+e");  // the browser opens at the export path, its name field focused
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "Ctrl+E opened no browser";
  xdo("key Return");
  ASSERT_TRUE(wait_layout(layout_path, studio, 120s, [&](const nlohmann::json& l) {
    return fs::exists(exported) && !l["task_running"].get<bool>();
  })) << "Ctrl+E wrote nothing at " << exported;
  // The grid: the moments in two columns, taller than a side-by-side pair of these photos.
  const cv::Mat3b picture = render::load_photo(exported);
  EXPECT_GT(picture.rows, picture.cols) << picture.cols << "x" << picture.rows;

  xdo("key ctrl+r");
  ASSERT_TRUE(wait_layout(layout_path, studio, 180s, [&](const nlohmann::json& l) {
    return fs::exists(report) && !l["task_running"].get<bool>();
  })) << "Ctrl+R wrote no report at " << report;
  if (std::system("command -v pdftotext > /dev/null 2>&1") != 0) return;  // the text check needs poppler-utils
  const fs::path text = c.dir / "report.txt";
  ASSERT_EQ(std::system(("pdftotext '" + report.string() + "' '" + text.string() + "'").c_str()), 0);
  std::ifstream in(text);
  const std::string words((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* expected : {"Top", "Front", "Over time", "5 years later"})
    EXPECT_NE(words.find(expected), std::string::npos) << expected << " missing in the report";
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
  // The selected tab stands out: its background (the median grey level inside it; the name
  // is a small part) differs clearly from the other tab's.
  const auto background = [&](const nlohmann::json& r) {
    const cv::Rect rect(static_cast<int>(r[0].get<double>()), static_cast<int>(r[1].get<double>()),
                        static_cast<int>(r[2].get<double>()), static_cast<int>(r[3].get<double>()));
    cv::Mat1b grey;
    cv::cvtColor(shot(rect), grey, cv::COLOR_BGR2GRAY);
    std::vector<uchar> v(grey.begin(), grey.end());
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return static_cast<double>(v[v.size() / 2]);
  };
  const auto& tabs = (*l)["project"]["tabs"];
  const std::size_t active = (*l)["project"]["active"].get<std::size_t>();
  ASSERT_EQ(tabs.size(), 2u);
  const double selected = background(tabs[active]), other = background(tabs[1 - active]);
  std::printf("tab backgrounds: selected %.0f, other %.0f\n", selected, other);
  EXPECT_GT(selected - other, 40.0) << "the selected tab does not stand out";
}

}  // namespace
}  // namespace smp::test

namespace smp::test {
namespace {

// A rate typed into the clinic settings prices the open project again: the combined
// estimate follows it (its area and impressions do not change).
TEST(ViewerProjectWindow, ClinicRateChangeRefreshesTheCombinedEstimate) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_project_case("project-rates");
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const auto opened = wait_layout(layout_path, studio, 90s, estimate_shown);
  ASSERT_TRUE(opened) << "the project never showed its combined estimate";
  const double cost = (*opened)["project"]["estimate"]["cost_min"].get<double>();
  const long impressions = (*opened)["project"]["estimate"]["impressions"].get<long>();
  ASSERT_GT(cost, 0.0);
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto open = open_clinic_settings(layout_path, studio, wid);
  ASSERT_TRUE(open);
  ASSERT_EQ((*open)["clinic"]["price_per_sq_in_min"].get<double>(), 60.0);
  const auto field = *widget(*open, "clinic_price_min");
  click(wid, field[0] + 30, field[1] + field[3] / 2);
  ASSERT_TRUE(wait_frames(layout_path, studio));
  xdo("key --delay 0 ctrl+a 1 2 0 Tab");  // 60 -> 120 per square inch
  const auto repriced = wait_layout(layout_path, studio, 20s, [](const nlohmann::json& l) {
    return l["clinic"]["price_per_sq_in_min"].get<double>() == 120.0 && l["project"].contains("estimate");
  });
  ASSERT_TRUE(repriced) << "the rate did not change: " << read_json(layout_path).value_or(nlohmann::json{})["clinic"];
  ASSERT_TRUE(wait_frames(layout_path, studio, 2));
  const auto after = read_json(layout_path);
  ASSERT_TRUE(after);
  const auto& estimate = (*after)["project"]["estimate"];
  EXPECT_NEAR(estimate["cost_min"].get<double>(), 2 * cost, 0.01 * cost) << "the combined estimate kept the old rate";
  EXPECT_EQ(estimate["impressions"].get<long>(), impressions);
}

}  // namespace
}  // namespace smp::test
