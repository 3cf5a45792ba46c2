#pragma once
// Finding and clicking the viewer's named widgets (the layout JSON's "widgets", written by
// note_widget) in tests that drive the real window.

#include "viewer_driver.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <optional>

namespace smp::test {

// A widget's rectangle (x, y, w, h) from the layout JSON; nullopt when not drawn.
inline std::optional<std::array<double, 4>> widget(const nlohmann::json& l, const std::string& name) {
  if (!l.contains("widgets") || !l["widgets"].contains(name)) return std::nullopt;
  const auto& r = l["widgets"][name];
  return std::array<double, 4>{r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()};
}

// `name` drawn whole between the top and bottom of the side panel (the canvas's height).
inline std::optional<std::array<double, 4>> whole_in_panel(const nlohmann::json& l, const std::string& name) {
  const auto r = widget(l, name);
  if (!r) return std::nullopt;
  const double top = l["canvas"][1].get<double>(), bottom = top + l["canvas"][3].get<double>();
  return (*r)[1] >= top && (*r)[1] + (*r)[3] <= bottom ? r : std::nullopt;
}

// Scrolls the side panel (mouse wheel over it) until `name` is drawn whole and stays put
// (the scroll has settled); its rectangle.
inline std::optional<std::array<double, 4>> reveal(const fs::path& layout, const Studio& studio, const std::string& wid,
                                                   const std::string& name) {
  const auto settled = wait_layout(layout, studio, std::chrono::seconds(90), dots_settled);
  if (!settled) return std::nullopt;
  const auto& canvas = (*settled)["canvas"];
  const double panel_x = canvas[0].get<double>() + canvas[2].get<double>() + 60;
  std::optional<std::array<double, 4>> last;
  for (int attempt = 0; attempt < 24; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto l = read_json(layout);
    const auto r = l ? whole_in_panel(*l, name) : std::nullopt;
    if (r && last && std::abs((*r)[1] - (*last)[1]) < 0.5) return r;
    last = r;
    if (r) continue;  // shown: check it again once the panel has stopped moving
    xdo(xdo_at(wid, panel_x, 400));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    xdo("click --repeat 3 --delay 80 5");
  }
  return std::nullopt;
}

inline void click(const std::string& wid, double x, double y) {
  xdo(xdo_at(wid, x, y));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  xdo("click 1");
}

// Clicks the middle of a widget's rectangle.
inline void click_widget(const std::string& wid, const std::array<double, 4>& r) { click(wid, r[0] + r[2] / 2, r[1] + r[3] / 2); }

// Opens the clinic settings with the side panel's Clinic... button; the first layout that
// shows them, or none (the test reports which step failed).
inline std::optional<nlohmann::json> open_clinic_settings(const fs::path& layout, const Studio& studio,
                                                          const std::string& wid) {
  const auto button = reveal(layout, studio, wid, "clinic_button");
  EXPECT_TRUE(button) << "the Clinic... button was never drawn";
  if (!button) return std::nullopt;
  click_widget(wid, *button);
  auto open = wait_layout(layout, studio, std::chrono::seconds(10),
                          [](const nlohmann::json& l) { return widget(l, "clinic_price_min").has_value(); });
  EXPECT_TRUE(open) << "the clinic settings did not open";
  return open;
}

}  // namespace smp::test
