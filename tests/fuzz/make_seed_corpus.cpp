// Writes the small seed corpora committed in tests/fuzz/corpus/ (run once by hand; the
// files are kept tiny so libFuzzer mutates structure, not bulk pixels).
// Usage: smp_fuzz_make_corpus OUT_DIR   (writes OUT_DIR/fuzz_decode_photo, OUT_DIR/fuzz_plan_json)

#include "image_builders.hpp"
#include "smp/sim/plan_io.hpp"

#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace smp;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: smp_fuzz_make_corpus OUT_DIR\n");
    return 2;
  }
  const fs::path photos = fs::path(argv[1]) / "fuzz_decode_photo";
  const fs::path plans = fs::path(argv[1]) / "fuzz_plan_json";
  fs::create_directories(photos);
  fs::create_directories(plans);

  cv::Mat3b card(6, 8, cv::Vec3b(30, 90, 200));
  card(cv::Rect(0, 0, 4, 3)).setTo(cv::Vec3b(250, 250, 250));
  test::write_bytes(photos / "rgb.png", test::encode(".png", card));
  test::write_bytes(photos / "grey.png", test::encode(".png", cv::Mat1b(5, 7, uchar{99})));
  test::write_bytes(photos / "rgba.png", test::encode(".png", cv::Mat4b(4, 4, cv::Vec4b(1, 2, 3, 128))));
  test::write_bytes(photos / "deep.png", test::encode(".png", cv::Mat(4, 4, CV_16UC3, cv::Scalar(1000, 30000, 65535))));
  test::write_bytes(photos / "rgb.jpg", test::encode(".jpg", card, {cv::IMWRITE_JPEG_QUALITY, 50}));
  test::write_bytes(photos / "progressive.jpg",
                    test::encode(".jpg", card, {cv::IMWRITE_JPEG_PROGRESSIVE, 1, cv::IMWRITE_JPEG_QUALITY, 50}));
  test::write_bytes(photos / "exif-6.jpg", test::insert_segment(test::encode(".jpg", card), 0xE1, test::exif_orientation(6)));
  test::write_bytes(photos / "exif-gps.jpg", test::insert_segment(test::encode(".jpg", card), 0xE1, test::exif_with_gps()));
  test::write_bytes(photos / "cmyk.jpg", test::cmyk_jpeg(8, 8, {200, 40, 90, 230}));
  test::write_bytes(photos / "rgb.bmp", test::encode(".bmp", card));
  test::write_bytes(photos / "rgb.tif", test::encode(".tiff", card));
  if (cv::haveImageWriter(".webp")) test::write_bytes(photos / "rgb.webp", test::encode(".webp", card));

  sim::Plan plan;
  plan.photo = {"photo.jpg", "", 80, 60};
  plan.head.midline_origin = {40, 30};
  plan.hairline.control_points = {{40, 10}, {60, 14}, {75, 25}};
  plan.masks.treatment = cv::Mat1b(6, 8, uchar{255});
  plan.masks.exclusion = cv::Mat1b(6, 8, uchar{0});
  plan.masks.exclusion(2, 3) = 255;
  std::ofstream(plans / "full.json") << sim::plan_to_json(plan);
  sim::Plan bare;
  std::ofstream(plans / "no-masks.json") << sim::plan_to_json(bare);
  std::ofstream(plans / "newer.json") << "{\"format\": \"smp-studio-plan\", \"version\": 2}";
  return 0;
}
