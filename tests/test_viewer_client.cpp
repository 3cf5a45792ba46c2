// The viewer in front of a client, driven with real X input events: the split line drags,
// Presentation mode hides every editing mark, the frame-time readout leaves out the idle
// wait, Ctrl+E writes the one export (client on it, path from the client and the photo),
// and the paths follow the next photo opened.

#include "smp/render/image_io.hpp"
#include "smp/sim/plan_io.hpp"
#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerClient, SplitDragsPresentationHidesMarksFrameTimeExcludesIdle) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("client-split");
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path, {"--compare", "split"});
  const auto window = started_window(layout_path, studio);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  const auto& canvas = window->layout["canvas"];
  const double cx = canvas[0].get<double>(), cy = canvas[1].get<double>(), cw = canvas[2].get<double>(),
               ch = canvas[3].get<double>();
  EXPECT_TRUE(window->layout["overlays_drawn"].get<bool>());

  // Drag the split line from the middle to a quarter of the canvas.
  const double y = cy + ch * 0.8;
  xdo(xdo_at(wid, cx + cw * 0.5, y));
  std::this_thread::sleep_for(300ms);
  xdo("mousedown 1");
  std::this_thread::sleep_for(200ms);
  for (int step = 1; step <= 5; ++step) {
    xdo(xdo_at(wid, cx + cw * (0.5 - 0.05 * step), y));
    std::this_thread::sleep_for(100ms);
  }
  xdo("mouseup 1");
  const auto dragged =
      wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) { return l["split"].get<double>() < 0.3; });
  ASSERT_TRUE(dragged) << "the split line did not follow the drag: " << read_json(layout_path).value_or(nlohmann::json{})["split"];
  EXPECT_NEAR((*dragged)["split"].get<double>(), 0.25, 0.03);

  // Left alone, the readout is the frame's work: well under the 250 ms idle wait per frame.
  xdo(xdo_at(wid, cx + cw * 0.6, cy + ch * 0.5));
  std::this_thread::sleep_for(3s);
  const auto idle = read_json(layout_path);
  ASSERT_TRUE(idle);
  EXPECT_LT((*idle)["frame_ms"].get<double>(), 200.0);

  // F5: the canvas fills the window and nothing of the plan's editing is drawn. The frame
  // that handles F5 was laid out before it; the next one has the presentation layout.
  xdo("key F5");
  ASSERT_TRUE(wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) { return l["presentation"].get<bool>(); }))
      << "F5 did not enter Presentation mode";
  ASSERT_TRUE(wait_frames(layout_path, studio, 2));
  const auto shown = wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) {
    return l["presentation"].get<bool>() && !l["overlays_drawn"].get<bool>();
  });
  ASSERT_TRUE(shown) << "F5 did not enter Presentation mode";
  EXPECT_NEAR((*shown)["canvas"][2].get<double>(), 1200.0, 1.0);
  EXPECT_NEAR((*shown)["canvas"][1].get<double>(), 0.0, 1.0);
  xdo("key Escape");
  EXPECT_TRUE(wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) {
    return !l["presentation"].get<bool>() && l["overlays_drawn"].get<bool>();
  })) << "Escape did not leave Presentation mode";
}

