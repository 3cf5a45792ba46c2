// The moments of the treatment in the real viewer, driven with X input events: the viewer
// opens in the moment asked for on its command line, the timeline strip's thumbnails and
// the Result-over-time controls set the moment shown (the dots are redrawn for it), the
// lifestyle and session-shade controls are one undo step each, the strip stays in
// Presentation mode, and the eyedropper sets the shade from a dragged region of the photo in
// one undo step.

#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

struct Window {
  std::string wid;
  // Clicks the centre of a rectangle [x, y, w, h] (or at fraction fx of its width).
  void click(const nlohmann::json& rect, double fx = 0.5) const {
    const double x = rect[0].get<double>() + rect[2].get<double>() * fx, y = rect[1].get<double>() + rect[3].get<double>() / 2;
    xdo(xdo_at(wid, x, y));
    std::this_thread::sleep_for(250ms);
    xdo("click 1");
  }
};

bool settled(const nlohmann::json& l) { return dots_shown(l) && l["dots_up_to_date"].get<bool>(); }

// The moment in the layout equals {before, session, fresh, years} and its dots are drawn.
auto moment_is(bool before, int session, bool fresh, double years) {
  return [=](const nlohmann::json& l) {
    const auto& m = l["moment"];
    return settled(l) && m["before"].get<bool>() == before && m["session"].get<int>() == session &&
           m["fresh"].get<bool>() == fresh && m["years"].get<double>() == years;
  };
}

TEST(ViewerMoments, OpensInTheMomentAskedFor) {
  if (const std::string why = display_skip_reason(false); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("moments-cli", 400, 300);
  const fs::path layout_path = c.dir / "layout.json";
  {
    Studio studio(c, layout_path, {"--state", "fresh", "--session", "1"});
    ASSERT_TRUE(studio.started());
    EXPECT_TRUE(wait_layout(layout_path, studio, 90s, moment_is(false, 1, true, 0.0))) << "not opened on day 0 of session 1";
  }
  fs::remove(layout_path);
  {
    Studio studio(c, layout_path, {"--years", "5"});
    EXPECT_TRUE(wait_layout(layout_path, studio, 90s, moment_is(false, 0, false, 5.0))) << "not opened 5 years on";
  }
  // Contradicting or impossible moments: one line naming the problem, no window left open.
  EXPECT_NE(run_studio(c, "'" + c.plan.string() + "' --state fresh --years 3 --screenshot '" + (c.dir / "x.png").string() + "'"), 0);
  std::ifstream log(c.dir / "studio.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("--state fresh and --years exclude each other"), std::string::npos) << text;
  EXPECT_NE(run_studio(c, "'" + c.plan.string() + "' --session 5 --screenshot '" + (c.dir / "x.png").string() + "'"), 0);
}

TEST(ViewerMoments, TimelineAndControlsSetTheMomentShown) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("moments-timeline", 400, 300);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  auto layout = wait_layout(layout_path, studio, 90s, [](const nlohmann::json& l) { return l["timeline_ready"].get<bool>(); });
  ASSERT_TRUE(layout) << "the timeline thumbnails never arrived";
  const Window w{xdo_output("search --sync --onlyvisible --name 'SMP Studio'")};
  ASSERT_FALSE(w.wid.empty());
  const nlohmann::json thumbs = (*layout)["timeline"];
  ASSERT_EQ(thumbs.size(), 5u);  // before, session 1 day 0, session 1 healed, both sessions healed, 5 years
  w.click(thumbs[1]);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(false, 1, true, 0.0))) << "session 1, day 0";
  w.click(thumbs[0]);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(true, 1, true, 0.0))) << "before";
  w.click(thumbs[4]);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(false, 0, false, 5.0))) << "5 years later";
  // The panel's controls: day 0 leaves the years preview; the years slider's right end is 10 years.
  const nlohmann::json controls = (*layout)["widgets"];
  w.click(controls["state_fresh"], 0.1);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(false, 0, true, 0.0))) << "day 0 radio";
  w.click(controls["years"], 0.99);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(false, 0, false, 10.0)))
      << "years slider: " << read_json(layout_path).value_or(nlohmann::json{})["moment"] << " " << controls["years"];
  // Moments are view state: none of this is an edit of the plan.
  layout = read_json(layout_path);
  ASSERT_TRUE(layout);
  EXPECT_EQ((*layout)["undo_size"].get<int>(), 0);
  // Lifestyle and later sessions' shades are plan edits, one undo step each.
  w.click(controls["sunscreen"], 0.05);
  layout = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) { return l["sunscreen"].get<bool>(); });
  ASSERT_TRUE(layout) << "the sunscreen box did not tick";
  EXPECT_EQ((*layout)["undo_size"].get<int>(), 1);
  w.click(controls["session2_shade"], 0.01);  // the left end: 50 % lighter than session 1
  // The slider's step is pushed when the mouse is released.
  layout = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) {
    return l["session_offsets_pct"][1].get<double>() == 50.0 && l["undo_size"].get<int>() >= 2;
  });
  ASSERT_TRUE(layout) << "the session 2 shade did not change: " << read_json(layout_path).value_or(nlohmann::json{})["session_offsets_pct"];
  EXPECT_EQ((*layout)["undo_size"].get<int>(), 2);
  // Presentation mode keeps the strip: the client is shown the moments from it.
  xdo(xdo_at(w.wid, 300, 300));
  xdo("key F5");
  layout = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) {
    return l["presentation"].get<bool>() && l["timeline"].size() == 5 && l["timeline"][2] != thumbs[2];
  });
  ASSERT_TRUE(layout) << "no timeline in Presentation mode";
  w.click((*layout)["timeline"][2]);
  EXPECT_TRUE(wait_layout(layout_path, studio, 60s, moment_is(false, 1, false, 0.0))) << "session 1, healed";
}

