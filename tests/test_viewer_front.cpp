// "Face toward" in the real window: the person turns the automatic plan to face another side
// of the photo (a front found wrong with confidence), as one undo step.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan_io.hpp"
#include "viewer_widgets.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerFront, FaceTowardASideIsOneUndoStep) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = new_case("face-toward");
  const cv::Mat3b photo = write_half_demo_photo(c);  // a top view
  ASSERT_FALSE(photo.empty());
  sim::save_plan(sim::make_auto_plan(photo, sim::PhotoRef{"photo.png", "", photo.cols, photo.rows}), c.plan);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  const auto window = started_window(layout_path, studio, dots_settled);
  ASSERT_TRUE(window) << "the viewer never showed dots";
  const std::string& wid = window->wid;
  const std::string first = window->layout["face_toward"].get<std::string>();
  const std::string side = first == "left" ? "right" : "left";
  const auto button = reveal(layout_path, studio, wid, "face-" + side);
  ASSERT_TRUE(button) << "the Face toward buttons never came into view";
  const auto shown = read_json(layout_path);
  ASSERT_TRUE(shown);
  const auto undo_before = (*shown)["undo_size"].get<std::size_t>();
  click_widget(wid, *button);
  const auto turned = wait_layout(layout_path, studio, 60s, [&](const nlohmann::json& l) {
    return l["face_toward"].get<std::string>() == side && !l["task_running"].get<bool>();
  });
  ASSERT_TRUE(turned) << "the plan never faced " << side;
  EXPECT_EQ((*turned)["view_kind"].get<std::string>(), "top");
  EXPECT_EQ((*turned)["undo_size"].get<std::size_t>(), undo_before + 1);
  // One Ctrl+Z turns it back.
  xdo(xdo_at(wid, (*turned)["canvas"][0].get<double>() + 100, (*turned)["canvas"][1].get<double>() + 100));
  xdo("key ctrl+z");
  const auto undone = wait_layout(layout_path, studio, 20s, [&](const nlohmann::json& l) {
    return l["undo_size"].get<std::size_t>() == undo_before;
  });
  ASSERT_TRUE(undone);
  EXPECT_EQ((*undone)["face_toward"].get<std::string>(), first);
}

}  // namespace
}  // namespace smp::test
