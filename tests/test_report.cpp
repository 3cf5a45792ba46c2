// The consultation report: its numbers agree with the estimate (checked with pdftotext), it
// has two pages and renders (pdftoppm); smp-render's consultation options end to end.

#include "image_builders.hpp"
#include "report_builder.hpp"
#include "timeline_states.hpp"
#include "smp/render/report_pdf.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string shq(const fs::path& p) { return "'" + p.string() + "'"; }

std::string demo() { return (fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg").string(); }

// pdftotext wraps lines differently from version to version: compare with spaces squeezed.
std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

TEST(Report, NumbersMatchTheEstimate) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  smp::test::ScopedTempDir dir("smp-report");
  const fs::path pdf = dir / "report.pdf", estimate = dir / "estimate.json";
  const std::string cmd = std::string("XDG_CONFIG_HOME=") + shq(dir.path()) + " " + SMP_RENDER_EXE + " --photo " +
                          shq(demo()) + " --report " + shq(pdf) + " --estimate " + shq(estimate) +
                          " --client 'Client 0042' --date 2026-11-25";
  ASSERT_EQ(run(cmd), 0) << cmd;
  ASSERT_EQ(run("pdftotext -layout " + shq(pdf) + " " + shq(dir / "report.txt")), 0);
  const std::string text = squeeze(read_text(dir / "report.txt"));
  const nlohmann::json e = nlohmann::json::parse(read_text(estimate));

  char area[64];
  std::snprintf(area, sizeof area, "%.0f cm²", e["area_cm2"].get<double>());
  const std::string cost = e["currency"].get<std::string>() + " " + smp::app::format_amount(e["cost_min"].get<double>()) +
                           " - " + smp::app::format_amount(e["cost_max"].get<double>());
  for (const std::string& expected :
       {std::string("Client 0042"), std::string("2026-11-25"), std::string(area),
        smp::app::format_count(e["impressions"].get<long>()) + " in total", cost,
        std::to_string(e["sessions"].get<int>()) + " sessions", std::string("Page 2 of 2"),
        std::string("SPF 30+"), std::string("mild shampoo twice a day"), std::string("Scale estimated")})
    EXPECT_NE(text.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << text;
  if (have("pdftoppm")) {
    EXPECT_EQ(run("pdftoppm -r 40 -png " + shq(pdf) + " " + shq(dir / "page")), 0);
  }
}

// The close-up the README promises is in every report: a tall photo leaves no room for it on
// the first page, so it goes to the second.
TEST(Report, CloseUpIsThereAlsoForATallPhoto) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  smp::test::ScopedTempDir dir("smp-report-closeup");
  smp::render::ReportContent c;
  c.before = cv::Mat3b(1600, 900, cv::Vec3b(170, 180, 200));
  c.after = cv::Mat3b(1600, 900, cv::Vec3b(120, 130, 150));
  c.detail_before = cv::Mat3b(200, 300, cv::Vec3b(170, 180, 200));
  c.detail_after = cv::Mat3b(200, 300, cv::Vec3b(120, 130, 150));
  c.views.push_back({"Top", cv::Mat3b(1600, 900, cv::Vec3b(90, 90, 90)), "Tinted: treatment area."});
  c.parameters = {{"Needle", "3-point"}, {"Density", "80 impressions/cm²"}};
  c.estimate = {{"Area", "120 cm²"}, {"Estimated cost", "USD 1,000 - 1,200"}};
  c.estimate_notes = {"Scale estimated: measure two points on the scalp for a firm quote."};
  const fs::path pdf = dir / "report.pdf";
  smp::render::write_report_pdf(pdf, c);
  ASSERT_EQ(run("pdftotext -layout " + shq(pdf) + " " + shq(dir / "report.txt")), 0);
  EXPECT_NE(read_text(dir / "report.txt").find("Close-up at full resolution"), std::string::npos);
}

// The template a plan started from and the technician's notes travel in the plan: a report
// made later from the saved plan (no --template) names the pattern and prints the notes.
TEST(Report, PrintsThePlansTemplateAndTechnicianNotes) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  smp::test::ScopedTempDir dir("smp-report-notes");
  const fs::path plan = dir / "plan.json";
  ASSERT_EQ(run(std::string(SMP_RENDER_EXE) + " --photo " + shq(demo()) + " --template N2 --save-plan " + shq(plan)), 0);
  nlohmann::json j = nlohmann::json::parse(read_text(plan));
  EXPECT_EQ(j["template"], "Norwood II");
  j["technician_notes"] = "Client prefers a soft hairline; denser at the crown scar.";
  std::ofstream(plan) << j.dump(2);
  const fs::path pdf = dir / "report.pdf";
  ASSERT_EQ(run(std::string(SMP_RENDER_EXE) + " --plan " + shq(plan) + " --report " + shq(pdf)), 0);
  ASSERT_EQ(run("pdftotext -layout " + shq(pdf) + " " + shq(dir / "report.txt")), 0);
  const std::string text = squeeze(read_text(dir / "report.txt"));
  EXPECT_NE(text.find("Hair-loss pattern: Norwood II"), std::string::npos) << text;
  EXPECT_NE(text.find("Technician's notes"), std::string::npos) << text;
  EXPECT_NE(text.find("denser at the crown scar"), std::string::npos) << text;
}

