// Multi-view projects in the viewer (window-free): opening a project, the shared treatment
// parameters, per-view hairline and undo, save and reopen, a missing photo, adding a view,
// and the combined estimate the estimate panel shows.

#include "core/project_session.hpp"
#include "core/recovery_autosave.hpp"
#include "core/view_simulator.hpp"
#include "recovery.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/project_io.hpp"

#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

namespace smp::studio {
namespace {

namespace fs = std::filesystem;

constexpr int kW = 320, kH = 240;

// A textured skin-tone picture: a view's photo (no client photo in the repository).
void write_photo(const fs::path& path, int seed) {
  cv::Mat3b img(kH, kW);
  cv::randu(img, cv::Scalar(120 + seed, 140, 180), cv::Scalar(150 + seed, 170, 215));
  cv::imwrite(path.string(), img);
}

sim::Plan view_plan(const std::string& photo, sim::ViewKind kind) {
  sim::Plan plan = test::uniform_plan(kW, kH, 2.0, 40);
  plan.photo.path = photo;
  plan.head.view = kind;
  plan.hairline.symmetric = false;
  plan.hairline.control_points = {{0, 60}, {kW / 2.0, 50}, {kW, 60}};
  plan.params.sessions = 2;
  return plan;
}

// top.png + front.png and a two-view project over them in `dir`.
fs::path write_project(const test::ScopedTempDir& dir) {
  write_photo(dir / "top.png", 0);
  write_photo(dir / "front.png", 20);
  sim::Project p = sim::project_from_plan(view_plan("top.png", sim::ViewKind::Top), "Top");
  p.views.push_back({"Front", view_plan("front.png", sim::ViewKind::Front), {}});
  p.client_label = "Client 0042";
  sim::assign_default_regions(p);
  const fs::path path = dir / "project.json";
  sim::save_project(p, path);
  return path;
}

TEST(ViewerProject, OpensEveryViewWithTheFirstOnScreen) {
  test::ScopedTempDir dir("smp-viewer-project");
  const fs::path path = write_project(dir);
  EXPECT_TRUE(is_project_file(path));
  sim::save_plan(view_plan("top.png", sim::ViewKind::Top), dir / "plan.json");
  EXPECT_FALSE(is_project_file(dir / "plan.json"));
  EXPECT_FALSE(is_project_file(dir / "top.png"));

  Document live;
  const ProjectSession s = open_project_session(path, live);
  ASSERT_EQ(s.views.size(), 2u);
  EXPECT_EQ(s.active, 0u);
  EXPECT_EQ(live.photo_path.filename(), "top.png");
  EXPECT_EQ(live.photo.size(), cv::Size(kW, kH));
  EXPECT_EQ(s.views[1].doc.photo_path.filename(), "front.png");
  EXPECT_TRUE(s.views[0].doc.photo.empty());  // on screen: held by `live`
  EXPECT_EQ(s.views[1].name, "Front");
  EXPECT_TRUE(s.views[0].counts.scalp && !s.views[0].counts.hairline_band);
  EXPECT_TRUE(!s.views[1].counts.scalp && s.views[1].counts.hairline_band);
  EXPECT_FALSE(project_dirty(s, live));
  EXPECT_EQ(live.plan.client_label, "Client 0042");
}

TEST(ViewerProject, SharedParametersPropagateAndEachViewKeepsItsHairline) {
  test::ScopedTempDir dir("smp-viewer-project");
  Document live;
  ProjectSession s = open_project_session(write_project(dir), live);
  const auto front_hairline = s.views[1].doc.plan.hairline.control_points;
  const std::uint64_t front_revision = s.views[1].doc.revision;

  // An edit on the top view: density, shade and the hairline.
  live.plan.params.density_per_cm2 = 95;
  live.plan.params.pigment.dilution_pct = 40;
  live.plan.hairline.control_points[1].y = 80;
  ++live.revision;
  EXPECT_TRUE(propagate_shared(s, live));
  EXPECT_FALSE(propagate_shared(s, live));  // nothing new
  const sim::Plan& front = s.views[1].doc.plan;
  EXPECT_EQ(front.params.density_per_cm2, 95);
  EXPECT_EQ(front.params.pigment.dilution_pct, 40);
  EXPECT_EQ(front.hairline.control_points, front_hairline);  // per view: untouched
  EXPECT_GT(s.views[1].doc.revision, front_revision);          // its simulation is out of date
  EXPECT_TRUE(s.views[1].doc.dirty);
  EXPECT_EQ(s.shared.density_per_cm2, 95);

  // The front view on screen: its own hairline, the shared density; an edit there comes back.
  UndoStack<sim::Plan> undo;
  undo.push(live.plan);
  activate_view(s, 1, live, undo);
  EXPECT_EQ(s.active, 1u);
  EXPECT_EQ(live.photo_path.filename(), "front.png");
  EXPECT_EQ(live.plan.hairline.control_points, front_hairline);
  EXPECT_FALSE(undo.can_undo());                  // the front view's own history
  EXPECT_EQ(s.views[0].undo.undo_size(), 1u);     // the top view's, kept for its tab
  EXPECT_DOUBLE_EQ(s.views[0].doc.plan.hairline.control_points[1].y, 80);
  live.plan.params.needle.points = 5;
  ++live.revision;
  EXPECT_TRUE(propagate_shared(s, live));
  EXPECT_EQ(s.views[0].doc.plan.params.needle.points, 5);
  EXPECT_DOUBLE_EQ(s.views[0].doc.plan.hairline.control_points[1].y, 80);

  // Back to the top view: its history returns, and revisions never repeat across views.
  const std::uint64_t seen = std::max(live.revision, s.views[0].doc.revision);
  activate_view(s, 0, live, undo);
  EXPECT_EQ(undo.undo_size(), 1u);
  EXPECT_GT(live.revision, seen);
  EXPECT_EQ(live.plan.params.needle.points, 5);

  // The client's name typed in one view (no new revision: it changes no dots) is everyone's.
  live.plan.client_label = "Ann Lee";
  const std::uint64_t front_now = s.views[1].doc.revision;
  EXPECT_TRUE(propagate_shared(s, live, false));
  EXPECT_EQ(s.views[1].doc.plan.client_label, "Ann Lee");
  EXPECT_EQ(s.views[1].doc.revision, front_now);
  EXPECT_EQ(to_project(s, live).client_label, "Ann Lee");
}

TEST(ViewerProject, SaveAndReopenRoundTrips) {
  test::ScopedTempDir dir("smp-viewer-project");
  Document live;
  ProjectSession s = open_project_session(write_project(dir), live);
  live.plan.params.density_per_cm2 = 72;
  live.plan.hairline.control_points[0].y = 70;
  live.dirty = true;
  ++live.revision;
  propagate_shared(s, live);
  s.views[1].counts.scalp = true;  // edited in the panel
  s.dirty = true;
  UndoStack<sim::Plan> undo;
  activate_view(s, 1, live, undo);  // saved from another tab than the first

  fs::create_directories(dir / "saved");
  const fs::path saved = dir / "saved" / "again.json";
  save_project_session(s, live, saved);
  EXPECT_FALSE(project_dirty(s, live));
  EXPECT_EQ(s.path, saved);
  EXPECT_EQ(sim::load_project(saved).views[0].plan.photo.path, "../top.png");  // relative to the project

  Document back_live;
  const ProjectSession back = open_project_session(saved, back_live);
  ASSERT_EQ(back.views.size(), 2u);
  EXPECT_EQ(back.views[1].name, "Front");
  EXPECT_TRUE(back.views[1].counts.scalp && back.views[1].counts.hairline_band);
  EXPECT_EQ(back_live.plan.params.density_per_cm2, 72);
  EXPECT_EQ(back.views[1].doc.plan.params.density_per_cm2, 72);
  EXPECT_DOUBLE_EQ(back_live.plan.hairline.control_points[0].y, 70);
  EXPECT_DOUBLE_EQ(back.views[1].doc.plan.hairline.control_points[0].y, 60);
  EXPECT_EQ(back_live.photo_path.filename(), "top.png");
  EXPECT_EQ(back.views[1].doc.photo_path.filename(), "front.png");
}

TEST(ViewerProject, AMissingPhotoGivesOneLineNamingTheViewAndTheFile) {
  test::ScopedTempDir dir("smp-viewer-project");
  const fs::path path = write_project(dir);
  fs::remove(dir / "front.png");
  Document live;
  try {
    open_project_session(path, live);
    FAIL() << "a project with a missing photo opened";
  } catch (const std::exception& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    EXPECT_NE(m.find(path.string()), std::string::npos) << m;
    EXPECT_NE(m.find("view \"Front\""), std::string::npos) << m;
    EXPECT_NE(m.find("front.png"), std::string::npos) << m;
  }
}

TEST(ViewerProject, ANewProjectFromTheOpenViewAndAnAddedView) {
  test::ScopedTempDir dir("smp-viewer-project");
  const fs::path demo = fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg";
  cv::Mat small;
  cv::resize(cv::imread(demo.string()), small, {}, 1.0 / 4, 1.0 / 4, cv::INTER_AREA);
  cv::imwrite((dir / "second.png").string(), small);
  write_photo(dir / "top.png", 0);
  sim::save_plan(view_plan("top.png", sim::ViewKind::Top), dir / "plan.json");

  Document live = open_document(dir / "plan.json", {});
  live.plan.params.density_per_cm2 = 66;
  ProjectSession s = project_from_document(live);
  ASSERT_EQ(s.views.size(), 1u);
  EXPECT_TRUE(s.views[0].counts.scalp && s.views[0].counts.hairline_band);  // alone: counts both
  EXPECT_TRUE(project_dirty(s, live));  // never saved
  EXPECT_FALSE(s.path);

  add_view_from_photo(s, live, dir / "second.png", {});
  ASSERT_EQ(s.views.size(), 2u);
  EXPECT_EQ(s.active, 0u);
  const Document& added = s.views[1].doc;
  EXPECT_EQ(added.photo_path, dir / "second.png");
  EXPECT_EQ(added.plan.params.density_per_cm2, 66);  // the shared parameters, not the clinic's
  EXPECT_GT(added.revision, live.revision);
  EXPECT_TRUE(sim::region_warnings(to_project(s, live)).empty());

  EXPECT_THROW(add_view_from_photo(s, live, dir / "nothing-here.png", {}), std::exception);
  EXPECT_EQ(s.views.size(), 2u);
}

// The panel's combined estimate is sim::combine_estimates over every view's simulation,
// and only once every view not on screen has one for its current plan.
TEST(ViewerProject, CombinedEstimateWaitsForEveryViewAndCountsEachRegionOnce) {
  test::ScopedTempDir dir("smp-viewer-project");
  Document live;
  ProjectSession s = open_project_session(write_project(dir), live);
  const auto live_sim = std::make_shared<const sim::Simulation>(sim::simulate(live.plan));
  EXPECT_FALSE(combined_estimate(s, live, live_sim, {}));
  s.views[1].simulation = std::make_shared<const sim::Simulation>(sim::simulate(s.views[1].doc.plan));
  s.views[1].simulated_revision = s.views[1].doc.revision;
  const auto combined = combined_estimate(s, live, live_sim, {});
  ASSERT_TRUE(combined);
  const std::vector<sim::Simulation> sims = {*live_sim, *s.views[1].simulation};
  const sim::ProjectEstimate expected = sim::combine_estimates(to_project(s, live), sims);
  EXPECT_EQ(combined->combined.impressions, expected.combined.impressions);
  EXPECT_DOUBLE_EQ(combined->combined.area_cm2, expected.combined.area_cm2);
  // Same geometry in both views: split between them, the total is one view's whole area.
  EXPECT_NEAR(combined->combined.area_cm2, live_sim->estimate.area_cm2, 0.02 * live_sim->estimate.area_cm2);
  ASSERT_EQ(combined->views.size(), 2u);
  EXPECT_GT(combined->views[0].area_cm2, combined->views[1].area_cm2);  // the scalp is the bigger part

  ++s.views[1].doc.revision;  // an edit propagated into it: out of date until simulated again
  EXPECT_FALSE(combined_estimate(s, live, live_sim, {}));
}

// The views not on screen are simulated in the background: each result names its view and
// the revision it was made for; a plan that cannot be simulated says why.
TEST(ViewerProject, ViewSimulatorAnswersEachViewWithItsRevision) {
  ViewSimulator simulator;
  sim::Plan good = view_plan("top.png", sim::ViewKind::Top);
  sim::Plan bad = good;
  bad.params.density_per_cm2 = -5;
  simulator.post(7, 3, good, {});
  simulator.post(9, 4, bad, {});
  std::vector<ViewSimulation> results;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (results.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    for (ViewSimulation& r : simulator.take()) results.push_back(std::move(r));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(simulator.busy());
  std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.view_id < b.view_id; });
  EXPECT_EQ(results[0].view_id, 7u);
  EXPECT_EQ(results[0].revision, 3u);
  ASSERT_TRUE(results[0].simulation);
  EXPECT_EQ(results[0].simulation->estimate.impressions, sim::simulate(good).estimate.impressions);
  EXPECT_EQ(results[1].view_id, 9u);
  EXPECT_FALSE(results[1].simulation);
  EXPECT_NE(results[1].error.find("density"), std::string::npos) << results[1].error;
}

// A crash with unsaved project edits: the recovery copy holds every view, and restoring it
// gives the project back with Save going to its file and everything marked unsaved.
TEST(ViewerProject, RecoveryCopyHoldsTheWholeProject) {
  test::ScopedTempDir dir("smp-viewer-project");
  const fs::path path = write_project(dir);
  Document live;
  ProjectSession s = open_project_session(path, live);
  const std::uint64_t before = project_revision(s, live);
  s.views[1].doc.plan.hairline.control_points[2].y = 90;  // an edit in the view not on screen
  ++s.views[1].doc.revision;
  EXPECT_GT(project_revision(s, live), before);

  sim::Project copy = to_project(s, live);
  copy.views[0].plan.photo.path = fs::absolute(dir / "top.png").string();
  copy.views[1].plan.photo.path = fs::absolute(dir / "front.png").string();
  app::RecoveryStore store(dir / "recovery");
  const std::string id = app::new_recovery_session_id();
  store.write(id, copy.views.front().plan, path.string(), &copy);
  const std::vector<app::RecoveryEntry> entries = store.list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(entries[0].project);
  EXPECT_EQ(describe_recovery_entry(entries[0]).rfind("project.json", 0), 0u);

  Document back_live;
  const ProjectSession back = recovered_project_session(store.load_project(entries[0]), entries[0].document,
                                                        entries[0].file, back_live);
  ASSERT_EQ(back.views.size(), 2u);
  EXPECT_EQ(back.path, path);
  EXPECT_TRUE(project_dirty(back, back_live));
  EXPECT_TRUE(back.views[1].doc.dirty);
  EXPECT_DOUBLE_EQ(back.views[1].doc.plan.hairline.control_points[2].y, 90);
  EXPECT_EQ(back.views[1].doc.photo_path, fs::absolute(dir / "front.png"));
  // A plan copy is still a plan copy.
  store.write(id, copy.views.front().plan, "");
  EXPECT_FALSE(store.list()[0].project);
  EXPECT_THROW(store.load_project(store.list()[0]), std::exception);
}

}  // namespace
}  // namespace smp::studio
