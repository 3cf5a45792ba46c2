// Buzz-cut preview: parameters and plan file, stubble placement, and the drawn buzz on
// synthetic heads (face and background kept, hair toward skin tone, bald heads untouched,
// refusals). The bundled demo photo and the development photos: test_buzz_photos.cpp.

#include "smp/render/buzz.hpp"
#include "smp/render/buzz_metrics.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/buzz.hpp"
#include "smp/sim/plan_io.hpp"
#include "buzz_synthetic.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace {

using namespace smp;
using namespace smp::test;
namespace fs = std::filesystem;

constexpr std::array<sim::BuzzLength, 4> kLengths{sim::BuzzLength::Smooth, sim::BuzzLength::NoGuard,
                                                  sim::BuzzLength::Guard05, sim::BuzzLength::Guard1};

TEST(BuzzParams, NamesLengthsAndRanges) {
  for (const char* name : {"none", "smooth", "0", "0.5", "1"}) {
    const auto l = sim::parse_buzz_name(name);
    ASSERT_TRUE(l) << name;
    EXPECT_EQ(std::string(sim::buzz_name(*l)), name);
  }
  EXPECT_FALSE(sim::parse_buzz_name("2"));
  EXPECT_DOUBLE_EQ(sim::buzz_length_mm({sim::BuzzLength::NoGuard, 0}), 0.5);
  EXPECT_DOUBLE_EQ(sim::buzz_length_mm({sim::BuzzLength::Guard1, 0}), 3.0);
  EXPECT_NEAR(sim::buzz_length_mm({sim::BuzzLength::Smooth, 4}), 1.4, 1e-12);
  EXPECT_TRUE(sim::validate_buzz({sim::BuzzLength::NoGuard, 30}).empty());
  EXPECT_FALSE(sim::validate_buzz({sim::BuzzLength::NoGuard, 31}).empty());
  EXPECT_FALSE(sim::validate_buzz({sim::BuzzLength::NoGuard, -1}).empty());
}

TEST(BuzzParams, PlanJsonRoundTripAndOldPlans) {
  sim::Plan plan;
  plan.photo = {"p.jpg", "", 100, 100};
  plan.params.buzz = {sim::BuzzLength::Guard05, 2.5};
  const sim::Plan back = sim::plan_from_json(sim::plan_to_json(plan), "mem");
  EXPECT_EQ(back.params.buzz.length, sim::BuzzLength::Guard05);
  EXPECT_DOUBLE_EQ(back.params.buzz.days_since_shave, 2.5);
  // Plans written before the buzz preview load as "as photographed".
  nlohmann::json j = nlohmann::json::parse(sim::plan_to_json(plan));
  j["params"].erase("buzz");
  EXPECT_EQ(sim::plan_from_json(j.dump(), "mem").params.buzz.length, sim::BuzzLength::AsPhotographed);
  j["params"]["buzz"] = {{"length", "2"}};
  EXPECT_THROW(sim::plan_from_json(j.dump(), "mem"), sim::PlanFileError);
}