// The grid export and the report show the same moments: the one list the viewer's timeline
// strip shows too (app::timeline_steps).
TEST(Report, GridExportAndReportShowTheTimeline) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext is not installed";
  smp::test::ScopedTempDir dir("smp-report-timeline");
  const fs::path pdf = dir / "report.pdf", grid = dir / "grid.png";
  ASSERT_EQ(run(std::string(SMP_RENDER_EXE) + " --photo " + shq(demo()) + " --set sessions=3 --report " + shq(pdf) +
                " --export " + shq(grid) + " --layout grid --export-width 600"),
            0);
  ASSERT_EQ(run("pdftotext -layout " + shq(pdf) + " " + shq(dir / "report.txt")), 0);
  const std::string text = squeeze(read_text(dir / "report.txt"));
  const std::size_t section = text.find("Over time (simulated)");
  ASSERT_NE(section, std::string::npos) << text;
  // Each moment's name (a name may wrap in its narrow column: its words in order).
  const auto steps = smp::app::timeline_steps(3);
  for (const auto& step : steps) {
    std::size_t at = section;
    std::istringstream words(step.label);
    for (std::string word; words >> word;) {
      at = text.find(word, at);
      ASSERT_NE(at, std::string::npos) << step.label << " missing in\n" << text.substr(section);
    }
  }
  // Two columns: the five moments of a landscape photo need three rows, taller than wide.
  ASSERT_EQ(steps.size(), 5u);
  const cv::Mat image = cv::imread(grid.string());
  ASSERT_FALSE(image.empty());
  EXPECT_GT(image.rows, image.cols);
}

TEST(Cli, TemplateExportProjectAndClinicSettings) {
  smp::test::ScopedTempDir dir("smp-cli-consult");
  // Clinic settings in a temporary XDG config folder: the rates must show in the estimate.
  fs::create_directories(dir / "cfg" / "smp-studio");
  std::ofstream(dir / "cfg" / "smp-studio" / "clinic.json")
      << R"({"format":"smp-studio-clinic","version":1,"name":"Test Clinic",)"
      << R"("rates":{"price_per_sq_in_min":10,"price_per_sq_in_max":20,"currency":"EUR","minimum_price":0}})";
  const std::string env = "XDG_CONFIG_HOME=" + shq(dir / "cfg") + " ";
  const std::string base = env + SMP_RENDER_EXE + " --photo " + shq(demo());
  ASSERT_EQ(run(base + " --template 'Norwood VI' --export " + shq(dir / "grid.jpg") +
                " --layout grid --export-width 900 --estimate " + shq(dir / "n6.json") + " --view " + shq(demo()) +
                " --save-project " + shq(dir / "client.json")),
            0);
  const nlohmann::json n6 = nlohmann::json::parse(read_text(dir / "n6.json"));
  EXPECT_EQ(n6["currency"], "EUR");
  EXPECT_NEAR(n6["cost_max"].get<double>(), 20 * n6["area_sq_in"].get<double>(), 1.0);
  ASSERT_TRUE(n6.contains("views"));
  EXPECT_EQ(n6["views"].size(), 2u);
  EXPECT_TRUE(fs::exists(dir / "grid.jpg"));

  // The saved project reopens, with the same combined estimate.
  ASSERT_EQ(run(env + SMP_RENDER_EXE + " --project " + shq(dir / "client.json") + " --estimate " +
                shq(dir / "again.json")),
            0);
  const nlohmann::json again = nlohmann::json::parse(read_text(dir / "again.json"));
  EXPECT_EQ(again["impressions"], n6["impressions"]);
  EXPECT_EQ(again["area_cm2"], n6["area_cm2"]);

  // On the bald demo head every pattern runs over the bare scalp to the fringe, behind its own
  // hairline: Norwood VI's mature line, 1 cm further back, treats less than Norwood II's.
  ASSERT_EQ(run(base + " --template N2 --estimate " + shq(dir / "n2.json")), 0);
  ASSERT_EQ(run(base + " --template N6 --estimate " + shq(dir / "n6-one.json")), 0);
  EXPECT_GT(nlohmann::json::parse(read_text(dir / "n2.json"))["area_cm2"].get<double>(),
            nlohmann::json::parse(read_text(dir / "n6-one.json"))["area_cm2"].get<double>());

  // Mistakes give a one-line message and a non-zero exit.
  EXPECT_NE(run(base + " --template 'Norwood IX' --estimate " + shq(dir / "x.json")), 0);
  EXPECT_NE(run(base + " --layout mosaic --export " + shq(dir / "x.jpg")), 0);
}

TEST(Cli, SuggestHairlineOnATopViewSaysThereIsNoFace) {
  smp::test::ScopedTempDir dir("smp-cli-face");
  const std::string cmd = std::string("XDG_CONFIG_HOME=") + shq(dir.path()) + " " + SMP_RENDER_EXE + " --photo " +
                          shq(demo()) + " --suggest-hairline --estimate " + shq(dir / "e.json") + " 2>" +
                          shq(dir / "err.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string err = read_text(dir / "err.txt");
  EXPECT_NE(err.find("no face found"), std::string::npos) << err;
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "e.json"))["calibration"]["source"], "head-width");
}

}  // namespace
