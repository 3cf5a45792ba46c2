#pragma once
// The appearance model of SMP pigment, shared by the CPU compositor and the OpenGL viewer:
// one definition of every constant (passed to shaders as uniforms) and of the per-pixel
// apply formula (mirrored in GLSL).
//
// Optics in short. Each needle touch leaves a small disc of carbon in the upper dermis. It is
// seen through the skin above it:
//  - scattering blurs it: the dot is the disc convolved with a blur that widens with depth;
//  - the skin above backscatters part of the light before it reaches the pigment, more so for
//    short wavelengths and with depth (Tyndall effect): this "veil" is why deep pigment reads
//    blue-grey, and why pigment at the right depth reads a soft cool grey;
//  - pigment absorbs what reaches it (Beer-Lambert), so a dot multiplies the local skin tone
//    and lighting: in shadow it is darker, on light skin it stays a transparent grey;
//  - surface (specular) reflection happens above the pigment and is not attenuated, so a
//    highlight stays light over a dot.
// Healed dots also leave a faint halo: pigment carried a little way into the dermis around the
// core, which is what makes healed work read as a shadow at arm's length while each core stays
// a soft grey speck. The light returned by the skin above the pigment and by the gaps between
// its particle clusters (the veil's surface part) keeps any dot from reading black: its centre
// darkens the skin by about 70 % at most.
// The photo's own optics apply too: every dot is seen through the photo's blur (lens, JPEG,
// noise reduction) and integrated over the pixel's area, so a dot smaller than a pixel gives
// the right mean tone at its true position, never a speck snapped to the pixel grid.
// Fresh dots (day 0) hold about twice the pigment that stays, sit closer to the surface
// (crisper), are larger (wound and scab) and sit on reddened skin. Healed dots (~4 weeks) are
// about half the needle diameter and 2-3 shades lighter.
//
// THE APPLY FORMULA (per pixel; the viewer's shader does exactly this)
//   inputs: photo colour c (B,G,R in 0-255), pigment layer OD (optical density, >= 0),
//           redness layer R (0-1, may be at lower resolution: sample it bilinearly),
//           uniforms u = ApplyUniforms (below).
//   s   = specular part of c (specular_part below; 0 on matte skin)
//   T_k = veil_k + (1 - veil_k) * exp(-OD * absorption_k)        for k in B,G,R
//         (veil_k = 1 - (1 - surface_veil_k) exp(-backscatter_k depth): T_k >= veil_k, never black)
//   out_k = s + (c_k - s) * T_k * mix(1, redness_tint_k, R)
// With OD = 0 and R = 0 the photo is unchanged.

#include "smp/render/blur_field.hpp"
#include "smp/sim/fading.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace smp::render {

struct AppearanceParams {
  // Dot size and pigment load.
  double healed_size_fraction = 0.6;  // healed dot at the surface / needle diameter (0.1-0.15 mm), 0.3-1
  double fresh_size_fraction = 1.0;   // day-0 dot (wound + scab) / needle diameter, 0.5-1.2
  double size_variation = 0.25;       // spread of dot size between impressions (log-normal sigma), 0-0.5
  double opacity_variation = 0.35;    // spread of pigment load between impressions (log-normal sigma), 0-0.6
  double elongation = 0.35;           // up to this much longer along a random axis (needle angle), 0-1
  double healed_cluster_scale = 0.5;   // healing draws a grouping's touches together (one follicle), 0.3-1
  double pigment_od = 2.5;            // optical density of an undiluted healed dot's centre (disc)
  double fresh_ink_gain = 1.15;       // day-0 pigment / healed pigment (healing sheds some), 1-3
  double halo_ink_fraction = 5.5;     // healed pigment spread around a dot / pigment in its core, 0-8
  double halo_sigma_mm = 0.12;        // how far that spread reaches (Gaussian sigma), 0.03-0.3 mm
  // Optics of the skin above the pigment.
  double scatter_per_depth = 0.08;    // blur sigma in mm per mm of depth (0.04 mm at 0.5 mm depth)
  double fresh_scatter_fraction = 0.6;   // day 0: pigment and scab near the surface, crisper, 0-1
  double scar_scatter_factor = 1.4;   // scar tissue is denser and spreads pigment more, 1-2
  cv::Vec3f absorption_bgr{0.94f, 0.97f, 1.0f};          // carbon: nearly flat absorption
  cv::Vec3f backscatter_per_mm_bgr{0.30f, 0.12f, 0.04f};  // veil growth per mm of depth
  cv::Vec3f surface_veil_bgr{0.31f, 0.27f, 0.24f};        // veil at any depth (epidermis, particle gaps)
  double min_sigma_px = 0.45;         // a dot is never sharper than a pixel can show
  double pixel_variance = 1.0 / 12.0; // px^2 added to every dot: the pixel's area (box) integration
  // Fresh skin.
  cv::Vec3f redness_tint_bgr{0.88f, 0.91f, 1.0f};  // colour multiplier at full redness
  double redness_radius_mm = 0.6;     // how far the reddening reaches around fresh dots
  double redness_gain = 8.0;          // redness = 1 - exp(-gain * mean fresh OD nearby)
  // Specular highlights.
  double specular_margin = 6.0;       // 8-bit levels of chroma excess treated as noise, 0-30
  // Years after the last session (longevity preview).
  sim::FadingParams fading;
  bool operator==(const AppearanceParams&) const = default;
};

