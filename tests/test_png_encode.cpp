// PNG written on all cores (render/src/png_encode.hpp): whatever the bands, a PNG reader gets
// back exactly the pixels written, in every channel layout and at awkward sizes.

#include "../render/src/png_encode.hpp"
#include "smp/render/image_io.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <stdexcept>

namespace smp {
namespace {

using render::detail::encode_png;
using render::detail::PngEncodeParams;

cv::Mat noisy(cv::Size size, int type, int seed) {
  cv::Mat m(size, type);
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  rng.fill(m, cv::RNG::UNIFORM, 0, 256);
  // A smooth part too, where the filter and deflate have something to find.
  if (size.height > 4) m.rowRange(0, size.height / 2).setTo(cv::Scalar(40, 90, 160, 255));
  return m;
}

cv::Mat decoded(const std::vector<std::uint8_t>& png) {
  return cv::imdecode(cv::Mat(1, static_cast<int>(png.size()), CV_8U, const_cast<std::uint8_t*>(png.data())),
                      cv::IMREAD_UNCHANGED);
}

bool same_pixels(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

TEST(PngEncode, ReadersGetTheExactPixelsInEveryLayout) {
  for (const int type : {CV_8UC1, CV_8UC3, CV_8UC4})
    for (const cv::Size size : {cv::Size(1, 1), cv::Size(1, 300), cv::Size(300, 1), cv::Size(257, 131)}) {
      SCOPED_TRACE(testing::Message() << "channels " << CV_MAT_CN(type) << ", " << size);
      const cv::Mat image = noisy(size, type, size.area() + type);
      EXPECT_TRUE(same_pixels(decoded(encode_png(image)), image));
    }
}

// Many bands and several waves of them (bands of 7 rows, 2 at a time): the joined stream is
// one valid zlib stream whose checksum a reader verifies, and the same file whatever the
// number of threads.
TEST(PngEncode, BandsJoinIntoOneStream) {
  const cv::Mat image = noisy({203, 97}, CV_8UC3, 7);
  PngEncodeParams small;
  small.band_rows = 7;
  small.bands_in_flight = 2;
  const std::vector<std::uint8_t> png = encode_png(image, small);
  EXPECT_TRUE(same_pixels(decoded(png), image));
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  const std::vector<std::uint8_t> one_thread = encode_png(image, small);
  cv::setNumThreads(threads);
  EXPECT_EQ(png, one_thread);
  // A view into a larger image (rows not contiguous) encodes the view.
  const cv::Mat big = noisy({400, 300}, CV_8UC3, 9);
  const cv::Mat view = big(cv::Rect(13, 21, 203, 97));
  EXPECT_TRUE(same_pixels(decoded(encode_png(view, small)), view));
}

TEST(PngEncode, OtherTypesAreRefused) {
  EXPECT_THROW(encode_png(cv::Mat(4, 4, CV_16UC3, cv::Scalar::all(0))), std::invalid_argument);
  EXPECT_THROW(encode_png(cv::Mat(4, 4, CV_8UC2, cv::Scalar::all(0))), std::invalid_argument);
  EXPECT_THROW(encode_png(cv::Mat()), std::invalid_argument);
}

// save_image writes PNGs through it: the file reads back exactly.
TEST(PngEncode, SavedPngReadsBackExactly) {
  test::ScopedTempDir dir("smp-png");
  const cv::Mat image = noisy({640, 480}, CV_8UC3, 3);
  render::save_image(dir / "after.png", image);
  EXPECT_TRUE(same_pixels(cv::imread((dir / "after.png").string(), cv::IMREAD_UNCHANGED), image));
}

}  // namespace
}  // namespace smp
