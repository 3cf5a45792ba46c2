// The decoder process hands its reply file's memory to the codec: a photo is decoded where
// the program will map it from, never into a buffer of its own first. Every large Mat
// OpenCV makes during the decode is counted to prove it.

#include "image_builders.hpp"
#include "smp/render/image_io.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <string>

namespace smp {
namespace {

using test::Bytes;

// Forwards to OpenCV's own allocator and remembers the largest buffer asked for.
class LargestAllocation final : public cv::MatAllocator {
 public:
  LargestAllocation() : inner_(cv::Mat::getStdAllocator()), saved_(cv::Mat::getDefaultAllocator()) {
    cv::Mat::setDefaultAllocator(this);
  }
  ~LargestAllocation() override { cv::Mat::setDefaultAllocator(saved_); }
  LargestAllocation(const LargestAllocation&) = delete;
  LargestAllocation& operator=(const LargestAllocation&) = delete;

  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, std::size_t* step, cv::AccessFlag flags,
                         cv::UMatUsageFlags usage) const override {
    std::size_t total = CV_ELEM_SIZE(type);
    for (int i = 0; i < dims; ++i) total *= static_cast<std::size_t>(sizes[i]);
    if (!data) largest_ = std::max(largest_, total);
    return inner_->allocate(dims, sizes, type, data, step, flags, usage);
  }
  bool allocate(cv::UMatData* u, cv::AccessFlag flags, cv::UMatUsageFlags usage) const override {
    return inner_->allocate(u, flags, usage);
  }
  void deallocate(cv::UMatData* u) const override { inner_->deallocate(u); }

  std::size_t largest() const { return largest_; }

 private:
  cv::MatAllocator* inner_;
  cv::MatAllocator* saved_;
  mutable std::size_t largest_ = 0;
};

cv::Mat3b textured(int w, int h) {
  cv::Mat3b img(h, w);
  cv::randu(img, 0, 255);
  cv::GaussianBlur(img, img, {5, 5}, 0);
  return img;
}

struct Decoded {
  cv::Mat image;
  std::size_t largest_allocation = 0;
};

Decoded decode_into(const Bytes& file, const std::string& name, cv::Mat& destination) {
  Decoded out;
  const LargestAllocation counter;
  out.image = render::decode_image_into(file, name, {}, destination.channels(), destination);
  out.largest_allocation = counter.largest();
  return out;
}

TEST(DecodeInto, CodecsWriteStraightIntoTheGivenPixels) {
  const cv::Mat3b img = textured(640, 480);
  const std::size_t image_bytes = img.total() * img.elemSize();
  for (const char* ext : {".jpg", ".png", ".webp", ".bmp", ".tiff"}) {
    SCOPED_TRACE(ext);
    const Bytes file = test::encode(ext, img);
    cv::Mat destination(img.size(), CV_8UC3, cv::Scalar::all(0));
    const Decoded d = decode_into(file, std::string("photo") + ext, destination);
    EXPECT_EQ(d.image.data, destination.data);
    EXPECT_EQ(d.image.size(), img.size());
    EXPECT_LT(d.largest_allocation, image_bytes / 4) << "a second picture-sized buffer was made";
    const cv::Mat alone = render::decode_image_unisolated(file, "alone", {});
    EXPECT_EQ(cv::norm(d.image, alone, cv::NORM_INF), 0);
  }
  const cv::Mat4b logo(60, 80, cv::Vec4b(1, 2, 3, 128));
  cv::Mat destination(logo.size(), CV_8UC4);
  const Decoded d = decode_into(test::encode(".png", logo), "logo.png", destination);
  EXPECT_EQ(d.image.data, destination.data);
  EXPECT_EQ(d.image.at<cv::Vec4b>(30, 40), cv::Vec4b(1, 2, 3, 128));
}

// A photo whose EXIF orientation turns it a quarter turn cannot be turned in place: it
// passes through a buffer of its own and still ends in the destination, sides swapped.
TEST(DecodeInto, QuarterTurnedPhotoEndsInTheDestinationRotated) {
  const cv::Mat3b img = textured(64, 48);
  const Bytes file = test::insert_segment(test::encode(".jpg", img, {cv::IMWRITE_JPEG_QUALITY, 95}), 0xE1,
                                          test::exif_orientation(6));
  cv::Mat destination(img.size(), CV_8UC3, cv::Scalar::all(0));
  const Decoded d = decode_into(file, "turned.jpg", destination);
  EXPECT_EQ(d.image.data, destination.data);
  EXPECT_EQ(d.image.size(), cv::Size(48, 64));
  const cv::Mat alone = render::decode_image_unisolated(file, "alone", {});
  ASSERT_EQ(alone.size(), cv::Size(48, 64));
  EXPECT_EQ(cv::norm(d.image, alone, cv::NORM_INF), 0);
}

// A destination of the wrong size is the caller's mistake, not a damaged photo.
TEST(DecodeInto, DestinationMustMatchTheHeader) {
  const Bytes file = test::encode(".png", textured(40, 30));
  cv::Mat wrong(31, 40, CV_8UC3);
  EXPECT_THROW(decode_into(file, "x.png", wrong), std::invalid_argument);
  const Bytes damaged(file.begin(), file.begin() + 20);
  cv::Mat right(30, 40, CV_8UC3);
  EXPECT_THROW(decode_into(damaged, "cut.png", right), render::ImageError);
}

}  // namespace
}  // namespace smp
