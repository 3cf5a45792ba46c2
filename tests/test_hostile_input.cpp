// Hostile and odd input to smp-render, end to end: each case is refused with one line
// naming the file and the problem, within bounded CPU time and memory (measured on the
// child process with getrusage), or handled honestly (no quote for a photo without a head).

#include "helpers/child_run.hpp"
#include "smp/sim/plan_io.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <fstream>

namespace smp {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Limits for a refused input, in every build (the sanitizer build stays well inside them).
constexpr double kMaxRefusalCpuS = 2.0;
constexpr double kMaxRefusalMb = 300.0;

constexpr int kW = 798, kH = 692;  // the photo of the reported case

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

int line_count(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

fs::path write_photo(const fs::path& dir, const std::string& name, const cv::Mat3b& pixels) {
  const fs::path p = dir / name;
  cv::imwrite(p.string(), pixels);
  return p;
}

cv::Mat3b noise(int w, int h) {
  cv::Mat3b img(h, w);
  cv::randu(img, 60, 200);
  return img;
}

test::ChildRun render(const std::vector<std::string>& args, const fs::path& dir, long address_space_mb = 0) {
  std::vector<std::string> argv{SMP_RENDER_EXE};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run_child(argv, dir / "stderr.txt", address_space_mb);
}

// A valid plan for a kW x kH photo whose masks are all-white PNGs of `mask` size, and
// whose photo section says `declared`.
std::string plan_with_masks(cv::Size mask, cv::Size declared) {
  json j = json::parse(sim::plan_to_json(test::uniform_plan(kW, kH, 4.0, 80)));
  j["photo"]["width"] = declared.width;
  j["photo"]["height"] = declared.height;
  std::vector<std::uint8_t> png;
  cv::imencode(".png", cv::Mat1b(mask, uchar{255}), png, {cv::IMWRITE_PNG_COMPRESSION, 9});
  static const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string text;
  for (std::size_t i = 0; i < png.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{png[i]} << 16) | (i + 1 < png.size() ? std::uint32_t{png[i + 1]} << 8 : 0) |
                            (i + 2 < png.size() ? png[i + 2] : 0);
    text += b64[(n >> 18) & 63];
    text += b64[(n >> 12) & 63];
    text += i + 1 < png.size() ? b64[(n >> 6) & 63] : '=';
    text += i + 2 < png.size() ? b64[n & 63] : '=';
  }
  const json m = {{"width", mask.width}, {"height", mask.height}, {"png_base64", text}};
  for (const char* k : {"treatment", "scar", "exclusion", "hair"}) j["masks"][k] = m;
  return j.dump(1);
}

void expect_bounded_refusal(const test::ChildRun& r, const std::string& what, std::initializer_list<std::string> fragments) {
  std::printf("%s: exit %d, %.2f s CPU, %.0f MiB peak: %s", what.c_str(), r.exit_code, r.cpu_s, r.peak_mb, r.err.c_str());
  EXPECT_NE(r.exit_code, 0) << what;
  EXPECT_EQ(line_count(r.err), 1) << what << ": " << r.err;
  for (const auto& f : fragments) EXPECT_NE(r.err.find(f), std::string::npos) << "'" << f << "' not in: " << r.err;
  EXPECT_LE(r.cpu_s, kMaxRefusalCpuS) << what;
  EXPECT_LE(r.peak_mb, kMaxRefusalMb) << what;
}

TEST(HostilePlan, MaskLargerThanThePhotoIsRefusedQuickly) {
  test::ScopedTempDir dir("smp-hostile");
  const fs::path photo = write_photo(dir.path(), "client.png", noise(kW, kH));
  const fs::path plan = dir / "big-masks.smp.json";
  write_text(plan, plan_with_masks({16384, 16384}, {kW, kH}));
  std::printf("plan file: %ju KiB\n", static_cast<std::uintmax_t>(fs::file_size(plan) >> 10));
  const auto r = render({"--photo", photo.string(), "--plan", plan.string(), "--estimate", (dir / "e.json").string()}, dir.path());
  expect_bounded_refusal(r, "16384x16384 masks, 798x692 photo", {plan.string(), "masks.treatment", "16384x16384", "photo"});
  EXPECT_FALSE(fs::exists(dir / "e.json"));
}

TEST(HostilePlan, PlanClaimingAHugePhotoIsRefusedBeforeItsMasksAreDecoded) {
  test::ScopedTempDir dir("smp-hostile");
  const fs::path photo = write_photo(dir.path(), "client.png", noise(kW, kH));
  const fs::path plan = dir / "lying.smp.json";
  write_text(plan, plan_with_masks({16384, 16384}, {16384, 16384}));
  const auto r = render({"--photo", photo.string(), "--plan", plan.string(), "--estimate", (dir / "e.json").string()}, dir.path());
  expect_bounded_refusal(r, "plan says 16384x16384 photo", {photo.string(), "16384x16384", "798x692"});
}

TEST(HostilePlan, MaskCheckNamesTheField) {
  const std::string text = plan_with_masks({kW + 1, kH}, {kW, kH});
  try {
    sim::plan_from_json(text, "p.json");
    ADD_FAILURE() << "accepted a mask wider than the photo";
  } catch (const sim::PlanFileError& e) {
    EXPECT_NE(std::string(e.what()).find("p.json: masks.treatment is 799x692 pixels, larger than the 798x692 photo"),
              std::string::npos) << e.what();
  }
  // Whatever photo size a plan claims, a mask is at most 4096 pixels on a side.
  try {
    sim::plan_from_json(plan_with_masks({5000, 5000}, {16384, 16384}), "p.json");
    ADD_FAILURE() << "accepted a 5000x5000 mask";
  } catch (const sim::PlanFileError& e) {
    EXPECT_NE(std::string(e.what()).find("p.json: masks.treatment is 5000x5000 pixels; masks are at most 4096 pixels on a side"),
              std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(sim::plan_from_json(plan_with_masks({kW, kH}, {kW, kH}), "p.json"));
  EXPECT_NO_THROW(sim::plan_from_json(plan_with_masks({400, 346}, {kW, kH}), "p.json"));
}

TEST(HostilePlan, TruncatedPlanGivesOneShortLine) {
  test::ScopedTempDir dir("smp-hostile");
  const fs::path photo = write_photo(dir.path(), "client.png", noise(kW, kH));
  const std::string full = plan_with_masks({kW, kH}, {kW, kH});
  const fs::path plan = dir / "cut.smp.json";
  write_text(plan, full.substr(0, full.find("png_base64") + 2000));  // inside a base64 mask
  const auto r = render({"--photo", photo.string(), "--plan", plan.string(), "--estimate", (dir / "e.json").string()}, dir.path());
  expect_bounded_refusal(r, "truncated plan", {plan.string(), "not valid JSON"});
  EXPECT_LE(r.err.size(), 400u) << r.err;
  // At most 80 characters of the document are quoted.
  const std::size_t q = r.err.find("last read: '");
  ASSERT_NE(q, std::string::npos) << r.err;
  const std::size_t end = r.err.find('\'', q + 12);
  ASSERT_NE(end, std::string::npos);
  EXPECT_LE(end - (q + 12), 80u) << r.err;
}

TEST(HostilePlan, DuplicateKeysAreRefusedWithTheirPath) {
  json j = json::parse(sim::plan_to_json(test::uniform_plan(kW, kH, 4.0, 80)));
  std::string text = j.dump(1);
  // The same key twice, first with a wrong type: a reader keeping the last would accept it.
  const std::size_t at = text.find("\"sessions\":");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"sessions\": \"three\",\n");
  try {
    sim::plan_from_json(text, "dup.json");
    ADD_FAILURE() << "accepted a duplicate key";
  } catch (const sim::PlanFileError& e) {
    EXPECT_NE(std::string(e.what()).find("dup.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"params.sessions\" appears twice"), std::string::npos) << e.what();
  }
  std::string nested = j.dump(1);
  const std::size_t cp = nested.find("\"points\":");
  ASSERT_NE(cp, std::string::npos);
  nested.insert(cp, "\"points\": 1,\n");
  EXPECT_THROW(sim::plan_from_json(nested, "dup.json"), sim::PlanFileError);
}

TEST(HonestDetection, NoHeadOrAStripIsRefusedUnlessForced) {
  test::ScopedTempDir dir("smp-hostile");
  const fs::path black = write_photo(dir.path(), "black.png", cv::Mat3b(kH, kW, cv::Vec3b(0, 0, 0)));
  const fs::path white = write_photo(dir.path(), "white.png", cv::Mat3b(kH, kW, cv::Vec3b(255, 255, 255)));
  const fs::path strip = write_photo(dir.path(), "strip.png", cv::Mat3b(2000, 10, cv::Vec3b(120, 140, 170)));
  const fs::path estimate = dir / "e.json";
  for (const fs::path& p : {black, white}) {
    const auto r = render({"--photo", p.string(), "--estimate", estimate.string()}, dir.path());
    EXPECT_NE(r.exit_code, 0) << p;
    EXPECT_EQ(line_count(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(p.string() + ": no head found"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(estimate)) << "no quote for a photo without a head";
  }
  const auto s = render({"--photo", strip.string(), "--estimate", estimate.string()}, dir.path());
  EXPECT_NE(s.exit_code, 0);
  EXPECT_NE(s.err.find("10x2000 pixels, too narrow to show a head"), std::string::npos) << s.err;
  EXPECT_FALSE(fs::exists(estimate));

  // --force renders the guess and says so in the estimate.
  const auto f = render({"--photo", black.string(), "--estimate", estimate.string(), "--force"}, dir.path());
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const json e = json::parse(read_text(estimate));
  ASSERT_TRUE(e["warnings"].is_array());
  ASSERT_FALSE(e["warnings"].empty());
  EXPECT_NE(e["warnings"][0].get<std::string>().find("no head found"), std::string::npos) << e.dump();
}

TEST(HonestDetection, EstimateCarriesTheSameFieldsWhateverElseIsAsked) {
  test::ScopedTempDir dir("smp-hostile");
  const std::string demo = std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg";
  const fs::path plain = dir / "plain.json", with_export = dir / "export.json";
  const auto a = render({"--photo", demo, "--estimate", plain.string()}, dir.path());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const auto b = render({"--photo", demo, "--estimate", with_export.string(), "--export", (dir / "x.jpg").string(),
                         "--export-width", "400"}, dir.path());
  ASSERT_EQ(b.exit_code, 0) << b.err;
  for (const fs::path& p : {plain, with_export}) {
    const json e = json::parse(read_text(p));
    EXPECT_TRUE(e.contains("notes") && e["notes"].is_array()) << p;
    EXPECT_TRUE(e.contains("warnings") && e["warnings"].is_array()) << p;
    EXPECT_TRUE(e.contains("confirm_in_person") && e["confirm_in_person"].is_boolean()) << p;
  }
  EXPECT_EQ(json::parse(read_text(plain))["notes"], json::parse(read_text(with_export))["notes"]);
}

TEST(AllOrNothing, AFailedOutputLeavesNoOtherOutputOfTheRun) {
  test::ScopedTempDir dir("smp-hostile");
  const std::string demo = std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg";
  const fs::path after = dir / "after.png", estimate = dir / "e.json";
  const auto r = render({"--photo", demo, "--after", after.string(), "--estimate", estimate.string(), "--mockup",
                         (dir / "missing-folder" / "m.jpg").string()}, dir.path());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("missing-folder"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(after));
  EXPECT_FALSE(fs::exists(estimate));
  int left = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) left += e.path().filename().string().find(".tmp-") != std::string::npos;
  EXPECT_EQ(left, 0) << "temporary files were left behind";

  // The consultation outputs too: an export and an estimate, then a report that cannot be written.
  const fs::path exported = dir / "export.jpg";
  const auto c = render({"--photo", demo, "--export", exported.string(), "--export-width", "400", "--estimate",
                         estimate.string(), "--report", (dir / "missing-folder" / "r.pdf").string()}, dir.path());
  EXPECT_NE(c.exit_code, 0);
  EXPECT_EQ(line_count(c.err), 1) << c.err;
  EXPECT_FALSE(fs::exists(exported));
  EXPECT_FALSE(fs::exists(estimate));
}

TEST(OutOfMemory, IsOneLineNamingTheFileAndTheStage) {
  if (kSanitized) GTEST_SKIP() << "the sanitizer runtime needs an unlimited address space";
  test::ScopedTempDir dir("smp-hostile");
  // A valid, large, easily compressed photo (81 MP): holding it, its result and the libraries
  // needs far more than 512 MiB.
  const fs::path photo = write_photo(dir.path(), "large.png", cv::Mat3b(9000, 9000, cv::Vec3b(120, 140, 170)));
  const auto r = render({"--photo", photo.string(), "--after", (dir / "a.png").string(), "--force"}, dir.path(), 512);
  std::printf("under a 512 MiB address space: exit %d: %s", r.exit_code, r.err.c_str());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("out of memory while"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(photo.string()), std::string::npos) << r.err;
}

}  // namespace
}  // namespace smp
