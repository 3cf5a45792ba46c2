// smp-render's outputs never cost the person a file: an output that would replace the photo,
// the plan or another output, a device, a pipe or a write-protected file is refused before any
// work, in one line naming it; a symbolic link keeps pointing at its file, which gets the new
// content; a replaced file keeps its permissions; messages never name the hidden temporaries.

#include "cli_runner.hpp"
#include "smp/sim/file_io.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::run_cli;
using test::RunResult;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

class CliOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy_file(fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg", photo_);
    fs::permissions(photo_, fs::perms::owner_read | fs::perms::owner_write);
    photo_bytes_ = read_text(photo_);
  }
  // Refused with one line holding `fragment`, nonzero, and the photo as it was.
  void expect_refused(const std::vector<std::string>& args, const std::string& fragment) {
    const RunResult r = run_cli(args, dir_.path());
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find(fragment), std::string::npos) << "'" << fragment << "' not in: " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    EXPECT_EQ(r.output.find(".tmp-"), std::string::npos) << r.output;
    EXPECT_EQ(read_text(photo_), photo_bytes_) << "the photo was changed";
  }
  test::ScopedTempDir dir_{"smp-cli-outputs"};
  fs::path photo_ = dir_ / "photo.jpg";
  std::string photo_bytes_;
};

TEST_F(CliOutputs, AnOutputNeverReplacesTheFilesTheRunReads) {
  expect_refused({"--photo", "photo.jpg", "--after", "photo.jpg"}, "is a file this run reads");
  expect_refused({"--photo", "photo.jpg", "--estimate", "./photo.jpg"}, "is a file this run reads");
  fs::create_symlink("photo.jpg", dir_ / "link.jpg");
  expect_refused({"--photo", "photo.jpg", "--after", "link.jpg"}, "is a file this run reads");
  // A plan names its photo: the photo is protected when only the plan is given.
  ASSERT_EQ(run_cli({"--photo", "photo.jpg", "--save-plan", "plan.json"}, dir_.path()).exit_code, 0);
  const std::string plan = read_text(dir_ / "plan.json");
  expect_refused({"--plan", "plan.json", "--after", "photo.jpg"}, "is a file this run reads");
  expect_refused({"--plan", "plan.json", "--estimate", "plan.json"}, "is a file this run reads");
  EXPECT_EQ(read_text(dir_ / "plan.json"), plan);
}

TEST_F(CliOutputs, TwoOutputsNeverShareAFile) {
  write_text(dir_ / "x.jpg", "kept");
  expect_refused({"--photo", "photo.jpg", "--after", "x.jpg", "--mockup", "x.jpg"}, "both name x.jpg");
  EXPECT_EQ(read_text(dir_ / "x.jpg"), "kept");
}

TEST_F(CliOutputs, FilesThatCannotBeReplacedAreRefusedBeforeAnyWork) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe.json").c_str(), 0600), 0);
  expect_refused({"--photo", "photo.jpg", "--estimate", "pipe.json"}, "not a regular file");
  EXPECT_TRUE(fs::is_fifo(dir_ / "pipe.json"));
  write_text(dir_ / "locked.jpg", "kept");
  fs::permissions(dir_ / "locked.jpg", fs::perms::owner_read | fs::perms::group_read);
  expect_refused({"--photo", "photo.jpg", "--after", "locked.jpg"}, "write-protected");
  EXPECT_EQ(read_text(dir_ / "locked.jpg"), "kept");
  fs::create_directory(dir_ / "folder.jpg");
  expect_refused({"--photo", "photo.jpg", "--after", "folder.jpg"}, "is a folder");
  expect_refused({"--photo", "photo.jpg", "--after", "no-such/a.jpg"}, "no-such does not exist");
  // Named by the person, not by the hidden file the image would have gone to first.
  expect_refused({"--photo", "photo.jpg", "--after", "result"}, "--after result: unsupported image type");
}

TEST_F(CliOutputs, ALinkKeepsItsFileAndAReplacedFileItsPermissions) {
  write_text(dir_ / "estimate.json", "old");
  fs::permissions(dir_ / "estimate.json", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                              fs::perms::others_read);
  fs::create_symlink("estimate.json", dir_ / "latest.json");
  const RunResult r = run_cli({"--photo", "photo.jpg", "--estimate", "latest.json", "--after", "new.jpg"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_symlink(dir_ / "latest.json"));
  EXPECT_NE(read_text(dir_ / "estimate.json").find("impressions"), std::string::npos);
  EXPECT_EQ(fs::status(dir_ / "estimate.json").permissions() & fs::perms::mask,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  // A new file is the owner's only (client data).
  EXPECT_EQ(fs::status(dir_ / "new.jpg").permissions() & fs::perms::mask, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(sim::write_target(dir_ / "latest.json"), fs::canonical(dir_ / "estimate.json"));
}

TEST_F(CliOutputs, BadOptionValuesGetOneLine) {
  expect_refused({"--photo", "photo.jpg", "--buzz", "0", "--days-since-shave", "abc"}, "--days-since-shave");
  expect_refused({"--photo", "photo.jpg", "--frobnicate"}, "--frobnicate");
  expect_refused({"--photo", "photo.jpg", "--buzz", "", "--estimate", "e.json"}, "--buzz");
  expect_refused({"--photo", "photo.jpg", "--years", "nan", "--estimate", "e.json"}, "--years");
  std::vector<std::string> many = {"--photo", "photo.jpg", "--estimate", "e.json"};
  for (int i = 0; i < 16; ++i) many.insert(many.end(), {"--view", "photo.jpg"});
  expect_refused(many, "at most 16 views");
  expect_refused({"--photo", "photo.jpg", "--face-toward", "sideways", "--estimate", "e.json"}, "--face-toward");
  expect_refused({"--project", "p.json", "--plan", "plan.json", "--estimate", "e.json"}, "--project opens its own");
  EXPECT_FALSE(fs::exists(dir_ / "e.json"));
}

}  // namespace
}  // namespace smp
