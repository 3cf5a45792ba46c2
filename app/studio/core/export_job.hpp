#pragma once
// The before/after mockup export, running on its own thread with progress for the UI.

#include "smp/render/appearance.hpp"
#include "smp/sim/plan.hpp"
#include "smp/sim/simulate.hpp"

#include <opencv2/core.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace smp::studio {

struct ExportRequest {
  cv::Mat3b photo;                                     // shared, read-only
  sim::Plan plan;
  std::shared_ptr<const sim::Simulation> simulation;
  render::AppearanceParams appearance;
  int up_to_session = 0;
  std::filesystem::path output;                        // .jpg or .png
  std::string no_price_reason;                         // set: the mockup says so instead of a price
};

class ExportJob {
 public:
  ExportJob() = default;
  ~ExportJob();
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Starts unless one is running; returns false when busy.
  bool start(ExportRequest request);
  bool running() const { return running_.load(); }
  float progress() const { return progress_.load(); }  // 0..1
  std::string stage() const;
  // The outcome of the last finished job, once; false while there is nothing new.
  bool take_finished(std::string& message, bool& ok);

 private:
  void set_stage(float progress, std::string stage);
  std::atomic<bool> running_{false};
  std::atomic<float> progress_{0};
  mutable std::mutex mutex_;
  std::string stage_;
  bool finished_ = false, ok_ = false;
  std::string message_;
  std::thread thread_;
};

}  // namespace smp::studio
