// Export layouts, and that no export or report carries the client photo's metadata.

#include "consultation_job.hpp"
#include "report_builder.hpp"
#include "image_builders.hpp"
#include "smp/render/export_layouts.hpp"
#include "smp/render/image_io.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

namespace {

namespace fs = std::filesystem;
using smp::render::ExportLayout;
using smp::render::LabelledImage;

std::vector<LabelledImage> panels(int n) {
  std::vector<LabelledImage> out;
  for (int i = 0; i < n; ++i)
    out.push_back({cv::Mat3b(200, 300, cv::Vec3b(static_cast<uchar>(40 * i), 100, 200)), "State " + std::to_string(i)});
  return out;
}

TEST(ExportLayouts, SideBySideAtFullResolutionKeepsPhotoPixels) {
  smp::render::ExportParams p;
  p.disclaimer.clear();
  const auto in = panels(2);
  const cv::Mat3b out = smp::render::compose_export(in, p);
  const int gap = (out.cols - 600) / 3;
  EXPECT_EQ(out.cols, 600 + 3 * gap);
  // The lower part of each panel (below its label) is the photo, 1:1.
  const cv::Rect lower(gap, gap + 150, 300, 50);
  EXPECT_EQ(cv::norm(out(lower), in[0].image(cv::Rect(0, 150, 300, 50)), cv::NORM_INF), 0);
}

// A state's label wider than its panel (the panels of a small photo) is set smaller or on two
// lines, wholly inside the panel: it used to run off the panel's edge, cut mid-word.
TEST(ExportLayouts, LongLabelsStayInsideNarrowPanels) {
  smp::render::ExportParams p;
  p.disclaimer.clear();
  std::vector<LabelledImage> in = panels(2);
  for (LabelledImage& panel : in) panel.label = "After session 1, fresh (day 0) - simulated";
  const cv::Mat3b out = smp::render::compose_export(in, p);
  const int gap = (out.cols - 600) / 3;
  for (int i = 0; i < 2; ++i) {
    const int x0 = gap + i * (300 + gap);
    // The panel's right margin keeps the photo's pixels beside the label (12 px capitals, 6 px pad).
    EXPECT_EQ(cv::norm(out(cv::Rect(x0 + 295, gap, 5, 60)), in[i].image(cv::Rect(295, 0, 5, 60)), cv::NORM_INF), 0)
        << "panel " << i << ": the label runs to its edge";
    // The label is there: darkened under it at the panel's top left.
    EXPECT_GT(cv::norm(out(cv::Rect(x0 + 8, gap + 8, 4, 4)), in[i].image(cv::Rect(8, 8, 4, 4)), cv::NORM_INF), 30);
  }
}

// A clinic name or a footer line too long for its place is set smaller, and measured again at
// that size: it stays wholly in its place (the clinic name in the header's left half, the
// footer within the margins), where shrinking in proportion let it run a few pixels past.
TEST(ExportLayouts, LongHeaderAndFooterTextStaysInItsPlace) {
  smp::render::ExportParams p;
  p.clinic_name = "Clinique de micropigmentation capillaire du Vieux-Port et des environs, Marseille";
  p.disclaimer = "Simulated preview for consultation; real results vary with skin, lifestyle, aftercare and the "
                 "number of sessions, and are not a promise of any particular outcome whatsoever.";
  const cv::Vec3b bg(static_cast<uchar>(p.background[0]), static_cast<uchar>(p.background[1]),
                     static_cast<uchar>(p.background[2]));
  const cv::Vec3b first_panel(0, 100, 200);  // panels(2)[0]
  const auto all_background = [&](const cv::Mat3b& region) {
    cv::Mat1b same;
    cv::inRange(region, bg, bg, same);
    return cv::countNonZero(same) == static_cast<int>(region.total());
  };
  for (const int width : {640, 1000, 1500}) {
    p.width = width;
    const cv::Mat3b out = smp::render::compose_export(panels(2), p);
    // The first panel's top left corner: below the header, one margin in from the side.
    cv::Point corner(-1, -1);
    for (int y = 0; y < out.rows && corner.y < 0; ++y)
      for (int x = 0; x < out.cols; ++x)
        if (out(y, x) == first_panel) {
          corner = {x, y};
          break;
        }
    ASSERT_GE(corner.y, 0);
    const int margin = corner.x, half = out.cols / 2;
    // Without a client or a date the header's right half is empty: the name does not reach it.
    EXPECT_TRUE(all_background(out(cv::Rect(half, 0, out.cols - half, corner.y))))
        << width << " px: the clinic name runs into the header's right half";
    // Below the panels, the right margin is empty: the disclaimer keeps to its line.
    const int footer_top = out.rows - margin * 3;
    EXPECT_TRUE(all_background(out(cv::Rect(out.cols - margin, footer_top, margin, out.rows - footer_top))))
        << width << " px: the disclaimer runs into the right margin";
  }
}

// In the split layout each label keeps to its own side of the divider: a long "before" label
// used to run across it over the "after" side.
TEST(ExportLayouts, SplitLabelsKeepToTheirSidesOfTheDivider) {
  smp::render::ExportParams p;
  p.layout = ExportLayout::Split;
  p.disclaimer.clear();
  std::vector<LabelledImage> in = panels(2);
  in[0].label = "Before the first session, as photographed";
  in[1].label = "After 3 sessions, healed - simulated";
  const cv::Mat3b out = smp::render::compose_export(in, p);
  const int gap = (out.cols - 300) / 2, split = 150;  // one 300 x 200 panel, divided at its middle
  // Beside the divider (clear of its antialiased 2 px line) the photos are as they are.
  EXPECT_EQ(cv::norm(out(cv::Rect(gap + split - 5, gap, 3, 40)), in[0].image(cv::Rect(split - 5, 0, 3, 40)), cv::NORM_INF), 0)
      << "a label crosses the divider from the left";
  EXPECT_EQ(cv::norm(out(cv::Rect(gap + split + 3, gap, 3, 40)), in[1].image(cv::Rect(split + 3, 0, 3, 40)), cv::NORM_INF), 0)
      << "a label crosses the divider from the right";
  // Both labels are there: darkened under them at the panel's top corners.
  EXPECT_GT(cv::norm(out(cv::Rect(gap + 8, gap + 8, 4, 4)), in[0].image(cv::Rect(8, 8, 4, 4)), cv::NORM_INF), 30);
  EXPECT_GT(cv::norm(out(cv::Rect(gap + 288, gap + 8, 4, 4)), in[1].image(cv::Rect(288, 8, 4, 4)), cv::NORM_INF), 30);
}

// "Full resolution" stops at the widest export allowed: two panels of a 14,100 px photo
// would make a 28,000 px export.
TEST(ExportLayouts, FullResolutionIsAtMostTheWidestExport) {
  smp::render::ExportParams p;
  p.disclaimer.clear();
  const std::vector<LabelledImage> wide = {{cv::Mat3b(40, 12000, cv::Vec3b(10, 20, 30)), "Before"},
                                           {cv::Mat3b(40, 12000, cv::Vec3b(30, 20, 10)), "After"}};
  EXPECT_EQ(smp::render::compose_export(wide, p).cols, smp::render::kMaxExportWidth);
  p.layout = ExportLayout::Split;  // one panel: 12,000 px fits
  EXPECT_LT(smp::render::compose_export(wide, p).cols, smp::render::kMaxExportWidth);
}

// Nor does it stack panels past the tallest export: the grid of a tall photo has three rows;
// with both limits passed, the narrower width they allow.
TEST(ExportLayouts, FullResolutionStacksPanelsAtMostTheTallestExport) {
  smp::render::ExportParams p;
  p.disclaimer.clear();
  p.layout = ExportLayout::TimelineGrid;
  const std::vector<LabelledImage> tall(5, LabelledImage{cv::Mat3b(8000, 400, cv::Vec3b(10, 20, 30)), "Moment"});
  ASSERT_TRUE(p.date.empty() && p.clinic_name.empty() && p.footer_lines.empty());  // the panels alone
  const cv::Mat3b grid = smp::render::compose_export(tall, p);
  EXPECT_LE(grid.rows, smp::render::kMaxFullResolutionPanelsHeight);
  EXPECT_GT(grid.rows, smp::render::kMaxFullResolutionPanelsHeight * 99 / 100);  // scaled down to it, no further
  EXPECT_LT(grid.cols, 2 * 400);
  // Too wide and, at the widest export, still too tall (a 250 MP portrait): both hold.
  const cv::Size panel = smp::render::export_panel_size({10100, 7000}, 5, p);
  EXPECT_LE(3 * panel.height, smp::render::kMaxFullResolutionPanelsHeight);
  EXPECT_LE(2 * panel.width, smp::render::kMaxExportWidth);
  p.layout = ExportLayout::SideBySide;  // one row: 8,000 px fits, at full resolution
  const cv::Mat3b pair = smp::render::compose_export(tall, p);
  const int gap = (pair.cols - 800) / 3;
  EXPECT_EQ(pair.rows, 8000 + 2 * gap);
}

TEST(ExportLayouts, ChosenWidthAndGrid) {
  smp::render::ExportParams p;
  p.width = 1000;
  p.layout = ExportLayout::TimelineGrid;
  p.clinic_name = "Clinic";
  p.client_label = "Client 7";
  p.date = "2026-01-02";
  const cv::Mat3b grid = smp::render::compose_export(panels(4), p);
  EXPECT_EQ(grid.cols, 1000);
  EXPECT_GT(grid.rows, 2 * (1000 / 2) * 200 / 300);  // two rows of panels plus header/footer
  p.layout = ExportLayout::Split;
  const cv::Mat3b split = smp::render::compose_export(panels(2), p);
  EXPECT_EQ(split.cols, 1000);
  EXPECT_LT(split.rows, grid.rows);
}

TEST(ExportLayouts, SplitShowsBeforeLeftAndAfterRight) {
  smp::render::ExportParams p;
  p.layout = ExportLayout::Split;
  p.disclaimer.clear();
  const auto in = panels(2);
  const cv::Mat3b out = smp::render::compose_export(in, p);
  const int gap = (out.cols - 300) / 2;
  const cv::Vec3b left = out(gap + 180, gap + 40), right = out(gap + 180, gap + 260);
  EXPECT_EQ(left, in[0].image(0, 0));
  EXPECT_EQ(right, in[1].image(0, 0));
}

// A grid's pictures may be fitted to their panels once, as they are drawn (the photo-sized
// ones need not be kept): the export is the same, pixel for pixel, at a chosen width (scaled
// down), at full resolution (1:1) and wider than the photo (scaled up).
TEST(ExportLayouts, PanelsFittedBeforehandGiveTheSameExport) {
  std::vector<LabelledImage> whole;
  for (int i = 0; i < 5; ++i) {
    cv::Mat3b img(200, 300);
    cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(256));
    whole.push_back({img, "State " + std::to_string(i)});
  }
  for (const int width : {0, 457, 1000}) {
    smp::render::ExportParams p;
    p.layout = ExportLayout::TimelineGrid;
    p.width = width;
    p.client_label = "Client 7";
    const cv::Size panel = smp::render::export_panel_size(whole[0].image.size(), whole.size(), p);
    std::vector<LabelledImage> fitted = whole;
    for (std::size_t i = 1; i < fitted.size(); ++i) smp::render::fit_export_panel(whole[i].image, panel, fitted[i].image);
    EXPECT_EQ(fitted[1].image.size(), panel);
    // Fitting is area averaging down and cubic up, as the export drew panels before.
    cv::Mat3b direct;
    cv::resize(whole[1].image, direct, panel, 0, 0, panel.width < 300 ? cv::INTER_AREA : cv::INTER_CUBIC);
    if (panel.width == 300) direct = whole[1].image;
    EXPECT_EQ(cv::norm(fitted[1].image, direct, cv::NORM_INF), 0) << "width " << width;
    const cv::Mat3b expected = smp::render::compose_export(whole, p);
    const cv::Mat3b got = smp::render::compose_export(fitted, p);
    ASSERT_EQ(got.size(), expected.size()) << "width " << width;
    EXPECT_EQ(cv::norm(got, expected, cv::NORM_INF), 0) << "width " << width;
  }
  // A picture of neither size is refused as before.
  std::vector<LabelledImage> odd = whole;
  odd[2].image = cv::Mat3b(100, 151);
  smp::render::ExportParams grid;
  grid.layout = ExportLayout::TimelineGrid;
  EXPECT_THROW(smp::render::compose_export(odd, grid), std::invalid_argument);
}

