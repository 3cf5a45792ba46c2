#pragma once
// Simulates the views of a project that are not on screen, off the UI thread, for the
// combined estimate (no pigment layers: only the density field, impressions and estimate).
// Runs on its own lane of the viewer's background runner; per view only the newest request
// is kept.

#include "background_task.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace smp::studio {

struct ViewSimulation {
  std::uint64_t view_id = 0;   // ViewSlot::id
  std::uint64_t revision = 0;  // the view's Document::revision it was made for
  std::shared_ptr<const sim::Simulation> simulation;  // null when the plan could not be simulated
  std::string error;                                  // why not, then
};

class ViewSimulator {
 public:
  ViewSimulator() = default;
  ~ViewSimulator() = default;  // the runner (last member) waits for a simulation in flight
  ViewSimulator(const ViewSimulator&) = delete;
  ViewSimulator& operator=(const ViewSimulator&) = delete;

  // Queues `plan` (a snapshot: the worker reads it) for view `view_id` at `revision`,
  // replacing that view's older unstarted request.
  void post(std::uint64_t view_id, std::uint64_t revision, sim::Plan plan, sim::ClinicRates rates);
  // Results finished since the last call.
  std::vector<ViewSimulation> take();
  bool busy() const;

 private:
  struct Request {
    std::uint64_t revision = 0;
    sim::Plan plan;
    sim::ClinicRates rates;
  };
  void drain();  // on the runner: simulates pending requests until none is left
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Request> pending_;
  std::vector<ViewSimulation> done_;
  BackgroundTask runner_;  // last: destroyed first, so no simulation outlives the members above
};

}  // namespace smp::studio
