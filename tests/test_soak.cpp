// Soak: 150 random plans generated, simulated, composited onto a 12-megapixel photo and
// round-tripped through the plan file format, checking that memory does not keep growing.
// Label "soak" (ctest -L soak runs it alone). SMP_SOAK_ITERATIONS overrides the count.
//
// Growth is measured on the heap bytes in use (glibc mallinfo2), which moves only with live
// allocations, so a leak of 10 KiB per plan is visible after a hundred plans; the
// resident set size (moved by allocator arenas by tens of MiB) is checked as well, loosely.
//
// Cost control (about 100 ms per plan on one core): the photo is real-sized
// (4000 x 3000) and every plan is simulated at that size with masks at a 1024-pixel working
// size; every 10th plan is also saved to and parsed from JSON and composited at full
// resolution, the others are composited at half scale (a quarter of the pixels), which
// goes through the same allocation paths (pigment layer, photo copy).

#include "smp/render/compositor.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/simulate.hpp"

#include <gtest/gtest.h>
#include <malloc.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

namespace smp {
namespace {

// Resident set size of this process in MiB, from /proc/self/status.
double rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return -1;
}

// Heap bytes in live allocations, in MiB (small-block arenas plus mmap-ed blocks).
double heap_in_use_mib() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

cv::Mat3b synthetic_photo(cv::Size size) {
  cv::Mat3b photo(size, cv::Vec3b(95, 120, 160));
  cv::ellipse(photo, {size.width / 2, size.height / 2}, {size.width / 3, size.height / 3}, 0, 0, 360,
              cv::Scalar(120, 145, 185), cv::FILLED);
  cv::Mat3b grain(size);
  cv::randu(grain, 0, 12);
  photo += grain;
  return photo;
}

// A random but valid plan over a photo of `size`: every parameter drawn across its range.
sim::Plan random_plan(std::mt19937_64& rng, cv::Size size) {
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  sim::Plan p;
  p.photo = {"soak.png", "", size.width, size.height};
  p.calibration = {uniform(8, 16), true, "two-point"};
  // Braces: their elements are evaluated left to right (a parenthesised argument list is
  // evaluated in an unspecified order, which differs between GCC and clang).
  const cv::Point2d centre{size.width * uniform(0.3, 0.7), size.height * uniform(0.3, 0.7)};
  p.head.midline_origin = centre;
  const double a = uniform(-0.5, 0.5);
  p.head.front_dir = {std::sin(a), -std::cos(a)};
  const cv::Size ms = sim::working_mask_size(size.width, size.height, 1024);
  const double s = static_cast<double>(ms.width) / size.width;
  p.masks.treatment = cv::Mat1b(ms, uchar{0});
  const cv::Size axes{static_cast<int>(uniform(150, 700) * s), static_cast<int>(uniform(150, 700) * s)};
  cv::ellipse(p.masks.treatment, centre * s, axes, uniform(0, 180), 0, 360, 255, cv::FILLED);
  if (rng() % 3 == 0) {
    p.masks.exclusion = cv::Mat1b(ms, uchar{0});
    cv::circle(p.masks.exclusion, centre * s, static_cast<int>(40 * s), 255, cv::FILLED);
  }
  if (rng() % 2 == 0) {
    const double y = centre.y - axes.height / s * 0.6;
    p.hairline.control_points = {{centre.x, y}, {centre.x + uniform(100, 300), y + uniform(0, 80)},
                                 {centre.x + uniform(300, 600), y + uniform(80, 250)}};
  }
  sim::PlanParams& pp = p.params;
  pp.density_per_cm2 = uniform(20, 120);
  pp.transition_mm = uniform(0, 20);
  pp.irregularity = uniform(0, 1);
  pp.needle.points = std::array{1, 3, 5, 7}[rng() % 4];
  pp.needle.diameter_mm = uniform(0.18, 0.35);
  pp.pigment.dilution_pct = uniform(0, 90);
  pp.sessions = static_cast<int>(1 + rng() % 6);
  pp.seed = rng();
  return p;
}

TEST(Soak, RandomPlansDoNotGrowMemory) {
  const char* env = std::getenv("SMP_SOAK_ITERATIONS");
  const int iterations = env ? std::max(100, std::atoi(env)) : 150;
  const int warmup = iterations / 10;
  const cv::Mat3b photo = synthetic_photo({4000, 3000});
  cv::Mat3b quarter;
  cv::resize(photo, quarter, {}, 0.5, 0.5, cv::INTER_AREA);
  std::mt19937_64 rng(7);

  double baseline = 0, peak_after_warmup = 0, heap_baseline = 0, heap_peak_after_warmup = 0;
  std::size_t total_impressions = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i <= iterations; ++i) {
    // Sampled between plans, when nothing of the previous one is alive.
    if (i > 0) {
      const double rss = rss_mib(), heap = heap_in_use_mib();
      if (i <= warmup) {
        baseline = std::max(baseline, rss);
        heap_baseline = std::max(heap_baseline, heap);
      } else {
        peak_after_warmup = std::max(peak_after_warmup, rss);
        heap_peak_after_warmup = std::max(heap_peak_after_warmup, heap);
      }
      if (i % (iterations / 5) == 0) std::printf("after %4d plans: RSS %.0f MiB, heap in use %.1f MiB\n", i, rss, heap);
    }
    if (i == iterations) break;
    sim::Plan plan = random_plan(rng, photo.size());
    if (i % 10 == 0) plan = sim::plan_from_json(sim::plan_to_json(plan), "soak");  // the file format too
    const sim::Simulation s = sim::simulate(plan);
    total_impressions += s.impressions.size();
    if (i % 10 == 0) {
      const cv::Mat3b out = render::composite(photo, plan, s.impressions);
      ASSERT_EQ(out.size(), photo.size());
    } else {
      const cv::Mat1f od = render::pigment_layer(quarter.size(), 0.5, plan, s.impressions);
      const cv::Mat3b out = render::apply_pigment(quarter, od);
      ASSERT_EQ(out.size(), quarter.size());
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%d plans, %zu impressions, %.1f s (%.0f ms per plan); peak during warm-up / after: "
              "RSS %.0f / %.0f MiB, heap in use %.1f / %.1f MiB\n",
              iterations, total_impressions, seconds, 1000 * seconds / iterations, baseline, peak_after_warmup,
              heap_baseline, heap_peak_after_warmup);
  // Between plans only the photo and library caches are alive (flat to 0.1 MiB); a leak of
  // 10 KiB per plan adds 1.3 MiB over the 135 plans after warm-up.
  EXPECT_LT(heap_peak_after_warmup - heap_baseline, 1.0) << "heap in use keeps growing";
  EXPECT_LT(peak_after_warmup - baseline, 64.0) << "resident memory keeps growing";
}

}  // namespace
}  // namespace smp
