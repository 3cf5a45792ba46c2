#include "regen_worker.hpp"

#include "smp/render/compositor.hpp"
#include "smp/render/naturalness.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/mask_ops.hpp"

#include <algorithm>
#include <chrono>
#include <exception>

namespace smp::studio {

namespace {
double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The skin tone and the client's stubble read the photo, the treatment, hair, exclusion and
// occlusion masks and the scale: a new seed, density or hairline leaves them as they were.
bool same_tone_inputs(const sim::Masks& a, const sim::Masks& b) {
  return sim::same_pixels(a.treatment, b.treatment) && sim::same_pixels(a.hair, b.hair) &&
         sim::same_pixels(a.exclusion, b.exclusion) && sim::same_pixels(a.occlusion, b.occlusion);
}

sim::Masks tone_masks(const sim::Masks& m) {
  sim::Masks out;
  out.treatment = m.treatment.clone();
  out.hair = m.hair.clone();
  out.exclusion = m.exclusion.clone();
  out.occlusion = m.occlusion.clone();
  return out;
}
}  // namespace

int od_factor_for(cv::Size photo) {
  const double pixels = static_cast<double>(photo.width) * photo.height;
  if (pixels <= 40e6) return 1;
  if (pixels <= 160e6) return 2;
  return 4;
}

void RegenWorker::post(RegenRequest request) {
  runner_.start_latest("Regenerating the dots", [this, req = std::move(request)](const TaskProgress&) {
    latest_.offer(regenerate(req));
    return TaskResult{};
  });
}

// A result for an older generation is still newer than what is on screen: the main thread
// shows it while the newest is computed, so a stream of edits never leaves the dots frozen.
std::optional<RegenResult> RegenWorker::take() { return latest_.take(); }

bool RegenWorker::busy() const { return runner_.running(); }

RegenResult RegenWorker::regenerate(const RegenRequest& req) {
  RegenResult res;
  res.generation = req.generation;
  try {
    auto t = std::chrono::steady_clock::now();
    res.edit_time = req.edit_time;
    if (!cached_ || cached_revision_ != req.plan_revision || cached_buzz_ != req.buzz_applied) {
      cached_ = simulations_.simulate(req.plan, {{}, {}, req.rates});
      res.placed = simulations_.replaced();
      // The skin reference, as the CPU compositor takes it (render::composite) from the photo
      // the SMP is drawn on; it reads the treatment and hair masks, which are placement inputs.
      const cv::Mat3b& base = req.smp_base.empty() ? req.photo : req.smp_base;
      if (base.data != cached_tone_photo_.data || req.plan.calibration.px_per_mm != cached_tone_px_per_mm_ ||
          !same_tone_inputs(req.plan.masks, cached_tone_masks_)) {
        cached_tone_ = base.empty() ? render::PhotoTone{} : render::estimate_plan_tone(base, req.plan);
        cached_stubble_ = req.photo.empty() ? std::nullopt : render::measure_stubble(req.photo, req.plan);
        cached_tone_photo_ = base;
        cached_tone_masks_ = tone_masks(req.plan.masks);
        cached_tone_px_per_mm_ = req.plan.calibration.px_per_mm;
      }
      cached_revision_ = req.plan_revision;
      cached_buzz_ = req.buzz_applied;
      res.simulate_ms = ms_since(t);
    }
    res.simulation = cached_;
    t = std::chrono::steady_clock::now();
    const cv::Size photo(req.plan.photo.width, req.plan.photo.height);
    const int k = std::max(req.od_factor, 1);
    const cv::Size size((photo.width + k - 1) / k, (photo.height + k - 1) / k);
    render::CompositeOptions options;
    options.up_to_session = req.up_to_session;
    options.latest_healing = req.latest_healing;
    options.years = req.years;
    const render::PigmentLayers layers =
        render::pigment_layers(size, 1.0 / k, req.plan, cached_->impressions, cached_tone_, req.appearance, options,
                               &layer_memory_);
    res.tiles = render::gl::make_pigment_tiles(
        layers, req.od_tile_size > 0 ? req.od_tile_size : std::max(layers.od.cols, layers.od.rows));
    res.layer_ms = ms_since(t);
    const render::LookFigures look = render::look_figures(req.plan, cached_stubble_, cached_tone_, req.appearance);
    res.stubble = cached_stubble_;
    res.tone = cached_tone_;
    res.look = render::look_summary(look);
    res.naturalness = render::naturalness_warnings(req.plan, look);
  } catch (const std::exception& e) {
    res.error = e.what();
  }
  return res;
}

}  // namespace smp::studio
