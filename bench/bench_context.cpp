#include "bench_context.hpp"

#include <opencv2/imgcodecs.hpp>

#include <sys/resource.h>

#include <string>

namespace smp::bench {

double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) * 1e-3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

const PlacementScenario& BenchContext::placement(DensityKind kind, std::size_t impressions, int sessions,
                                                  cv::Size photo) {
  auto& slot = scenarios_[{static_cast<int>(kind), impressions, sessions, photo.width, photo.height}];
  if (!slot) {
    slot = std::make_unique<PlacementScenario>();
    slot->plan = make_plan(kind, photo, impressions, sessions);
    slot->field = sim::build_density_field(slot->plan);
  }
  return *slot;
}

const cv::Mat3b& BenchContext::photo(cv::Size size) {
  cv::Mat3b& p = photos_[{size.width, size.height}];
  if (p.empty()) p = make_photo(size);
  return p;
}

const std::filesystem::path& BenchContext::photo_file(cv::Size size) {
  std::filesystem::path& f = photo_files_[{size.width, size.height}];
  if (f.empty()) {
    f = scratch_dir(("photo-" + std::to_string(size.width) + "x" + std::to_string(size.height)).c_str()) / "photo.jpg";
    cv::imwrite(f.string(), photo(size), {cv::IMWRITE_JPEG_QUALITY, 92});
  }
  return f;
}

const std::vector<sim::Impression>& BenchContext::impressions(const PlacementScenario& s) {
  auto& v = impressions_[&s];
  if (v.empty()) v = sim::place_all_sessions(s.field, s.plan.params.sessions, s.plan.params.seed);
  return v;
}

}  // namespace smp::bench