TEST(ViewerMoments, EyedropperMatchesTheDraggedRegionInOneUndoStep) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  Case c = write_case("moments-eyedropper", 400, 300);
  // A patch of dark stubble in the photo's top-left corner.
  cv::Mat3b photo = render::load_photo(c.photo);
  photo(cv::Rect(20, 20, 80, 60)) *= 0.35;
  render::save_image(c.photo, photo);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  auto layout = wait_layout(layout_path, studio, 90s, settled);
  ASSERT_TRUE(layout) << "the viewer never showed dots";
  const Window w{xdo_output("search --sync --onlyvisible --name 'SMP Studio'")};
  ASSERT_FALSE(w.wid.empty());
  const double start = (*layout)["dilution_pct"].get<double>();
  w.click((*layout)["widgets"]["eyedropper"]);
  ASSERT_TRUE(wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) { return l["tool"].get<int>() == 4; }));
  const auto screen = [&](double px, double py) {
    const auto& l = *layout;
    const double z = l["zoom"].get<double>();
    return std::pair{l["canvas"][0].get<double>() + l["origin"][0].get<double>() + px * z,
                     l["canvas"][1].get<double>() + l["origin"][1].get<double>() + py * z};
  };
  const auto [x0, y0] = screen(30, 28);
  const auto [x1, y1] = screen(90, 72);
  xdo(xdo_at(w.wid, x0, y0));
  std::this_thread::sleep_for(300ms);
  xdo("mousedown 1");
  for (int step = 1; step <= 5; ++step) {
    std::this_thread::sleep_for(120ms);
    xdo(xdo_at(w.wid, x0 + (x1 - x0) * step / 5, y0 + (y1 - y0) * step / 5));
  }
  std::this_thread::sleep_for(300ms);
  xdo("mouseup 1");
  layout = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) { return l["dilution_pct"].get<double>() != start; });
  ASSERT_TRUE(layout) << "the eyedropper did not change the shade";
  const double stubble = (*layout)["dilution_pct"].get<double>();
  EXPECT_EQ((*layout)["undo_size"].get<int>(), 1);
  // A click on plain skin asks for a much lighter shade than the darker stubble does.
  const auto [sx, sy] = screen(300, 150);
  xdo(xdo_at(w.wid, sx, sy));
  std::this_thread::sleep_for(300ms);
  xdo("click 1");
  layout = wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) { return l["dilution_pct"].get<double>() != stubble; });
  ASSERT_TRUE(layout) << "a click did not pick a shade: " << read_json(layout_path).value_or(nlohmann::json{}).dump();
  EXPECT_GT((*layout)["dilution_pct"].get<double>(), stubble + 10);
  EXPECT_EQ((*layout)["undo_size"].get<int>(), 2);
  // Undo takes back one pick at a time.
  xdo("key ctrl+z");
  EXPECT_TRUE(wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) { return l["dilution_pct"].get<double>() == stubble; }));
  xdo("key ctrl+z");
  EXPECT_TRUE(wait_layout(layout_path, studio, 30s, [&](const nlohmann::json& l) { return l["dilution_pct"].get<double>() == start; }));
}

}  // namespace
}  // namespace smp::test
