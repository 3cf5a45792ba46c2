// smp-render end to end: the demo, real photos (when ../shared/photos exists), and failures.

#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan_io.hpp"
#include "cli_runner.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace smp {
namespace {

namespace fs = std::filesystem;

using test::RunResult;
using test::run_cli;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');  // parameterised tests: "Name/0"
    dir_ = fs::temp_directory_path() / ("smp-cli-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

// What a simulated result must satisfy against its photo: it only darkens (pigment under
// skin adds no light), it is not too dark overall and, where `dots_expected`, it changes a
// real share of the scalp. (A head with all its hair may show no dots at all: the hair hides
// the skin, and nothing goes onto the forehead ahead of its own hairline.)
void expect_believable(const cv::Mat3b& before, const cv::Mat3b& after, const sim::Plan& plan, bool dots_expected) {
  ASSERT_EQ(before.size(), after.size());
  cv::Mat diff;
  cv::subtract(after, before, diff, cv::noArray(), CV_16SC3);
  double max_gain;
  cv::minMaxLoc(diff.reshape(1), nullptr, &max_gain);
  EXPECT_LE(max_gain, 1.0) << "the result must never be lighter than the photo";

  cv::Mat1b treat;
  cv::resize(plan.masks.treatment, treat, before.size(), 0, 0, cv::INTER_NEAREST);
  if (!plan.masks.occlusion.empty()) {
    // Hair hides the dots under it: judge them where the skin shows.
    cv::Mat1b occ, skin_shows;
    cv::resize(plan.masks.occlusion, occ, before.size(), 0, 0, cv::INTER_NEAREST);
    cv::compare(occ, 32, skin_shows, cv::CMP_LT);
    treat &= skin_shows;
  }
  cv::Mat grey_before, grey_after;
  cv::cvtColor(before, grey_before, cv::COLOR_BGR2GRAY);
  cv::cvtColor(after, grey_after, cv::COLOR_BGR2GRAY);
  const double mean_before = cv::mean(grey_before, treat)[0];
  const double mean_after = cv::mean(grey_after, treat)[0];
  // Frontal views treat behind thinning hair, whose strands hide most dots even where some skin
  // shows: a smaller darkening there; the share of changed pixels below still asks for dots.
  const bool behind_hair = plan.head.view == sim::ViewKind::Front && !plan.masks.occlusion.empty();
  if (cv::countNonZero(treat) > 0) {
    EXPECT_GT(mean_after, mean_before * 0.55) << "the result must not be a dark helmet";
  }
  if (!dots_expected) return;
  EXPECT_LT(mean_after, mean_before * (behind_hair ? 0.995 : 0.99)) << "the dots must be visible";
  cv::Mat lightened;
  cv::subtract(grey_before, grey_after, lightened);
  cv::Mat1b changed;
  cv::compare(lightened, 3, changed, cv::CMP_GT);
  changed &= treat;
  const double changed_share = cv::countNonZero(changed) / std::max(1.0, static_cast<double>(cv::countNonZero(treat)));
  EXPECT_GT(changed_share, 0.02);
  // Skin between the dots where the photo resolves them (6 px or more apart; closer, the work
  // is a tone with grain, as stubble is): most treated pixels stay well lighter than the dots,
  // a third of their darkening (its 95th percentile) at most. Not a fixed number of levels:
  // where a close-up is out of focus the dots are as soft as the photo there, and the skin
  // between them takes a little of their tone, as it does between the client's own stubble.
  const double spacing_px = plan.calibration.px_per_mm * 10.0 / std::sqrt(plan.params.density_per_cm2);
  if (spacing_px >= 6.0) {
    std::vector<uchar> darkening;
    for (int y = 0; y < treat.rows; ++y)
      for (int x = 0; x < treat.cols; ++x)
        if (treat(y, x)) darkening.push_back(lightened.at<uchar>(y, x));
    ASSERT_FALSE(darkening.empty());
    const auto p95 = darkening.begin() + static_cast<std::ptrdiff_t>(darkening.size() * 95 / 100);
    std::nth_element(darkening.begin(), p95, darkening.end());
    const int level = std::max(3, *p95 / 3);
    const auto dark = std::count_if(darkening.begin(), darkening.end(), [&](uchar d) { return d > level; });
    EXPECT_LT(static_cast<double>(dark) / static_cast<double>(darkening.size()), 0.75)
        << "dots should leave skin between them (darker than " << level << " levels)";
  }
}

TEST_F(CliTest, DemoWithoutArgumentsWritesAllOutputs) {
  const RunResult r = run_cli({}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const fs::path out = dir_ / "smp-render-demo";
  for (const char* f : {"after.png", "mockup.jpg", "estimate.json", "plan.json"})
    EXPECT_TRUE(fs::is_regular_file(out / f)) << f << "\n" << r.output;
  const auto est = read_json(out / "estimate.json");
  for (const char* key : {"area_cm2", "area_sq_in", "impressions", "sessions", "hours_min", "hours_max", "cost_min",
                          "cost_max", "currency"})
    EXPECT_TRUE(est.contains(key)) << key;
  EXPECT_GT(est["impressions"].get<long>(), 5000);
  EXPECT_GT(est["area_cm2"].get<double>(), 50.0);
  const sim::Plan plan = sim::load_plan(out / "plan.json");
  EXPECT_FALSE(plan.masks.treatment.empty());
}

TEST_F(CliTest, PlanRoundTripReproducesTheSameResult) {
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  ASSERT_TRUE(fs::exists(demo));
  RunResult r = run_cli({"--photo", demo.string(), "--after", (dir_ / "a.png").string(), "--save-plan",
                         (dir_ / "plan.json").string(), "--estimate", (dir_ / "e1.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_cli({"--plan", (dir_ / "plan.json").string(), "--after", (dir_ / "b.png").string(), "--estimate",
               (dir_ / "e2.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const cv::Mat3b a = render::load_photo(dir_ / "a.png"), b = render::load_photo(dir_ / "b.png");
  EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0) << "the same plan must give the same pixels";
  EXPECT_EQ(read_json(dir_ / "e1.json"), read_json(dir_ / "e2.json"));
}

TEST_F(CliTest, CheckPrintsTheLookFiguresAndTheNaturalnessWarnings) {
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  const RunResult r = run_cli({"--photo", demo.string(), "--check"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("look: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("simulation "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("check: "), std::string::npos) << r.output;
}

TEST_F(CliTest, FailuresExitNonZeroWithOneLineMessage) {
  auto expect_fail = [&](const std::vector<std::string>& args, const std::string& fragment) {
    const RunResult r = run_cli(args, dir_);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find(fragment), std::string::npos) << "'" << fragment << "' not in: " << r.output;
    EXPECT_LE(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  };
  expect_fail({"--photo", "missing.jpg", "--after", "a.png"}, "missing.jpg");
  std::ofstream(dir_ / "text.jpg") << "this is not a photo";
  expect_fail({"--photo", "text.jpg", "--after", "a.png"}, "text.jpg");
  std::ofstream(dir_ / "empty.png").close();
  expect_fail({"--photo", "empty.png", "--after", "a.png"}, "empty");
  std::ofstream(dir_ / "bad.json") << "{ not json";
  expect_fail({"--photo", "text.jpg", "--plan", "bad.json", "--after", "a.png"}, "bad.json");
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  expect_fail({"--photo", demo.string(), "--after", "a.bmpx"}, "unsupported image type");
  expect_fail({"--photo", demo.string(), "--after", (dir_ / "no-such-dir" / "a.png").string()}, "no-such-dir");
  expect_fail({"--photo", demo.string()}, "nothing to write");
  // A session the plan does not have (the range 0-6 alone lets it through).
  expect_fail({"--photo", demo.string(), "--set", "sessions=3", "--session", "5", "--after", "a.png"},
              "--session 5: the plan has 3 sessions");
  EXPECT_FALSE(fs::exists(dir_ / "a.png"));
}

// The person's answer to a front found wrong: the automatic plan as a top view facing the
// side named, its hairline on that side.
TEST_F(CliTest, FaceTowardSetsTheFrontOfTheAutomaticPlan) {
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  const RunResult r = run_cli({"--photo", demo.string(), "--face-toward", "left", "--save-plan", "plan.json"}, dir_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const sim::Plan plan = sim::load_plan(dir_ / "plan.json");
  EXPECT_EQ(plan.head.view, sim::ViewKind::Top);
  EXPECT_NEAR(plan.head.front_dir.x, -1.0, 1e-9);
  ASSERT_TRUE(plan.hairline.enabled());
  EXPECT_LT(plan.hairline.control_points.front().x, plan.head.midline_origin.x);
}

// The development photos, one test each so the test runner spreads them over its workers.
std::vector<std::string> consultation_photos() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(test::shared_photos_dir(), ec))
    if (entry.path().extension() == ".jpg") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  if (names.empty()) names.push_back("");  // no photos in this checkout: one test that skips
  return names;
}

class ConsultationPhoto : public CliTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(ConsultationPhoto, GetsABelievableResult) {
  if (GetParam().empty()) GTEST_SKIP() << "no ../shared/photos in this checkout";
  const fs::path photo = test::shared_photos_dir() / GetParam();
  const std::string stem = photo.stem().string();
  const fs::path after = dir_ / (stem + "-after.png");
  const fs::path plan_file = dir_ / (stem + "-plan.json");
  const fs::path est_file = dir_ / (stem + "-estimate.json");
  const fs::path mockup = dir_ / (stem + "-mockup.jpg");
  const RunResult r = run_cli({"--photo", photo.string(), "--after", after.string(), "--mockup", mockup.string(),
                               "--estimate", est_file.string(), "--save-plan", plan_file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const sim::Plan plan = sim::load_plan(plan_file);
  const auto est = read_json(est_file);
  // A head with all its hair (labelled without bare scalp in tests/eval/labels) gets little
  // or nothing: thick hair hides the skin. Every other photo gets a real treatment.
  const fs::path label = fs::path(SMP_SOURCE_DIR) / "tests" / "eval" / "labels" / (stem + ".json");
  const bool full_hair = fs::exists(label) && read_json(label).value("scalp", nlohmann::json::array()).empty();
  if (full_hair) {
    EXPECT_LT(est["area_cm2"].get<double>(), 20.0);
  } else {
    EXPECT_GT(est["impressions"].get<long>(), 500);
    EXPECT_GT(est["area_cm2"].get<double>(), 20.0);
    EXPECT_LT(est["area_cm2"].get<double>(), 900.0);
  }
  expect_believable(render::load_photo(photo), render::load_photo(after), plan, !full_hair);
}

// A full head of hair: the plan says the hair hides the skin and points to the buzz-cut
// preview; once the buzz is chosen that remark no longer describes the picture.
TEST_F(CliTest, ThickHairRemarkOnlyWithoutTheBuzz) {
  const fs::path photo = test::shared_photos_dir() / "front-full-hair.jpg";
  if (!fs::exists(photo)) GTEST_SKIP() << photo << " not present";
  const fs::path after = dir_ / "after.jpg";
  const RunResult plain = run_cli({"--photo", photo.string(), "--after", after.string()});
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_NE(plain.output.find(sim::kThickHairNote), std::string::npos) << plain.output;
  const RunResult buzzed = run_cli({"--photo", photo.string(), "--after", after.string(), "--buzz", "0"});
  ASSERT_EQ(buzzed.exit_code, 0) << buzzed.output;
  EXPECT_EQ(buzzed.output.find(sim::kThickHairNote), std::string::npos) << buzzed.output;
}

// The front set on a frontal photo: planned as a top view, as asked, with a warning that its
// forehead and face are planned as scalp; a top view set the same way gets no such warning.
TEST_F(CliTest, FaceTowardOnAFrontalPhotoWarnsThatTheForeheadIsPlannedAsScalp) {
  const fs::path frontal = test::shared_photos_dir() / "front-thinning-01.jpg";
  if (!fs::exists(frontal)) GTEST_SKIP() << frontal << " not present";
  const RunResult automatic = run_cli({"--photo", frontal.string(), "--estimate", (dir_ / "a.json").string()});
  ASSERT_EQ(automatic.exit_code, 0) << automatic.output;
  EXPECT_EQ(automatic.output.find(sim::kPlannedAsTopNote), std::string::npos) << automatic.output;
  const RunResult turned =
      run_cli({"--photo", frontal.string(), "--face-toward", "up", "--estimate", (dir_ / "t.json").string()});
  ASSERT_EQ(turned.exit_code, 0) << turned.output;
  EXPECT_NE(turned.output.find(sim::kPlannedAsTopNote), std::string::npos) << turned.output;
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  const RunResult top = run_cli({"--photo", demo.string(), "--face-toward", "up", "--estimate", (dir_ / "d.json").string()});
  ASSERT_EQ(top.exit_code, 0) << top.output;
  EXPECT_EQ(top.output.find(sim::kPlannedAsTopNote), std::string::npos) << top.output;
}

INSTANTIATE_TEST_SUITE_P(Development, ConsultationPhoto, ::testing::ValuesIn(consultation_photos()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param.empty() ? "none" : fs::path(param_info.param).stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace smp
