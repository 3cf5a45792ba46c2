#pragma once
// Test and measurement hooks: screenshots, the layout report, the pan/zoom benchmark.

#include "app_state.hpp"

#include <filesystem>

namespace smp::studio {

// Reads the current framebuffer (before the swap) and saves it as an image.
void save_screenshot(const std::filesystem::path& path, cv::Size framebuffer);

// Writes where things are on screen (window logical px): the canvas, the view transform,
// the pixel ratio and the hairline's control points, for tests that drive the window.
void write_layout_json(const AppState& app, const std::filesystem::path& path);

// Records the last ImGui item's screen rectangle under `name` when it is visible (the
// layout JSON's "widgets"), so tests can click it.
void note_widget(AppState& app, const std::string& name);

// The pan/zoom step of benchmark frame `i` (deterministic).
void bench_step(AppState& app, int i);
// Median, 95th percentile and maximum of the recorded times, as one JSON line; `count_key`
// names how many there were ("frames", "edits").
std::string frame_time_summary(const std::vector<double>& ms, const std::string& label, const char* count_key = "frames");

}  // namespace smp::studio
