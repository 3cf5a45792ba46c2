// Window-free parts of the viewer's moments: the one list of timeline states (shared with
// the grid export), the eyedropper's region and shade, and the timeline thumbnails.

#include "core/eyedropper.hpp"
#include "timeline_thumbnails.hpp"
#include "timeline_states.hpp"

#include "smp/render/compositor.hpp"
#include "smp/sim/simulate.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <memory>
#include <random>

namespace smp::studio {
namespace {

using app::render_timeline_thumbnails;
using app::Thumbnail;
using app::ThumbnailRequest;

cv::Mat3b skin_photo(int w, int h) {
  cv::Mat3b img(h, w, cv::Vec3b(150, 172, 212));
  std::mt19937 rng(3);
  std::normal_distribution<float> noise(0.0f, 3.0f);
  for (auto& p : img)
    for (int k = 0; k < 3; ++k) p[k] = cv::saturate_cast<uchar>(p[k] + noise(rng));
  return img;
}

sim::Plan small_plan(int w, int h, int sessions) {
  sim::Plan plan;
  plan.photo = {"photo.png", "", w, h};
  plan.calibration = {4.0, true, "two-point"};
  plan.head.midline_origin = {w / 2.0, h / 2.0};
  plan.head.front_dir = {0, -1};
  plan.masks.treatment = cv::Mat1b(h, w, std::uint8_t{0});
  cv::ellipse(plan.masks.treatment, cv::Point(w / 2, h / 2), cv::Size(w / 3, h / 3), 0, 0, 360, 255, -1);
  plan.params.sessions = sessions;
  plan.params.seed = 5;
  return plan;
}

double mean_luma(const cv::Mat3b& img) {
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  return cv::mean(grey)[0];
}

TEST(TimelineStates, BeforeSessionOneFreshAndHealedFinalAndYears) {
  const auto steps = app::timeline_steps(3);
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_TRUE(steps[0].before);
  EXPECT_EQ(steps[1].state.up_to_session, 1);
  EXPECT_TRUE(steps[1].state.fresh);
  EXPECT_EQ(steps[2].state.up_to_session, 1);
  EXPECT_FALSE(steps[2].state.fresh);
  EXPECT_EQ(steps[3].state.up_to_session, 0);  // all sessions
  EXPECT_FALSE(steps[3].state.fresh);
  EXPECT_EQ(steps[4].state.years, app::kTimelineYears);
  EXPECT_EQ(app::timeline_caption(steps[1], 3), "After session 1, fresh (day 0)");
  EXPECT_EQ(app::timeline_caption(steps[3], 3), "After 3 sessions, healed");
  EXPECT_EQ(app::timeline_caption(steps[4], 3), "5 years after the last session");
  // One session: "session 1 healed" is the final result, shown once.
  EXPECT_EQ(app::timeline_steps(1).size(), 4u);
  const auto fresh = app::result_composite_options(steps[1].state);
  EXPECT_EQ(fresh.latest_healing, 0.0);
  EXPECT_EQ(fresh.up_to_session, 1);
}

TEST(Eyedropper, DragIsARectangleClickIsASquareOfMillimetres) {
  const cv::Size photo(400, 300);
  EXPECT_EQ(eyedropper_region({10, 20}, {50, 80}, 5.0, photo, 2.0), cv::Rect(10, 20, 40, 60));
  EXPECT_EQ(eyedropper_region({50, 80}, {10, 20}, 5.0, photo, 2.0), cv::Rect(10, 20, 40, 60));
  const cv::Rect click = eyedropper_region({100, 100}, {100.5, 100.5}, 5.0, photo, 2.0);
  EXPECT_NEAR(click.width, kEyedropperClickMm * 5.0, 1.0);
  EXPECT_NEAR(click.x + click.width / 2.0, 100, 1.0);
  EXPECT_EQ(eyedropper_region({390, 290}, {420, 330}, 5.0, photo, 2.0), cv::Rect(390, 290, 10, 10));  // clipped
  EXPECT_TRUE(eyedropper_region({-50, -50}, {-10, -10}, 5.0, photo, 2.0).empty());
}

TEST(Eyedropper, DarkerRegionGivesADarkerShade) {
  const int w = 240, h = 180;
  cv::Mat3b photo = skin_photo(w, h);
  photo(cv::Rect(10, 10, 40, 30)) *= 0.88;  // stubble, 12 % darker than the skin
  photo(cv::Rect(60, 10, 40, 30)) *= 0.94;  // lighter stubble
  const sim::Plan plan = small_plan(w, h, 3);
  const double dark = eyedropper_shade(photo, {10, 10, 40, 30}, plan, {});
  const double grey = eyedropper_shade(photo, {60, 10, 40, 30}, plan, {});
  const double skin = eyedropper_shade(photo, {100, 80, 40, 30}, plan, {});
  EXPECT_LT(dark, grey);
  EXPECT_LT(grey, skin);
  EXPECT_GE(dark, 0.0);
  EXPECT_LE(skin, 95.0);
  EXPECT_EQ(dark, std::round(dark));
}

TEST(TimelineThumbnails, OnePerStepInTheirOrderOfDarkness) {
  const int w = 240, h = 180;
  const cv::Mat3b photo = skin_photo(w, h);
  const sim::Plan plan = small_plan(w, h, 3);
  ThumbnailRequest r{photo, plan, std::make_shared<const sim::Simulation>(sim::simulate(plan)), {}, 96, 1.5, {}, {}};
  const cv::Rect crop = app::timeline_crop(plan, photo.size(), 1.5);
  EXPECT_EQ(crop & cv::boundingRect(plan.masks.treatment), cv::boundingRect(plan.masks.treatment));
  const auto thumbs = render_timeline_thumbnails(r);
  ASSERT_EQ(thumbs.size(), app::timeline_steps(3).size());
  for (const Thumbnail& t : thumbs) EXPECT_EQ(t.image.cols, 96);
  const double before = mean_luma(thumbs[0].image), day0 = mean_luma(thumbs[1].image), s1 = mean_luma(thumbs[2].image),
               all = mean_luma(thumbs[3].image), years = mean_luma(thumbs[4].image);
  EXPECT_LT(day0, s1);     // fresh dots are larger and darker than healed ones
  EXPECT_LT(s1, before);   // healed session 1 still darkens the scalp
  EXPECT_LT(all, s1);      // more sessions, more dots
  EXPECT_GT(years, all);   // pigment fades over the years
  EXPECT_THROW(render_timeline_thumbnails({photo, plan, nullptr, {}, 96, 1.5, {}, {}}), std::invalid_argument);

  // Over a buzz-cut preview the moments after treatment show the buzzed photo the canvas
  // shows (here a darker copy), "before" the photo as taken.
  ThumbnailRequest over_buzz = r;
  over_buzz.base = cv::Mat3b(photo * 0.6);
  const auto buzzed = render_timeline_thumbnails(over_buzz);
  ASSERT_EQ(buzzed.size(), thumbs.size());
  EXPECT_NEAR(mean_luma(buzzed[0].image), before, 0.5);
  for (std::size_t i = 1; i < buzzed.size(); ++i) EXPECT_LT(mean_luma(buzzed[i].image), 0.8 * mean_luma(thumbs[i].image)) << i;
  over_buzz.base = cv::Mat3b(photo.rows / 2, photo.cols / 2, cv::Vec3b(0, 0, 0));
  EXPECT_THROW(render_timeline_thumbnails(over_buzz), std::invalid_argument);
}

TEST(TimelineThumbnails, TheToneOfTheDotsShownGivesTheSamePictures) {
  // The viewer hands over the tone its dots were drawn with: the thumbnails are those the
  // tone measured anew gives, and a different tone gives other pictures.
  const int w = 240, h = 180;
  const cv::Mat3b photo = skin_photo(w, h);
  const sim::Plan plan = small_plan(w, h, 2);
  ThumbnailRequest measured{photo, plan, std::make_shared<const sim::Simulation>(sim::simulate(plan)), {}, 96, 1.5, {}, {}};
  ThumbnailRequest given = measured;
  given.tone = render::estimate_plan_tone(photo, plan);
  const auto a = render_timeline_thumbnails(measured), b = render_timeline_thumbnails(given);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(cv::norm(a[i].image, b[i].image, cv::NORM_INF), 0.0) << i;
  given.tone->blur_sigma_px *= 4;  // a softer photo: softer dots
  const auto c = render_timeline_thumbnails(given);
  EXPECT_GT(cv::norm(a.back().image, c.back().image, cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace smp::studio
