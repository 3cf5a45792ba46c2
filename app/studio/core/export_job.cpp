#include "export_job.hpp"

#include "render_job.hpp"
#include "smp/render/compositor.hpp"
#include "smp/render/image_io.hpp"
#include "smp/render/mockup.hpp"

#include <exception>

namespace smp::studio {

ExportJob::~ExportJob() {
  if (thread_.joinable()) thread_.join();
}

bool ExportJob::start(ExportRequest request) {
  if (running_.load()) return false;
  if (thread_.joinable()) thread_.join();
  running_ = true;
  set_stage(0.02f, "Compositing the simulated result");
  thread_ = std::thread([this, req = std::move(request)] {
    bool ok = true;
    std::string message;
    try {
      render::CompositeOptions options;
      options.up_to_session = req.up_to_session;
      const cv::Mat3b after = render::composite(req.photo, req.plan, req.simulation->impressions, req.appearance, options);
      set_stage(0.6f, "Laying out the mockup");
      render::MockupParams mp;
      mp.footer_lines = req.no_price_reason.empty()
                            ? app::estimate_summary_lines(req.plan, req.simulation->estimate)
                            : std::vector<std::string>{"No estimate: " + req.no_price_reason};
      const cv::Mat3b mockup = render::side_by_side_mockup(req.photo, after, mp);
      set_stage(0.85f, "Writing " + req.output.filename().string());
      render::save_image(req.output, mockup);
      message = "Saved " + req.output.string();
    } catch (const std::exception& e) {
      ok = false;
      message = std::string("Export failed: ") + e.what();
    }
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
      ok_ = ok;
      message_ = message;
    }
    set_stage(1.0f, ok ? "Done" : "Failed");
    running_ = false;
  });
  return true;
}

std::string ExportJob::stage() const {
  std::lock_guard lock(mutex_);
  return stage_;
}

bool ExportJob::take_finished(std::string& message, bool& ok) {
  std::lock_guard lock(mutex_);
  if (!finished_) return false;
  finished_ = false;
  message = message_;
  ok = ok_;
  return true;
}

void ExportJob::set_stage(float progress, std::string stage) {
  progress_ = progress;
  std::lock_guard lock(mutex_);
  stage_ = std::move(stage);
}

}  // namespace smp::studio
