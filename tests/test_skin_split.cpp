// Splitting the head into skin and hair (simulation/src/detect/skin_model.hpp): lit strands
// whose chroma passes a broad skin colour are hair when they sit much nearer the chroma of
// the photo's own dark hair.

#include "detect/skin_model.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

namespace {

using namespace smp::sim::detect;

constexpr uchar kSkinY = 160;

// YCrCb thirds: skin, dark hair (`dark_cols` columns of it, the rest skin), lit hair.
cv::Mat3b thirds(int dark_cols) {
  cv::Mat3b img(90, 300, cv::Vec3b(kSkinY, 150, 110));
  img.colRange(100, 100 + dark_cols).setTo(cv::Vec3b(30, 126, 128));
  img.colRange(200, 300).setTo(cv::Vec3b(90, 132, 124));
  return img;
}

SkinModel broad_skin() {
  SkinModel m;
  m.mean = {150, 110};
  m.inv_cov = cv::Matx22d::eye() * (1.0 / 64.0);  // 8 levels: the lit strands pass it
  m.median_y = kSkinY;
  m.valid = true;
  return m;
}

cv::Mat1b split(const cv::Mat3b& img, cv::Mat1b& hair) {
  const cv::Mat1f smooth(img.size(), 0.0f);  // no texture: colour alone decides
  return split_skin_hair(img, smooth, cv::Mat1b(img.size(), uchar{255}), broad_skin(), hair);
}

}  // namespace

TEST(SkinSplit, LitStrandsNearTheDarkHairsChromaAreHair) {
  cv::Mat1b hair;
  const cv::Mat1b skin = split(thirds(100), hair);
  EXPECT_EQ(skin(45, 50), 255);   // skin
  EXPECT_EQ(hair(45, 150), 255);  // dark hair
  EXPECT_EQ(hair(45, 250), 255);  // lit hair
  EXPECT_EQ(skin(45, 250), 0);
}

TEST(SkinSplit, WithoutEnoughDarkHairTheSkinColourDecides) {
  // A few dark pixels (a shadow line, not hair) give no hair chroma to go by.
  cv::Mat1b hair;
  const cv::Mat1b skin = split(thirds(6), hair);
  EXPECT_EQ(skin(45, 50), 255);
  EXPECT_EQ(skin(45, 250), 255);
}
