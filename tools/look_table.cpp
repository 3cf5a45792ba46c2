// smp-look-table: for every photo given (files or folders), the automatic plan rendered healed
// with default settings, measured as a client judges it. One line per photo:
//   name view px/mm blur noise dilution density | arm's length: patches mean min max |
//   stubble predicted grain | 100 %: dots peak tcv (its CV over the dots) softness nn_cv grid |
//   checks
// Arm's length: how much darker the treated bare scalp reads (mean over patches of 2.5 % of the
// image). Stubble: contrast, "w" too light to imitate, "g" grey strands, "/" strand luminance
// ratio. Grain: the fine texture at arm's length (StubbleMeasure::grain) of the client's
// stubble strip, then of the bare strip beside it in the photo > after. 100 %: the visible dots
// in the treated bare scalp (smp/render/dot_figures.hpp).
// Checks (top views with bare scalp): A arm's length 10-25 %, S within 5 points of the
// stubble's contrast (taken into the 10-25 % band; the summary also counts the plain
// contrast), P peak darkening <= 0.75, B dots no sharper than the photo's blur,
// C nearest-neighbour CV 0.06-0.42, G no grid peak; a lower-case letter marks a failure.
// The last line counts the photos meeting each check.
// Usage: smp-look-table PHOTO|DIR... [--out DIR] [--crops DIR]
//   --out   writes NAME-after.png and the plan's hair mask NAME-hair.png
//   --crops writes NAME-border.png: a 100 % crop (400 x 300 px, smaller on small photos) of the border between the
//           client's remaining hair and the simulated work, before | after

#include "look_checks.hpp"
#include "photo_list.hpp"
#include "smp/render/border_crop.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/dot_figures.hpp"
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

void write_border_crop(const fs::path& file, const cv::Mat3b& photo, const cv::Mat3b& after, const sim::Plan& plan,
                       const cv::Mat1b& treated) {
  // 400 x 300 px, or three fifths of a smaller photo so the window still centres on the border.
  const cv::Size crop(std::min(400, photo.cols * 3 / 5), std::min(300, photo.rows * 3 / 5));
  const auto r = render::border_crop(plan.masks.hair, treated, photo.size(), crop);
  if (!r) return;
  cv::Mat3b side(r->height, 2 * r->width + 8, cv::Vec3b(255, 255, 255));
  photo(*r).copyTo(side(cv::Rect(0, 0, r->width, r->height)));
  after(*r).copyTo(side(cv::Rect(r->width + 8, 0, r->width, r->height)));
  render::save_image(file, side);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  fs::path out, crops;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--out" && i + 1 < argc)
      out = argv[++i];
    else if (a == "--crops" && i + 1 < argc)
      crops = argv[++i];
    else
      inputs.push_back(a);
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: smp-look-table PHOTO|DIR... [--out DIR] [--crops DIR]\n");
    return 2;
  }
  if (!out.empty()) fs::create_directories(out);
  if (!crops.empty()) fs::create_directories(crops);
  std::printf("%-26s %-5s %6s %5s %5s %4s %4s %4s %6s %6s %6s %13s %5s %17s %6s %5s %5s %5s %5s %6s %s\n", "photo", "view",
              "px/mm", "blur", "noise", "dil%", "dens", "n", "mean", "min", "max", "stubble", "pred", "grain", "dots", "peak",
              "tcv", "soft", "nncv", "grid", "checks");
  tools::LookTally tally;
  render::PhotoDecoder decoder;  // one decoder service for every photo
  for (const fs::path& p : tools::photo_list(inputs)) {
    try {
      const cv::Mat3b photo = decoder.load_photo(p);
      sim::Plan plan = sim::make_auto_plan(photo, sim::PhotoRef{p.string(), "", photo.cols, photo.rows});
      render::suggest_shades(photo, plan);
      const sim::Simulation s = sim::simulate(plan);
      const cv::Mat3b after = render::composite(photo, plan, s.impressions);
      const cv::Mat1b treated = render::bare_treated(plan);
      const render::ArmLengthDarkening d = render::arm_length_darkening(photo, after, treated);
      const render::PhotoTone tone = render::estimate_plan_tone(photo, plan);
      const render::LookFigures look = render::look_figures(photo, plan);
      const render::DotFigures dots = render::visible_dot_figures(photo, after, treated);
      char stubble[32] = "-";
      if (look.stubble) std::snprintf(stubble, sizeof stubble, "%.3f%s%s/%.2f", look.stubble->contrast,
                      look.stubble->grey_or_white ? "w" : "", look.stubble->grey_strands ? "g" : "",
                      look.stubble->strand_ratio);
      char grain[40] = "-";
      render::StubbleParams with_grain;
      with_grain.measure_grain = true;
      if (const auto photo_strips = render::measure_stubble(photo, plan, with_grain)) {
        const auto after_strips = render::measure_stubble(after, plan, with_grain);
        char after_grain[16] = "-";
        if (after_strips) std::snprintf(after_grain, sizeof after_grain, "%.3f", after_strips->skin_grain);
        std::snprintf(grain, sizeof grain, "%.3f/%.3f>%s", photo_strips->grain, photo_strips->skin_grain, after_grain);
      }
      const bool top = plan.head.view == sim::ViewKind::Top;
      const std::string checks = top && d.patches > 0
          ? tally.add(tools::LookRow{d.mean, look.stubble ? std::optional<double>(look.stubble->contrast) : std::nullopt,
                                     dots.dots, dots.peak_dark, dots.softness_px, tone.blur_sigma_px, dots.nn_cv, dots.grid})
          : "-";
      std::printf("%-26s %-5s %6.2f %5.2f %5.1f %4.0f %4.0f %4d %6.3f %6.3f %6.3f %13s %5.3f %17s %6d %5.3f %5.3f %5.2f %5.3f %6.1f %s\n",
                  p.filename().string().c_str(), top ? "top" : "front", plan.calibration.px_per_mm, tone.blur_sigma_px,
                  tone.noise_sigma, plan.params.pigment.dilution_pct, plan.params.density_per_cm2, d.patches, d.mean, d.min,
                  d.max, stubble, look.simulated, grain, dots.dots, dots.peak_dark, dots.tone_cv, dots.softness_px, dots.nn_cv, dots.grid,
                  checks.c_str());
      std::fflush(stdout);
      if (!out.empty()) {
        render::save_image(out / (p.stem().string() + "-after.png"), after);
        if (!plan.masks.hair.empty()) cv::imwrite((out / (p.stem().string() + "-hair.png")).string(), plan.masks.hair);
      }
      if (!crops.empty() && look.stubble) write_border_crop(crops / (p.stem().string() + "-border.png"), photo, after, plan, treated);
    } catch (const std::exception& e) {
      std::printf("%-26s error: %s\n", p.filename().string().c_str(), e.what());
    }
  }
  std::printf("%s\n", tally.summary().c_str());
  return 0;
}
