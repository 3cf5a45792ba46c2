// The canvas view when the window changes size: a fitted photo is fitted again (a narrower
// window never cuts it off); a zoomed or panned view keeps its zoom and centre.

#include "core/view_transform.hpp"

#include <gtest/gtest.h>

namespace smp::studio {
namespace {

TEST(ViewAfterResize, FittedPhotoIsFittedAgainZoomedViewKeepsItsCentre) {
  const cv::Size2d photo(800, 600), wide(1000, 700), narrow(500, 700);
  const ViewTransform fitted = fit_view(photo, wide, 16);
  const ViewTransform refit = view_after_resize(fitted, fitted, photo, wide, narrow, 16);
  EXPECT_DOUBLE_EQ(refit.zoom, fit_view(photo, narrow, 16).zoom);
  EXPECT_LT(refit.zoom, fitted.zoom);
  EXPECT_GE(refit.origin.x, 0.0);
  EXPECT_LE(refit.origin.x + photo.width * refit.zoom, narrow.width);

  const ViewTransform zoomed = zoom_about(fitted, {300, 200}, 3.0);
  const ViewTransform kept = view_after_resize(zoomed, fitted, photo, wide, narrow, 16);
  EXPECT_DOUBLE_EQ(kept.zoom, zoomed.zoom);
  const cv::Point2d centre_before = to_photo(zoomed, {wide.width / 2, wide.height / 2});
  const cv::Point2d centre_after = to_photo(kept, {narrow.width / 2, narrow.height / 2});
  EXPECT_NEAR(centre_before.x, centre_after.x, 1e-9);
  EXPECT_NEAR(centre_before.y, centre_after.y, 1e-9);
}

}  // namespace
}  // namespace smp::studio
