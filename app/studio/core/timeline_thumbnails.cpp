#include "timeline_thumbnails.hpp"

#include "smp/render/compositor.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace smp::studio {

cv::Rect thumbnail_crop(const sim::Plan& plan, cv::Size photo, double aspect) {
  const cv::Rect whole(0, 0, photo.width, photo.height);
  const cv::Mat1b& mask = plan.masks.treatment;
  if (mask.empty() || photo.empty() || cv::countNonZero(mask) == 0) return whole;
  const cv::Rect m = cv::boundingRect(mask);  // mask px; the mask may be smaller than the photo
  const double sx = static_cast<double>(photo.width) / mask.cols, sy = static_cast<double>(photo.height) / mask.rows;
  const double margin = 0.08;
  double w = m.width * sx * (1 + 2 * margin), h = m.height * sy * (1 + 2 * margin);
  const double cx = (m.x + m.width / 2.0) * sx, cy = (m.y + m.height / 2.0) * sy;
  aspect = std::max(aspect, 0.1);
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  // Keep the aspect when the widened box is larger than the photo.
  const double fit = std::min({1.0, photo.width / w, photo.height / h});
  w *= fit;
  h *= fit;
  const double x = std::clamp(cx - w / 2, 0.0, photo.width - w), y = std::clamp(cy - h / 2, 0.0, photo.height - h);
  const cv::Rect r(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)), std::max(1, static_cast<int>(std::lround(w))),
                   std::max(1, static_cast<int>(std::lround(h))));
  return r & whole;
}

std::vector<Thumbnail> render_timeline_thumbnails(const ThumbnailRequest& r) {
  if (r.photo.empty() || !r.simulation) throw std::invalid_argument("the timeline needs a photo and its simulated dots");
  const cv::Rect crop = thumbnail_crop(r.plan, r.photo.size(), r.aspect);
  const int width = std::clamp(r.width_px, 16, crop.width);
  const cv::Size thumb(width, std::max(1, static_cast<int>(std::lround(static_cast<double>(crop.height) * width / crop.width))));
  // Composite the whole photo at twice the thumbnail's scale (at most 1), then cut and average down.
  const double scale = std::min(1.0, 2.0 * width / crop.width);
  const cv::Size work(std::max(1, static_cast<int>(std::lround(r.photo.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(r.photo.rows * scale))));
  cv::Mat3b small;
  cv::resize(r.photo, small, work, 0, 0, cv::INTER_AREA);
  const cv::Rect work_crop = cv::Rect(static_cast<int>(crop.x * scale), static_cast<int>(crop.y * scale),
                                      std::max(1, static_cast<int>(std::lround(crop.width * scale))),
                                      std::max(1, static_cast<int>(std::lround(crop.height * scale)))) &
                             cv::Rect(0, 0, work.width, work.height);
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
    cv::resize(picture(work_crop), t.image, thumb, 0, 0, cv::INTER_AREA);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace smp::studio