// Per-impression variation drawn from its key.
struct ImpressionVariation {
  float size = 1;       // dot size factor (log-normal; its square, the dot's area, averages 1)
  float opacity = 1;    // pigment load factor (log-normal, averages 1)
  float elongation = 1; // >= 1: length / width of the dot
  float angle = 0;      // radians: direction of the long axis
};
ImpressionVariation impression_variation(std::uint32_t key, const AppearanceParams& params);
// The median impression's size and load (round: elongation 1): the typical dot, whose tone a
// dilution is matched on where it imitates shaved strands or the hair (shade.hpp).
ImpressionVariation median_impression(const AppearanceParams& params);

// Pigment concentration from a dilution (0% = undiluted = 1).
double pigment_concentration(double dilution_pct);
inline double pigment_concentration(const sim::Pigment& pigment) { return pigment_concentration(pigment.dilution_pct); }

// Everything about one touch that does not depend on where it lands.
struct TouchInputs {
  double needle_diameter_mm = 0.25;
  double dilution_pct = 30;
  double depth_mm = 0.5;
  double healing = 1;        // 0 = day 0 (fresh), 1 = healed (about 4 weeks)
  bool scar = false;         // on scar tissue
  sim::FadeState fade;       // years after the last session
};

// One touch in photo pixels before perspective: an elliptical blob of pigment.
struct TouchShape {
  float sigma_major_px = 1;  // blur sigma along the long axis
  float sigma_minor_px = 1;  // and across it
  float angle = 0;           // radians, long axis direction
  float ink = 0;             // total pigment: optical density integrated over px^2
  float halo_ink = 0;        // pigment spread around the dot once healed (same units)
  float halo_sigma_px = 0;   // reach of that spread (added to the dot's own blur)
};
TouchShape touch_shape(const TouchInputs& in, double px_per_mm, const ImpressionVariation& variation,
                       const AppearanceParams& params);

// Skin colour and optics of the photo: the reference for telling specular light from skin,
// and the blur every simulated dot is seen through.
struct PhotoTone {
  cv::Vec3f skin_bgr{120, 150, 190};  // typical diffuse skin colour (0-255)
  float blur_sigma_px = 0;            // the photo's own blur (Gaussian sigma, photo px at full size)
  float noise_sigma = 0;              // its noise (8-bit levels, standard deviation); for reports
  BlurField blur_field;               // how the blur varies over the photo (empty: blur_sigma_px everywhere)
};

// The uniforms of the apply formula.
struct ApplyUniforms {
  cv::Vec3f absorption_bgr{1, 1, 1};
  cv::Vec3f veil_bgr{0, 0, 0};        // 1 - exp(-backscatter_per_mm * depth)
  cv::Vec3f redness_tint_bgr{1, 1, 1};
  cv::Vec2f skin_ratio{0.63f, 0.79f};  // diffuse skin B/R and G/R (from PhotoTone)
  float specular_margin = 6;
};
ApplyUniforms apply_uniforms(double depth_mm, const PhotoTone& tone, const AppearanceParams& params);

// Specular part of a pixel under the dichromatic model: the pixel is skin-coloured diffuse
// light plus white surface reflection; what is whiter than the skin's chroma allows is
// specular. Each of B and G gives an estimate against R; the smaller is kept (noise-safe).
inline float specular_part(const cv::Vec3f& c, const ApplyUniforms& u) {
  const float kb = std::min(u.skin_ratio[0], 0.92f), kg = std::min(u.skin_ratio[1], 0.95f);
  const float sb = (c[0] - kb * c[2]) / (1.0f - kb);
  const float sg = (c[1] - kg * c[2]) / (1.0f - kg);
  const float s = std::min(sb, sg) - u.specular_margin;
  return std::clamp(s, 0.0f, std::min({c[0], c[1], c[2]}));
}

// The apply formula (see the top of this file). c and the result are BGR in 0-255.
inline cv::Vec3f apply_formula(const cv::Vec3f& c, float od, float redness, const ApplyUniforms& u) {
  const float s = specular_part(c, u);
  cv::Vec3f out;
  for (int k = 0; k < 3; ++k) {
    const float t = u.veil_bgr[k] + (1.0f - u.veil_bgr[k]) * std::exp(-od * u.absorption_bgr[k]);
    const float tint = 1.0f + redness * (u.redness_tint_bgr[k] - 1.0f);
    out[k] = s + (c[k] - s) * t * tint;
  }
  return out;
}

}  // namespace smp::render
