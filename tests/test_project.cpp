// Several views of one client: the project file, the counting rule and the combined estimate.

#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace {

// A 200 x 200 mm treated square behind a straight hairline at y = 100 px (face toward -y).
smp::sim::Plan view_plan(smp::sim::ViewKind kind) {
  smp::sim::Plan plan = smp::test::uniform_plan(800, 900, 4.0, 40);
  plan.head.view = kind;
  plan.hairline.symmetric = false;
  plan.hairline.control_points = {{0, 100}, {800, 100}};
  plan.masks.treatment = cv::Mat1b(900, 800, uchar{0});
  plan.masks.treatment(cv::Rect(0, 90, 800, 810)).setTo(255);
  plan.params.sessions = 2;
  return plan;
}

smp::sim::Project two_views() {
  smp::sim::Project p = smp::sim::project_from_plan(view_plan(smp::sim::ViewKind::Top));
  p.views.push_back({"Front", view_plan(smp::sim::ViewKind::Front), {}});
  p.client_label = "Client 0042";
  smp::sim::assign_default_regions(p);
  return p;
}

TEST(Project, DefaultRegionsCountEachPartOnce) {
  smp::sim::Project p = two_views();
  EXPECT_TRUE(p.views[0].counts.scalp);
  EXPECT_FALSE(p.views[0].counts.hairline_band);
  EXPECT_FALSE(p.views[1].counts.scalp);
  EXPECT_TRUE(p.views[1].counts.hairline_band);
  EXPECT_TRUE(smp::sim::region_warnings(p).empty());
  p.views[1].counts.scalp = true;
  ASSERT_EQ(smp::sim::region_warnings(p).size(), 1u);
  EXPECT_NE(smp::sim::region_warnings(p)[0].find("more than once"), std::string::npos);
  smp::sim::Project single = smp::sim::project_from_plan(view_plan(smp::sim::ViewKind::Top));
  smp::sim::assign_default_regions(single);
  EXPECT_TRUE(single.views[0].counts.scalp && single.views[0].counts.hairline_band);
}

// Two views of the same head geometry: split between them, the combined estimate must equal
// one view counting everything (no double counting, nothing lost).
TEST(Project, CombinedEstimateDoesNotDoubleCount) {
  smp::sim::Project p = two_views();
  smp::sim::sync_params(p);
  std::vector<smp::sim::Simulation> sims;
  for (const auto& v : p.views) sims.push_back(smp::sim::simulate(v.plan));
  const auto combined = smp::sim::combine_estimates(p, sims);
  const smp::sim::Estimate& whole = sims[0].estimate;
  EXPECT_NEAR(combined.combined.area_cm2, whole.area_cm2, 0.01 * whole.area_cm2);
  EXPECT_NEAR(static_cast<double>(combined.combined.impressions), static_cast<double>(whole.impressions),
              0.01 * static_cast<double>(whole.impressions));
  ASSERT_EQ(combined.views.size(), 2u);
  // The front view's share is the hairline band: ~20 mm deep (+ the micro zone) of a 200 mm wide area.
  EXPECT_GT(combined.views[1].area_cm2, 0.8 * 20 * 20 / 100.0 * 10);
  EXPECT_LT(combined.views[1].area_cm2, 0.25 * whole.area_cm2);
  EXPECT_EQ(combined.combined.sessions, 2);
  EXPECT_NEAR(combined.combined.cost_min, combined.combined.area_sq_in * 60, 1e-6);
  long per_session = 0;
  for (long n : combined.combined.impressions_per_session) per_session += n;
  EXPECT_EQ(per_session, combined.combined.impressions);
}

TEST(ProjectFile, RoundTripKeepsViewsAndSharedParameters) {
  smp::sim::Project p = two_views();
  p.params.density_per_cm2 = 55;
  p.views[1].plan.params.density_per_cm2 = 99;  // stale copy: the shared value wins
  smp::test::ScopedTempDir dir("smp-project");
  const auto path = dir / "client.smpproj.json";
  smp::sim::save_project(p, path);
  const smp::sim::Project back = smp::sim::load_project(path);
  ASSERT_EQ(back.views.size(), 2u);
  EXPECT_EQ(back.client_label, "Client 0042");
  EXPECT_EQ(back.views[1].name, "Front");
  EXPECT_EQ(back.views[1].plan.head.view, smp::sim::ViewKind::Front);
  EXPECT_TRUE(back.views[1].counts.hairline_band);
  EXPECT_FALSE(back.views[1].counts.scalp);
  EXPECT_EQ(back.params.density_per_cm2, 55);
  for (const auto& v : back.views) EXPECT_EQ(v.plan.params.density_per_cm2, 55);
  EXPECT_EQ(cv::countNonZero(back.views[0].plan.masks.treatment != p.views[0].plan.masks.treatment), 0);
}

TEST(ProjectFile, OpensASinglePlanFile) {
  smp::test::ScopedTempDir dir("smp-project");
  const auto path = dir / "plan.json";
  smp::sim::save_plan(view_plan(smp::sim::ViewKind::Front), path);
  const smp::sim::Project p = smp::sim::load_project(path);
  ASSERT_EQ(p.views.size(), 1u);
  EXPECT_EQ(p.views[0].name, "Front");
  EXPECT_TRUE(p.views[0].counts.scalp && p.views[0].counts.hairline_band);
}

// Every view's photo is open at once: a project's photos are bounded together, not only each.
TEST(Project, PhotosTogetherAreBounded) {
  using smp::sim::project_pixels_problem;
  const std::vector<cv::Size> fits = {{14000, 14000}, {7000, 7000}};  // 196 + 49 MP
  EXPECT_EQ(project_pixels_problem(fits), "");
  const std::vector<cv::Size> too_many = {{14000, 14000}, {8000, 8000}};  // 196 + 64 MP
  EXPECT_NE(project_pixels_problem(too_many).find("at most 256 MP"), std::string::npos);
  smp::sim::Project p = two_views();
  for (smp::sim::ProjectView& v : p.views) v.plan.photo.width = v.plan.photo.height = 12000;  // 2 x 144 MP
  EXPECT_NE(smp::sim::validate(p).find("288 MP together"), std::string::npos) << smp::sim::validate(p);
  // A project file declaring such photos is refused as it is read, before any is decoded.
  try {
    smp::sim::project_from_json(smp::sim::project_to_json(p), "big.json");
    ADD_FAILURE() << "accepted";
  } catch (const smp::sim::PlanFileError& e) {
    EXPECT_NE(std::string(e.what()).find("big.json: its photos hold 288 MP together"), std::string::npos) << e.what();
  }
}

TEST(ProjectFile, ClearErrors) {
  const std::string good = smp::sim::project_to_json(two_views());
  auto expect_error = [](const std::string& text, const std::string& expected) {
    try {
      smp::sim::project_from_json(text, "p.json");
      ADD_FAILURE() << "accepted";
    } catch (const smp::sim::PlanFileError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("p.json"), std::string::npos) << e.what();
    }
  };
  expect_error("[1,2", "not valid JSON");
  expect_error(R"({"format":"smp-studio-project","version":2,"params":{},"views":[{}]})", "newer");
  expect_error(R"({"format":"smp-studio-project","version":1,"params":{},"views":[]})", "non-empty");
  std::string bad = good;  // the shared density made impossible
  const std::size_t at = bad.find("\"density_per_cm2\"");
  bad.replace(at, bad.find(',', at) - at, "\"density_per_cm2\": -5");
  expect_error(bad, "density");
}

}  // namespace