TEST(ViewerClient, CtrlEWritesTheOneExportAndPathsFollowThePhoto) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("client-export");
  sim::Plan plan = sim::load_plan(c.plan);
  plan.client_label = "Ann Lee";
  sim::save_plan(plan, c.plan);
  const fs::path second = c.dir / "second.png";
  render::save_image(second, synthetic_photo(640, 480));
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  const fs::path expected = c.dir / "Ann-Lee-photo-before-after.jpg";
  EXPECT_EQ(window->layout["export_path"].get<std::string>(), expected.string());
  xdo("mousemove --window " + wid + " 300 300");  // keyboard focus follows the pointer
  std::this_thread::sleep_for(300ms);
  xdo("key ctrl+e");  // the browser opens at the export path, its name field focused
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "Ctrl+E opened no browser";
  xdo("key Return");
  const auto written = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) {
    return fs::exists(expected) && !l["task_running"].get<bool>();
  });
  ASSERT_TRUE(written) << "Ctrl+E wrote nothing at " << expected;
  // The outcome reaches the one message channel and stays in its history.
  EXPECT_TRUE(wait_layout(layout_path, studio, 10s, [&](const nlohmann::json& l) {
    for (const auto& m : l["messages"])
      if (m.get<std::string>() == "Saved " + expected.string()) return true;
    return false;
  })) << "no \"Saved\" message in the history";
  // The export composer at full resolution: both photos side by side, a header and a footer.
  const cv::Mat3b image = render::load_photo(expected);
  EXPECT_GE(image.cols, 2 * 800);
  EXPECT_GT(image.rows, 600);

  // Another photo: the paths are its own, the previous client's name is gone.
  xdo("key ctrl+o");
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "Ctrl+O opened no browser";
  xdo("type --delay 20 '" + second.string() + "'");
  std::this_thread::sleep_for(300ms);
  xdo("key Return");
  const auto reopened = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) {
    return l["photo"].get<std::string>() == second.string();
  });
  ASSERT_TRUE(reopened) << "the second photo did not open";
  const auto paths = wait_layout(layout_path, studio, 10s, [&](const nlohmann::json& l) {
    return l["export_path"].get<std::string>().find("second") != std::string::npos;
  });
  ASSERT_TRUE(paths) << "the export path stayed " << read_json(layout_path).value_or(nlohmann::json{})["export_path"];
  EXPECT_EQ((*paths)["export_path"].get<std::string>().find("Ann"), std::string::npos);
  EXPECT_EQ((*paths)["report_path"].get<std::string>(), (c.dir / "second-report.pdf").string());
}

// A photo opened while the previous one's dots are still being made: those dots must not
// reach the new photo (they once stopped the viewer with "pigment layer size does not match").
TEST(ViewerClient, OpeningAnotherPhotoWhileDotsAreMadeKeepsTheViewerUp) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("client-race", 2400, 1800);  // its dots take a while
  const fs::path second = c.dir / "second.png";
  render::save_image(second, synthetic_photo(640, 480));
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  ASSERT_TRUE(wait_layout(layout_path, studio, 60s, [](const nlohmann::json& l) { return l.contains("canvas"); }));
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  xdo("mousemove --window " + wid + " 300 300");
  xdo("key ctrl+o");
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "Ctrl+O opened no browser";
  xdo("type --delay 10 '" + second.string() + "'");
  xdo("key Return");
  const auto shown = wait_layout(layout_path, studio, 60s, [&](const nlohmann::json& l) {
    return l["photo"].get<std::string>() == second.string() && l["dots_up_to_date"].get<bool>();
  });
  ASSERT_TRUE(studio.running()) << "the viewer stopped";
  ASSERT_TRUE(shown) << "the second photo's dots never showed";
}

// Alt+click adds a hairline point at the click, with no double-click timing involved.
TEST(ViewerClient, AltClickAddsAHairlinePoint) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("client-alt-click");
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  const auto& handles = window->layout["handles"];
  const std::size_t before = handles.size();
  ASSERT_GE(before, 2u);
  // Between the last two handles, a little behind the line: no handle under the pointer.
  const double x = 0.5 * (handles[before - 1][0].get<double>() + handles[before - 2][0].get<double>());
  const double y = 0.5 * (handles[before - 1][1].get<double>() + handles[before - 2][1].get<double>()) + 12;
  xdo(xdo_at(wid, x, y));
  std::this_thread::sleep_for(300ms);
  xdo("keydown alt");
  std::this_thread::sleep_for(150ms);
  xdo("click 1");
  std::this_thread::sleep_for(150ms);
  xdo("keyup alt");
  const auto added = wait_layout(layout_path, studio, 10s, [&](const nlohmann::json& l) { return l["handles"].size() > before; });
  ASSERT_TRUE(added) << "Alt+click added no point";
}

}  // namespace
}  // namespace smp::test
