// The viewer's window-free logic: view transform, undo grouping, hairline editing, texture
// tiling, hairline presets, no price for a photo without a head (the mask brush has its own
// file, test_viewer_mask_brush.cpp).

#include "core/document.hpp"
#include "render_job.hpp"
#include "smp/sim/plan_io.hpp"
#include <nlohmann/json.hpp>
#include "core/hairline_edit.hpp"
#include "core/recent_files.hpp"
#include "core/recovery_autosave.hpp"
#include "core/undo_stack.hpp"
#include "core/view_transform.hpp"
#include "smp/render/gl/tile_grid.hpp"
#include "smp/sim/hairline_curve.hpp"
#include "smp/sim/hairline_presets.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <sys/stat.h>

namespace smp::studio {
namespace {

TEST(ViewTransform, ZoomKeepsThePointUnderTheCursor) {
  ViewTransform v{0.5, {30, 40}};
  const cv::Point2d cursor(300, 200);
  const cv::Point2d under = to_photo(v, cursor);
  const ViewTransform z = zoom_about(v, cursor, 2.5);
  EXPECT_DOUBLE_EQ(z.zoom, 1.25);
  const cv::Point2d after = to_photo(z, cursor);
  EXPECT_NEAR(after.x, under.x, 1e-9);
  EXPECT_NEAR(after.y, under.y, 1e-9);
}

TEST(ViewTransform, ZoomIsClampedAndRoundTrips) {
  ViewTransform v{1.0, {0, 0}};
  EXPECT_DOUBLE_EQ(zoom_about(v, {0, 0}, 1e6).zoom, ZoomLimits{}.max_zoom);
  EXPECT_DOUBLE_EQ(zoom_about(v, {0, 0}, 1e-6).zoom, ZoomLimits{}.min_zoom);
  const cv::Point2d p(123.25, -7.5);
  const cv::Point2d back = to_photo(v, to_canvas(v, p));
  EXPECT_NEAR(back.x, p.x, 1e-12);
  EXPECT_NEAR(back.y, p.y, 1e-12);
  EXPECT_GT(wheel_zoom_factor(1), 1.0);
  EXPECT_NEAR(wheel_zoom_factor(1) * wheel_zoom_factor(-1), 1.0, 1e-12);
}

TEST(ViewTransform, FitCentresTheWholePhoto) {
  const ViewTransform v = fit_view({4000, 3000}, {1000, 1000}, 10);
  EXPECT_NEAR(v.zoom, 980.0 / 4000.0, 1e-12);
  const cv::Point2d tl = to_canvas(v, {0, 0}), br = to_canvas(v, {4000, 3000});
  EXPECT_NEAR(tl.x, 10, 1e-9);
  EXPECT_NEAR(br.x, 990, 1e-9);
  EXPECT_NEAR(tl.y + br.y, 1000, 1e-9);  // centred vertically
}

TEST(ViewTransform, ActualPixelsIsOnePhotoPixelPerScreenPixel) {
  const ViewTransform fit = fit_view({4000, 3000}, {1000, 800});
  const ViewTransform a = actual_pixels(fit, {1000, 800}, 2.0);  // HiDPI: 2 device px per logical px
  EXPECT_DOUBLE_EQ(a.zoom, 0.5);
  EXPECT_DOUBLE_EQ(a.origin.x * 2, std::round(a.origin.x * 2));  // on the device pixel grid
  const ViewTransform b = pan(a, {3, -4});
  EXPECT_DOUBLE_EQ(b.origin.x, a.origin.x + 3);
  EXPECT_DOUBLE_EQ(b.zoom, a.zoom);
}

TEST(UndoStack, UndoRedoAndRedoIsClearedByANewEdit) {
  UndoStack<int> u;
  u.push(1);  // state was 1, now 2
  u.push(2);  // state was 2, now 3
  auto s = u.undo(3);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, 2);
  s = u.undo(2);
  EXPECT_EQ(*s, 1);
  EXPECT_FALSE(u.undo(1));
  s = u.redo(1);
  EXPECT_EQ(*s, 2);
  u.push(2);  // a new edit
  EXPECT_FALSE(u.can_redo());
}

TEST(UndoStack, LimitDropsTheOldest) {
  UndoStack<int> u(3);
  for (int i = 0; i < 5; ++i) u.push(i);
  EXPECT_EQ(u.undo_size(), 3u);
  EXPECT_EQ(*u.undo(5), 4);
}

TEST(EditGrouper, OneStepPerGesture) {
  EditGrouper<int> g;
  EXPECT_FALSE(g.frame(10, false, false));   // nothing happened
  EXPECT_FALSE(g.frame(10, true, true));     // drag starts: remembers 10
  EXPECT_FALSE(g.frame(11, true, true));     // still dragging
  auto before = g.frame(12, false, false);   // released
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 10);
  before = g.frame(12, true, false);         // a click edit: immediate
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 12);
}

