#pragma once
// Regenerates the dots off the UI thread, on its own lane of the viewer's background runner
// (latest wins). The main thread posts the newest request (older unstarted ones are dropped),
// the runner simulates and computes the pigment layer, and the
// main thread picks the result up and uploads it (GL stays on the main thread). Each request
// carries a generation number: unstarted superseded requests are dropped, and the UI knows
// its dots are current only when the shown generation is the newest posted.

#include "background_task.hpp"
#include "latest_result.hpp"
#include "smp/render/appearance.hpp"
#include "smp/render/layer_workspace.hpp"
#include "smp/render/stubble.hpp"
#include "smp/render/gl/scene_renderer.hpp"  // PigmentTiles (plain data; no GL calls here)
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"
#include "smp/sim/simulation_cache.hpp"

#include <opencv2/core.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

struct RegenRequest {
  std::uint64_t generation = 0;   // increasing; the newest wins
  std::uint64_t plan_revision = 0;  // the simulation is reused while this and buzz_applied are unchanged
  std::uint64_t buzz_applied = 0;   // the buzz-cut preview the plan's masks were taken over (its count of
                                    // results shown): a new one may keep other dots off the head
  sim::Plan plan;
  cv::Mat3b photo;                // the plan's photo (shared, never modified): the client's own stubble
  cv::Mat3b smp_base;             // the photo the SMP is drawn on, the skin reference: the buzzed photo
                                  // (shared, the size of `photo`), or empty for `photo` itself
  sim::ClinicRates rates;         // the clinic's rates for the estimate
  render::AppearanceParams appearance;
  int up_to_session = 0;          // 0 = all
  double latest_healing = 1.0;    // the last shown session: 0 = day 0 (fresh), 1 = healed
  double years = 0;               // years after the last session (0-10): the fading preview
  int od_factor = 1;              // photo pixels per pigment-layer pixel
  int od_tile_size = 0;           // the renderer's pigment tile size (SceneRenderer::pigment_tile_size)
  std::chrono::steady_clock::time_point edit_time;  // when the edit this request answers was made
};

struct RegenResult {
  std::uint64_t generation = 0;
  std::shared_ptr<const sim::Simulation> simulation;  // shared with exports
  render::gl::PigmentTiles tiles; // pigment layers covering the photo (od tiled, with mip chains)
  double simulate_ms = 0, layer_ms = 0;
  std::size_t placed = 0;         // impressions placed: all, those of an edited region, 0 if reused
  std::chrono::steady_clock::time_point edit_time;  // the request's
  std::string error;              // non-empty: the plan could not be simulated
  // The naturalness check (render/naturalness.hpp) of this plan on the photo as photographed:
  // the same lines the exports and `smp-render --check` give.
  std::string look;
  std::vector<std::string> naturalness;
  std::optional<render::StubbleMeasure> stubble;  // the client's own stubble on the photo, if any
  // The tone the dots were drawn with (render::estimate_plan_tone of the photo the SMP is drawn
  // on): the timeline's thumbnails take it rather than measure the full photo again.
  std::optional<render::PhotoTone> tone;
};

// The pigment-layer downscale for a photo: 1 up to ~40 MP, then 2 or 4 (GPU memory).
int od_factor_for(cv::Size photo);

class RegenWorker {
 public:
  RegenWorker() = default;
  ~RegenWorker() = default;  // the runner (last member) waits for a regeneration in flight
  RegenWorker(const RegenWorker&) = delete;
  RegenWorker& operator=(const RegenWorker&) = delete;

  void post(RegenRequest request);
  // The newest finished result, once (possibly for an older generation than the newest posted).
  std::optional<RegenResult> take();
  bool busy() const;
  // Called on the worker's thread when a result is ready (BackgroundTask::set_wake).
  void set_wake(std::function<void()> wake) { runner_.set_wake(std::move(wake)); }

 private:
  RegenResult regenerate(const RegenRequest& req);  // on the runner's thread, one at a time
  LatestResult<RegenResult> latest_;
  // Runner-only cache: the last simulation and the revision it was made for; placement is
  // reused across revisions that change only what it does not read (shade, needle, rates).
  sim::SimulationCache simulations_;
  std::shared_ptr<const sim::Simulation> cached_;
  render::PhotoTone cached_tone_;  // estimate_plan_tone for the cached placement and photo
  cv::Mat3b cached_tone_photo_;    // the photo cached_tone_ was measured on (held: compared by address)
  std::optional<render::StubbleMeasure> cached_stubble_;  // the client's stubble, with cached_tone_
  sim::Masks cached_tone_masks_;   // the masks they read (copies), and the scale
  double cached_tone_px_per_mm_ = 0;
  std::uint64_t cached_revision_ = 0;
  std::uint64_t cached_buzz_ = 0;  // the request's buzz_applied for cached_
  render::LayerWorkspace layer_memory_;  // the dot layer's buffers, reused by every regeneration
  BackgroundTask runner_;  // last: destroyed first, so no regeneration outlives the members above
};

}  // namespace smp::studio
