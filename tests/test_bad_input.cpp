// Bad photos: every kind of damaged, hostile or unusual image file a technician may be
// handed. Each must either load upright as 8-bit BGR or fail with a message that names the
// file and the problem, without decoding absurd sizes.

#include "image_builders.hpp"
#include "smp/render/image_io.hpp"
#include "temp_dir.hpp"
#include "helpers/cpu_time.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <sys/stat.h>
#include <initializer_list>
#include <string>

namespace smp {
namespace {

namespace fs = std::filesystem;
using test::Bytes;

// Writes `bytes` as `name`, loads it, and expects an ImageError naming the file and
// containing every fragment. Also checks the file on disk was left as it was.
void expect_refused(const Bytes& bytes, const std::string& name, std::initializer_list<std::string> fragments) {
  test::ScopedTempDir dir("smp-bad");
  const fs::path file = dir / name;
  test::write_bytes(file, bytes);
  try {
    render::load_photo(file);
    ADD_FAILURE() << name << " was accepted";
  } catch (const render::ImageError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
    for (const auto& f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
  EXPECT_EQ(test::read_bytes(file), bytes) << "loading must never modify the file";
}

cv::Mat3b noise_photo(int w, int h) {
  cv::Mat3b img(h, w);
  cv::randu(img, 0, 255);
  cv::GaussianBlur(img, img, {5, 5}, 0);
  return img;
}

TEST(BadInput, ZeroByteFile) { expect_refused({}, "empty.jpg", {"empty"}); }

TEST(BadInput, TextFileNamedJpg) {
  const std::string text = "Client notes: do not forget the 3pm appointment.\n";
  expect_refused(Bytes(text.begin(), text.end()), "notes.jpg", {"not a JPEG, PNG"});
}

TEST(BadInput, TruncatedJpeg) {
  const Bytes full = test::encode(".jpg", noise_photo(320, 240));
  // Cut inside the pixel data: libjpeg alone would paint the rest grey and succeed.
  expect_refused(Bytes(full.begin(), full.begin() + static_cast<long>(full.size() * 6 / 10)), "cut.jpg", {"truncated"});
  // Cut inside the headers, before the frame size.
  expect_refused(Bytes(full.begin(), full.begin() + 40), "cut-header.jpg", {"truncated"});
  // Only the start-of-image marker.
  expect_refused(Bytes(full.begin(), full.begin() + 3), "soi-only.jpg", {"truncated"});
}

TEST(BadInput, TruncatedPng) {
  const Bytes full = test::encode(".png", noise_photo(320, 240));
  expect_refused(Bytes(full.begin(), full.begin() + static_cast<long>(full.size() / 2)), "cut.png", {"not a readable image"});
  expect_refused(Bytes(full.begin(), full.begin() + 20), "cut-header.png", {"truncated"});
  expect_refused(Bytes(full.begin(), full.begin() + 8), "signature-only.png", {"truncated"});
}

TEST(BadInput, ProgressiveJpegDecodesButAScanFloodIsRefused) {
  const Bytes progressive =
      test::encode(".jpg", noise_photo(64, 48), {cv::IMWRITE_JPEG_PROGRESSIVE, 1, cv::IMWRITE_JPEG_QUALITY, 90});
  EXPECT_EQ(render::decode_photo(progressive, "progressive.jpg").size(), cv::Size(64, 48));
  // Repeat the last scan hundreds of times: libjpeg would grind through every one.
  std::size_t last_scan = 0;
  for (std::size_t i = 0; i + 1 < progressive.size(); ++i)
    if (progressive[i] == 0xFF && progressive[i + 1] == 0xDA) last_scan = i;
  const Bytes scan(progressive.begin() + static_cast<long>(last_scan), progressive.end() - 2);
  Bytes flood(progressive.begin(), progressive.end() - 2);
  for (int k = 0; k < 300; ++k) flood.insert(flood.end(), scan.begin(), scan.end());
  flood.insert(flood.end(), {0xFF, 0xD9});
  expect_refused(flood, "flood.jpg", {"scans", "more than 200"});
}

// A few hundred bytes claiming 100000 x 100000 pixels (30 GB decoded) in every container:
// refused from the header, quickly, with the documented limit in the message.
TEST(BadInput, DecompressionBombsAreRefusedBeforeDecoding) {
  struct Case {
    std::string name;
    Bytes bytes;
    std::string size;
  };
  const Case cases[] = {
      {"bomb.png", test::png_claiming(100000, 100000), "100000x100000"},
      {"bomb.jpg", test::jpeg_claiming(65000, 65000), "65000x65000"},
      {"bomb.bmp", test::bmp_claiming(100000, -100000), "100000x100000"},
      {"bomb-min.bmp", test::bmp_claiming(100000, INT32_MIN), "100000x"},
      {"bomb.webp", test::webp_vp8x_claiming(100000, 100000), "100000x100000"},
      {"bomb.tif", test::tiff_claiming(100000, 100000), "100000x100000"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const double cpu0 = test::cpu_seconds();  // CPU time: a busy machine does not inflate it
    expect_refused(c.bytes, c.name, {c.size, "the limit is 200 megapixels"});
    EXPECT_LT(test::cpu_seconds() - cpu0, 1.0);
  }
  // The limit is a documented value, and applies to a real, decodable image too.
  EXPECT_EQ(render::PhotoLimits{}.max_pixels, 200'000'000u);
  render::PhotoLimits small;
  small.max_pixels = 1'000'000;
  const Bytes two_mp = test::encode(".png", cv::Mat3b(1000, 2000, cv::Vec3b(1, 2, 3)));
  try {
    render::decode_photo(two_mp, "two-mp.png", small);
    ADD_FAILURE();
  } catch (const render::ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("2000x1000"), std::string::npos) << e.what();
  }
}

// libtiff keeps the first of a repeated tag: a small size given after a huge one must not
// let the huge one through (fuzzing found such a file allocating gigabytes). Repeated size
// tags and tiles far larger than the image are refused as damaged.
TEST(BadInput, TiffSizeIsReadAsLibtiffReadsIt) {
  expect_refused(test::tiff_with_entries({{256, 3, 64776}, {257, 3, 11774}, {256, 3, 2}, {257, 3, 2}}), "twice.tif",
                 {"64776x11774", "the limit is 200 megapixels"});
  expect_refused(test::tiff_with_entries({{256, 3, 8}, {257, 3, 8}, {256, 3, 8}}), "repeated.tif",
                 {"image width is given twice"});
  expect_refused(test::tiff_with_entries({{256, 3, 8}, {257, 3, 8}, {322, 4, 1u << 20}, {323, 4, 1u << 20}}),
                 "tiles.tif", {"tiles are 1048576x1048576 for a 8x8 image"});
  expect_refused(test::tiff_with_entries({{256, 3, 8}, {257, 3, 8}, {322, 4, 0}, {323, 4, 16}}), "zero-tile.tif",
                 {"tiles are 0x16"});
}

TEST(BadInput, ZeroSizedHeaderIsRefused) {
  expect_refused(test::png_claiming(0, 100), "zero.png", {"zero size"});
}

TEST(BadInput, SixteenBitPngIsScaledTo8Bit) {
  const cv::Mat img(8, 8, CV_16UC3, cv::Scalar(0x4000, 0x8000, 0xFFFF));
  const cv::Mat3b decoded = render::decode_photo(test::encode(".png", img), "deep.png");
  ASSERT_EQ(decoded.size(), cv::Size(8, 8));
  EXPECT_EQ(decoded(3, 3), cv::Vec3b(64, 128, 255));
}

TEST(BadInput, GreyscaleBecomesThreeEqualChannels) {
  for (const char* ext : {".png", ".jpg"}) {
    SCOPED_TRACE(ext);
    const cv::Mat3b decoded = render::decode_photo(test::encode(ext, cv::Mat1b(16, 24, uchar{77})), "grey");
    ASSERT_EQ(decoded.size(), cv::Size(24, 16));
    const cv::Vec3b px = decoded(8, 8);
    EXPECT_NEAR(px[0], 77, 2);
    EXPECT_EQ(px[0], px[1]);
    EXPECT_EQ(px[1], px[2]);
  }
}

TEST(BadInput, RgbaKeepsTheColourChannels) {
  const cv::Mat4b img(10, 12, cv::Vec4b(10, 100, 200, 0));  // fully transparent, colour kept
  const cv::Mat3b decoded = render::decode_photo(test::encode(".png", img), "alpha.png");
  ASSERT_EQ(decoded.size(), cv::Size(12, 10));
  EXPECT_EQ(decoded(5, 5), cv::Vec3b(10, 100, 200));
}

TEST(BadInput, CmykJpegIsConvertedToColour) {
  // Stored inverted (Adobe): C and K "no ink" (255), M and Y full (0): red.
  const Bytes jpeg = test::cmyk_jpeg(16, 16, {255, 0, 0, 255});
  const cv::Mat3b decoded = render::decode_photo(jpeg, "cmyk.jpg");
  ASSERT_EQ(decoded.size(), cv::Size(16, 16));
  const cv::Vec3b px = decoded(8, 8);  // BGR
  EXPECT_GT(px[2], 200) << px;
  EXPECT_LT(px[1], 60) << px;
  EXPECT_LT(px[0], 60) << px;
  // Some black ink everywhere darkens all three channels equally.
  const cv::Vec3b grey = render::decode_photo(test::cmyk_jpeg(16, 16, {255, 255, 255, 128}), "k.jpg")(8, 8);
  EXPECT_NEAR(grey[0], 128, 3);
  EXPECT_EQ(grey[0], grey[1]);
  EXPECT_EQ(grey[1], grey[2]);
}

// An upright test card: four distinctly coloured quadrants (BGR).
const cv::Vec3b kTopLeft{0, 0, 255}, kTopRight{0, 255, 0}, kBottomLeft{255, 0, 0}, kBottomRight{255, 255, 255};

cv::Mat3b upright_card() {
  cv::Mat3b card(64, 96);
  card(cv::Rect(0, 0, 48, 32)).setTo(kTopLeft);
  card(cv::Rect(48, 0, 48, 32)).setTo(kTopRight);
  card(cv::Rect(0, 32, 48, 32)).setTo(kBottomLeft);
  card(cv::Rect(48, 32, 48, 32)).setTo(kBottomRight);
  return card;
}

// What a camera stores for `orientation`: the upright card transformed by the inverse of
// the EXIF rule, so that applying the rule gives the card back.
cv::Mat3b stored_for_orientation(const cv::Mat3b& upright, int orientation) {
  cv::Mat3b s;
  switch (orientation) {
    case 1: s = upright.clone(); break;
    case 2: cv::flip(upright, s, 1); break;                                 // mirrored
    case 3: cv::rotate(upright, s, cv::ROTATE_180); break;
    case 4: cv::flip(upright, s, 0); break;                                 // upside-down mirror
    case 5: cv::transpose(upright, s); break;                               // self-inverse
    case 6: cv::rotate(upright, s, cv::ROTATE_90_COUNTERCLOCKWISE); break;  // shown rotated 90 CW
    case 7: cv::transpose(upright, s); cv::rotate(s, s, cv::ROTATE_180); break;  // transverse
    case 8: cv::rotate(upright, s, cv::ROTATE_90_CLOCKWISE); break;         // shown rotated 90 CCW
  }
  return s;
}

bool near(const cv::Vec3b& a, const cv::Vec3b& b) {
  return std::abs(a[0] - b[0]) < 40 && std::abs(a[1] - b[1]) < 40 && std::abs(a[2] - b[2]) < 40;
}

class ExifOrientation : public ::testing::TestWithParam<int> {};

TEST_P(ExifOrientation, IsShownUpright) {
  const int o = GetParam();
  const cv::Mat3b stored = stored_for_orientation(upright_card(), o);
  const Bytes jpeg = test::insert_segment(test::encode(".jpg", stored, {cv::IMWRITE_JPEG_QUALITY, 95}), 0xE1,
                                          test::exif_orientation(o));
  const cv::Mat3b shown = render::decode_photo(jpeg, "orientation-" + std::to_string(o) + ".jpg");
  ASSERT_EQ(shown.size(), cv::Size(96, 64)) << "orientation " << o;
  EXPECT_PRED2(near, shown(8, 8), kTopLeft);
  EXPECT_PRED2(near, shown(8, 88), kTopRight);
  EXPECT_PRED2(near, shown(56, 8), kBottomLeft);
  EXPECT_PRED2(near, shown(56, 88), kBottomRight);
}

INSTANTIATE_TEST_SUITE_P(AllEight, ExifOrientation, ::testing::Range(1, 9));

TEST(BadInput, NonAsciiFileNames) {
  test::ScopedTempDir dir("smp-utf8");
  const fs::path folder = dir / "Clínica Zürich 東京";
  fs::create_directories(folder);
  const fs::path photo = folder / "фото клиента ñ.jpg";
  test::write_bytes(photo, test::encode(".jpg", upright_card()));
  EXPECT_EQ(render::load_photo(photo).size(), cv::Size(96, 64));

  const fs::path out = folder / "résultat après.png";
  render::save_image(out, upright_card());
  EXPECT_EQ(render::load_photo(out).size(), cv::Size(96, 64));

  try {
    render::load_photo(folder / "нет такого.jpg");
    ADD_FAILURE();
  } catch (const render::ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("нет такого.jpg"), std::string::npos) << e.what();
  }
}

TEST(BadInput, MissingFileAndFolderNameTheProblem) {
  test::ScopedTempDir dir("smp-missing");
  try {
    render::load_photo(dir / "gone.jpg");
    ADD_FAILURE();
  } catch (const render::ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("gone.jpg"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos) << e.what();
  }
  try {
    render::load_photo(dir.path());
    ADD_FAILURE();
  } catch (const render::ImageError& e) {
    EXPECT_NE(std::string(e.what()).find("folder"), std::string::npos) << e.what();
  }
}

TEST(BadInput, PipesAndDevicesAreRefusedWithoutHanging) {
  test::ScopedTempDir dir("smp-fifo");
  const fs::path fifo = dir / "photo.jpg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const fs::path& p : {fifo, fs::path("/dev/zero")}) {
    try {
      render::load_photo(p);  // a blocking open() or read() would never return
      ADD_FAILURE() << p;
    } catch (const render::ImageError& e) {
      EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
    }
  }
}

TEST(BadInput, FailedExportLeavesTheExistingFileUntouched) {
  test::ScopedTempDir dir("smp-export");
  const fs::path out = dir / "after.png";
  render::save_image(out, upright_card());
  const Bytes before = test::read_bytes(out);
  // An image the PNG encoder cannot write (64-bit float, 2 channels).
  EXPECT_THROW(render::save_image(out, cv::Mat(4, 4, CV_64FC2, cv::Scalar(1, 2))), render::ImageError);
  EXPECT_THROW(render::save_image(dir / "after.gif", upright_card()), render::ImageError);
  EXPECT_EQ(test::read_bytes(out), before);
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1) << "no temporary files left behind";
}

}  // namespace
}  // namespace smp
