// Photo decoding cannot take the program down: the decoder that runs is the one the format
// check chose, and the codec runs in a separate process whose abort, hang or damaged
// output becomes one clear error naming the file.

#include "decoder_fault.hpp"
#include "image_builders.hpp"
#include "smp/render/image_io.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <string>

namespace smp {
namespace {

using test::Bytes;
using test::FaultInDecoder;

Bytes base64(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  Bytes out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const std::size_t v = alphabet.find(c);
    if (v == std::string::npos) continue;  // padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  return out;
}

// Found by fuzzing: a "WebP" that libwebp rejects, with the DICOM magic at offset 128.
// OpenCV's own format probe passed it on to the DICOM reader, which aborted the program.
const char* const kWebpWithDicomMagic =
    "UklGRiQAAABXRUJQVlA4TElJKgAlAAAAgH6gQAgkFs/Pz8/PF9rPNDAwMDAwMDHPz8/Pz0EAAAAAACUAAACAfqBACC4Wz8/Pz88X2s80MDAw"
    "MDAwMc/Pz8/PQQAAAAAAAAgA9M/Pz8/P////CgAAAAAAAAAAAAAAAAAA/9j/4QBESUNNAgAAAF9fb3BlbmN2X3RlbQAASUngAAA=";

std::string refusal(const Bytes& bytes, const std::string& name, const render::PhotoLimits& limits = {}) {
  try {
    render::decode_photo(bytes, name, limits);
  } catch (const render::ImageError& e) {
    return e.what();
  }
  return {};
}

bool one_line(const std::string& s) { return s.find('\n') == std::string::npos; }

cv::Mat3b textured(int w, int h) {
  cv::Mat3b img(h, w);
  cv::randu(img, 0, 255);
  cv::GaussianBlur(img, img, {7, 7}, 0);
  return img;
}

TEST(DecoderIsolation, FuzzerFindingIsRefusedCleanly) {
  const Bytes file = base64(kWebpWithDicomMagic);
  ASSERT_EQ(file.size(), 155u);
  // In this process: were any decoder but libwebp reached, this test would abort.
  EXPECT_THROW(render::decode_image_unisolated(file, "x.webp", {}), render::ImageError);
  const std::string msg = refusal(file, "x.webp");
  EXPECT_NE(msg.find("x.webp: "), std::string::npos) << msg;
  EXPECT_NE(msg.find("WebP"), std::string::npos) << msg;
  EXPECT_TRUE(one_line(msg)) << msg;
}

// Each accepted signature, then the magic numbers of formats the product does not accept
// where their readers look for them. The result is the signature's own codec at work: a
// refusal, or an image of the size in the header; never another codec, never a crash.
TEST(DecoderIsolation, AcceptedSignatureFollowedByOtherFormatsMagic) {
  struct Container {
    const char* name;
    Bytes header;
  };
  const Bytes jpeg = test::jpeg_claiming(8, 8);
  const Container containers[] = {
      {"jpeg.jpg", Bytes(jpeg.begin(), jpeg.begin() + 20)},
      {"png.png", test::png_claiming(8, 8)},
      {"bmp.bmp", test::bmp_claiming(8, 8)},
      {"webp-lossless.webp", {'R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0x10, 0, 0, 0, 0x2F, 7, 0xC0, 1, 0}},
      {"webp-extended.webp", test::webp_vp8x_claiming(8, 8)},
      {"tiff.tif", test::tiff_claiming(8, 8)},
  };
  const std::pair<const char*, Bytes> magics[] = {
      {"DICOM", {'D', 'I', 'C', 'M'}},
      {"JPEG 2000", {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, 0x87, 0x0A}},
      {"OpenEXR", {0x76, 0x2F, 0x31, 0x01}},
      {"Sun raster", {0x59, 0xA6, 0x6A, 0x95}},
      {"PNM", {'P', '6', '\n', '8', ' ', '8', '\n', '2', '5', '5', '\n'}},
      {"Radiance HDR", {'#', '?', 'R', 'A', 'D', 'I', 'A', 'N', 'C', 'E', '\n'}},
  };
  for (const Container& c : containers) {
    for (const auto& [magic_name, magic] : magics) {
      SCOPED_TRACE(std::string(c.name) + " + " + magic_name);
      Bytes file = c.header;
      // Right after the header, and at offset 128 where DICOM's preamble ends.
      test::append(file, magic);
      while (file.size() < 128) file.push_back(0xCF);
      test::append(file, magic);
      while (file.size() < 300) file.push_back(0x30);
      try {
        const cv::Mat img = render::decode_image_unisolated(file, c.name, {});
        EXPECT_EQ(img.size(), cv::Size(8, 8));
      } catch (const render::ImageError& e) {
        EXPECT_NE(std::string(e.what()).find(c.name), std::string::npos) << e.what();
      }
      const std::string msg = refusal(file, c.name);
      EXPECT_TRUE(one_line(msg)) << msg;
      EXPECT_EQ(msg.find("safely"), std::string::npos) << "the decoder process failed: " << msg;
    }
  }
}

TEST(DecoderIsolation, DecoderThatAbortsBecomesAClearError) {
  const Bytes png = test::encode(".png", textured(32, 24));
  EXPECT_EQ(render::decode_photo(png, "fine.png").size(), cv::Size(32, 24));
  const FaultInDecoder fault("abort");
  const std::string msg = refusal(png, "client.png");
  EXPECT_NE(msg.find("client.png: the image could not be decoded safely: the decoder stopped with signal 6"),
            std::string::npos)
      << msg;
  EXPECT_TRUE(one_line(msg)) << msg;
}

TEST(DecoderIsolation, DecoderThatHangsIsStopped) {
  const Bytes png = test::encode(".png", textured(32, 24));
  const FaultInDecoder fault("hang");
  render::PhotoLimits limits;
  limits.max_decode_seconds = 1;
  const std::string msg = refusal(png, "client.png", limits);
  EXPECT_NE(msg.find("client.png: the image could not be decoded safely: the decoder did not finish within 1 s"),
            std::string::npos)
      << msg;
}

// A photo cut short and closed with an end marker: libjpeg paints the rest in one flat
// colour, warns on stderr, and succeeds. The warning becomes the refusal.
TEST(DecoderIsolation, JpegWithMissingImageDataIsRefusedWithTheRow) {
  const Bytes full = test::encode(".jpg", textured(320, 480), {cv::IMWRITE_JPEG_QUALITY, 90});
  Bytes cut(full.begin(), full.begin() + static_cast<long>(full.size() / 3));
  cut.push_back(0xFF);
  cut.push_back(0xD9);
  const std::string msg = refusal(cut, "cut-third.jpg");
  EXPECT_NE(msg.find("cut-third.jpg: the photo is damaged: the image data stops at row "), std::string::npos) << msg;
  EXPECT_NE(msg.find(" of 480"), std::string::npos) << msg;
  EXPECT_TRUE(one_line(msg)) << msg;
}

// A few hundred bytes cannot hold 196 million pixels: refused from the structure alone,
// before a decoder allocates the picture.
TEST(DecoderIsolation, FilesTooSmallForTheirClaimedSizeAreRefusedBeforeDecoding) {
  EXPECT_NE(refusal(test::jpeg_claiming(14000, 14000), "huge.jpg").find("cannot hold a 14000x14000 image"), std::string::npos);
  EXPECT_NE(refusal(test::png_claiming(14000, 14000), "huge.png").find("cannot hold a 14000x14000 image"), std::string::npos);
  // A real photo of ordinary size passes the same checks.
  EXPECT_EQ(render::decode_photo(test::encode(".jpg", textured(640, 480)), "fine.jpg").size(), cv::Size(640, 480));
  EXPECT_EQ(render::decode_photo(test::encode(".png", cv::Mat3b(600, 800, cv::Vec3b(7, 8, 9))), "flat.png").size(),
            cv::Size(800, 600));
}

TEST(DecoderIsolation, WebpDecodesThroughLibwebp) {
  const cv::Mat3b img = textured(40, 30);
  const cv::Mat3b back = render::decode_photo(test::encode(".webp", img, {cv::IMWRITE_WEBP_QUALITY, 101}), "lossless.webp");
  ASSERT_EQ(back.size(), img.size());
  EXPECT_EQ(cv::norm(back, img, cv::NORM_INF), 0);
}

TEST(DecoderIsolation, LogoKeepsItsAlpha) {
  const cv::Mat4b logo(10, 20, cv::Vec4b(1, 2, 3, 128));
  render::PhotoLimits limits;
  const cv::Mat4b back = render::decode_image_with_alpha(test::encode(".png", logo), "logo.png", limits);
  ASSERT_EQ(back.size(), logo.size());
  EXPECT_EQ(back(5, 5), cv::Vec4b(1, 2, 3, 128));
  const cv::Mat4b opaque = render::decode_image_with_alpha(test::encode(".jpg", textured(20, 10)), "logo.jpg", limits);
  EXPECT_EQ(opaque(5, 5)[3], 255);
}

// The decoder's pixels are used where it wrote them (mapped, copy on write): they behave as
// ordinary pixels however the picture is shared, written, reshaped or released, and writing
// to one decoded picture never shows in another decode of the same file.
TEST(DecoderIsolation, DecodedPixelsAreOrdinaryPixels) {
  const cv::Mat3b img = textured(333, 251);  // rows not a multiple of any page size
  const Bytes png = test::encode(".png", img);
  cv::Mat3b first = render::decode_photo(png, "first.png");
  ASSERT_EQ(cv::norm(first, img, cv::NORM_INF), 0);
  cv::Mat3b shared = first;  // shares the pixels
  shared(10, 20) = cv::Vec3b(1, 2, 3);
  EXPECT_EQ(first(10, 20), cv::Vec3b(1, 2, 3));
  const cv::Mat3b second = render::decode_photo(png, "second.png");
  EXPECT_EQ(second(10, 20), img(10, 20));
  first.release();
  shared.create(7, 9);  // a new, ordinary buffer for this header
  shared.setTo(cv::Vec3b(4, 5, 6));
  EXPECT_EQ(shared(6, 8), cv::Vec3b(4, 5, 6));
  cv::Mat3b roi = second(cv::Rect(5, 5, 50, 40)).clone();
  EXPECT_EQ(cv::norm(roi, img(cv::Rect(5, 5, 50, 40)), cv::NORM_INF), 0);
}

}  // namespace
}  // namespace smp
