// A LayerWorkspace keeps the last layer's splats: after a change of the shade alone it re-inks
// them; after a change of impressions alone, those drawn before keep their splats; the layer
// is the one a fresh build gives, bit for bit. Any change of what the splats' geometry reads
// builds them all again.

#include "smp/render/compositor.hpp"
#include "smp/render/layer_workspace.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <functional>
#include <string>
#include <vector>

namespace smp {
namespace {

// What the workspace is expected to keep after an edit.
enum class Keeps { Nothing, AllButOne, Everything };

struct Edit {
  std::string what;
  Keeps keeps;
  std::function<void(sim::Plan&, std::vector<sim::Impression>&, render::PhotoTone&, render::AppearanceParams&,
                     render::CompositeOptions&)>
      apply;
};

// A 3-session plan, fresh last session, on a scar band, at a resolution where dots are
// resolved (9 px/mm) and one where they turn to grain (3 px/mm).
void check_edits(double px_per_mm) {
  sim::Plan plan = test::uniform_plan(420, 300, px_per_mm, 90);
  plan.params.sessions = 3;
  plan.masks.scar = cv::Mat1b(300, 420, uchar{0});
  plan.masks.scar.rowRange(100, 140).setTo(255);
  std::vector<sim::Impression> impressions = sim::simulate(plan).impressions;
  render::PhotoTone tone;
  tone.blur_sigma_px = 0.8f;
  render::AppearanceParams params;
  render::CompositeOptions options;
  options.latest_healing = 0.4;
  const cv::Size size(420, 300);

  const std::vector<Edit> edits = {
      {"first layer", Keeps::Nothing, [](auto&...) {}},
      {"dilution", Keeps::Everything, [](sim::Plan& p, auto&...) { p.params.pigment.dilution_pct = 45; }},
      {"session offsets", Keeps::Everything, [](sim::Plan& p, auto&...) { p.params.pigment.session_offsets_pct = {0, -12, -20}; }},
      {"scar shade", Keeps::Everything, [](sim::Plan& p, auto&...) { p.params.pigment.scar_offset_pct = 25; }},
      {"needle", Keeps::Nothing, [](sim::Plan& p, auto&...) { p.params.needle.diameter_mm = 0.3; }},
      {"dilution again", Keeps::Everything, [](sim::Plan& p, auto&...) { p.params.pigment.dilution_pct = 20; }},
      {"depth", Keeps::Nothing, [](sim::Plan& p, auto&...) { p.params.pigment.depth_mm = 0.8; }},
      {"scar painted in place", Keeps::Nothing, [](sim::Plan& p, auto&...) { p.masks.scar.rowRange(200, 220).setTo(255); }},
      {"an impression moved", Keeps::AllButOne,
       [](sim::Plan&, std::vector<sim::Impression>& imps, auto&...) { imps[imps.size() / 2].pos.x += 0.25f; }},
      {"photo blur", Keeps::Nothing, [](sim::Plan&, auto&, render::PhotoTone& t, auto&...) { t.blur_sigma_px = 1.3f; }},
      {"halo", Keeps::Nothing,
       [](sim::Plan&, auto&, auto&, render::AppearanceParams& a, auto&) { a.halo_sigma_mm = 0.2; }},
      {"healing", Keeps::Nothing,
       [](sim::Plan&, auto&, auto&, auto&, render::CompositeOptions& o) { o.latest_healing = 1.0; }},
      {"years", Keeps::Nothing, [](sim::Plan&, auto&, auto&, auto&, render::CompositeOptions& o) { o.years = 5; }},
      {"lifestyle", Keeps::Nothing, [](sim::Plan& p, auto&...) { p.params.lifestyle.sun_exposure = 0.9; }},
      {"dilution last", Keeps::Everything, [](sim::Plan& p, auto&...) { p.params.pigment.dilution_pct = 60; }},
      {"an impression removed", Keeps::Everything,  // every impression left was drawn before
       [](sim::Plan&, std::vector<sim::Impression>& imps, auto&...) { imps.erase(imps.begin() + 7); }},
      {"an impression added, shade changed", Keeps::AllButOne,
       [](sim::Plan& p, std::vector<sim::Impression>& imps, auto&...) {
         imps.insert(imps.begin() + 3, sim::Impression{{201.5f, 150.25f}, 0xC0FFEEu, 1});
         p.params.pigment.dilution_pct = 35;
       }},
      {"the last session dropped", Keeps::Nothing,  // the session drawn fresh changes
       [](sim::Plan&, std::vector<sim::Impression>& imps, auto&...) {
         std::erase_if(imps, [](const sim::Impression& i) { return i.session == 3; });
       }},
  };
  render::LayerWorkspace memory;
  cv::Mat1f previous;
  for (const Edit& e : edits) {
    e.apply(plan, impressions, tone, params, options);
    const render::PigmentLayers kept = render::pigment_layers(size, 1.0, plan, impressions, tone, params, options, &memory);
    const render::PigmentLayers fresh = render::pigment_layers(size, 1.0, plan, impressions, tone, params, options);
    const std::size_t kept_expected =
        e.keeps == Keeps::Everything ? impressions.size() : e.keeps == Keeps::AllButOne ? impressions.size() - 1 : 0;
    EXPECT_EQ(memory.kept_impressions(), kept_expected) << e.what << " at " << px_per_mm << " px/mm";
    // A moved impression redraws the tiles it reaches; the others are copied. After new
    // geometry every tile is drawn, and so after a shade edit (which keeps no drawn layer:
    // "an impression removed" follows one).
    if (e.what == "an impression moved") {
      EXPECT_GT(memory.copied_tiles(), 0u) << e.what << " at " << px_per_mm << " px/mm";
      EXPECT_LT(memory.copied_tiles(), 4u) << e.what << " at " << px_per_mm << " px/mm";  // 2 x 2 tiles of 256 px
    } else {
      EXPECT_EQ(memory.copied_tiles(), 0u) << e.what << " at " << px_per_mm << " px/mm";
    }
    EXPECT_EQ(cv::norm(kept.od, fresh.od, cv::NORM_INF), 0) << e.what << " at " << px_per_mm << " px/mm";
    EXPECT_EQ(cv::norm(kept.redness, fresh.redness, cv::NORM_INF), 0) << e.what;
    if (!previous.empty()) {
      EXPECT_GT(cv::norm(kept.od, previous, cv::NORM_INF), 0) << e.what << " must change the layer";
    }
    previous = kept.od.clone();
  }
}

TEST(LayerReink, KeptSplatsGiveTheLayerAFreshBuildGives) {
  check_edits(9.0);
  check_edits(3.0);
}

}  // namespace
}  // namespace smp
