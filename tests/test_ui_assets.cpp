// The viewer's own pictures through the loader the viewer uses (stb_image): every bundled
// asset loads with its size and channels, the template diagrams still match what the
// template definitions draw, and damaged or oversized files are refused with one line.

#include "core/exif_orientation.hpp"
#include "core/ui_image.hpp"
#include "ui_assets.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>

namespace smp::studio {
namespace {

namespace fs = std::filesystem;

UiImage load_asset(const fs::path& relative) {
  const auto path = app::find_asset(relative);
  if (!path) throw std::runtime_error("bundled asset missing: " + relative.string());
  return load_ui_image(*path);
}

// The error of loading `path`, or "" when it loaded.
std::string refusal(const fs::path& path, const UiImageLimits& limits = {}) {
  try {
    load_ui_image(path, limits);
  } catch (const UiImageError& e) {
    return e.what();
  }
  return {};
}

void write_bytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> png_bytes(const cv::Mat& image) {
  std::vector<std::uint8_t> out;
  cv::imencode(".png", image, out);
  return out;
}

TEST(UiAssets, EveryTemplateDiagramLoadsAndMatchesTheTemplateDefinition) {
  const render::DiagramParams params = app::template_picker_diagram_params();
  for (const auto& t : sim::all_hair_loss_templates())
    for (auto view : {sim::ViewKind::Top, sim::ViewKind::Front}) {
      const fs::path rel = app::template_diagram_asset(t, view);
      SCOPED_TRACE(rel.string());
      const UiImage img = load_asset(rel);
      ASSERT_EQ(img.width, params.width);
      ASSERT_EQ(img.height, params.height);
      EXPECT_EQ(img.file_channels, 3);
      ASSERT_EQ(img.rgba.size(), static_cast<std::size_t>(img.width * img.height * 4));
      // Drawn again from the definition: a changed template needs `smp-make-ui-assets assets`.
      cv::Mat4b drawn;
      cv::cvtColor(render::template_diagram(t, view, params), drawn, cv::COLOR_BGR2RGBA);
      const cv::Mat4b loaded(img.height, img.width, reinterpret_cast<cv::Vec4b*>(const_cast<std::uint8_t*>(img.rgba.data())));
      EXPECT_LE(cv::norm(drawn, loaded, cv::NORM_INF), 2.0)
          << rel << " differs from the template's diagram: run smp-make-ui-assets assets and commit the PNGs";
    }
}

TEST(UiAssets, WindowIconsLoadSquareWithTransparency) {
  for (int size : app::window_icon_sizes()) {
    SCOPED_TRACE(size);
    const UiImage img = load_asset(app::window_icon_asset(size));
    EXPECT_EQ(img.width, size);
    EXPECT_EQ(img.height, size);
    EXPECT_EQ(img.file_channels, 4);
    int transparent = 0, opaque = 0;
    for (std::size_t i = 3; i < img.rgba.size(); i += 4) (img.rgba[i] == 0 ? transparent : opaque) += img.rgba[i] == 255 || img.rgba[i] == 0;
    EXPECT_GT(transparent, size * size / 10) << "the corners should be transparent";
    EXPECT_GT(opaque, size * size / 4) << "the head should be opaque";
  }
}

TEST(UiImage, DamagedOversizedEmptyAndMissingFilesAreRefusedWithOneLine) {
  test::ScopedTempDir dir("smp-ui-image");
  const std::vector<std::uint8_t> good = png_bytes(cv::Mat3b(64, 64, cv::Vec3b(10, 200, 30)));
  std::vector<std::uint8_t> cut(good.begin(), good.begin() + static_cast<long>(good.size() / 2));
  write_bytes(dir / "cut.png", cut);
  write_bytes(dir / "noise.png", std::vector<std::uint8_t>(500, 0x5a));
  write_bytes(dir / "empty.png", {});
  write_bytes(dir / "wide.png", png_bytes(cv::Mat3b(2, 5000, cv::Vec3b(1, 2, 3))));
  write_bytes(dir / "good.png", good);
  // A PNG header claiming 12000 x 12000 px: refused from the header, nothing allocated.
  std::vector<std::uint8_t> bomb = good;
  for (int i = 0; i < 2; ++i) {  // IHDR width and height (big-endian) at bytes 16 and 20
    const std::size_t at = 16 + 4 * static_cast<std::size_t>(i);
    bomb[at] = 0, bomb[at + 1] = 0, bomb[at + 2] = 0x2e, bomb[at + 3] = 0xe0;
  }
  write_bytes(dir / "bomb.png", bomb);

  UiImageLimits small_files;
  small_files.max_file_bytes = 64;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {refusal(dir / "cut.png"), "damaged image data"},
      {refusal(dir / "noise.png"), "not a PNG, JPEG"},
      {refusal(dir / "empty.png"), "empty"},
      {refusal(dir / "wide.png"), "5000 x 2 px is larger than a preview may be"},
      {refusal(dir / "bomb.png", preview_limits()), "12000 x 12000 px is larger"},
      {refusal(dir / "good.png", small_files), "limit"},
      {refusal(dir / "missing.png"), "missing.png"},
  };
  for (const auto& [message, expected] : cases) {
    SCOPED_TRACE(message);
    EXPECT_NE(message.find(expected), std::string::npos) << "expected: " << expected;
    EXPECT_NE(message.find(dir.path().string()), std::string::npos) << "the message names the file";
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
  }
  EXPECT_EQ(refusal(dir / "good.png"), "");
}

TEST(UiImage, FitWithinKeepsTheAspectAndLeavesSmallImagesAlone) {
  UiImage img;
  img.width = 400;
  img.height = 200;
  img.rgba.assign(400 * 200 * 4, 200);
  const UiImage small = fit_within(img, 96);
  EXPECT_EQ(small.width, 96);
  EXPECT_EQ(small.height, 48);
  EXPECT_EQ(small.rgba.size(), 96u * 48u * 4u);
  EXPECT_EQ(small.rgba[100], 200);
  EXPECT_EQ(fit_within(img, 400).width, 400);
}

// A JPEG with an EXIF block holding only the orientation tag (little- or big-endian TIFF).
std::vector<std::uint8_t> jpeg_with_orientation(const cv::Mat3b& image, int orientation, bool little_endian) {
  std::vector<std::uint8_t> jpeg;
  cv::imencode(".jpg", image, jpeg, {cv::IMWRITE_JPEG_QUALITY, 95});
  std::vector<std::uint8_t> tiff;
  auto put = [&](unsigned v, int bytes) {  // in the block's byte order
    for (int k = 0; k < bytes; ++k) {
      const int shift = 8 * (little_endian ? k : bytes - 1 - k);
      tiff.push_back(static_cast<std::uint8_t>((v >> shift) & 0xff));
    }
  };
  tiff.push_back(little_endian ? 'I' : 'M');
  tiff.push_back(little_endian ? 'I' : 'M');
  put(42, 2), put(8, 4);                                  // magic, first IFD at 8
  put(1, 2);                                              // one entry:
  put(0x0112, 2), put(3, 2), put(1, 4);                   // orientation, SHORT, count 1
  put(static_cast<unsigned>(orientation), 2), put(0, 2);  // value, padding
  put(0, 4);                                              // no next IFD
  std::vector<std::uint8_t> app1 = {0xFF, 0xE1};
  const std::size_t length = 2 + 6 + tiff.size();
  app1.push_back(std::uint8_t(length >> 8));
  app1.push_back(std::uint8_t(length));
  for (char ch : std::string("Exif\0\0", 6)) app1.push_back(static_cast<std::uint8_t>(ch));
  app1.insert(app1.end(), tiff.begin(), tiff.end());
  jpeg.insert(jpeg.begin() + 2, app1.begin(), app1.end());  // right after SOI
  return jpeg;
}

TEST(UiImage, PreviewsOfJpegsAreTurnedUprightByExifAsOpenCvDoes) {
  test::ScopedTempDir dir("smp-ui-exif");
  // Four coloured quadrants of different sizes: any wrong turn or mirror shows.
  cv::Mat3b photo(60, 90, cv::Vec3b(200, 200, 200));
  photo(cv::Rect(0, 0, 30, 20)).setTo(cv::Vec3b(0, 0, 255));
  photo(cv::Rect(60, 0, 30, 20)).setTo(cv::Vec3b(0, 255, 0));
  photo(cv::Rect(0, 40, 30, 20)).setTo(cv::Vec3b(255, 0, 0));
  for (int orientation = 1; orientation <= 8; ++orientation)
    for (bool little : {true, false}) {
      SCOPED_TRACE(std::to_string(orientation) + (little ? " II" : " MM"));
      const fs::path path = dir / ("o" + std::to_string(orientation) + (little ? "ii" : "mm") + ".jpg");
      const auto bytes = jpeg_with_orientation(photo, orientation, little);
      write_bytes(path, bytes);
      EXPECT_EQ(jpeg_exif_orientation(bytes), orientation);
      const UiImage preview = load_preview(path, 200);
      cv::Mat3b upright = cv::imread(path.string(), cv::IMREAD_COLOR);  // applies EXIF orientation
      ASSERT_EQ(preview.width, upright.cols);
      ASSERT_EQ(preview.height, upright.rows);
      cv::Mat4b expected;
      cv::cvtColor(upright, expected, cv::COLOR_BGR2RGBA);
      const cv::Mat4b got(preview.height, preview.width, reinterpret_cast<cv::Vec4b*>(const_cast<std::uint8_t*>(preview.rgba.data())));
      EXPECT_LT(cv::norm(expected, got, cv::NORM_L1) / static_cast<double>(got.total() * 4), 3.0);
    }
  // Damaged EXIF blocks are ignored, never read past the end.
  auto cut = jpeg_with_orientation(photo, 6, true);
  cut.resize(30);
  EXPECT_EQ(jpeg_exif_orientation(cut), 1);
  EXPECT_EQ(jpeg_exif_orientation({0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}), 1);
}

}  // namespace
}  // namespace smp::studio
