// End to end with real X input events: xdotool drags a hairline control point in the
// running viewer, presses Ctrl+S, and the saved plan must have the point moved by the drag;
// a photo that made a decoder abort is opened through File > Open and only reported.

#include "smp/sim/plan_io.hpp"
#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerEndToEnd, DragHairlinePointAndSave) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("e2e");
  const sim::Plan original = sim::load_plan(c.plan);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  const nlohmann::json& layout = window->layout;

  // The outermost stored control point is the last displayed handle.
  const auto& handles = layout["handles"];
  ASSERT_EQ(handles.size(), 2 * original.hairline.control_points.size() - 1);
  const double hx = handles.back()[0].get<double>(), hy = handles.back()[1].get<double>();
  const double zoom = layout["zoom"].get<double>();
  const int dx = 60, dy = 45;  // screen pixels
  const auto at = [&](double x, double y) {
    return "mousemove --window " + wid + " " + std::to_string(std::lround(x)) + " " + std::to_string(std::lround(y));
  };
  ASSERT_EQ(xdo(at(hx, hy)), 0);
  std::this_thread::sleep_for(300ms);
  ASSERT_EQ(xdo("mousedown 1"), 0);
  std::this_thread::sleep_for(200ms);
  for (int step = 1; step <= 6; ++step) {  // several moves, so the viewer sees a drag
    xdo(at(hx + dx * step / 6.0, hy + dy * step / 6.0));
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(xdo("mouseup 1"), 0);
  std::this_thread::sleep_for(400ms);
  const auto saved_before = fs::last_write_time(c.plan);
  ASSERT_EQ(xdo("key ctrl+s"), 0);

  bool saved = false;
  for (auto t0 = std::chrono::steady_clock::now(); std::chrono::steady_clock::now() - t0 < 20s && !saved;) {
    std::this_thread::sleep_for(200ms);
    saved = fs::last_write_time(c.plan) != saved_before;
  }
  ASSERT_TRUE(saved) << "Ctrl+S did not save the plan";
  std::this_thread::sleep_for(300ms);
  const sim::Plan after = sim::load_plan(c.plan);
  ASSERT_EQ(after.hairline.control_points.size(), original.hairline.control_points.size());
  const cv::Point2d moved = after.hairline.control_points.back() - original.hairline.control_points.back();
  // Screen pixels to photo pixels; a pixel of slack for rounding of the pointer position.
  EXPECT_NEAR(moved.x, dx / zoom, 1.5 / zoom);
  EXPECT_NEAR(moved.y, dy / zoom, 1.5 / zoom);
  // Nothing else moved.
  for (std::size_t i = 0; i + 1 < after.hairline.control_points.size(); ++i)
    EXPECT_LT(cv::norm(after.hairline.control_points[i] - original.hairline.control_points[i]), 1e-6);
  EXPECT_EQ(after.params.seed, original.params.seed);
}

// The fuzzer's finding: a "WebP" that once reached OpenCV's DICOM reader, which aborted.
const char* const kDecoderAbortingFile =
    "UklGRiQAAABXRUJQVlA4TElJKgAlAAAAgH6gQAgkFs/Pz8/PF9rPNDAwMDAwMDHPz8/Pz0EAAAAAACUAAACAfqBACC4Wz8/Pz88X2s80MDAw"
    "MDAwMc/Pz8/PQQAAAAAAAAgA9M/Pz8/P////CgAAAAAAAAAAAAAAAAAA/9j/4QBESUNNAgAAAF9fb3BlbmN2X3RlbQAASUngAAA=";

