// Side-panel behaviours driven with real X input events: applying a hair-loss template
// says so in the status line, the status line stays inside a narrow window without
// overlapping its neighbours, and a clinic rate edited and saved is there on reopening.

#include "viewer_widgets.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

// The status bar's three texts lie side by side inside the window: none overlaps the next
// or runs past the right edge.
void expect_status_fits(const nlohmann::json& l, double window_width) {
  const auto dots = widget(l, "status_dots"), message = widget(l, "status_message"), readout = widget(l, "status_readout");
  ASSERT_TRUE(dots && message && readout) << l["widgets"].dump();
  for (const auto& r : {*dots, *message, *readout}) {
    EXPECT_GE(r[0], 0.0);
    EXPECT_LE(r[0] + r[2], window_width + 0.5) << "runs past the window's edge";
  }
  EXPECT_LE((*dots)[0] + (*dots)[2], (*message)[0] + 0.5) << "the dots text overlaps the message";
  EXPECT_LE((*message)[0] + (*message)[2], (*readout)[0] + 0.5) << "the message overlaps the zoom readout";
}

bool has_message_starting(const nlohmann::json& l, const std::string& start) {
  for (const auto& m : l["messages"])
    if (m.get<std::string>().rfind(start, 0) == 0) return true;
  return false;
}

TEST(ViewerPanels, TemplateToastAndTheStatusLineFitsANarrowWindow) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("panels-template");
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto button = reveal(layout_path, studio, wid, "template:Norwood III");
  ASSERT_TRUE(button) << "the Norwood III template button was never drawn";
  click_widget(wid, *button);
  const auto applied = wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) {
    return has_message_starting(l, "Norwood III applied: treatment area and hairline replaced") &&
           widget(l, "status_message").has_value();
  });
  ASSERT_TRUE(applied) << "no toast after applying the template";
  expect_status_fits(*applied, 1200);

  // The toast (about 560 px of text) in a window 520 px wide: cut to its slot.
  xdo("windowsize " + wid + " 520 700");
  const auto narrow = wait_layout(layout_path, studio, 6s, [](const nlohmann::json& l) {
    return l["canvas"][2].get<double>() < 400 && widget(l, "status_message").has_value();
  });
  ASSERT_TRUE(narrow) << "the window did not become narrow while the toast showed";
  expect_status_fits(*narrow, 520);
  EXPECT_LT((*widget(*narrow, "status_message"))[2], 520 * 0.36) << "the message was not cut to its slot";
}

TEST(ViewerPanels, ClinicRateEditedSavedAndReadAgainOnReopening) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("panels-clinic");
  const fs::path layout_path = c.dir / "layout.json";
  const fs::path settings = c.dir / "smp-studio" / "clinic.json";  // XDG_CONFIG_HOME is the case folder
  {
    Studio studio(c, layout_path);
    ASSERT_TRUE(studio.started());
    const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
    ASSERT_FALSE(wid.empty());
    const auto open = open_clinic_settings(layout_path, studio, wid);
    ASSERT_TRUE(open);
    EXPECT_EQ((*open)["clinic"]["price_per_sq_in_min"].get<double>(), 60.0);
    // Click the number (the field selects its text when it takes the focus), select it, type
    // the new rate, leave the field: each step handled in frames of its own, as a person's
    // keystrokes are.
    const auto field = *widget(*open, "clinic_price_min");
    auto rate_is_65 = [](const nlohmann::json& l) { return l["clinic"]["price_per_sq_in_min"].get<double>() == 65.0; };
    click(wid, field[0] + 30, field[1] + field[3] / 2);  // the number, left of the -/+ buttons
    ASSERT_TRUE(wait_frames(layout_path, studio));
    xdo("key ctrl+a");
    ASSERT_TRUE(wait_frames(layout_path, studio));
    xdo("type --delay 120 65");
    ASSERT_TRUE(wait_frames(layout_path, studio));
    xdo("key Tab");
    const auto edited = wait_layout(layout_path, studio, 10s, rate_is_65);
    ASSERT_TRUE(edited) << "typing did not change the rate: " << read_json(layout_path).value_or(nlohmann::json{})["clinic"];
    click_widget(wid, *widget(*edited, "clinic_save"));
    const auto saved = wait_layout(layout_path, studio, 10s, [](const nlohmann::json& l) {
      return l["clinic"]["message"].get<std::string>().rfind("Saved to", 0) == 0;
    });
    ASSERT_TRUE(saved) << "Save said: " << read_json(layout_path).value_or(nlohmann::json{})["clinic"];
    const auto on_disk = read_json(settings);
    ASSERT_TRUE(on_disk) << settings;
    EXPECT_EQ((*on_disk)["rates"]["price_per_sq_in_min"].get<double>(), 65.0);
  }
  // A new session reads the saved rate; the settings window shows it.
  fs::remove(layout_path);
  Studio again(c, layout_path);
  ASSERT_TRUE(again.started());
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto button = reveal(layout_path, again, wid, "clinic_button");
  ASSERT_TRUE(button);
  click_widget(wid, *button);
  const auto reopened = wait_layout(layout_path, again, 10s, [](const nlohmann::json& l) {
    return widget(l, "clinic_price_min").has_value() && l["clinic"]["loaded"].get<bool>();
  });
  ASSERT_TRUE(reopened) << "the clinic settings did not open again";
  EXPECT_EQ((*reopened)["clinic"]["price_per_sq_in_min"].get<double>(), 65.0);
}

}  // namespace
}  // namespace smp::test