sim::Plan plan_with_hairline() {
  sim::Plan plan;
  plan.photo = {"x.png", "", 1000, 800};
  plan.head.midline_origin = {500, 400};
  plan.head.front_dir = {0, -1};
  plan.hairline.control_points = {{500, 200}, {600, 220}, {700, 260}};
  return plan;
}

TEST(HairlineEdit, DisplayedIndicesMapToStoredOnes) {
  const sim::Plan plan = plan_with_hairline();
  // Displayed: mirror(700), mirror(600), 500 (midline), 600, 700.
  EXPECT_EQ(stored_index(plan.hairline, 0).index, 2);
  EXPECT_TRUE(stored_index(plan.hairline, 0).mirrored);
  EXPECT_EQ(stored_index(plan.hairline, 2).index, 0);
  EXPECT_EQ(stored_index(plan.hairline, 4).index, 2);
  EXPECT_FALSE(stored_index(plan.hairline, 4).mirrored);
  EXPECT_EQ(stored_index(plan.hairline, 5).index, -1);
}

TEST(HairlineEdit, MovingTheMirrorMovesTheStoredPointMirrored) {
  sim::Plan plan = plan_with_hairline();
  move_point(plan, 0, {290, 250});  // mirrored copy of point 2
  EXPECT_NEAR(plan.hairline.control_points[2].x, 710, 1e-9);
  EXPECT_NEAR(plan.hairline.control_points[2].y, 250, 1e-9);
  move_point(plan, 2, {530, 190});  // the midline point stays on the midline
  EXPECT_NEAR(plan.hairline.control_points[0].x, 500, 1e-9);
  EXPECT_NEAR(plan.hairline.control_points[0].y, 190, 1e-9);
}

TEST(HairlineEdit, InsertAndRemove) {
  sim::Plan plan = plan_with_hairline();
  ASSERT_TRUE(insert_point(plan, {650, 238}));
  ASSERT_EQ(plan.hairline.control_points.size(), 4u);
  EXPECT_NEAR(plan.hairline.control_points[2].x, 650, 1e-9);
  ASSERT_TRUE(insert_point(plan, {350, 238}));  // on the mirrored side: lands at x = 650 too
  EXPECT_NEAR(plan.hairline.control_points[2].x, 650, 1e-9);
  EXPECT_FALSE(remove_point(plan, static_cast<int>(plan.hairline.control_points.size()) - 1));  // the midline point
  const std::size_t n = plan.hairline.control_points.size();
  EXPECT_TRUE(remove_point(plan, static_cast<int>(2 * n - 2)));  // the outermost stored point
  EXPECT_EQ(plan.hairline.control_points.size(), n - 1);
}

TEST(HairlineEdit, SymmetryToggleKeepsTheCurve) {
  sim::Plan plan = plan_with_hairline();
  const auto before = sim::sample_hairline(plan.hairline, plan.head);
  set_symmetric(plan, false);
  EXPECT_EQ(plan.hairline.control_points.size(), 5u);
  const auto open = sim::sample_hairline(plan.hairline, plan.head);
  ASSERT_EQ(open.size(), before.size());
  for (std::size_t i = 0; i < open.size(); ++i) EXPECT_LT(cv::norm(open[i] - before[i]), 1e-6);
  set_symmetric(plan, true);
  ASSERT_EQ(plan.hairline.control_points.size(), 3u);
  EXPECT_NEAR(plan.hairline.control_points[0].x, 500, 1e-9);
}

