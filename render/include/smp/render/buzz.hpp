#pragma once
// The buzz-cut preview drawn on the photo: the client's remaining hair clipped to the plan's
// buzz length (sim::plan_buzz decides where). Under the clipped hair the scalp continues the
// visible skin's colour with the head's shading, stubble stands at the client's density and
// hair colour (the visible shaft plus the darker shaft under the skin), and the hair volume
// beyond the skull gives way to the background. Outside those regions the photo is copied
// unchanged. The SMP layer is then composited on this image as if it were the photo.

#include "smp/sim/buzz.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::render {

struct BuzzLookParams {
  double shadow_radius_mm = 0.25;    // the shaft under the skin, seen through it
  double shadow_strength = 0.8;      // how much of that area it covers with its colour (0-1)
  double shadow_length_mm = 0.8;     // how far the oblique shaft is seen running under the skin
  // Light the skin above a follicle returns before it reaches the hair inside (more for short
  // wavelengths, as for pigment): the shaved hair's shadow is the hair's colour seen through
  // this veil, so dark hair reads as a cool grey shadow, not as brown paint (B, G, R; 0-1).
  cv::Vec3f follicle_veil_bgr{0.46f, 0.33f, 0.26f};
  double unit_radius_mm = 0.1;       // the hairs of a follicular unit stand this far from its centre
  double unresolved_grain = 0.6;     // share of the dot texture smoothed away when hairs stand closer
                                     // than the photo resolves (the rest stays as grain)
  double lean = 0.6;                 // projected share of the visible shaft (hairs lean on the dome)
  double limb_darkening = 0.12;      // the skin darkens this much at the head's outline ...
  double limb_mm = 8;                // ... fading over this distance inward
  double edge_feather_px = 1.0;      // soft edge of the changed regions, work px
  // The new silhouette against the background is blurred like the photo's own edges, and at
  // least this much (Gaussian sigma, work px): less shows the pixel steps of the outline.
  double silhouette_min_sigma_px = 0.7;
  int background_max_side = 640;     // the background is filled on a copy this size ...
  double background_margin_mm = 6;   // ... from the background at least this far from the head
  double background_trend_mm = 25;   // the background's smooth trend is fitted out to this far beyond
  double skin_reach_mm = 15;         // the variation of the visible skin fades over this distance
  double wisp_levels = 12;           // beside removed hair, background pixels this much off its fill are hair wisps
  // Skin darker than this share of its mean (strands, wisps) is no colour source. Shaded skin
  // beside the hair (a receding temple in the hair's shade) is: the new scalp meets it at its
  // tone, where a lit fill would outline it as a dark hole.
  double min_known_luma_share = 0.5;
  // The light on the clipped scalp follows the light that fell on the hair over it: its slow
  // shading (Gaussian of this sigma), relative to its mean ...
  double hair_light_sigma_mm = 12;
  double hair_light_strength = 0.5;  // ... raised to this power (0: a flat fill, 1: all of it) ...
  double hair_light_max_change = 0.35;  // ... moves the fill by at most this share either way
  // The clipped scalp is, on average, no lighter than the bare skin within this distance of it
  // (scalp shaved under hair is never lighter than the scalp already bare beside it) ...
  double adjacent_skin_band_mm = 10;
  double max_fill_darkening = 0.4;   // ... darkening the fill far from that skin by at most this share
  double busy_background_sigma = 8;  // spread (levels) of the background around the removed hair
                                     // about its smooth fill above which the fill is called approximate
};

struct BuzzImage {
  cv::Mat3b image;                    // the photo with the buzz (the photo itself when none)
  std::string refusal;                // non-empty: not drawn, one line why
  std::vector<std::string> warnings;  // drawn, but approximate somewhere
  cv::Mat1b changed;                  // 255 where the image may differ from the photo (photo size)
  cv::Mat1b removed;                  // hair volume and its wisps replaced by background (work size)
  cv::Mat1b background;               // where the image shows that background, soft edge included:
                                      // no scalp, so no pigment (work size)
  cv::Mat1f stubble_cover;            // the clipped scalp's own stubble density as a share of a full
                                      // head's, 0-1 (work size; 0 outside the clipped area)
  double stubble_darkening = 0;       // mean darkening of the clipped scalp by its stubble (0-1)
  double clipped_share = 0;           // share of the photo's pixels clipped
  std::size_t hairs = 0;              // stubble hairs drawn
  bool drawn() const { return refusal.empty() && hairs + static_cast<std::size_t>(clipped_share > 0) > 0; }
};

// Draws the plan's buzz (plan.params.buzz) on `photo`; deterministic for the plan's seed.
BuzzImage render_buzz(const cv::Mat3b& photo, const sim::Plan& plan, const BuzzLookParams& look = {},
                      const sim::BuzzDecisionParams& decide = {});

// The same from regions already decided on these very pixels: the drawing starts from the
// photo at the work size they carry (`regions.work_image`, when it has the work size), so a
// photo changed after the decision needs its regions decided again or that image released.
BuzzImage render_buzz(const cv::Mat3b& photo, const sim::Plan& plan, const sim::BuzzRegions& regions,
                      const BuzzLookParams& look = {});

// The plan the SMP layer uses over a buzzed photo: the clipped hair no longer hides the skin,
// and the SMP fills only the density the client's own stubble lacks: where the stubble stands
// at a share c of a full head, the dots show at 1 - c (so thinning areas reach the look of the
// full stubble beside them instead of stacking a second full density on top of it). Where the
// hair's volume gave way to the background nothing shows: that is no scalp (see exclude_off_head).
sim::Plan plan_over_buzz(const sim::Plan& plan, const BuzzImage& buzz);

// Adds `off_head` (BuzzImage::background, any size) to the plan's exclusion: no impression is
// placed there, so the estimate does not count the air the hair's volume stood in.
void exclude_off_head(sim::Plan& plan, const cv::Mat1b& off_head);

// The plan as a picture of it over the buzzed photo shows it: the treatment area ends where the
// head does, as the estimate counts it (the plan itself keeps its mask; see exclude_off_head).
sim::Plan plan_picture_over_buzz(const sim::Plan& plan, const cv::Mat1b& off_head);

}  // namespace smp::render
