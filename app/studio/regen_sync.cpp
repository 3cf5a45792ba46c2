// Hand-over between the UI thread and the regeneration worker.

#include "frame.hpp"

#include "view_open.hpp"

#include <chrono>

namespace smp::studio {

void request_regeneration(AppState& app) {
  RegenState& rs = app.regen_state;
  if (!app.has_document) return;
  const ViewState& vs = app.view;
  if (rs.requested_revision == app.doc.revision && rs.requested_buzz == app.buzz_preview.applied &&
      rs.requested_session == vs.up_to_session &&
      rs.requested_fresh == vs.fresh && rs.requested_years == vs.years)
    return;
  RegenRequest req;
  req.generation = ++rs.generation;
  req.plan_revision = app.doc.revision;
  req.plan = app::plan_snapshot(app.doc.plan);  // a brush stroke keeps painting the live masks
  // Over a buzzed photo the dots are hidden, and kept off the background, as the buzz decided
  // (the same as the exports and their estimate).
  const BuzzPreview& buzz = app.buzz_preview;
  plan_over_preview(buzz, app.doc.photo.data, req.plan);
  req.buzz_applied = buzz.applied;
  req.photo = app.doc.photo;  // shared header: the document's photo is never modified
  if (buzz.drawn_over(app.doc.photo.data)) req.smp_base = buzz.base;
  req.rates = app.consultation.clinic.rates;
  req.appearance = app.appearance;
  req.up_to_session = vs.up_to_session;
  req.latest_healing = vs.fresh ? 0.0 : 1.0;
  req.years = vs.years;
  req.od_factor = od_factor_for(app.doc.photo.size());
  req.od_tile_size = app.scene ? app.scene->pigment_tile_size(req.od_factor) : 0;
  req.edit_time = std::chrono::steady_clock::now();
  app.regen.post(std::move(req));
  rs.requested_revision = app.doc.revision;
  rs.requested_buzz = app.buzz_preview.applied;
  rs.requested_session = vs.up_to_session;
  rs.requested_fresh = vs.fresh;
  rs.requested_years = vs.years;
}

void receive_regeneration(AppState& app) {
  // Upload the staged layer a slice per frame so no frame stalls (software GL is slow).
  if (app.scene && app.scene->uploading()) {
    const auto t = std::chrono::steady_clock::now();
    app.scene->continue_upload(std::chrono::milliseconds(12));
    app.regen_state.last_upload_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  }
  RegenState& state = app.regen_state;
  if (state.staged_edit_time && !(app.scene && app.scene->uploading())) {  // the edit's dots are on screen now
    state.last_edit_to_dots_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *state.staged_edit_time).count();
    state.staged_edit_time.reset();
  }
  std::optional<RegenResult> r = app.regen.take();
  if (!r) return;
  RegenState& rs = app.regen_state;
  if (r->generation < rs.document_generation) return;  // the previous photo's dots
  rs.shown_generation = r->generation;
  if (!r->error.empty()) {
    rs.error = "The plan cannot be simulated: " + r->error;
    if (app.scene) app.scene->clear_pigment();
    rs.simulation.reset();
    return;
  }
  rs.error.clear();
  rs.look = std::move(r->look);
  rs.stubble = r->stubble;
  rs.tone = std::move(r->tone);
  rs.naturalness = std::move(r->naturalness);
  const auto t = std::chrono::steady_clock::now();
  if (app.scene) app.scene->stage_pigment(std::move(r->tiles));
  rs.last_upload_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  rs.simulation = r->simulation;
  if (r->simulate_ms > 0) {
    rs.last_simulate_ms = r->simulate_ms;
    rs.last_placed = r->placed;
  }
  rs.staged_edit_time = r->edit_time;
  rs.last_layer_ms = r->layer_ms;
}

bool dots_up_to_date(const AppState& app) {
  const RegenState& rs = app.regen_state;
  // A clipping still on its way will redo the dots over the new picture.
  return app.has_document && rs.requested_revision == app.doc.revision && !app.buzz_preview.pending &&
         rs.requested_buzz == app.buzz_preview.applied && rs.shown_generation == rs.generation &&
         !app.regen.busy() && !(app.scene && app.scene->uploading());
}

}  // namespace smp::studio
