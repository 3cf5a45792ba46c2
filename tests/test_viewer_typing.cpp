// Quick typing in a text field with real X key events: Ctrl+A, a new name, Return and Ctrl+S
// sent 15 ms apart arrive several per frame, and must still be applied in the order typed,
// each key with the modifiers it was typed with.

#include "smp/sim/plan_io.hpp"
#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerTyping, CtrlANameReturnAndSaveInOneBurst) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("typing");
  sim::Plan plan = sim::load_plan(c.plan);
  plan.client_label = "Alice Example";
  sim::save_plan(plan, c.plan);
  const fs::path layout_path = c.dir / "layout.json";
  {
    Studio studio(c, layout_path);
    const auto window = started_window(layout_path, studio);
    ASSERT_TRUE(window) << "the viewer never showed dots";
    const std::string& wid = window->wid;
    const auto layout = scroll_to_client_field(layout_path, wid, window->layout);
    ASSERT_TRUE(layout) << "the Client field never came into view";
    const auto& f = (*layout)["client_field"];
    xdo(xdo_at(wid, f[0].get<double>() + f[2].get<double>() / 2, f[1].get<double>() + f[3].get<double>() / 2) + " click 1");
    ASSERT_TRUE(wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) { return l["typing"].get<bool>(); }))
        << "the click did not give the Client field the keyboard";
    ASSERT_TRUE(wait_frames(layout_path, studio, 2));
    // One xdotool run: select all, type over it, end the edit, save. ImGui 1.86 alone would
    // apply Return before the letters typed in the same frame and drop Ctrl+S as typing;
    // xdotool releases Ctrl before A, so a frame holding A's press and Ctrl's release would
    // show ImGui a plain A (the letters then added to the old name).
    const auto saved_before = fs::last_write_time(c.plan);
    // (One `key` command: xdotool's `type` would take the rest of the line as text.) 15 ms
    // between keys is several times faster than anyone types, so many keys land in each
    // frame; not 0 ms, because GLFW's X11 backend drops a press stamped with the same
    // millisecond as the previous press of that key (it takes it for an input-method echo).
    ASSERT_EQ(xdo("key --delay 15 ctrl+a shift+b o b space shift+m a r s h Return ctrl+s"), 0);
    const auto typed = wait_layout(layout_path, studio, 20s, [](const nlohmann::json& l) { return l["client"] == "Bob Marsh"; });
    EXPECT_TRUE(typed) << "the name typed was not the field's: " << read_json(layout_path).value_or(nlohmann::json{})["client"];
    for (auto t0 = std::chrono::steady_clock::now();
         std::chrono::steady_clock::now() - t0 < 20s && fs::last_write_time(c.plan) == saved_before;)
      std::this_thread::sleep_for(100ms);
  }
  // Return ended the edit before Ctrl+S arrived, so the shortcut saved the new name.
  EXPECT_EQ(sim::load_plan(c.plan).client_label, "Bob Marsh");
}

}  // namespace
}  // namespace smp::test