TEST(HairlineEdit, MidlineMovesRigidlyWithTheHairline) {
  const sim::Plan start = plan_with_hairline();
  sim::Plan plan = start;
  move_midline(plan, start, {20, 0}, 0.0);
  EXPECT_NEAR(plan.head.midline_origin.x, 520, 1e-9);
  EXPECT_NEAR(plan.hairline.control_points[1].x, 620, 1e-9);
  move_midline(plan, start, {0, 0}, M_PI / 2);
  EXPECT_NEAR(plan.head.front_dir.x, 1, 1e-9);  // (0,-1) turned a quarter (y down)
  EXPECT_NEAR(cv::norm(plan.hairline.control_points[0] - start.head.midline_origin), 200, 1e-9);
}

TEST(TileGrid, CoversTheImageWithoutOverlap) {
  const render::gl::TileGrid g = render::gl::make_tile_grid({5000, 3000}, 2048);
  EXPECT_EQ(g.cols, 3);
  EXPECT_EQ(g.rows, 2);
  long area = 0;
  for (int i = 0; i < g.count(); ++i) area += g.tile(i).area();
  EXPECT_EQ(area, 5000L * 3000L);
  EXPECT_EQ(g.tile(5), cv::Rect(4096, 2048, 904, 952));
  EXPECT_EQ(render::gl::make_tile_grid({100, 100}, 2048).count(), 1);
}

TEST(HairlinePresets, EveryPresetIsSymmetricAndSitsAtTheAnchor) {
  sim::Plan plan = plan_with_hairline();
  plan.calibration.px_per_mm = 5;
  const sim::PresetAnchor a = sim::preset_anchor(plan);
  EXPECT_NEAR(a.mid_frontal.x, 500, 1e-9);
  EXPECT_NEAR(a.mid_frontal.y, 200, 1e-9);
  for (sim::HairlinePreset p : sim::kAllHairlinePresets) {
    const sim::Hairline h = sim::make_hairline_preset(p, a);
    SCOPED_TRACE(std::string(sim::preset_name(p)));
    ASSERT_GE(h.control_points.size(), 4u);
    EXPECT_TRUE(h.symmetric);
    EXPECT_NEAR(h.control_points.front().x, 500, 1e-9);  // on the midline
    // The temple end is behind the centre (recession), and at the half width.
    EXPECT_GT(h.control_points.back().y, h.control_points.front().y);
    EXPECT_NEAR(h.control_points.back().x - 500, a.half_width_mm * 5, 1e-9);
  }
  const auto peak = sim::make_hairline_preset(sim::HairlinePreset::WidowsPeak, a);
  EXPECT_LT(peak.control_points[0].y, 200);  // the peak points toward the face
}

TEST(HairlinePresets, FollowTheHeadFrame) {
  sim::Plan plan = plan_with_hairline();
  plan.hairline.control_points.clear();
  plan.head.front_dir = {1, 0};  // face to the right
  plan.calibration.px_per_mm = 4;
  const sim::PresetAnchor a = sim::preset_anchor(plan, 50);
  EXPECT_NEAR(a.mid_frontal.x, 700, 1e-9);
  const sim::Hairline h = sim::make_hairline_preset(sim::HairlinePreset::MatureReceded, a);
  EXPECT_LT(h.control_points.back().x, 700);  // temples recede away from the face
  EXPECT_NEAR(std::abs(h.control_points.back().y - 400), a.half_width_mm * 4, 1e-9);
}

