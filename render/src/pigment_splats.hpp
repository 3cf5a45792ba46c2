#pragma once
// From impressions to splats: every touch of every shown impression with its per-touch values
// resolved (shade, healing, fading, perspective, needle grouping, the photo's optics), and the
// coarse fresh-skin redness they cause. Shared by the photo-sized layer the viewer uploads and
// the tiled compositor.

#include "splat.hpp"
#include "smp/render/appearance.hpp"
#include "smp/render/compositor.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace smp::render::detail {

// px^2 the photo's optics add to a splat: its blur at `scale` (where the dot lands, when the
// tone carries a blur field) and the pixel's area.
class OpticsVariance {
 public:
  OpticsVariance() = default;
  OpticsVariance(const PhotoTone& tone, double scale, const AppearanceParams& params);
  // At an impression's position (photo px).
  float at(cv::Point2f photo_px) const;
  bool operator==(const OpticsVariance&) const = default;

 private:
  float uniform_blur_ = 0;  // photo px
  float scale_ = 1;
  float pixel_var_ = 0;     // output px^2
  BlurField field_;
};

// What a splat's ink is made of. The shade (dilution) only scales the undiluted ink; the
// optics then conserve its darkening from the dot's own variance to the one the photo shows.
struct SplatInk {
  float undiluted = 0;         // ink of undiluted pigment (OD x output px^2)
  float own_var = 0;           // area variance of the dot itself, output px^2
  float seen_var = 0;          // and as the photo shows it (blur and pixel added)
  std::uint32_t impression = 0;  // index of its impression (whose shade it takes)
};

// The splats of one block of impressions, before concatenation.
struct SplatBlock {
  std::vector<Splat> splats;
  std::vector<SplatInk> inks;
  std::size_t kept = 0;  // impressions whose splats came from KeptSplats
};

// The last session an image shows (the one drawn with the options' healing).
int last_shown_session(std::span<const sim::Impression> impressions, const CompositeOptions& options);

// The splats and ink records of a previous layer, found by impression: a layer with the same
// geometry inputs (SplatGeometryInputs, same last shown session) takes them for every
// impression it shares with that one (after an incremental placement, most of them).
class KeptSplats {
 public:
  KeptSplats(std::span<const sim::Impression> impressions, std::span<const Splat> splats, std::span<const SplatInk> inks);
  // The index of `imp` among the previous impressions, if it is one of them. `hint` is
  // looked at first: after an edit most impressions keep their order, so the one after the
  // last found is usually the next one found.
  std::optional<std::uint32_t> find(const sim::Impression& imp, std::uint32_t hint = 0) const;
  std::span<const Splat> splats(std::uint32_t o) const { return splats_.subspan(first_[o], first_[o + 1] - first_[o]); }
  std::span<const SplatInk> inks(std::uint32_t o) const { return inks_.subspan(first_[o], first_[o + 1] - first_[o]); }

 private:
  std::size_t slot_of(std::uint32_t key) const;
  std::span<const sim::Impression> impressions_;
  std::span<const Splat> splats_;
  std::span<const SplatInk> inks_;
  std::vector<std::uint32_t> first_;  // per impression: its first splat (and one past the last)
  std::vector<std::uint32_t> table_;  // hash slots: impression index + 1, 0 = empty
};

// The splats of an output image at `scale` output px per photo px, in impression order (one
// halo after the touches of each healed impression). Computed on all cores; the result does
// not depend on the thread count.
// `out` and `parts` (per block of impressions) are overwritten; their capacity is reused.
// With `inks`, it receives each splat's ink record, for reink_splats. With `kept`, impressions
// found in it take their splats from it (the same splats as prepared anew, bit for bit).
// Returns how many did.
std::size_t prepare_splats(double scale, const sim::Plan& plan, std::span<const sim::Impression> impressions,
                    const AppearanceParams& params, const CompositeOptions& options, const OpticsVariance& optics,
                    std::vector<Splat>& out, std::vector<SplatBlock>& parts, std::vector<SplatInk>* inks = nullptr,
                    const KeptSplats* kept = nullptr);

// The ink of every splat again for `plan`'s shade, from the records prepare_splats kept for
// the same impressions: what prepare_splats would give when nothing but the shade changed
// (bit for bit), without the touches' geometry. `concentration` is scratch.
void reink_splats(const sim::Plan& plan, std::span<const sim::Impression> impressions, std::span<const SplatInk> inks,
                  std::span<Splat> splats, std::vector<double>& concentration);

// Reddening of fresh skin on a coarse grid covering `size` (empty when nothing is fresh).
cv::Mat1f redness_layer(cv::Size size, double px_per_mm, std::span<const Splat> splats, const AppearanceParams& params);

// Depth of the pigment shown: the plan's, plus what the years of fading add.
double pigment_depth_mm(const sim::Plan& plan, const AppearanceParams& params, const CompositeOptions& options);

// Dot spacing in output px of the plan's density (0 when unknown).
double dot_spacing_px(const sim::Plan& plan, double scale);

}  // namespace smp::render::detail