TEST(ViewerEndToEnd, HostilePhotoThroughFileOpenIsReportedAndThePlanStays) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("e2e-hostile");
  const fs::path hostile = c.dir / "hostile.webp";
  ASSERT_EQ(std::system(("echo '" + std::string(kDecoderAbortingFile) + "' | base64 -d > '" + hostile.string() + "'").c_str()), 0);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  xdo("mousemove --window " + wid + " 300 300");  // keyboard focus follows the pointer
  std::this_thread::sleep_for(300ms);
  xdo("key ctrl+o");  // File > Open; the file-name field takes the keyboard focus
  ASSERT_TRUE(wait_typing(layout_path, studio)) << "Ctrl+O opened no browser";
  xdo("type --delay 30 '" + hostile.string() + "'");
  std::this_thread::sleep_for(500ms);
  xdo("key Return");

  std::optional<nlohmann::json> after;
  for (auto t0 = std::chrono::steady_clock::now(); std::chrono::steady_clock::now() - t0 < 30s;) {
    std::this_thread::sleep_for(200ms);
    after = read_json(layout_path);
    if (after && !(*after)["error"].get<std::string>().empty()) break;
  }
  ASSERT_TRUE(studio.running()) << "opening the file took the viewer down";
  ASSERT_TRUE(after.has_value());
  const std::string error = (*after)["error"].get<std::string>();
  EXPECT_NE(error.find("hostile.webp"), std::string::npos) << error;
  EXPECT_NE(error.find("WebP"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line (the status bar shows one): " << error;
  EXPECT_EQ((*after)["photo"], window->layout["photo"]) << "the open plan was replaced";
  EXPECT_EQ((*after)["handles"], window->layout["handles"]);
  EXPECT_EQ((*after)["impressions"], window->layout["impressions"]);
}

// A client name in four scripts is shown, edited, saved and reopened through the viewer.
// (Typed additions are ASCII: xdotool types other characters by remapping a key for an
// instant, which a slow software-GL frame can miss.)
TEST(ViewerEndToEnd, ClientNameInAnyScriptAndNotesAreEditedSavedAndReopened) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("e2e-client");
  const std::string name = "Zoë Müller-Łukasz 张伟 محمد", edited = name + " (2nd visit)", notes = "Soft hairline";
  sim::Plan plan = sim::load_plan(c.plan);
  plan.client_label = name;
  sim::save_plan(plan, c.plan);
  const fs::path layout_path = c.dir / "layout.json";
  {
    Studio studio(c, layout_path);
    const auto window = started_window(layout_path, studio);
    ASSERT_TRUE(window) << "the viewer never showed dots";
    EXPECT_EQ(window->layout["client"], name);
    const std::string& wid = window->wid;
    const auto layout = scroll_to_client_field(layout_path, wid, window->layout);
    ASSERT_TRUE(layout) << "the Client field never came into view: " << read_json(layout_path).value_or(nlohmann::json{})["client_field"];
    const auto& f = (*layout)["client_field"];
    xdo("mousemove --window " + wid + " " + std::to_string(std::lround(f[0].get<double>() + f[2].get<double>() / 2)) + " " +
        std::to_string(std::lround(f[1].get<double>() + f[3].get<double>() / 2)) + " click 1");
    std::this_thread::sleep_for(500ms);
    xdo("key End");
    std::this_thread::sleep_for(300ms);
    xdo("type --delay 40 ' (2nd visit)'");
    ASSERT_TRUE(wait_layout(layout_path, studio, 20s, [&](const nlohmann::json& l) { return l["client"] == edited; }))
        << "the edited name did not reach the plan: " << read_json(layout_path).value_or(nlohmann::json{})["client"];
    // Tab moves to the Notes field below: the technician's notes are saved in the plan too.
    xdo("key Tab");
    std::this_thread::sleep_for(500ms);
    xdo("type --delay 40 'Soft hairline'");
    ASSERT_TRUE(wait_layout(layout_path, studio, 20s, [&](const nlohmann::json& l) { return l["notes"] == notes; }))
        << "the notes did not reach the plan: " << read_json(layout_path).value_or(nlohmann::json{})["notes"];
    xdo("key Return");  // ends the edit: shortcuts are off while a text field is active
    std::this_thread::sleep_for(500ms);
    const auto saved_before = fs::last_write_time(c.plan);
    xdo("key ctrl+s");
    for (auto t0 = std::chrono::steady_clock::now();
         std::chrono::steady_clock::now() - t0 < 20s && fs::last_write_time(c.plan) == saved_before;)
      std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(sim::load_plan(c.plan).client_label, edited);
  EXPECT_EQ(sim::load_plan(c.plan).technician_notes, notes);
  // Opened again, the viewer has the name back, unchanged.
  fs::remove(layout_path);
  Studio again(c, layout_path);
  ASSERT_TRUE(again.started());
  const auto reopened = wait_layout(layout_path, again, 90s, [](const nlohmann::json& l) { return l.contains("client"); });
  ASSERT_TRUE(reopened);
  EXPECT_EQ((*reopened)["client"], edited);
  EXPECT_EQ((*reopened)["notes"], notes);
}

}  // namespace
}  // namespace smp::test