// Recovery copies: written one interval after the first unsaved change (off the UI thread),
// removed when the plan is saved, and the session id changes for the next document.
TEST(RecoveryAutosave, WritesAfterTheIntervalAndRemovesOnSave) {
  test::ScopedTempDir tmp("smp-autosave");
  auto store = std::make_shared<app::RecoveryStore>(tmp / "recovery");
  RecoveryAutosave autosave(store, std::chrono::minutes(1));
  using namespace std::chrono_literals;
  const auto t0 = RecoveryAutosave::Clock::time_point{} + 1h;
  int snapshots = 0;
  const auto snap = [&] {
    ++snapshots;
    return RecoveryAutosave::Snapshot{plan_with_hairline(), "/clinic/plan.json"};
  };
  const auto settle = [&](RecoveryAutosave::Clock::time_point t, std::uint64_t rev) {
    while (autosave.write_in_flight()) autosave.update(t, true, rev, snap);
  };

  autosave.update(t0, false, 1, snap);  // clean: nothing
  autosave.update(t0 + 1s, true, 2, snap);
  autosave.update(t0 + 30s, true, 3, snap);  // still inside the first minute
  EXPECT_EQ(snapshots, 0);
  EXPECT_TRUE(store->list().empty());
  autosave.update(t0 + 61s, true, 3, snap);
  EXPECT_EQ(snapshots, 1);
  settle(t0 + 61s, 3);
  EXPECT_TRUE(autosave.take_error().empty());
  auto entries = store->list();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].session_id, autosave.session_id());
  EXPECT_EQ(entries[0].document, "/clinic/plan.json");
  EXPECT_EQ(store->load(entries[0]).hairline.control_points.size(), 3u);

  autosave.update(t0 + 200s, true, 3, snap);  // no new edit: no new copy
  EXPECT_EQ(snapshots, 1);
  autosave.update(t0 + 201s, true, 4, snap);  // a new edit: the next copy a minute later
  autosave.update(t0 + 250s, true, 4, snap);
  EXPECT_EQ(snapshots, 1);
  autosave.update(t0 + 262s, true, 4, snap);
  EXPECT_EQ(snapshots, 2);
  settle(t0 + 262s, 4);

  const std::string first_session = autosave.session_id();
  autosave.update(t0 + 263s, false, 4, snap);  // saved
  EXPECT_TRUE(store->list().empty());
  EXPECT_NE(autosave.session_id(), first_session);
  EXPECT_FALSE(autosave.has_copy());
}

TEST(RecoveryAutosave, DiscardWaitsForTheWriteSoTheCopyStaysGone) {
  test::ScopedTempDir tmp("smp-autosave");
  auto store = std::make_shared<app::RecoveryStore>(tmp / "recovery");
  RecoveryAutosave autosave(store, std::chrono::seconds(0));
  const auto t = RecoveryAutosave::Clock::now();
  autosave.update(t, true, 2, [] { return RecoveryAutosave::Snapshot{plan_with_hairline(), {}}; });
  autosave.discard();  // possibly while the write is still running
  EXPECT_FALSE(autosave.write_in_flight());
  EXPECT_TRUE(store->list().empty());
}

TEST(RecoveryAutosave, DisabledDoesNothing) {
  RecoveryAutosave autosave;
  int snapshots = 0;
  autosave.update(RecoveryAutosave::Clock::now(), true, 5, [&] {
    ++snapshots;
    return RecoveryAutosave::Snapshot{};
  });
  autosave.discard();
  EXPECT_FALSE(autosave.enabled());
  EXPECT_EQ(snapshots, 0);
}

TEST(RecoveryAutosave, RecoveredPhotoPathAndDescription) {
  sim::Plan plan;
  plan.photo.path = "photos/client.jpg";
  EXPECT_EQ(recovered_photo_path(plan, "/clinic/plans/a.json"), std::filesystem::path("/clinic/plans/photos/client.jpg"));
  EXPECT_EQ(recovered_photo_path(plan, ""), std::filesystem::path("photos/client.jpg"));
  plan.photo.path = "/abs/client.jpg";
  EXPECT_EQ(recovered_photo_path(plan, "/clinic/plans/a.json"), std::filesystem::path("/abs/client.jpg"));

  app::RecoveryEntry e;
  e.photo = "/abs/client.jpg";
  e.saved_at = "2026-01-02T03:04:05Z";
  EXPECT_EQ(describe_recovery_entry(e), "unsaved plan for client.jpg (2026-01-02T03:04:05Z)");
  e.document = "/clinic/plans/a.json";
  EXPECT_EQ(describe_recovery_entry(e), "a.json (2026-01-02T03:04:05Z)");
}

