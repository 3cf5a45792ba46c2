#include "view_simulator.hpp"

#include <exception>

namespace smp::studio {

void ViewSimulator::post(std::uint64_t view_id, std::uint64_t revision, sim::Plan plan, sim::ClinicRates rates) {
  {
    std::lock_guard lock(mutex_);
    pending_[view_id] = {revision, std::move(plan), std::move(rates)};
  }
  // A drain already running picks the request up; the one kept behind it then finds none.
  runner_.start_latest("Simulating the other views", [this](const TaskProgress&) {
    drain();
    return TaskResult{};
  });
}

std::vector<ViewSimulation> ViewSimulator::take() {
  std::lock_guard lock(mutex_);
  std::vector<ViewSimulation> out;
  out.swap(done_);
  return out;
}

bool ViewSimulator::busy() const {
  if (runner_.running()) return true;
  std::lock_guard lock(mutex_);
  return !pending_.empty();
}

void ViewSimulator::drain() {
  for (;;) {
    std::uint64_t id = 0;
    Request req;
    {
      std::lock_guard lock(mutex_);
      if (pending_.empty()) return;
      auto first = pending_.begin();
      id = first->first;
      req = std::move(first->second);
      pending_.erase(first);
    }
    ViewSimulation result{id, req.revision, nullptr, {}};
    try {
      result.simulation = std::make_shared<const sim::Simulation>(sim::simulate(req.plan, {{}, {}, req.rates}));
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    std::lock_guard lock(mutex_);
    done_.push_back(std::move(result));
  }
}

}  // namespace smp::studio
