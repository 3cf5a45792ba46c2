// One pipeline: every smp-render option goes through the same open and delivery steps, so
// adding a consultation option (--client) never changes the plan, and the state options
// (--years, --state) are honoured whatever else is asked for.

#include "smp/render/image_io.hpp"
#include "smp/sim/plan_io.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace smp {
namespace {

namespace fs = std::filesystem;

class OnePipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("smp-one-pipeline-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "config");
    // The demo photo at a third of its size: the same head, a quick run.
    const cv::Mat3b demo = render::load_photo(fs::path(SMP_SOURCE_DIR) / "assets/demo/demo-scalp.jpg");
    cv::Mat3b small;
    cv::resize(demo, small, {}, 1.0 / 3, 1.0 / 3, cv::INTER_AREA);
    render::save_image(dir_ / "photo.png", small);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Runs smp-render with no clinic settings file; returns its exit code.
  static int render(const std::vector<std::string>& args) {
    std::string cmd = "XDG_CONFIG_HOME='" + (dir_ / "config").string() + "' '" SMP_RENDER_EXE "' --photo '" +
                      (dir_ / "photo.png").string() + "'";
    for (const std::string& a : args) cmd += " '" + a + "'";
    return std::system((cmd + " > '" + (dir_ / "log.txt").string() + "' 2>&1").c_str());
  }
  static nlohmann::json params_of(const fs::path& plan) {
    std::ifstream in(plan);
    return nlohmann::json::parse(in).at("params");
  }
  static double mean_difference(const fs::path& a, const fs::path& b) {
    cv::Mat diff;
    cv::absdiff(render::load_photo(a), render::load_photo(b), diff);
    const cv::Scalar m = cv::mean(diff);
    return m[0] + m[1] + m[2];
  }
  static fs::path dir_;
};

fs::path OnePipeline::dir_;

TEST_F(OnePipeline, AClientNameLeavesThePlanAsItIs) {
  ASSERT_EQ(render({"--save-plan", (dir_ / "plain.json").string()}), 0);
  ASSERT_EQ(render({"--client", "X", "--save-plan", (dir_ / "client.json").string()}), 0);
  const nlohmann::json plain = params_of(dir_ / "plain.json"), client = params_of(dir_ / "client.json");
  EXPECT_EQ(plain, client);
  // The first plan carries the suggested shade, also with consultation options.
  EXPECT_TRUE(client.at("pigment").contains("hair_dilution_pct") || client.at("pigment").at("dilution_pct") != 30.0)
      << client.dump();
  EXPECT_EQ(sim::load_plan(dir_ / "client.json").client_label, "X");
}

TEST_F(OnePipeline, YearsAndFreshAreHonouredWithConsultationOptions) {
  const fs::path healed = dir_ / "healed.png", years = dir_ / "years.png", fresh = dir_ / "fresh.png";
  ASSERT_EQ(render({"--client", "X", "--after", healed.string()}), 0);
  ASSERT_EQ(render({"--client", "X", "--years", "5", "--after", years.string()}), 0);
  ASSERT_EQ(render({"--client", "X", "--state", "fresh", "--after", fresh.string()}), 0);
  EXPECT_GT(mean_difference(healed, years), 0.05);
  EXPECT_GT(mean_difference(healed, fresh), 0.05);
  EXPECT_GT(mean_difference(years, fresh), 0.05);
}

TEST_F(OnePipeline, TheMockupIsTheExportComposerWithTheClient) {
  const fs::path mockup = dir_ / "mockup.png", exported = dir_ / "export.png";
  ASSERT_EQ(render({"--client", "X", "--date", "2026-01-02", "--mockup", mockup.string(), "--export", exported.string(),
                    "--export-width", "1200"}),
            0);
  const cv::Mat3b m = render::load_photo(mockup), e = render::load_photo(exported);
  // The photo is small: the mockup is at most twice its width, and laid out like the export.
  EXPECT_LE(m.cols, 2 * 800);
  cv::Mat3b m_scaled;
  cv::resize(m, m_scaled, e.size(), 0, 0, cv::INTER_AREA);
  cv::Mat diff;
  cv::absdiff(m_scaled, e, diff);
  const cv::Scalar d = cv::mean(diff);
  EXPECT_LT(d[0] + d[1] + d[2], 30.0) << "mockup and side-by-side export should be the same picture";
}

// The naturalness check is part of every delivery: the estimate carries the same lines that
// --check prints, so the viewer's and the report's reader see what the CLI user sees.
TEST_F(OnePipeline, TheEstimateCarriesTheNaturalnessCheck) {
  const fs::path estimate = dir_ / "estimate.json";
  ASSERT_EQ(render({"--set", "irregularity=0", "--check", "--estimate", estimate.string()}), 0);
  std::ifstream in(estimate);
  const nlohmann::json j = nlohmann::json::parse(in);
  ASSERT_TRUE(j.contains("look") && j.contains("naturalness")) << j.dump();
  EXPECT_NE(j.at("look").get<std::string>().find("darker than"), std::string::npos) << j.at("look");
  const std::vector<std::string> lines = j.at("naturalness").get<std::vector<std::string>>();
  ASSERT_FALSE(lines.empty()) << "a clean, harsh hairline reads as drawn";
  std::ifstream log_in(dir_ / "log.txt");
  const std::string log((std::istreambuf_iterator<char>(log_in)), std::istreambuf_iterator<char>());
  EXPECT_NE(log.find("look: " + j.at("look").get<std::string>()), std::string::npos) << log;
  for (const std::string& w : lines) EXPECT_NE(log.find("check: " + w), std::string::npos) << w << "\n" << log;
}

}  // namespace
}  // namespace smp