TEST(RecentFiles, SavedOwnerOnlyAndReadBack) {
  test::ScopedTempDir tmp("smp-recent");
  const auto location = tmp / "config/smp-studio/recent.txt";
  RecentFiles recent;
  recent.add("/clinic/b.json");
  recent.add("/clinic/a.jpg");
  save_recent_files(recent, location);
  struct stat st {};
  ASSERT_EQ(::stat(location.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const RecentFiles back = load_recent_files(location);
  ASSERT_EQ(back.paths.size(), 2u);
  EXPECT_EQ(back.paths[0], std::filesystem::path("/clinic/a.jpg"));
  save_recent_files(recent, tmp / "missing-parent-is-created/x/recent.txt");  // no throw
}

TEST(Document, APhotoWithoutAHeadOpensAsAGuessWithoutAPrice) {
  test::ScopedTempDir dir("smp-viewer-doc");
  const auto black = dir / "black.png";
  cv::imwrite(black.string(), cv::Mat3b(480, 640, cv::Vec3b(0, 0, 0)));
  const Document guess = open_document(black, {});
  EXPECT_FALSE(price_allowed(guess));
  EXPECT_NE(guess.guess_reason.find("no head found"), std::string::npos) << guess.guess_reason;
  ASSERT_FALSE(guess.warnings.empty());
  EXPECT_NE(guess.warnings.front().find("No estimate for black.png"), std::string::npos) << guess.warnings.front();

  const Document demo = open_document(std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg", {});
  EXPECT_TRUE(price_allowed(demo)) << demo.guess_reason;
}

// The viewer opens a photo with the same first plan smp-render makes (one pipeline), and
// the clinic's defaults for new plans apply.
TEST(Document, OpensWithTheFirstPlanSmpRenderMakes) {
  test::ScopedTempDir dir("smp-viewer-first-plan");
  const std::filesystem::path photo = dir / "photo.png";  // the demo at a third of its size: a quick run
  const cv::Mat demo = cv::imread(std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg");
  cv::Mat small;
  cv::resize(demo, small, {}, 1.0 / 3, 1.0 / 3, cv::INTER_AREA);
  cv::imwrite(photo.string(), small);
  app::RenderJob job;
  job.photo = photo;
  job.save_plan = dir / "plan.json";
  ::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);  // no clinic file: the defaults, as below
  app::run_render_job(job);
  const sim::Plan rendered = sim::load_plan(dir / "plan.json");
  sim::ClinicSettings clinic;
  const Document doc = open_document(photo, clinic);
  sim::Plan viewer = doc.plan;
  viewer.photo = rendered.photo;  // stored relative to the plan file
  EXPECT_EQ(nlohmann::json::parse(sim::plan_to_json(viewer))["params"],
            nlohmann::json::parse(sim::plan_to_json(rendered))["params"]);
  clinic.default_sessions = 5;
  clinic.needles.fill = {5, 0.30};
  const Document with_clinic = open_document(photo, clinic);
  EXPECT_EQ(with_clinic.plan.params.sessions, 5);
  EXPECT_EQ(with_clinic.plan.params.needle.points, 5);
}

// Save never writes a plan over its own photo (a file name picked by mistake).
TEST(ViewerDocument, SaveRefusesThePhotoItself) {
  test::ScopedTempDir dir("smp-save-photo");
  const std::filesystem::path photo = dir / "photo.jpg";
  std::filesystem::copy_file(std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg", photo);
  Document doc = open_document(photo, {});
  const auto size = std::filesystem::file_size(photo);
  EXPECT_THROW(save_document(doc, photo), std::runtime_error);
  EXPECT_THROW(save_document(doc, dir / "." / "photo.jpg"), std::runtime_error);
  EXPECT_EQ(std::filesystem::file_size(photo), size);
  EXPECT_FALSE(doc.plan_path.has_value());
  save_document(doc, dir / "plan.json");
  EXPECT_EQ(doc.plan_path, dir / "plan.json");
}

}  // namespace
}  // namespace smp::studio
