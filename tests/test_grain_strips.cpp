// The grain pass for dots closer than the photo resolves works in strips of rows (one extra
// layer of memory instead of four): its result must not depend on where the strips fall,
// bit for bit, at any blur, and must keep the layer's mean transmittance (up to the clamp).

#include "../render/src/grain.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// Dots about 4 px apart on a 301 x 157 layer (odd sizes: strips that do not divide it), in
// rows [first_row, last_row) only.
cv::Mat1f dotted_layer(int first_row = 0, int last_row = 157) {
  cv::Mat1f od(157, 301, 0.0f);
  cv::RNG rng(5);
  for (int y = first_row + 2; y < std::min(od.rows, last_row); y += 4)
    for (int x = 1 + (y / 4) % 2 * 2; x < od.cols; x += 4) od(y, x) = rng.uniform(0.4f, 1.6f);
  return od;
}

TEST(GrainStrips, SameLayerWhateverTheStripHeight) {
  for (const double blur : {0.7, 1.6, 3.0}) {
    render::detail::GrainParams whole;
    whole.strip_rows = 100000;  // one strip: the whole layer at once
    cv::Mat1f reference = dotted_layer();
    render::detail::GrainBuffers buffers;
    render::detail::unresolved_dots_to_grain(reference, 4.0, blur, 11, buffers, whole);
    for (const int rows : {1, 7, 40, 96}) {
      render::detail::GrainParams strips;
      strips.strip_rows = rows;
      cv::Mat1f od = dotted_layer();
      render::detail::unresolved_dots_to_grain(od, 4.0, blur, 11, buffers, strips);
      EXPECT_EQ(cv::norm(od, reference, cv::NORM_INF), 0) << "strips of " << rows << " rows, blur " << blur;
    }
    cv::Mat1f before = dotted_layer(), t_before, t_after;
    cv::exp(-before, t_before);
    cv::exp(-reference, t_after);
    // The mean tone is kept up to the clamp at bare skin (grain cannot lighten skin), which
    // darkens a sparse layer like this one a little.
    EXPECT_NEAR(cv::mean(t_after)[0], cv::mean(t_before)[0], 0.05);
    EXPECT_GT(cv::norm(reference, before, cv::NORM_INF), 0.05) << "the dots became grain";
  }
}

// Pigment in a band of rows only (a treatment area on a larger photo): rows whose blurs
// reach no pigment stay exactly zero, the band becomes grain, and the layer is still the
// same whatever the strips.
TEST(GrainStrips, RowsOutOfReachOfThePigmentStayBlank) {
  render::detail::GrainParams whole;
  whole.strip_rows = 100000;
  cv::Mat1f reference = dotted_layer(70, 90);
  render::detail::GrainBuffers buffers;
  render::detail::unresolved_dots_to_grain(reference, 4.0, 1.6, 11, buffers, whole);
  EXPECT_EQ(cv::countNonZero(reference.rowRange(0, 30)), 0);
  EXPECT_EQ(cv::countNonZero(reference.rowRange(130, 157)), 0);
  EXPECT_GT(cv::countNonZero(reference.rowRange(70, 90)), 301 * 10) << "the band became grain";
  EXPECT_GT(cv::countNonZero(reference.rowRange(64, 70)), 301) << "its local mean reaches the rows beside it";
  for (const int rows : {1, 7, 40, 96}) {
    render::detail::GrainParams strips;
    strips.strip_rows = rows;
    cv::Mat1f od = dotted_layer(70, 90);
    render::detail::unresolved_dots_to_grain(od, 4.0, 1.6, 11, buffers, strips);
    EXPECT_EQ(cv::norm(od, reference, cv::NORM_INF), 0) << "strips of " << rows << " rows";
  }
}

}  // namespace
}  // namespace smp
