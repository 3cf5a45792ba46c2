// A project whose photo has moved: the render job names the missing photo clearly, and the
// pure helper finds the same photo (by content hash) near the plan so the app can relink.

#include "image_builders.hpp"
#include "render_job.hpp"
#include "smp/sim/photo_locate.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace smp {
namespace {

namespace fs = std::filesystem;

struct Project {
  fs::path plan_file;
  fs::path photo;
  sim::Plan plan;
};

// A small photo and a plan saved next to it, referring to it by a relative path.
Project make_project(const fs::path& dir) {
  Project p;
  p.photo = dir / "client.png";
  cv::Mat3b img(150, 200, cv::Vec3b(120, 140, 170));
  cv::circle(img, {100, 75}, 40, cv::Scalar(90, 110, 150), cv::FILLED);
  test::write_bytes(p.photo, test::encode(".png", img));
  p.plan = test::uniform_plan(200, 150, 2.0, 40);
  p.plan.photo.path = "client.png";
  p.plan.photo.sha256 = sim::sha256_file_hex(p.photo);
  p.plan_file = dir / "client.smp.json";
  sim::save_plan(p.plan, p.plan_file);
  return p;
}

TEST(MovedPhoto, FindsTheSameContentUnderAnotherNameOrFolder) {
  test::ScopedTempDir dir("smp-moved");
  const Project p = make_project(dir.path());
  EXPECT_EQ(sim::stored_photo_location(p.plan_file, p.plan.photo), p.photo);

  fs::create_directories(dir / "photos" / "2026");
  // A decoy with the old name but other content, and the real photo renamed.
  test::write_bytes(dir / "photos" / "client.png", test::encode(".png", cv::Mat3b(10, 10, cv::Vec3b(1, 2, 3))));
  fs::rename(p.photo, dir / "photos" / "2026" / "IMG_0042.PNG");
  const auto found = sim::find_moved_photo(p.plan_file, p.plan);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, dir / "photos" / "2026" / "IMG_0042.PNG");

  // Too deep for the search limits: not found, quickly.
  sim::PhotoSearchLimits shallow;
  shallow.max_depth = 1;
  EXPECT_FALSE(sim::find_moved_photo(p.plan_file, p.plan, shallow));
}

// The search reads at most max_total_bytes: large files near the plan (a folder of videos,
// disk images) are passed over unread, so a missing photo costs a bounded time.
TEST(MovedPhoto, HashesNoMoreThanItsBudget) {
  test::ScopedTempDir dir("smp-moved");
  const Project p = make_project(dir.path());
  fs::rename(p.photo, dir / "renamed.png");
  for (const char* decoy : {"a-huge.jpg", "b-huge.jpg"}) {  // sorted before the photo; sparse
    std::ofstream(dir / decoy).close();
    fs::resize_file(dir / decoy, std::uintmax_t{64} << 20);
  }
  sim::PhotoSearchLimits limits;
  limits.max_total_bytes = fs::file_size(dir / "renamed.png") + 1000;
  const auto found = sim::find_moved_photo(p.plan_file, p.plan, limits);
  ASSERT_TRUE(found) << "the photo fits the budget: the large files are passed over";
  EXPECT_EQ(*found, dir / "renamed.png");
  limits.max_total_bytes = 100;
  EXPECT_FALSE(sim::find_moved_photo(p.plan_file, p.plan, limits)) << "nothing fits: nothing is read";
}

TEST(MovedPhoto, NoHashOrNoMatchMeansNothingIsGuessed) {
  test::ScopedTempDir dir("smp-moved");
  Project p = make_project(dir.path());
  fs::remove(p.photo);
  EXPECT_FALSE(sim::find_moved_photo(p.plan_file, p.plan));
  p.plan.photo.sha256.clear();
  test::write_bytes(dir / "client.png", test::encode(".png", cv::Mat3b(150, 200, cv::Vec3b(0, 0, 0))));
  EXPECT_FALSE(sim::find_moved_photo(p.plan_file, p.plan)) << "without a hash, identity cannot be proven";
}

TEST(MovedPhoto, RenderJobNamesTheMissingPhoto) {
  test::ScopedTempDir dir("smp-moved");
  const Project p = make_project(dir.path());
  fs::remove(p.photo);
  app::RenderJob job;
  job.plan = p.plan_file;
  job.estimate = dir / "estimate.json";
  try {
    app::run_render_job(job);
    ADD_FAILURE();
  } catch (const std::exception& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(p.photo.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("not found"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--photo"), std::string::npos) << msg;
  }
  EXPECT_FALSE(fs::exists(dir / "estimate.json")) << "nothing written after a failure";
}

TEST(MovedPhoto, RenderJobRelinksToTheSamePhotoAndSaysSo) {
  test::ScopedTempDir dir("smp-moved");
  const Project p = make_project(dir.path());
  fs::create_directories(dir / "archive");
  fs::rename(p.photo, dir / "archive" / "renamed.png");
  app::RenderJob job;
  job.plan = p.plan_file;
  job.estimate = dir / "estimate.json";
  const app::RenderResult r = app::run_render_job(job);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("renamed.png"), std::string::npos) << r.warnings[0];
  EXPECT_TRUE(fs::exists(dir / "estimate.json"));
  // The plan file itself is not rewritten by a render.
  EXPECT_EQ(sim::load_plan(p.plan_file).photo.path, "client.png");
}

}  // namespace
}  // namespace smp
