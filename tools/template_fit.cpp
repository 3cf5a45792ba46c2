// smp-template-fit: every hair-loss template applied to the automatic plan of each photo given
// (files or folders), measured by the widest bare scalp it leaves untreated between its area
// and the remaining hair (sim::widest_untreated_bald_mm), mm. One line per top view whose bare
// scalp was found; other photos print "-". The last line counts the templates within 5 mm.
// Usage: smp-template-fit PHOTO|DIR...

#include "photo_list.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/hair_loss_templates.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace smp;

int main(int argc, char** argv) {
  const std::vector<std::string> inputs(argv + 1, argv + argc);
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: smp-template-fit PHOTO|DIR...\n");
    return 2;
  }
  constexpr double kMaxStripMm = 5.0;
  const auto templates = sim::all_hair_loss_templates();
  std::printf("%-26s", "photo");
  for (const auto& t : templates) std::printf(" %12s", sim::template_name(t).c_str());
  std::printf("\n");
  int within = 0, measured = 0;
  render::PhotoDecoder decoder;  // one decoder service for every photo
  for (const auto& p : tools::photo_list(inputs)) {
    try {
      const cv::Mat3b photo = decoder.load_photo(p);
      const sim::Plan automatic = sim::make_auto_plan(photo, sim::PhotoRef{p.string(), "", photo.cols, photo.rows});
      std::printf("%-26s", p.filename().string().c_str());
      if (automatic.masks.bald.empty()) {
        std::printf(" -\n");
        continue;
      }
      for (const auto& t : templates) {
        sim::Plan plan = automatic;
        sim::apply_template(plan, t);
        const double mm = sim::widest_untreated_bald_mm(plan, t);
        std::printf(" %12.1f", mm);
        within += mm <= kMaxStripMm;
        ++measured;
      }
      std::printf("\n");
      std::fflush(stdout);
    } catch (const std::exception& e) {
      std::printf("%-26s error: %s\n", p.filename().string().c_str(), e.what());
    }
  }
  std::printf("templates leaving no bare strip wider than %.0f mm: %d/%d\n", kMaxStripMm, within, measured);
  return 0;
}