// Brows below the hairline are the face's hair: the buzz leaves them as photographed, even
// when the colour split counts them as hair on the head (no face was found to protect them).
TEST(BuzzRegions, BrowsInFrontOfTheHairlineAreNotClipped) {
  cv::Mat3b img = synthetic_head(true);
  cv::Mat1b brows(img.size(), uchar{0});
  for (const int cx : {250, 390}) cv::ellipse(brows, cv::Point(cx, 330), cv::Size(45, 7), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::RNG rng(3);
  for (int i = 0; i < 900; ++i) {  // short dark strokes along each brow
    const cv::Point p(rng.uniform(200, 440), rng.uniform(320, 341));
    if (brows(p)) cv::line(img, p, p + cv::Point(8, rng.uniform(-2, 3)), cv::Scalar(30, 38, 52), 2, cv::LINE_AA);
  }
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  cv::Mat1b hair_mask;
  cv::resize(plan.masks.hair, hair_mask, img.size(), 0, 0, cv::INTER_NEAREST);
  ASSERT_GT(cv::countNonZero(hair_mask & brows), cv::countNonZero(brows) / 4) << "the brows must count as hair for this test";
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  cv::Mat1b clip;
  cv::resize(regions.clip, clip, img.size(), 0, 0, cv::INTER_NEAREST);
  EXPECT_GT(cv::countNonZero(clip), 10000);  // the cap is clipped
  EXPECT_EQ(cv::countNonZero(clip & brows), 0);
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  EXPECT_LE(cv::norm(buzz.image, img, cv::NORM_INF, brows), 2.0);
}

// Shaved dark hair is seen through the skin above it, which returns more blue than red: the
// buzzed scalp's shadow is cooler than the skin, never a warm brown paint.
TEST(BuzzRender, ShadowOfShavedDarkHairIsCool) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  cv::Mat1b clip;
  cv::resize(regions.clip, clip, img.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(clip, clip, cv::Mat(), {-1, -1}, 3);
  ASSERT_GT(cv::countNonZero(clip), 1000);
  const cv::Scalar buzzed = cv::mean(buzz.image, clip);
  const double skin_blue_red = regions.skin_bgr[0] / regions.skin_bgr[2];
  EXPECT_GT(buzzed[0] / buzzed[2], 1.03 * skin_blue_red);
  EXPECT_LT(buzzed[1], regions.skin_bgr[1]);  // and darker than the skin: a shadow
}

// Immerkaer's noise estimate (8-bit levels) over a mask.
double grain_over(const cv::Mat3b& img, const cv::Mat1b& mask) {
  cv::Mat grey8;
  cv::Mat1f grey, response;
  cv::cvtColor(img, grey8, cv::COLOR_BGR2GRAY);
  grey8.convertTo(grey, CV_32F);
  cv::filter2D(grey, response, CV_32F, cv::Matx33f(1, -2, 1, -2, 4, -2, 1, -2, 1));
  return std::sqrt(CV_PI / 2) * cv::mean(cv::abs(response), mask)[0] / 6;
}

// Behind the head the removed hair is replaced by a background as smooth as the wall around
// it: the skin's grain there would show the hair's outline as a ghost.
TEST(BuzzRender, BackgroundFillHasTheWallsGrain) {
  cv::Mat3b img = synthetic_head(true);
  cv::Mat1b head(img.size(), uchar{0});
  cv::ellipse(head, cv::Point(320, 300), cv::Size(200, 250), 0, 0, 360, cv::Scalar(255), cv::FILLED);
  cv::Mat1b wall_mask;
  cv::bitwise_not(head, wall_mask);
  img.setTo(cv::Vec3b(200, 206, 210), wall_mask);  // a smooth wall around the head
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  cv::Mat1b removed;
  cv::resize(buzz.removed, removed, img.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(removed, removed, cv::Mat(), {-1, -1}, 2);
  if (cv::countNonZero(removed) < 300) GTEST_SKIP() << "no hair volume removed on this head";
  cv::Mat1b skin;
  cv::resize(regions.clip, skin, img.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(skin, skin, cv::Mat(), {-1, -1}, 2);
  const double wall = grain_over(img, wall_mask), filled = grain_over(buzz.image, removed);
  EXPECT_LT(filled, wall + 1.1) << "wall " << wall << ", scalp " << grain_over(buzz.image, skin);
}

// Face and background kept, clipped hair moved toward the skin, stubble at the decided density.
TEST(BuzzRender, SyntheticHeadAtEveryLength) {
  const cv::Mat3b img = synthetic_head(true);
  for (sim::BuzzLength length : kLengths) {
    const sim::Plan plan = plan_with(img, length);
    const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
    ASSERT_TRUE(regions.refusal.empty()) << regions.refusal;
    ASSERT_FALSE(regions.empty()) << sim::buzz_name(length);
    const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
    if (const char* dir = std::getenv("SMP_TEST_BUZZ_OUT"))
      cv::imwrite(std::string(dir) + "/synthetic-" + sim::buzz_name(length) + ".png", buzz.image);
    const render::BuzzFigures f = render::buzz_figures(img, buzz.image, regions, buzz.removed, plan.calibration.px_per_mm);
    EXPECT_GE(f.outside_kept, 0.999) << sim::buzz_name(length);
    // The plain wall goes on behind the removed hair: no light or dark halo around the head.
    ASSERT_TRUE(f.fill_step) << sim::buzz_name(length);
    EXPECT_LE(std::abs(*f.fill_step), 3.0) << sim::buzz_name(length);
    // Up to #0.5 the scalp reads at least 60 % of the way from the hair to bare skin; 3 mm of
    // stubble stays visibly darker.
    EXPECT_GE(f.luma_move, length == sim::BuzzLength::Guard1 ? 0.45 : 0.6) << sim::buzz_name(length) << " hair " << f.hair_luma << " skin " << f.skin_luma
                                << " buzz " << f.buzz_luma;
    // The stubble keeps the scalp a little darker than bare skin, more so when longer.
    EXPECT_GT(buzz.stubble_darkening, 0.02) << sim::buzz_name(length);
    EXPECT_LT(buzz.stubble_darkening, 0.45) << sim::buzz_name(length);
    // Hairs drawn per clipped area: the decided density within 15 % (thinner near the hairline).
    const double ppm = plan.calibration.px_per_mm;
    const double clip_cm2 = cv::countNonZero(regions.clip) / (regions.work_per_photo * regions.work_per_photo) / (100 * ppm * ppm);
    const double mean_density = cv::mean(regions.density_per_cm2, regions.clip)[0];
    EXPECT_NEAR(static_cast<double>(buzz.hairs) / clip_cm2, mean_density, 0.15 * mean_density) << sim::buzz_name(length);
  }
}

TEST(BuzzRender, DeterministicForASeed) {
  const cv::Mat3b img = synthetic_head(true);
  sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const cv::Mat3b a = render::render_buzz(img, plan).image, b = render::render_buzz(img, plan).image;
  EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
  plan.params.seed += 1;
  EXPECT_GT(cv::norm(a, render::render_buzz(img, plan).image, cv::NORM_INF), 0.0);
}

TEST(BuzzRender, BaldHeadUnchangedByAnyLength) {
  const cv::Mat3b img = synthetic_head(false);
  for (sim::BuzzLength length : kLengths) {
    const render::BuzzImage buzz = render::render_buzz(img, plan_with(img, length, 3));
    EXPECT_EQ(cv::norm(img, buzz.image, cv::NORM_INF), 0.0) << sim::buzz_name(length);
    // Said, not a silent no-op; and no refusal: nothing was wrong with the photo.
    EXPECT_TRUE(buzz.refusal.empty()) << buzz.refusal;
    ASSERT_EQ(buzz.warnings.size(), 1u) << sim::buzz_name(length);
    EXPECT_NE(buzz.warnings[0].find("no remaining hair"), std::string::npos) << buzz.warnings[0];
  }
}

// A few specks of hair on a bald head (less than the smallest piece the buzz clips) are no
// hair to clip: the photo stays as it is, whatever dark surroundings join them.
TEST(BuzzRender, SpecksOfHairOnABaldHeadAreNothingToClip) {
  cv::Mat3b img = synthetic_head(false);
  sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  // A dark, busy blanket behind the top of the head, reaching the speck.
  cv::RNG rng(5);
  for (int y = 0; y < 100; ++y)
    for (int x = 200; x < 440; ++x)
      if (y < 80 || std::abs(x - 320) < 8) img(y, x) = cv::Vec3b::all(static_cast<uchar>(rng.uniform(10, 70)));
  plan.masks.hair = cv::Mat1b(img.size(), uchar{0});
  cv::circle(plan.masks.hair, {320, 100}, 6, cv::Scalar(255), cv::FILLED);  // 0.1 % of the head
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  EXPECT_TRUE(regions.refusal.empty()) << regions.refusal;
  EXPECT_TRUE(regions.empty());
  ASSERT_EQ(regions.warnings.size(), 1u);
  EXPECT_NE(regions.warnings[0].find("no remaining hair"), std::string::npos) << regions.warnings[0];
}

TEST(BuzzRender, AsPhotographedChangesNothing) {
  const cv::Mat3b img = synthetic_head(true);
  const render::BuzzImage buzz = render::render_buzz(img, plan_with(img, sim::BuzzLength::AsPhotographed));
  EXPECT_EQ(cv::norm(img, buzz.image, cv::NORM_INF), 0.0);
  EXPECT_TRUE(buzz.refusal.empty());
}

TEST(BuzzRender, RefusesWhiteHairAndTinyPhotos) {
  const cv::Mat3b white = synthetic_head(true, {225, 228, 230});
  sim::Plan white_plan = plan_with(white, sim::BuzzLength::NoGuard);
  white_plan.masks.hair = synthetic_cap(white.size());  // marked by hand: detection may not see white hair
  const render::BuzzImage w = render::render_buzz(white, white_plan);
  EXPECT_NE(w.refusal.find("white or very light"), std::string::npos) << "[" << w.refusal << "] hairs " << w.hairs;
  EXPECT_EQ(cv::norm(white, w.image, cv::NORM_INF), 0.0);

  const cv::Mat3b img = synthetic_head(true);
  sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  plan.calibration.px_per_mm = 1.0;
  const render::BuzzImage tiny = render::render_buzz(img, plan);
  EXPECT_NE(tiny.refusal.find("too small to show stubble"), std::string::npos) << tiny.refusal;
  EXPECT_EQ(cv::norm(img, tiny.image, cv::NORM_INF), 0.0);
}

// Bad --buzz/--days-since-shave values: one line naming the option, exit code 2.
TEST(BuzzCli, OptionErrorsAreOneLine) {
  const fs::path dir = fs::temp_directory_path() / "smp_test_buzz_cli";
  fs::create_directories(dir);
  const std::string exe = SMP_RENDER_EXE;
  for (const auto& [args, named] : {std::pair<std::string, std::string>{"--buzz 2", "--buzz"},
                                    {"--buzz 0 --days-since-shave 45", "--days-since-shave"},
                                    {"--days-since-shave 3", "--buzz"}}) {
    const fs::path err = dir / "err.txt";
    const std::string cmd = exe + " --photo x.jpg --after " + (dir / "a.png").string() + " " + args + " 2>" + err.string();
    const int rc = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(rc));
    EXPECT_EQ(WEXITSTATUS(rc), 2) << args;
    std::FILE* f = std::fopen(err.c_str(), "r");
    ASSERT_NE(f, nullptr);
    std::string text;
    for (int c; (c = std::fgetc(f)) != EOF;) text.push_back(static_cast<char>(c));
    std::fclose(f);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    EXPECT_NE(text.find(named), std::string::npos) << text;
  }
  fs::remove_all(dir);
}

}  // namespace

// The SMP over a buzz fills only what the client's own stubble lacks: its dots are hidden in
// proportion to the stubble's share of a full head, so thinning areas reach the full stubble's
// look instead of stacking a full SMP density on top of stubble.
TEST(BuzzRender, SmpOverStubbleShowsOnlyTheMissingDensity) {
  const cv::Mat3b img = synthetic_head(true);
  const sim::Plan plan = plan_with(img, sim::BuzzLength::NoGuard);
  const sim::BuzzRegions regions = sim::plan_buzz(img, plan);
  const render::BuzzImage buzz = render::render_buzz(img, plan, regions);
  ASSERT_FALSE(buzz.stubble_cover.empty());
  ASSERT_EQ(buzz.stubble_cover.size(), regions.work);
  const sim::Plan over = render::plan_over_buzz(plan, buzz);
  ASSERT_FALSE(over.masks.occlusion.empty());
  cv::Mat1f cover;
  cv::resize(buzz.stubble_cover, cover, over.masks.occlusion.size(), 0, 0, cv::INTER_AREA);
  cv::Mat1b clip;
  cv::resize(regions.clip, clip, over.masks.occlusion.size(), 0, 0, cv::INTER_NEAREST);
  cv::erode(clip, clip, cv::Mat());  // away from the clipped area's edge
  ASSERT_GT(cv::countNonZero(clip), 100);
  int full = 0, thin = 0;
  for (int y = 0; y < clip.rows; ++y)
    for (int x = 0; x < clip.cols; ++x) {
      if (!clip(y, x)) continue;
      EXPECT_NEAR(over.masks.occlusion(y, x), 255.0 * cover(y, x), 2.0) << x << "," << y;
      full += cover(y, x) > 0.9f;
      thin += cover(y, x) < 0.5f;
    }
  EXPECT_GT(full, 0);  // the synthetic cap is dense in its middle ...
  EXPECT_GT(thin, 0);  // ... and thins toward its hairline
  // Outside the buzz, nothing the plan hid is shown and nothing new is hidden.
  cv::Mat1b changed;
  cv::resize(buzz.changed, changed, over.masks.occlusion.size(), 0, 0, cv::INTER_NEAREST);
  const cv::Mat1b before = plan.masks.occlusion.empty() ? cv::Mat1b(changed.size(), uchar{0}) : plan.masks.occlusion;
  for (int y = 0; y < changed.rows; ++y)
    for (int x = 0; x < changed.cols; ++x) {
      if (!changed(y, x)) {
        EXPECT_EQ(over.masks.occlusion(y, x), before(y, x)) << x << "," << y;
      }
    }
}
