#pragma once
// What the benchmark groups share: lazily built scenarios (plans, fields, photos), owned
// by main() and passed by reference, so every input is made once per run and never timed.

#include "scenarios.hpp"
#include "smp/sim/density_field.hpp"
#include "smp/sim/placement.hpp"

#include <opencv2/core.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace smp::bench {

struct PlacementScenario {
  sim::Plan plan;
  sim::DensityField field;
};

class BenchContext {
 public:
  const PlacementScenario& placement(DensityKind kind, std::size_t impressions, int sessions = 1,
                                     cv::Size photo = {6000, 4000});
  const cv::Mat3b& photo(cv::Size size);
  // That photo written once as a JPEG (quality 92) into the scratch folder.
  const std::filesystem::path& photo_file(cv::Size size);
  // All sessions of a scenario's plan, placed once.
  const std::vector<sim::Impression>& impressions(const PlacementScenario& s);

 private:
  std::map<std::tuple<int, std::size_t, int, int, int>, std::unique_ptr<PlacementScenario>> scenarios_;
  std::map<std::pair<int, int>, cv::Mat3b> photos_;
  std::map<std::pair<int, int>, std::filesystem::path> photo_files_;
  std::map<const PlacementScenario*, std::vector<sim::Impression>> impressions_;
};

// Photo sizes used throughout: 12, 24 and 48 megapixels at 3:2.
inline const cv::Size k12MP{4240, 2832};
inline const cv::Size k24MP{6000, 4000};
inline const cv::Size k48MP{8484, 5656};

// CPU time of the whole process (all threads), ms: on a shared machine it moves less than the
// wall time, so a change can be judged by it too (reported as the counter "cpu_ms" per iteration).
double process_cpu_ms();

class MedianReporter;
struct MemoryPeak;
struct ViewerFrames;
void register_placement(BenchContext& ctx);
void register_composite(BenchContext& ctx);
void register_end_to_end(BenchContext& ctx);
void register_interactive(BenchContext& ctx);
void register_decode(BenchContext& ctx);
void register_buzz(BenchContext& ctx);
// The table of figures against baselines and targets; `memory` may be null (skipped), and
// `viewer` too, with `viewer_why` saying why (empty: skipped on purpose, no row).
void print_summary(const MedianReporter& r, const MemoryPeak* memory, const ViewerFrames* viewer,
                   const std::string& viewer_why);

}  // namespace smp::bench
