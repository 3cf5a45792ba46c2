// smp-look-table: for every photo given (files or folders), the automatic plan rendered healed
// with default settings, and how much darker its treated bare scalp reads at arm's length
// (mean over patches of 2.5 % of the image). One line per photo:
//   name view px/mm blur noise dilution density patches mean min max stubble predicted
// (stubble: contrast, "w" too light to imitate, "g" grey strands, "/" strand luminance ratio)
// Usage: smp-look-table PHOTO|DIR... [--out DIR]   (--out also writes NAME-after.png and the
// plan's hair mask NAME-hair.png)

#include "photo_list.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/look_metrics.hpp"
#include "smp/render/naturalness.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/imgcodecs.hpp>
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

// Treated bare scalp: the treatment area without remaining hair or exclusions.
cv::Mat1b bare_treated(const sim::Plan& plan) {
  cv::Mat1b m = plan.masks.treatment.clone();
  for (const cv::Mat1b* off : {&plan.masks.hair, &plan.masks.exclusion}) {
    if (off->empty() || m.empty()) continue;
    cv::Mat1b o;
    cv::resize(*off, o, m.size(), 0, 0, cv::INTER_NEAREST);
    cv::threshold(o, o, 127, 255, cv::THRESH_BINARY);
    m.setTo(0, o);
  }
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  fs::path out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc)
      out = argv[++i];
    else
      inputs.push_back(a);
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: smp-look-table PHOTO|DIR... [--out DIR]\n");
    return 2;
  }
  if (!out.empty()) fs::create_directories(out);
  std::printf("%-26s %-5s %6s %5s %5s %5s %5s %4s %6s %6s %6s %13s %5s\n", "photo", "view", "px/mm", "blur", "noise", "dil%", "dens", "n",
              "mean", "min", "max", "stubble", "pred");
  for (const fs::path& p : tools::photo_list(inputs)) {
    try {
      const cv::Mat3b photo = render::load_photo(p);
      sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{p.string(), "", photo.cols, photo.rows});
      render::suggest_shades(photo, plan);
      const sim::Simulation s = sim::simulate(plan);
      const cv::Mat3b after = render::composite(photo, plan, s.impressions);
      const render::ArmLengthDarkening d = render::arm_length_darkening(photo, after, bare_treated(plan));
      const render::PhotoTone tone = render::estimate_plan_tone(photo, plan);
      const render::LookFigures look = render::look_figures(photo, plan);
      char stubble[32] = "-";
      if (look.stubble) std::snprintf(stubble, sizeof stubble, "%.3f%s%s/%.2f", look.stubble->contrast,
                      look.stubble->grey_or_white ? "w" : "", look.stubble->grey_strands ? "g" : "",
                      look.stubble->strand_ratio);
      std::printf("%-26s %-5s %6.2f %5.2f %5.1f %5.0f %5.0f %4d %6.3f %6.3f %6.3f %13s %5.3f\n", p.filename().string().c_str(),
                  plan.head.view == sim::ViewKind::Top ? "top" : "front", plan.calibration.px_per_mm, tone.blur_sigma_px,
                  tone.noise_sigma, plan.params.pigment.dilution_pct, plan.params.density_per_cm2, d.patches, d.mean, d.min, d.max, stubble, look.simulated);
      std::fflush(stdout);
      if (!out.empty()) {
        render::save_image(out / (p.stem().string() + "-after.png"), after);
        if (!plan.masks.hair.empty()) cv::imwrite((out / (p.stem().string() + "-hair.png")).string(), plan.masks.hair);
      }
    } catch (const std::exception& e) {
      std::printf("%-26s error: %s\n", p.filename().string().c_str(), e.what());
    }
  }
  return 0;
}
