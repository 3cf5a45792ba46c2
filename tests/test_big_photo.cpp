// Opening a very large photo: the analyses (head and scalp detection, the stubble measure,
// the shade suggestion, the naturalness figures) work on one bounded copy of the photo, made
// once, so none of their costs grows with the photo; and that copy gives the same first plan
// as the analyses' own entry points, which make it themselves.

#include "helpers/cpu_time.hpp"
#include "view_open.hpp"

#include "smp/render/naturalness.hpp"
#include "smp/render/shade.hpp"
#include "smp/sim/analysis_image.hpp"
#include "smp/sim/auto_plan.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <string>

namespace smp {
namespace {

// CPU seconds (all threads) since the previous call.
class CpuLap {
 public:
  double lap() {
    const double now = test::cpu_seconds();
    const double s = now - last_;
    last_ = now;
    return s;
  }

 private:
  double last_ = test::cpu_seconds();
};

// A flat 196 MP photo (the 200 MP limit's order; a flat colour once sent detection into
// minutes). The one pass over the full photo is the analysis image; every stage after it
// must stay near what it takes on a normal photo. The bounds are CPU time, which a busy
// machine does not inflate, and eight to ten times what each stage needs in a Release build
// (about 0.5, 0.4 and 0.2 s), so sanitizer builds pass and only work that grows with the
// photo fails them.
TEST(BigPhoto, OpenStagesOfAUniform196MpPhotoAreBounded) {
  const cv::Mat3b photo(14000, 14000, cv::Vec3b(120, 140, 170));
  CpuLap cpu;
  const sim::AnalysisImage analysis = sim::make_analysis_image(photo);
  const double analysis_s = cpu.lap();
  EXPECT_TRUE(analysis.stands_for(photo.size()));
  EXPECT_EQ(std::max(analysis.pixels.cols, analysis.pixels.rows), sim::kAnalysisMaxSide);
  EXPECT_LT(analysis_s, 5.0) << "the analysis image of a 196 MP photo took " << analysis_s << " CPU s";

  const sim::PhotoRef ref{"uniform-196mp.jpg", "", photo.cols, photo.rows};
  const sim::CheckedAutoPlan first = app::first_plan(photo, analysis, ref, sim::ClinicSettings{});
  const double plan_s = cpu.lap();
  EXPECT_LT(plan_s, 3.0) << "the first plan (detection and shade) of a 196 MP photo took " << plan_s << " CPU s";
  EXPECT_FALSE(first.usable()) << "a flat colour shows no head";
  EXPECT_EQ(sim::validate(first.plan), "");
  EXPECT_LE(std::max(first.plan.masks.treatment.cols, first.plan.masks.treatment.rows), 2048);

  const render::LookFigures look = render::look_figures(photo, analysis, first.plan);
  const double look_s = cpu.lap();
  EXPECT_LT(look_s, 2.0) << "the naturalness figures of a 196 MP photo took " << look_s << " CPU s";
  EXPECT_GT(look.simulated, 0.0);
}

// The pipeline's shared analysis image and the entry points that make their own (the
// viewer's "Match stubble", tools) agree exactly: one recipe, whichever way it is called.
TEST(BigPhoto, SharedAnalysisImageGivesTheSameFirstPlan) {
  const cv::Mat3b photo = cv::imread(std::string(SMP_SOURCE_DIR) + "/assets/demo/demo-scalp.jpg", cv::IMREAD_COLOR);
  ASSERT_FALSE(photo.empty()) << "assets/demo/demo-scalp.jpg is missing";
  ASSERT_GT(std::max(photo.cols, photo.rows), sim::kAnalysisMaxSide) << "the test needs a photo that is scaled down";
  const sim::PhotoRef ref{"demo-scalp.jpg", "", photo.cols, photo.rows};
  const sim::AnalysisImage analysis = sim::make_analysis_image(photo);

  const sim::CheckedAutoPlan shared = app::first_plan(photo, analysis, ref, sim::ClinicSettings{});
  sim::CheckedAutoPlan own = sim::make_checked_auto_plan(photo, ref);
  sim::apply_clinic_defaults(own.plan.params, sim::ClinicSettings{});
  render::suggest_shades(photo, own.plan);

  ASSERT_TRUE(shared.usable()) << shared.problem;
  EXPECT_EQ(cv::norm(shared.plan.masks.treatment, own.plan.masks.treatment, cv::NORM_INF), 0.0);
  EXPECT_EQ(cv::norm(shared.plan.masks.hair, own.plan.masks.hair, cv::NORM_INF), 0.0);
  EXPECT_EQ(shared.plan.hairline.control_points, own.plan.hairline.control_points);
  EXPECT_EQ(shared.plan.params.pigment.dilution_pct, own.plan.params.pigment.dilution_pct);
  EXPECT_EQ(shared.plan.params.density_per_cm2, own.plan.params.density_per_cm2);

  const render::LookFigures a = render::look_figures(photo, analysis, shared.plan);
  const render::LookFigures b = render::look_figures(photo, shared.plan);
  ASSERT_EQ(a.stubble.has_value(), b.stubble.has_value());
  if (a.stubble) {
    EXPECT_EQ(a.stubble->contrast, b.stubble->contrast);
  }
  EXPECT_EQ(a.simulated, b.simulated);

  // An analysis image of another photo is not trusted: the figures are those of this photo.
  const sim::AnalysisImage other = sim::make_analysis_image(cv::Mat3b(300, 400, cv::Vec3b(0, 0, 0)));
  const render::LookFigures c = render::look_figures(photo, other, shared.plan);
  ASSERT_EQ(c.stubble.has_value(), b.stubble.has_value());
  if (c.stubble) {
    EXPECT_EQ(c.stubble->contrast, b.stubble->contrast);
  }
}

}  // namespace
}  // namespace smp
