#pragma once
// Helpers for tests that run the real smp-studio window under Xvfb.

#include "smp/render/image_io.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/plan_io.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>

namespace smp::test {

namespace fs = std::filesystem;

inline bool have_program(const char* name) {
  return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// A display exists (the test runs under run_with_xvfb.sh) and xdotool is installed.
inline std::string display_skip_reason(bool need_xdotool) {
  const char* d = std::getenv("DISPLAY");
  if (!d || !*d) return "no X display: install xvfb (xvfb-run) to run the viewer tests";
  if (need_xdotool && !have_program("xdotool")) return "xdotool is not installed";
  return {};
}

// A synthetic, textured skin-tone photo (no real client photo in the repository).
inline cv::Mat3b synthetic_photo(int w, int h) {
  cv::Mat3b img(h, w);
  std::mt19937 rng(7);
  std::normal_distribution<float> noise(0.0f, 4.0f);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float shade = 0.85f + 0.15f * std::sin(static_cast<float>(x) * 0.01f) * std::cos(static_cast<float>(y) * 0.013f);
      img(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(150 * shade + noise(rng)), cv::saturate_cast<uchar>(172 * shade + noise(rng)),
                            cv::saturate_cast<uchar>(212 * shade + noise(rng)));
    }
  return img;
}

// A hand-made plan over the synthetic photo: elliptic treatment area, symmetric hairline.
inline sim::Plan synthetic_plan(int w, int h) {
  sim::Plan plan;
  plan.photo = {"photo.png", "", w, h};
  plan.calibration = {6.0, true, "two-point"};
  plan.head.midline_origin = {w / 2.0, h / 2.0};
  plan.head.front_dir = {0, -1};
  plan.masks.treatment = cv::Mat1b(h, w, std::uint8_t{0});
  cv::ellipse(plan.masks.treatment, cv::Point(w / 2, h / 2 + h / 10), cv::Size(w * 2 / 5, h * 2 / 5), 0, 0, 360, 255, -1);
  plan.hairline.control_points = {{w / 2.0, h * 0.28}, {w * 0.65, h * 0.31}, {w * 0.8, h * 0.40}};
  plan.params.density_per_cm2 = 70;
  plan.params.sessions = 2;
  plan.params.seed = 42;
  return plan;
}

// A viewer test's folder: photo, plan, the viewer's log and settings. It goes with the last
// copy of the case, unless the test failed (kept then, to read the log).
struct Case {
  fs::path dir, photo, plan;
  std::shared_ptr<const ScopedTempDir> folder;
};

inline Case new_case(const std::string& name) {
  Case c;
  c.folder = std::make_shared<const ScopedTempDir>("smp-viewer-test-" + name, ScopedTempDir::OnFailure::Keep);
  c.dir = c.folder->path();
  c.photo = c.dir / "photo.png";
  c.plan = c.dir / "plan.json";
  return c;
}

inline Case write_case(const std::string& name, int w = 800, int h = 600) {
  Case c = new_case(name);
  render::save_image(c.photo, synthetic_photo(w, h));
  sim::save_plan(synthetic_plan(w, h), c.plan);
  return c;
}

// The bundled demo photo (a top view with a shaved fringe) at half size, written as the
// case's photo and returned, for the plan the test makes of it.
inline cv::Mat3b write_half_demo_photo(const Case& c) {
  const cv::Mat demo = cv::imread((fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg").string(), cv::IMREAD_COLOR);
  if (demo.empty()) return {};
  cv::Mat3b photo;
  cv::resize(demo, photo, {}, 0.5, 0.5, cv::INTER_AREA);
  cv::imwrite(c.photo.string(), photo);
  return photo;
}

// Runs smp-studio with `args` (blocking). Recent files go to the case folder, not $HOME.
inline int run_studio(const Case& c, const std::string& args) {
  const std::string cmd = "XDG_CONFIG_HOME='" + c.dir.string() + "' '" SMP_STUDIO_EXE "' " + args + " > '" +
                          (c.dir / "studio.log").string() + "' 2>&1";
  return std::system(cmd.c_str());
}

inline std::optional<nlohmann::json> read_json(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const std::exception&) {
    return std::nullopt;  // caught mid-write
  }
}

}  // namespace smp::test
