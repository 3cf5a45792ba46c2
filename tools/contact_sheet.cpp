// smp-contact-sheet: renders, for every photo in a folder, the automatic plan in several
// states side by side, so anyone can regenerate the results and look at them:
//   <name>-sheet.jpg  whole photo: before | session 1 day 0 | session 1 healed | final healed | N years
//   <name>-crop.png   the same states as 100% crops of the treated scalp (one row per crop)
// Usage: smp-contact-sheet [PHOTO_DIR (default ../shared/photos)] [--out DIR] [--years N]
// The years panel is an illustration of fading, not a medical prediction.

#include "view_open.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/shade.hpp"
#include "smp/render/text.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace smp;

namespace {

struct Settings {
  fs::path photos = "../shared/photos";
  fs::path out = "contact-sheets";
  double years = 5;
  int panel_height = 420;  // whole-photo panels
  int crop_side = 360;     // 100% crops
};

struct State {
  std::string label;
  render::CompositeOptions options;
  bool before = false;
};

std::vector<State> states(double years) {
  std::vector<State> s;
  s.push_back({"Before", {}, true});
  s.push_back({"Session 1, day 0", {1, 0.0, 0.0}, false});
  s.push_back({"Session 1, healed", {1, 1.0, 0.0}, false});
  s.push_back({"Final, healed", {0, 1.0, 0.0}, false});
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f years (illustration)", years);
  s.push_back({buf, {0, 1.0, years}, false});
  return s;
}

void label(cv::Mat3b& img, const std::string& text) {
  const double cap = std::clamp(img.cols / 520.0, 0.4, 0.9) * 22.0;
  const render::TextStyle style{render::em_for_cap_height(cap), false, cv::Scalar(240, 240, 240)};
  const int w = static_cast<int>(std::ceil(render::text_width(text, style)));
  const int h = static_cast<int>(std::lround(cap * 1.6)) + 10;
  cv::rectangle(img, cv::Rect(0, 0, std::min(img.cols, w + 12), h), cv::Scalar(30, 28, 26), cv::FILLED);
  render::draw_text(img, text, {6.0, cap + 5.0}, style);
}

cv::Mat3b row_of(const std::vector<cv::Mat3b>& panels, int gap) {
  int w = gap, h = 0;
  for (const auto& p : panels) {
    w += p.cols + gap;
    h = std::max(h, p.rows);
  }
  cv::Mat3b out(h + 2 * gap, w, cv::Vec3b(32, 30, 28));
  int x = gap;
  for (const auto& p : panels) {
    p.copyTo(out(cv::Rect(x, gap, p.cols, p.rows)));
    x += p.cols + gap;
  }
  return out;
}

cv::Mat3b stack(const std::vector<cv::Mat3b>& rows) {
  int w = 0, h = 0;
  for (const auto& r : rows) {
    w = std::max(w, r.cols);
    h += r.rows;
  }
  cv::Mat3b out(h, w, cv::Vec3b(32, 30, 28));
  int y = 0;
  for (const auto& r : rows) {
    r.copyTo(out(cv::Rect(0, y, r.cols, r.rows)));
    y += r.rows;
  }
  return out;
}

// Crop centres (photo px): the point deepest inside the treatment area, and half way from it
// toward the front edge (hairline transition) when the plan has a hairline.
std::vector<cv::Point> crop_centres(const sim::Plan& plan, cv::Size photo) {
  std::vector<cv::Point> out;
  if (plan.masks.treatment.empty() || cv::countNonZero(plan.masks.treatment) == 0) return out;
  cv::Mat1f d;
  cv::distanceTransform(plan.masks.treatment, d, cv::DIST_L2, 3);
  cv::Point deepest;
  cv::minMaxLoc(d, nullptr, nullptr, nullptr, &deepest);
  const double sx = static_cast<double>(photo.width) / d.cols, sy = static_cast<double>(photo.height) / d.rows;
  const cv::Point2d c(deepest.x * sx, deepest.y * sy);
  out.emplace_back(c);
  if (plan.hairline.enabled()) {
    const cv::Point2d front = plan.hairline.control_points.front();
    out.emplace_back((c + front) * 0.5);
  }
  return out;
}

cv::Rect crop_rect(cv::Point centre, int side, cv::Size photo) {
  side = std::min({side, photo.width, photo.height});
  const int x = std::clamp(centre.x - side / 2, 0, photo.width - side);
  const int y = std::clamp(centre.y - side / 2, 0, photo.height - side);
  return {x, y, side, side};
}

void render_photo(const fs::path& path, const Settings& s) {
  const auto t0 = std::chrono::steady_clock::now();
  // The same first plan smp-render and smp-studio make (default clinic settings).
  app::OpenedView view = app::open_view({path, std::nullopt}, sim::ClinicSettings{});
  const cv::Mat3b& photo = view.photo;
  const sim::Plan& plan = view.plan;
  const sim::Simulation sim = sim::simulate(plan);
  const render::PhotoTone tone = render::estimate_plan_tone(photo, plan);

  const std::vector<cv::Point> centres = crop_centres(plan, photo.size());
  const double scale = std::min(1.0, static_cast<double>(s.panel_height) / photo.rows);
  const cv::Size panel(std::max(1, static_cast<int>(photo.cols * scale)), std::max(1, static_cast<int>(photo.rows * scale)));
  std::vector<cv::Mat3b> whole;
  std::vector<std::vector<cv::Mat3b>> crops(centres.size());
  for (const State& st : states(s.years)) {
    cv::Mat3b img = photo;
    if (!st.before)
      img = render::apply_pigment(photo, render::pigment_layers(photo.size(), 1.0, plan, sim.impressions, tone, {}, st.options));
    cv::Mat3b small;
    cv::resize(img, small, panel, 0, 0, cv::INTER_AREA);
    label(small, st.label);
    whole.push_back(small);
    for (std::size_t i = 0; i < centres.size(); ++i) {
      cv::Mat3b c = img(crop_rect(centres[i], s.crop_side, photo.size())).clone();
      label(c, st.label);
      crops[i].push_back(c);
    }
  }
  const std::string stem = path.stem().string();
  render::save_image(s.out / (stem + "-sheet.jpg"), row_of(whole, 8), 90);
  if (!crops.empty()) {
    std::vector<cv::Mat3b> rows;
    for (const auto& r : crops) rows.push_back(row_of(r, 6));
    render::save_image(s.out / (stem + "-crop.png"), stack(rows));
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-28s %5zu impressions, shade %.0f%% (hair %s), %.0f px/mm, %.1f s\n", path.filename().string().c_str(),
              sim.impressions.size(), plan.params.pigment.dilution_pct,
              plan.params.pigment.hair_dilution_pct ? std::to_string(static_cast<int>(*plan.params.pigment.hair_dilution_pct)).c_str() : "-",
              plan.calibration.px_per_mm, ms / 1000.0);
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) s.out = args[++i];
    else if (args[i] == "--years" && i + 1 < args.size()) s.years = std::clamp(std::stod(args[++i]), 0.0, 10.0);
    else if (args[i] == "-h" || args[i] == "--help") {
      std::cout << "usage: smp-contact-sheet [PHOTO_DIR] [--out DIR] [--years N]\n"
                   "Renders before / session 1 day 0 / session 1 healed / final healed / N years for every photo.\n";
      return 0;
    } else s.photos = args[i];
  }
  std::error_code ec;
  if (!fs::is_directory(s.photos, ec)) {
    std::cerr << "smp-contact-sheet: " << s.photos << " is not a folder\n";
    return 1;
  }
  fs::create_directories(s.out, ec);
  std::vector<fs::path> photos;
  for (const auto& e : fs::directory_iterator(s.photos, ec)) {
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (e.is_regular_file() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png")) photos.push_back(e.path());
  }
  std::sort(photos.begin(), photos.end());
  int failures = 0;
  for (const auto& p : photos) {
    try {
      render_photo(p, s);
    } catch (const std::exception& e) {
      std::cerr << "smp-contact-sheet: " << p.filename().string() << ": " << e.what() << "\n";
      ++failures;
    }
  }
  std::cout << "wrote " << photos.size() - static_cast<std::size_t>(failures) << " contact sheets to " << fs::absolute(s.out).string() << "\n";
  return failures == 0 ? 0 : 1;
}
