// The plan document: JSON round trip, lossless masks, clear errors on bad files.

#include "smp/sim/file_io.hpp"
#include "smp/sim/plan_io.hpp"
#include "smp/sim/sha256.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <limits>

namespace smp {
namespace {

namespace fs = std::filesystem;

sim::Plan rich_plan() {
  sim::Plan p = test::uniform_plan(640, 480, 7.25, 72.5);
  p.photo.sha256 = sim::sha256_hex(std::vector<std::uint8_t>{1, 2, 3});
  p.calibration = {7.25, false, "head-width"};
  p.head.view = sim::ViewKind::Front;
  p.head.midline_origin = {321.5, 240.25};
  p.head.front_dir = {0.6, 0.8};
  p.head.outline = cv::RotatedRect({320, 240}, {300, 380}, 12.5f);
  p.hairline.symmetric = true;
  p.hairline.control_points = {{321.5, 100}, {400, 110.5}, {470, 160}};
  p.masks.treatment = cv::Mat1b(480, 640, uchar{0});
  cv::ellipse(p.masks.treatment, {320, 240}, {200, 150}, 0, 0, 360, 255, cv::FILLED);
  p.masks.treatment(5, 7) = 128;  // an odd value must survive too: lossless
  p.masks.scar = cv::Mat1b(240, 320, uchar{0});
  cv::line(p.masks.scar, {50, 120}, {270, 120}, 255, 9);
  p.params.transition_mm = 8.5;
  p.params.irregularity = 0.35;
  p.params.needle = {5, 0.3};
  p.params.pigment.dilution_pct = 42;
  p.params.sessions = 4;
  p.params.seed = 0xFEDCBA9876543210ull;  // needs all 64 bits
  p.client_label = "Client #12 \xc3\xa9";
  p.notes = "line 1\nline 2";
  return p;
}

void expect_same(const sim::Plan& a, const sim::Plan& b) {
  EXPECT_EQ(a.photo.path, b.photo.path);
  EXPECT_EQ(a.photo.sha256, b.photo.sha256);
  EXPECT_EQ(a.photo.width, b.photo.width);
  EXPECT_DOUBLE_EQ(a.calibration.px_per_mm, b.calibration.px_per_mm);
  EXPECT_EQ(a.calibration.measured, b.calibration.measured);
  EXPECT_EQ(a.calibration.source, b.calibration.source);
  EXPECT_EQ(a.head.view, b.head.view);
  EXPECT_EQ(a.head.midline_origin, b.head.midline_origin);
  EXPECT_NEAR(a.head.front_dir.x, b.head.front_dir.x, 1e-12);
  EXPECT_FLOAT_EQ(a.head.outline.angle, b.head.outline.angle);
  EXPECT_EQ(a.hairline.symmetric, b.hairline.symmetric);
  EXPECT_EQ(a.hairline.control_points, b.hairline.control_points);
  EXPECT_EQ(a.params.seed, b.params.seed);
  EXPECT_EQ(a.params.needle.points, b.params.needle.points);
  EXPECT_DOUBLE_EQ(a.params.needle.diameter_mm, b.params.needle.diameter_mm);
  EXPECT_DOUBLE_EQ(a.params.pigment.dilution_pct, b.params.pigment.dilution_pct);
  EXPECT_DOUBLE_EQ(a.params.density_per_cm2, b.params.density_per_cm2);
  EXPECT_DOUBLE_EQ(a.params.irregularity, b.params.irregularity);
  EXPECT_EQ(a.params.sessions, b.params.sessions);
  EXPECT_EQ(a.client_label, b.client_label);
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_EQ(cv::norm(a.masks.treatment, b.masks.treatment, cv::NORM_INF), 0);
  EXPECT_EQ(cv::norm(a.masks.scar, b.masks.scar, cv::NORM_INF), 0);
  EXPECT_TRUE(b.masks.exclusion.empty());
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("smp-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))) {
    fs::create_directories(path_);
  }
  ~TempDir() { std::error_code ec; fs::remove_all(path_, ec); }
  const fs::path& path() const { return path_; }

 private:
  static int& counter() { static int c = 0; return c; }
  fs::path path_;
};

TEST(PlanIo, RoundTripInMemoryAndOnDisk) {
  const sim::Plan p = rich_plan();
  ASSERT_EQ(sim::validate(p), "");
  expect_same(p, sim::plan_from_json(sim::plan_to_json(p)));
  TempDir dir;
  const fs::path file = dir.path() / "client.smp.json";
  sim::save_plan(p, file);
  expect_same(p, sim::load_plan(file));
  // Created for the owner only: health data.
  const auto perms = fs::status(file).permissions();
  EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

TEST(PlanIo, ClientNamesInAnyScriptAndAnyLengthRoundTrip) {
  sim::Plan p = rich_plan();
  p.client_label = "Zoë Müller-Łukasz 张伟 محمد Γιώργος Дмитрий דוד राहुल さくら 김민준";
  while (p.client_label.size() < 2000) p.client_label += " · Zoë 张伟";  // longer than any old buffer
  p.notes = p.client_label;
  TempDir dir;
  const fs::path file = dir.path() / "client.smp.json";
  sim::save_plan(p, file);
  const sim::Plan back = sim::load_plan(file);
  EXPECT_EQ(back.client_label, p.client_label);
  EXPECT_EQ(back.notes, p.notes);
}

// The occlusion mask (hair hiding the skin) is soft: every level survives, and plans written
// before it existed load with none.
TEST(PlanIo, OcclusionMaskRoundTripsAndIsOptional) {
  sim::Plan p = rich_plan();
  p.masks.occlusion = cv::Mat1b(120, 160, uchar{0});
  for (int x = 0; x < 160; ++x) p.masks.occlusion.col(x).setTo(x);
  const sim::Plan back = sim::plan_from_json(sim::plan_to_json(p));
  ASSERT_EQ(back.masks.occlusion.size(), p.masks.occlusion.size());
  EXPECT_EQ(cv::norm(back.masks.occlusion, p.masks.occlusion, cv::NORM_INF), 0);
  nlohmann::json old = nlohmann::json::parse(sim::plan_to_json(p));
  old["masks"].erase("occlusion");
  EXPECT_TRUE(sim::plan_from_json(old.dump()).masks.occlusion.empty());
}

TEST(PlanIo, SavingOverAnExistingFileLeavesNoTemporaryFiles) {
  TempDir dir;
  const fs::path file = dir.path() / "p.json";
  sim::save_plan(rich_plan(), file);
  sim::Plan changed = rich_plan();
  changed.params.density_per_cm2 = 55;
  sim::save_plan(changed, file);
  EXPECT_DOUBLE_EQ(sim::load_plan(file).params.density_per_cm2, 55);
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

// Expects plan_from_json to fail with a message containing every fragment.
void expect_error(const std::string& text, std::initializer_list<std::string> fragments) {
  try {
    sim::plan_from_json(text, "client.json");
    ADD_FAILURE() << "no error for: " << text.substr(0, 200);
  } catch (const sim::PlanFileError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("client.json"), std::string::npos) << msg;
    for (const auto& f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
}

nlohmann::json valid_json() { return nlohmann::json::parse(sim::plan_to_json(rich_plan())); }

TEST(PlanIo, ClearErrorsOnMalformedFiles) {
  expect_error("", {"not valid JSON"});
  expect_error("{\"format\": \"smp-studio-plan\", \"version\": 1,", {"not valid JSON"});
  expect_error("[1, 2, 3]", {"JSON object"});
  expect_error("{\"format\": \"something-else\"}", {"not an SMP Studio plan"});

  auto j = valid_json();
  j["version"] = 99;
  expect_error(j.dump(), {"version 99", "newer"});

  j = valid_json();
  j["params"]["density_per_cm2"] = "lots";
  expect_error(j.dump(), {"params.density_per_cm2", "must be a number"});

  j = valid_json();
  j["params"]["density_per_cm2"] = -5;
  expect_error(j.dump(), {"density"});

  j = valid_json();
  j["params"]["needle"]["diameter_mm"] = 0;
  expect_error(j.dump(), {"needle diameter"});

  j = valid_json();
  j["params"]["sessions"] = 1000000;
  expect_error(j.dump(), {"params.sessions"});

  j = valid_json();
  j["params"]["seed"] = "12abc";
  expect_error(j.dump(), {"params.seed"});

  j = valid_json();
  j["hairline"]["control_points"][1] = {1, "x"};
  expect_error(j.dump(), {"hairline.control_points[1]"});

  j = valid_json();
  j["calibration"].erase("px_per_mm");
  expect_error(j.dump(), {"calibration.px_per_mm", "missing"});

  j = valid_json();
  j["masks"]["treatment"]["png_base64"] = "not base64!";
  expect_error(j.dump(), {"masks.treatment.png_base64"});

  j = valid_json();
  j["masks"]["treatment"]["png_base64"] = "AAAA";
  expect_error(j.dump(), {"masks.treatment", "PNG"});

  j = valid_json();
  j["masks"]["treatment"]["width"] = 10;
  expect_error(j.dump(), {"masks.treatment"});

  // NaN cannot be written in JSON; a huge number overflowing to infinity must still fail.
  std::string text = valid_json().dump();
  const auto at = text.find("\"transition_mm\":");
  ASSERT_NE(at, std::string::npos);
  const auto end = text.find_first_of(",}", at);
  text.replace(at, end - at, "\"transition_mm\":1e999");
  expect_error(text, {"1e999"});
}

// Hostile and damaged documents beyond the basics above: wrong types everywhere,
// impossible numbers, huge counts, and masks whose PNG lies about its size.
TEST(PlanIo, ClearErrorsOnWrongTypesAndImpossibleValues) {
  expect_error("NaN", {"not valid JSON"});
  expect_error("{\"format\": \"smp-studio-plan\", \"version\": 1, \"params\": {\"density_per_cm2\": NaN}}",
               {"not valid JSON"});
  expect_error("\xEF\xBB\xBF\xFF\xFE", {"not valid JSON"});  // BOM then invalid UTF-8
  expect_error(std::string(200000, '[') + std::string(200000, ']'), {"JSON object"});  // deep nesting, no crash

  auto j = valid_json();
  j["version"] = "1";
  expect_error(j.dump(), {"version", "whole number"});
  j["version"] = 0;
  expect_error(j.dump(), {"version"});
  j["version"] = 1.5;
  expect_error(j.dump(), {"version", "whole number"});
  j["version"] = 2;
  expect_error(j.dump(), {"version 2", "newer", "update SMP Studio"});

  const std::pair<std::vector<std::string>, nlohmann::json> wrong_types[] = {
      {{"photo"}, 42},
      {{"photo", "width"}, "wide"},
      {{"calibration", "measured"}, "yes"},
      {{"head", "view"}, "side"},
      {{"head", "front_dir"}, nlohmann::json::array({0, 0})},
      {{"head", "outline", "size"}, nlohmann::json::array({-3, 4})},
      {{"hairline", "control_points"}, "none"},
      {{"params", "needle"}, nullptr},
      {{"params", "seed"}, -1},
      {{"params", "seed"}, 1.5},
      {{"masks", "scar"}, "png please"},
      {{"client_label"}, 7},
  };
  for (const auto& [where, value] : wrong_types) {
    j = valid_json();
    nlohmann::json* at = &j;
    for (std::size_t i = 0; i + 1 < where.size(); ++i) at = &(*at)[where[i]];
    (*at)[where.back()] = value;
    std::string field = where.front();
    for (std::size_t i = 1; i < where.size(); ++i) field += "." + where[i];
    SCOPED_TRACE(field);
    expect_error(j.dump(), {where.back()});
  }

  // Out-of-range numbers name the quantity and its allowed range.
  const std::tuple<const char*, const char*, double, const char*> out_of_range[] = {
      {"params", "density_per_cm2", -5, "density"},
      {"params", "density_per_cm2", 0, "density"},
      {"params", "density_per_cm2", 1e300, "density"},
      {"params", "transition_mm", -1, "transition"},
      {"params", "irregularity", 7, "irregularity"},
      {"params", "scar_density_factor", 0, "scar"},
      {"calibration", "px_per_mm", 0, "px_per_mm"},
      {"calibration", "px_per_mm", -3, "px_per_mm"},
  };
  for (const auto& [object, key, value, name] : out_of_range) {
    j = valid_json();
    j[object][key] = value;
    SCOPED_TRACE(key);
    expect_error(j.dump(), {name, "must be between"});
  }
  j = valid_json();
  j["params"]["needle"]["diameter_mm"] = 0;
  expect_error(j.dump(), {"needle diameter", "must be between 0.1 and 0.6"});
  j = valid_json();
  j["params"]["pigment"]["dilution_pct"] = -1;
  expect_error(j.dump(), {"pigment dilution"});

  // Huge counts: numbers beyond any integer type, and lists far beyond any real plan.
  j = valid_json();
  j["params"]["sessions"] = 1e30;
  expect_error(j.dump(), {"params.sessions", "whole number"});
  j = valid_json();
  j["params"]["needle"]["points"] = 4000000000LL;
  expect_error(j.dump(), {"params.needle.points", "outside 1..9"});
  j = valid_json();
  j["photo"]["width"] = -640;
  expect_error(j.dump(), {"photo.width"});
  j = valid_json();
  j["params"]["seed"] = "99999999999999999999999";
  expect_error(j.dump(), {"params.seed"});
  j = valid_json();
  j["hairline"]["control_points"] = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) j["hairline"]["control_points"].push_back({i, i});
  expect_error(j.dump(), {"hairline", "64 control points"});
  j = valid_json();
  j["masks"]["treatment"]["width"] = 2000000000;
  expect_error(j.dump(), {"masks.treatment.width"});

  // Found by fuzzing: coordinates beyond float range loaded, then saved as null and the
  // plan could not be reopened. Geometry is now limited to a sane pixel range.
  j = valid_json();
  j["head"]["outline"]["center"] = {1e300, 5};
  expect_error(j.dump(), {"head.outline.center", "coordinate range"});
  j = valid_json();
  j["hairline"]["control_points"][0] = {-1e12, 5};
  expect_error(j.dump(), {"hairline.control_points[0]", "coordinate range"});
  j = valid_json();
  j["head"]["outline"]["angle_deg"] = 1e300;
  expect_error(j.dump(), {"head.outline.angle_deg"});
}

// Standard base64 (the reader's own encoder is private to the library).
std::string base64(const std::vector<std::uint8_t>& bytes) {
  static constexpr char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{bytes[i]} << 16) | (i + 1 < bytes.size() ? std::uint32_t{bytes[i + 1]} << 8 : 0) |
                            (i + 2 < bytes.size() ? bytes[i + 2] : 0u);
    out += abc[(n >> 18) & 63];
    out += abc[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? abc[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? abc[n & 63] : '=';
  }
  return out;
}

// A mask is decoded only when it is a PNG whose header matches the declared size: a few
// bytes claiming 16000 x 16000 must not make the reader allocate a quarter gigabyte.
TEST(PlanIo, MaskImagesAreCheckedBeforeDecoding) {
  auto j = valid_json();
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", cv::Mat1b(480, 640, uchar{255}), jpeg);
  j["masks"]["treatment"]["png_base64"] = base64(jpeg);
  expect_error(j.dump(), {"masks.treatment", "PNG"});

  std::vector<std::uint8_t> png;
  cv::imencode(".png", cv::Mat1b(40, 30, uchar{255}), png);
  png[16] = 0; png[17] = 0; png[18] = 0x3E; png[19] = 0x80;  // IHDR width 16000
  png[20] = 0; png[21] = 0; png[22] = 0x3E; png[23] = 0x80;  // IHDR height 16000
  j = valid_json();
  j["masks"]["treatment"] = {{"width", 640}, {"height", 480}, {"png_base64", base64(png)}};
  expect_error(j.dump(), {"masks.treatment", "header says 16000x16000", "640x480"});
}

TEST(PlanIo, FailedLoadLeavesTheFileUntouched) {
  TempDir dir;
  const fs::path file = dir.path() / "damaged.json";
  std::string text = sim::plan_to_json(rich_plan());
  text.resize(text.size() / 2);
  std::ofstream(file, std::ios::binary) << text;
  const auto stamp = fs::last_write_time(file);
  try {
    sim::load_plan(file);
    ADD_FAILURE();
  } catch (const sim::PlanFileError& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  std::ifstream in(file, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), text);
  EXPECT_EQ(fs::last_write_time(file), stamp);
}

TEST(PlanIo, MissingAndEmptyFilesNameTheFile) {
  TempDir dir;
  try {
    sim::load_plan(dir.path() / "nope.json");
    ADD_FAILURE();
  } catch (const sim::FileError& e) {
    EXPECT_NE(std::string(e.what()).find("nope.json"), std::string::npos);
  }
  const fs::path empty = dir.path() / "empty.json";
  std::ofstream(empty).close();
  EXPECT_THROW(sim::load_plan(empty), sim::PlanFileError);
}

TEST(PlanIo, RefusesToSaveInvalidPlanAndKeepsOldFile) {
  TempDir dir;
  const fs::path file = dir.path() / "p.json";
  sim::save_plan(rich_plan(), file);
  sim::Plan bad = rich_plan();
  bad.params.needle.diameter_mm = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(sim::save_plan(bad, file), sim::PlanFileError);
  expect_same(rich_plan(), sim::load_plan(file));
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sim::sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string abc = "abc";
  EXPECT_EQ(sim::sha256_hex(std::vector<std::uint8_t>(abc.begin(), abc.end())),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string long_msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(sim::sha256_hex(std::vector<std::uint8_t>(long_msg.begin(), long_msg.end())),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace smp