TEST(ExportLayouts, RejectsBadInput) {
  EXPECT_THROW(smp::render::compose_export(panels(1), {}), std::invalid_argument);
  auto two = panels(2);
  two[1].image = cv::Mat3b(10, 10);
  EXPECT_THROW(smp::render::compose_export(two, {}), std::invalid_argument);
  EXPECT_EQ(smp::render::parse_export_layout("grid"), ExportLayout::TimelineGrid);
  EXPECT_FALSE(smp::render::parse_export_layout("mosaic"));
}

bool contains(const smp::test::Bytes& hay, const std::string& needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// Metadata can only live outside the compressed pixel data, whose bytes may spell anything:
// a JPEG's segments before the scan, a PNG's chunks other than IDAT, and (for PDFs, whose
// streams are compressed) the photo's EXIF header and camera name, too long to occur by chance.
std::vector<std::string> metadata_found(const fs::path& file, const smp::test::Bytes& b) {
  std::vector<std::string> found;
  const auto look = [&](const smp::test::Bytes& part, const std::string& where) {
    for (const std::string& marker : {std::string("Exif\0\0", 6), std::string("SecretCam"), std::string("GPS")})
      if (contains(part, marker)) found.push_back(marker.substr(0, 4) + " in " + where);
  };
  if (file.extension() == ".jpg") {
    for (std::size_t i = 2; i + 4 <= b.size() && b[i] == 0xFF && b[i + 1] != 0xDA;) {
      const std::size_t len = (std::size_t{b[i + 2]} << 8) | b[i + 3];
      if (b[i + 1] == 0xE1) found.push_back("an APP1 (EXIF/XMP) segment");
      look(smp::test::Bytes(b.begin() + static_cast<long>(i), b.begin() + static_cast<long>(std::min(b.size(), i + 2 + len))),
           "a JPEG header segment");
      i += 2 + len;
    }
  } else if (file.extension() == ".png") {
    for (std::size_t i = 8; i + 12 <= b.size();) {
      const std::size_t len = (std::size_t{b[i]} << 24) | (std::size_t{b[i + 1]} << 16) | (std::size_t{b[i + 2]} << 8) | b[i + 3];
      const std::string type(b.begin() + static_cast<long>(i + 4), b.begin() + static_cast<long>(i + 8));
      if (type != "IHDR" && type != "PLTE" && type != "IDAT" && type != "IEND") found.push_back("a PNG " + type + " chunk");
      if (type != "IDAT")
        look(smp::test::Bytes(b.begin() + static_cast<long>(i), b.begin() + static_cast<long>(std::min(b.size(), i + 12 + len))),
             "a PNG " + type + " chunk");
      i += 12 + len;
    }
  } else {
    for (const std::string& marker : {std::string("Exif\0\0", 6), std::string("SecretCam")})
      if (contains(b, marker)) found.push_back(marker.substr(0, 4));
  }
  return found;
}

// A client photo with camera EXIF and GPS: none of it may reach any file we write.
// The pictures speak of the shade as the viewer's slider does: strength, 100% = undiluted.
TEST(ExportText, ShadeIsWrittenAsTheSliderShowsIt) {
  smp::sim::Project project;
  project.params.pigment.dilution_pct = 30;
  const std::vector<std::string> lines = smp::app::export_footer_lines(project, smp::sim::Estimate{});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("Shade 70% strength"), std::string::npos) << lines[1];
  EXPECT_EQ(lines[1].find("dilution"), std::string::npos) << lines[1];
}

