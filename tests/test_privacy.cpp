// Privacy: exports carry no EXIF/GPS or other metadata from the client's photo, every file
// the program writes is owner-only, and smp-render opens no network connection.

#include "cli_runner.hpp"
#include "image_builders.hpp"
#include "render_job.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::Bytes;

bool contains(const Bytes& hay, const std::string& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// Runs a shell command, returning its exit status and everything it printed.
std::pair<int, std::string> shell(const std::string& cmd) {
  const test::RunResult r = test::run_shell(cmd);
  return {r.exit_code, r.output};
}

using test::quote;

bool have(const char* tool) { return shell(std::string("command -v ") + tool).first == 0; }

// exiftool's view of a file as "Group:Tag" names (empty when exiftool is not installed).
std::vector<std::string> exif_tags(const fs::path& file) {
  const auto [rc, out] = shell("exiftool -j -G1 -a " + quote(file.string()));
  std::vector<std::string> tags;
  if (rc != 0) return tags;
  const nlohmann::json doc = nlohmann::json::parse(out);  // (kept alive: items() refers into it)
  for (const auto& [key, value] : doc.at(0).items()) tags.push_back(key);
  return tags;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

// A client photo with a camera EXIF block: maker, orientation and GPS position.
struct Fixture {
  test::ScopedTempDir dir{"smp-privacy"};
  fs::path photo = dir / "client.jpg";
  fs::path plan = dir / "client.smp.json";
  Fixture() {
    cv::Mat3b img(480, 640, cv::Vec3b(120, 140, 175));
    cv::circle(img, {320, 240}, 180, cv::Scalar(105, 125, 160), cv::FILLED);
    test::write_bytes(photo, test::insert_segment(test::encode(".jpg", img), 0xE1, test::exif_with_gps()));
    sim::Plan p = test::uniform_plan(640, 480, 3.0, 40);
    p.photo.path = "client.jpg";
    p.photo.sha256 = sim::sha256_file_hex(photo);
    sim::save_plan(p, plan);
  }
};

void expect_no_metadata(const fs::path& file) {
  SCOPED_TRACE(file.filename().string());
  const Bytes bytes = test::read_bytes(file);
  ASSERT_FALSE(bytes.empty());
  for (const char* marker : {"Exif", "GPS", "SecretCam", "eXIf", "tEXt", "iTXt", "zTXt", "http://ns.adobe.com"})
    EXPECT_FALSE(contains(bytes, marker)) << "found \"" << marker << "\"";
  for (const std::string& tag : exif_tags(file)) {
    EXPECT_EQ(tag.find("GPS"), std::string::npos) << tag;
    EXPECT_NE(tag.rfind("IFD0:", 0), 0u) << tag;
    EXPECT_NE(tag.rfind("ExifIFD:", 0), 0u) << tag;
  }
}

TEST(Privacy, TheTestPhotoReallyCarriesGps) {
  Fixture f;
  EXPECT_TRUE(contains(test::read_bytes(f.photo), "Exif"));
  EXPECT_TRUE(contains(test::read_bytes(f.photo), "SecretCam"));
  if (!have("exiftool")) GTEST_SKIP() << "exiftool not installed; the byte scans still ran";
  const auto tags = exif_tags(f.photo);
  EXPECT_NE(std::find(tags.begin(), tags.end(), "GPS:GPSLatitude"), tags.end());
  EXPECT_NE(std::find(tags.begin(), tags.end(), "IFD0:Make"), tags.end());
}

TEST(Privacy, SavedImagesCarryNoMetadataAndAreOwnerOnly) {
  Fixture f;
  const cv::Mat3b photo = render::load_photo(f.photo);
  for (const char* name : {"export.png", "export.jpg", "export.JPEG"}) {
    const fs::path out = f.dir / name;
    render::save_image(out, photo);
    expect_no_metadata(out);
    EXPECT_EQ(mode_of(out), 0600u) << name;
  }
}

TEST(Privacy, RenderJobOutputsCarryNoMetadataAndAreOwnerOnly) {
  Fixture f;
  app::RenderJob job;
  job.plan = f.plan;
  job.after = f.dir / "after.png";
  job.mockup = f.dir / "mockup.jpg";
  job.estimate = f.dir / "estimate.json";
  job.save_plan = f.dir / "saved.smp.json";
  app::run_render_job(job);
  for (const fs::path& out : {*job.after, *job.mockup}) expect_no_metadata(out);
  for (const fs::path& out : {*job.after, *job.mockup, *job.estimate, *job.save_plan, f.plan})
    EXPECT_EQ(mode_of(out), 0600u) << out;
}

// Traces every network system call of smp-render, its threads and its decoder while it renders.
TEST(Privacy, SmpRenderOpensNoNetworkConnections) {
  if (!have("strace")) GTEST_SKIP() << "strace not installed (tools/install-deps.sh --test installs it)";
  if (const auto [rc, out] = shell("strace -f -qq -e trace=network true"); rc != 0)
    GTEST_SKIP() << "strace cannot trace here (ptrace not permitted?): " << out;
  Fixture f;
  const fs::path log = f.dir / "strace.log";
  // LeakSanitizer (sanitizer build) cannot run under a tracer; leaks are checked elsewhere.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string env = "ASAN_OPTIONS=" + quote(std::string(asan ? asan : "") + ":detect_leaks=0") + " ";
  const std::string cmd = env + "strace -f -qq -e trace=network -o " + quote(log.string()) + " " + quote(SMP_RENDER_EXE) +
                          " --plan " + quote(f.plan.string()) + " --after " + quote((f.dir / "a.png").string()) +
                          " --mockup " + quote((f.dir / "m.jpg").string()) + " --estimate " +
                          quote((f.dir / "e.json").string());
  const auto [rc, out] = shell(cmd);
  ASSERT_EQ(rc, 0) << out;
  ASSERT_TRUE(fs::exists(f.dir / "a.png")) << "smp-render did not run under strace";
  std::ifstream in(log);
  const std::string calls((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(calls.find("socket("), std::string::npos) << calls;
  EXPECT_EQ(calls.find("connect("), std::string::npos) << calls;
  EXPECT_EQ(calls.find("bind("), std::string::npos) << calls;
  // The one kind of socket: a connected pair within the machine, between smp-render and its
  // own decoder service (what is sent and received goes over no other).
  for (std::size_t at = calls.find("socketpair("); at != std::string::npos; at = calls.find("socketpair(", at + 1))
    EXPECT_EQ(calls.compare(at, 18, "socketpair(AF_UNIX"), 0) << calls.substr(at, 80);
}

}  // namespace
}  // namespace smp
