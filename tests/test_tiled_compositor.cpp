// The tiled compositor (composite_into): the same pixels as the photo-sized pigment layer
// applied in one pass, for any thread count, into a reused (or the photo's own) buffer; and
// the photo-sized layer built with a reused LayerWorkspace.

#include "smp/render/compositor.hpp"
#include "smp/sim/simulate.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <opencv2/core/utility.hpp>

namespace smp {
namespace {

// Spans several tiles (512 x 128 px) with uneven edges; fresh last session (redness) and a band of
// hair hiding part of the pigment, so every term of the appearance model is in play.
struct Scene {
  sim::Plan plan;
  cv::Mat3b photo;
  std::vector<sim::Impression> impressions;
  render::CompositeOptions options;
};

Scene scene(double px_per_mm) {
  Scene s;
  const int w = 700, h = 530;
  s.plan = test::uniform_plan(w, h, px_per_mm, 90);
  s.plan.params.sessions = 3;
  s.plan.masks.occlusion = cv::Mat1b(h, w, uchar{0});
  for (int x = 0; x < w; ++x) s.plan.masks.occlusion.col(x).setTo(x > 400 ? (x - 400) * 255 / 300 : 0);
  s.impressions = sim::simulate(s.plan).impressions;
  s.photo.create(h, w);
  cv::randu(s.photo, cv::Scalar(70, 90, 120), cv::Scalar(170, 190, 230));
  s.options.latest_healing = 0.3;
  return s;
}

cv::Mat3b layered(const Scene& s, const render::PhotoTone& tone) {
  return render::apply_pigment(s.photo, render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, tone, {}, s.options));
}

TEST(TiledCompositor, SamePixelsAsThePhotoSizedLayer) {
  for (const double px_per_mm : {9.0, 3.0}) {  // resolved dots (tiled), and dots turned to grain
    const Scene s = scene(px_per_mm);
    const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
    cv::Mat3b tiled;
    render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, tiled);
    const cv::Mat3b reference = layered(s, tone);
    // Occlusion is applied in 8-bit per tile rather than through a float layer: a last-bit
    // difference may move a pixel that sits on a rounding boundary by one level.
    EXPECT_LE(cv::norm(tiled, reference, cv::NORM_INF), 1) << px_per_mm << " px/mm";
    EXPECT_LT(cv::norm(tiled, reference, cv::NORM_L1) / static_cast<double>(tiled.total() * 3), 0.001);
    EXPECT_GT(cv::norm(tiled, s.photo, cv::NORM_INF), 10) << "the dots must change the photo";
  }
}

TEST(TiledCompositor, PixelsOutsideTheTreatmentAreaAreThePhotos) {
  Scene s = scene(9.0);
  s.plan.masks.treatment.colRange(300, 700).setTo(0);  // tiles to the right get no splats
  s.impressions = sim::simulate(s.plan).impressions;
  s.options.latest_healing = 1.0;  // healed: no redness layer either
  const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
  cv::Mat3b tiled;
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, tiled);
  EXPECT_LE(cv::norm(tiled, layered(s, tone), cv::NORM_INF), 1);
  const cv::Rect untouched(420, 0, 280, 530);  // beyond the dots' reach
  EXPECT_EQ(cv::norm(tiled(untouched), s.photo(untouched), cv::NORM_INF), 0);
  EXPECT_GT(cv::norm(tiled.colRange(0, 300), s.photo.colRange(0, 300), cv::NORM_INF), 10);
}

TEST(TiledCompositor, SamePixelsWithOneThreadOrMany) {
  const Scene s = scene(9.0);
  const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
  const int threads = cv::getNumThreads();
  cv::Mat3b one, many;
  cv::setNumThreads(1);
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, one);
  cv::setNumThreads(5);
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, many);
  cv::setNumThreads(threads);
  EXPECT_EQ(cv::norm(one, many, cv::NORM_INF), 0);
}

TEST(TiledCompositor, ReusesTheOutputBufferAndWorksInPlace) {
  const Scene s = scene(9.0);
  const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
  cv::Mat3b out(s.photo.size());
  const uchar* buffer = out.data;
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, out);
  EXPECT_EQ(out.data, buffer) << "a buffer of the right size must be reused";
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, out);
  EXPECT_EQ(out.data, buffer);
  cv::Mat3b in_place = s.photo.clone();
  render::composite_into(in_place, s.plan, s.impressions, tone, {}, s.options, in_place);
  EXPECT_EQ(cv::norm(in_place, out, cv::NORM_INF), 0);
  cv::Mat3b wrong_size(10, 10);
  render::composite_into(s.photo, s.plan, s.impressions, tone, {}, s.options, wrong_size);
  EXPECT_EQ(wrong_size.size(), s.photo.size());
  EXPECT_EQ(cv::norm(wrong_size, out, cv::NORM_INF), 0);
}

// A workspace kept across calls (the viewer's regenerations) gives the same layers as none,
// in both the resolved and the grain regime, and never overwrites a layer the caller holds.
TEST(LayerWorkspace, SameLayersAndHeldLayersAreLeftAlone) {
  render::LayerWorkspace memory;
  for (const double px_per_mm : {9.0, 3.0, 9.0}) {
    const Scene s = scene(px_per_mm);
    const render::PhotoTone tone = render::estimate_plan_tone(s.photo, s.plan);
    const render::PigmentLayers fresh = render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, tone, {}, s.options);
    const render::PigmentLayers kept =
        render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, tone, {}, s.options, &memory);
    EXPECT_EQ(cv::norm(fresh.od, kept.od, cv::NORM_INF), 0) << px_per_mm << " px/mm";
    EXPECT_EQ(cv::norm(fresh.redness, kept.redness, cv::NORM_INF), 0);
    // A second call while `kept` is still held: a new layer, `kept` unchanged.
    const cv::Mat1f before = kept.od.clone();
    const cv::Size half(s.photo.cols / 2, s.photo.rows / 2);
    const render::PigmentLayers smaller =
        render::pigment_layers(half, 0.5, s.plan, s.impressions, tone, {}, s.options, &memory);
    EXPECT_NE(smaller.od.data, kept.od.data);
    EXPECT_EQ(cv::norm(kept.od, before, cv::NORM_INF), 0);
    EXPECT_EQ(cv::norm(smaller.od, render::pigment_layers(half, 0.5, s.plan, s.impressions, tone, {}, s.options).od,
                       cv::NORM_INF),
              0);
  }
  // Nothing holds the last layer any more: its memory serves the next call of the same size.
  const Scene s = scene(9.0);
  const uchar* last = nullptr;
  {
    const render::PigmentLayers dropped = render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, {}, {}, {}, &memory);
    last = dropped.od.data;
  }
  const render::PigmentLayers next = render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, {}, {}, {}, &memory);
  EXPECT_EQ(next.od.data, last);
  EXPECT_EQ(cv::norm(next.od, render::pigment_layers(s.photo.size(), 1.0, s.plan, s.impressions, {}).od, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace smp
