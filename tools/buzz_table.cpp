// smp-buzz-table: the buzz-cut preview on every photo given (files or folders), with the
// automatic plan and one buzz length. One line per photo:
//   name view px/mm hairs outside_kept hair skin buzz move darkening fill sparse [refusal]
// outside_kept: share of pixels outside the head within 2 levels of the photo; move: how far
// the clipped region's mean luma went from the hair's toward the bare skin's (1 = all the way);
// fill: the background filled behind the removed hair volume against the photo's background
// beside the head (median luma, levels; "-" without a removed volume); sparse: the fine texture
// of the sparse hair (thinning crown) in the photo > after the buzz (levels; "-" without sparse
// hair).
// Usage: smp-buzz-table PHOTO|DIR... [--buzz smooth|0|0.5|1] [--days N] [--out DIR]
// (--out writes NAME-buzz.jpg: photo | buzzed | buzzed + SMP).

#include "photo_list.hpp"
#include "buzz_step.hpp"
#include "smp/render/buzz.hpp"
#include "smp/render/buzz_metrics.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace smp;

namespace {

cv::Mat3b strip(const std::vector<cv::Mat3b>& images, int height) {
  std::vector<cv::Mat3b> scaled;
  for (const auto& im : images) {
    cv::Mat3b s;
    cv::resize(im, s, cv::Size(std::max(1, im.cols * height / im.rows), height), 0, 0, cv::INTER_AREA);
    scaled.push_back(s);
  }
  cv::Mat3b out;
  cv::hconcat(scaled, out);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  std::string out_dir, buzz_name = "0";
  double days = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--buzz" && i + 1 < argc) buzz_name = argv[++i];
    else if (a == "--days" && i + 1 < argc) days = std::stod(argv[++i]);
    else inputs.push_back(a);
  }
  const auto length = sim::parse_buzz_name(buzz_name);
  if (inputs.empty() || !length) {
    std::fprintf(stderr, "usage: smp-buzz-table PHOTO|DIR... [--buzz smooth|0|0.5|1] [--days N] [--out DIR]\n");
    return 2;
  }
  if (!out_dir.empty()) fs::create_directories(out_dir);
  std::printf("%-22s %-5s %6s %7s %8s %6s %6s %6s %6s %6s %5s %10s\n", "photo", "view", "px/mm", "hairs", "outside", "hair",
              "skin", "buzz", "move", "dark", "fill", "sparse");
  render::PhotoDecoder decoder;  // one decoder service for every photo
  for (const fs::path& path : tools::photo_list(inputs)) {
    try {
      const cv::Mat3b photo = decoder.load_photo(path);
      sim::Plan plan = sim::make_auto_plan(photo, {path.string(), "", photo.cols, photo.rows});
      plan.params.buzz.length = *length;
      plan.params.buzz.days_since_shave = days;
      const sim::BuzzRegions regions = sim::plan_buzz(photo, plan);
      const render::BuzzImage buzz = render::render_buzz(photo, plan, regions);
      const render::BuzzFigures f = render::buzz_figures(photo, buzz.image, regions, buzz.removed, plan.calibration.px_per_mm);
      char sparse[32] = "-";
      if (f.sparse_texture_photo > 0) std::snprintf(sparse, sizeof sparse, "%.1f>%.1f", f.sparse_texture_photo, f.sparse_texture_buzz);
      char fill[16] = "-";
      if (buzz.refusal.empty() && f.fill_step) std::snprintf(fill, sizeof fill, "%+.0f", *f.fill_step);
      std::printf("%-22s %-5s %6.1f %7zu %8.5f %6.1f %6.1f %6.1f %6.2f %6.3f %5s %10s %s\n", path.filename().string().c_str(),
                  plan.head.view == sim::ViewKind::Front ? "front" : "top", plan.calibration.px_per_mm, buzz.hairs,
                  f.outside_kept, f.hair_luma, f.skin_luma, f.buzz_luma, f.luma_move, buzz.stubble_darkening, fill, sparse,
                  buzz.refusal.c_str());
      for (const auto& w : buzz.warnings) std::printf("    warning: %s\n", w.c_str());
      if (!out_dir.empty()) {
        // The SMP as smp-render draws it: automatic shades, then matched to the stubble.
        sim::Plan smp_plan = plan;
        render::suggest_shades(photo, smp_plan);
        std::vector<std::string> warnings;
        const app::BuzzStep step = app::apply_buzz(photo, smp_plan, true, warnings);
        const sim::Simulation s = sim::simulate(step.smp_plan);
        const cv::Mat3b after = render::composite(step.base, step.smp_plan, s.impressions);
        const std::string stem = path.stem().string();
        render::save_image(fs::path(out_dir) / (stem + "-buzz.jpg"), strip({photo, buzz.image, after}, std::min(photo.rows, 600)));
        render::save_image(fs::path(out_dir) / (stem + "-full.png"), buzz.image);
        if (!regions.clip.empty()) {  // red: clipped, yellow: sparse hair clipped, blue: hair volume
                                      // removed, green: bare skin
          cv::Mat3b overlay;
          cv::resize(photo, overlay, regions.work, 0, 0, cv::INTER_AREA);
          overlay.setTo(cv::Scalar(0, 0, 255), regions.clip);
          overlay.setTo(cv::Scalar(255, 0, 0), regions.uncover);
          if (!regions.sparse.empty()) overlay.setTo(cv::Scalar(0, 255, 255), regions.sparse);
          overlay.setTo(cv::Scalar(0, 255, 0), regions.skin_known);
          render::save_image(fs::path(out_dir) / (stem + "-regions.jpg"), overlay);
        }
      }
    } catch (const std::exception& e) {
      std::printf("%-22s error: %s\n", path.filename().string().c_str(), e.what());
    }
  }
  return 0;
}
