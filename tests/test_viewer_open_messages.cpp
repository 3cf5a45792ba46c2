// The message for a plan whose photo is missing: the viewer's says what to do in the viewer,
// smp-render's (same code, app::open_view) names its --photo option.

#include "core/document.hpp"
#include "temp_dir.hpp"
#include "view_open.hpp"

#include "smp/sim/plan_io.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smp::studio {
namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

TEST(OpenMessages, MissingPhotoAdviceFitsTheProgram) {
  test::ScopedTempDir dir("smp-viewer-missing-photo");
  sim::Plan plan;
  plan.photo = {"gone.png", "", 64, 48};
  const std::filesystem::path plan_file = dir / "plan.json";
  sim::save_plan(plan, plan_file);

  const std::string viewer = error_of([&] { open_document(plan_file, {}); });
  EXPECT_NE(viewer.find("was not found: "), std::string::npos) << viewer;
  EXPECT_NE(viewer.find(kViewerPhotoAdvice), std::string::npos) << viewer;
  EXPECT_EQ(viewer.find("--photo"), std::string::npos) << viewer;

  app::ViewSource cli;
  cli.plan = plan_file;
  const std::string render = error_of([&] { app::open_view(cli, {}); });
  EXPECT_NE(render.find("was not found: "), std::string::npos) << render;
  EXPECT_NE(render.find("pass --photo PHOTO"), std::string::npos) << render;

  const std::string project_view = error_of([&] { app::open_view_of(plan_file, plan, kViewerPhotoAdvice); });
  EXPECT_EQ(project_view.find("--photo"), std::string::npos) << project_view;
  EXPECT_NE(project_view.find(kViewerPhotoAdvice), std::string::npos) << project_view;
}

}  // namespace
}  // namespace smp::studio
