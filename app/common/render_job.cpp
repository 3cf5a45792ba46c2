#include "render_job.hpp"

#include "consultation_job.hpp"

namespace smp::app {

RenderResult run_render_job(const RenderJob& job) {
  ConsultationJob c;
  c.base = job;
  const ConsultationRun run = run_consultation_job(c);
  RenderResult r;
  r.impressions = run.result.impressions;
  r.warnings = run.result.warnings;
  r.times.decode_ms = run.decode_ms;
  r.times.plan_ms = run.open_ms - run.decode_ms;
  r.times.buzz_ms = run.result.buzz_ms;
  r.times.placement_ms = run.result.simulate_ms;
  r.times.composite_ms = run.result.render_ms;
  r.times.encode_ms = run.result.write_ms;
  return r;
}

}  // namespace smp::app
