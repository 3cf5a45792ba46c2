#include "view_simulator.hpp"

#include <exception>

namespace smp::studio {

ViewSimulator::ViewSimulator() : thread_([this] { run(); }) {}

ViewSimulator::~ViewSimulator() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ViewSimulator::post(std::uint64_t view_id, std::uint64_t revision, sim::Plan plan, sim::ClinicRates rates) {
  {
    std::lock_guard lock(mutex_);
    pending_[view_id] = {revision, std::move(plan), std::move(rates)};
  }
  wake_.notify_all();
}

std::vector<ViewSimulation> ViewSimulator::take() {
  std::lock_guard lock(mutex_);
  std::vector<ViewSimulation> out;
  out.swap(done_);
  return out;
}

bool ViewSimulator::busy() const {
  std::lock_guard lock(mutex_);
  return working_ || !pending_.empty();
}

void ViewSimulator::run() {
  for (;;) {
    std::uint64_t id = 0;
    Request req;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !pending_.empty(); });
      if (stop_) return;
      auto first = pending_.begin();
      id = first->first;
      req = std::move(first->second);
      pending_.erase(first);
      working_ = true;
    }
    ViewSimulation result{id, req.revision, nullptr, {}};
    try {
      result.simulation = std::make_shared<const sim::Simulation>(sim::simulate(req.plan, {{}, {}, req.rates}));
    } catch (const std::exception& e) {
      result.error = e.what();
    }
    std::lock_guard lock(mutex_);
    working_ = false;
    done_.push_back(std::move(result));
  }
}

}  // namespace smp::studio
