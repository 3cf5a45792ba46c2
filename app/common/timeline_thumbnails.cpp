#include "timeline_thumbnails.hpp"

#include "smp/render/compositor.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace smp::app {

std::vector<Thumbnail> render_timeline_thumbnails(const ThumbnailRequest& r) {
  if (r.photo.empty() || !r.simulation) throw std::invalid_argument("the timeline needs a photo and its simulated dots");
  const cv::Rect crop = timeline_crop(r.plan, r.photo.size(), r.aspect);
  const int width = std::min(std::max(r.width_px, 16), crop.width);  // a tiny crop: its own width
  const cv::Size thumb(width, std::max(1, static_cast<int>(std::lround(static_cast<double>(crop.height) * width / crop.width))));
  // Composite the whole photo at twice the thumbnail's scale (at most 1), then cut and average down.
  const double scale = std::min(1.0, 2.0 * width / crop.width);
  const cv::Size work(std::max(1, static_cast<int>(std::lround(r.photo.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(r.photo.rows * scale))));
  // With a buzz-cut preview the SMP is drawn on the buzzed photo, as on the canvas and in exports.
  const bool buzzed = !r.base.empty();
  if (buzzed && r.base.size() != r.photo.size()) throw std::invalid_argument("the buzzed photo is not the size of the photo");
  const cv::Mat3b& full_base = buzzed ? r.base : r.photo;
  cv::Mat3b before, base;  // the photo as taken, and the photo the SMP is drawn on
  cv::resize(r.photo, before, work, 0, 0, cv::INTER_AREA);
  if (buzzed) cv::resize(r.base, base, work, 0, 0, cv::INTER_AREA);
  else base = before;
  const cv::Rect work_crop = cv::Rect(static_cast<int>(crop.x * scale), static_cast<int>(crop.y * scale),
                                      std::max(1, static_cast<int>(std::lround(crop.width * scale))),
                                      std::max(1, static_cast<int>(std::lround(crop.height * scale)))) &
                             cv::Rect(0, 0, work.width, work.height);
  const render::PhotoTone tone = r.tone ? *r.tone : render::estimate_plan_tone(full_base, r.plan);
  std::vector<Thumbnail> out;
  for (const TimelineStep& step : timeline_steps(r.plan.params.sessions)) {
    Thumbnail t{step, {}};
    cv::Mat3b picture = before;
    if (!step.before) {
      const render::PigmentLayers layers = render::pigment_layers(work, scale, r.plan, r.simulation->impressions, tone,
                                                                  r.appearance, result_composite_options(step.state));
      picture = render::apply_pigment(base, layers);
    }
    cv::resize(picture(work_crop), t.image, thumb, 0, 0, cv::INTER_AREA);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace smp::app
