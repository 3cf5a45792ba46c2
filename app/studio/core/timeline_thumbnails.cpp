#include "timeline_thumbnails.hpp"

#include "smp/render/compositor.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace smp::studio {

std::vector<Thumbnail> render_timeline_thumbnails(const ThumbnailRequest& r) {
  if (r.photo.empty() || !r.simulation) throw std::invalid_argument("the timeline needs a photo and its simulated dots");
  const int width = std::clamp(r.width_px, 16, r.photo.cols);
  const cv::Size thumb(width, std::max(1, static_cast<int>(std::lround(static_cast<double>(r.photo.rows) * width / r.photo.cols))));
  // Composite at twice the thumbnail size (at most the photo's), then average down.
  const double scale = std::min(1.0, 2.0 * width / r.photo.cols);
  const cv::Size work(std::max(1, static_cast<int>(std::lround(r.photo.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(r.photo.rows * scale))));
  cv::Mat3b small;
  cv::resize(r.photo, small, work, 0, 0, cv::INTER_AREA);
  const render::PhotoTone tone = render::estimate_plan_tone(r.photo, r.plan);
  std::vector<Thumbnail> out;
  for (const app::TimelineStep& step : app::timeline_steps(r.plan.params.sessions)) {
    Thumbnail t{step, {}};
    cv::Mat3b picture = small;
    if (!step.before) {
      const render::PigmentLayers layers = render::pigment_layers(work, scale, r.plan, r.simulation->impressions, tone,
                                                                  r.appearance, app::result_composite_options(step.state));
      picture = render::apply_pigment(small, layers);
    }
    cv::resize(picture, t.image, thumb, 0, 0, cv::INTER_AREA);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace smp::studio