TEST(ExportPrivacy, NoExportOrReportCarriesPhotoMetadata) {
  smp::test::ScopedTempDir dir("smp-exports");
  cv::Mat3b demo = smp::render::load_photo(fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg");
  cv::resize(demo, demo, cv::Size(800, 600), 0, 0, cv::INTER_AREA);
  const auto photo = dir / "client.jpg";
  smp::test::write_bytes(photo, smp::test::insert_segment(smp::test::encode(".jpg", demo), 0xE1, smp::test::exif_with_gps()));
  ASSERT_TRUE(contains(smp::test::read_bytes(photo), "SecretCam"));
  ASSERT_FALSE(metadata_found(photo, smp::test::read_bytes(photo)).empty()) << "the check must see the photo's EXIF";

  std::vector<fs::path> outputs;
  for (const auto& [layout, name] : {std::pair{ExportLayout::Split, "split.jpg"}, std::pair{ExportLayout::TimelineGrid, "grid.png"}}) {
    smp::app::ConsultationJob job;
    job.base.photo = photo;
    job.base.after = dir / (std::string("after-") + name);
    job.base.mockup = dir / (std::string("mockup-") + name);
    job.export_image = dir / name;
    job.layout = layout;
    job.report = dir / (std::string(name) + ".pdf");
    job.clinic_file = dir / "missing-is-an-error.json";
    EXPECT_THROW(smp::app::run_consultation_job(job), std::exception);  // named clinic file must exist
    job.clinic_file.reset();
    smp::app::run_consultation_job(job);
    outputs.insert(outputs.end(), {*job.base.after, *job.base.mockup, *job.export_image, *job.report});
  }
  // The GPS block is binary (numeric tags): look for its latitude, 48/1 51/1 2988/100 as
  // little-endian rationals. A three-letter "GPS" would turn up by chance in compressed pixels.
  std::string latitude;
  for (std::uint32_t v : {48u, 1u, 51u, 1u, 2988u, 100u})
    for (int k = 0; k < 4; ++k) latitude.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
  for (const fs::path& out : outputs) {
    const smp::test::Bytes bytes = smp::test::read_bytes(out);
    ASSERT_GT(bytes.size(), 1000u) << out;
    for (const std::string& problem : metadata_found(out, bytes)) ADD_FAILURE() << out << " has " << problem;
    EXPECT_FALSE(contains(bytes, latitude)) << out << " contains the photo's GPS latitude";
    struct stat st {};
    ::stat(out.c_str(), &st);
    EXPECT_EQ(st.st_mode & 0077, 0u) << out << " is readable by others";
  }
}

}  // namespace
