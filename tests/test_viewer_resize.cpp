// The real window made narrower: the photo, fitted when opened, is fitted again to the
// smaller canvas instead of being cut off at its right edge.

#include "viewer_driver.hpp"

#include <gtest/gtest.h>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

TEST(ViewerResize, NarrowerWindowRefitsThePhoto) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("resize", 800, 600);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const auto opened = wait_layout(layout_path, studio, 90s, dots_shown);
  ASSERT_TRUE(opened) << "the viewer never showed dots";
  const double zoom = (*opened)["zoom"].get<double>(), width = (*opened)["canvas"][2].get<double>();
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  xdo("windowsize " + wid + " 700 850");
  const auto narrow = wait_layout(layout_path, studio, 10s, [&](const nlohmann::json& l) {
    return l["canvas"][2].get<double>() < width - 100;
  });
  ASSERT_TRUE(narrow) << "the window did not become narrower";
  ASSERT_TRUE(wait_frames(layout_path, studio, 2));
  const auto l = read_json(layout_path);
  ASSERT_TRUE(l);
  const double z = (*l)["zoom"].get<double>(), canvas_w = (*l)["canvas"][2].get<double>();
  const double left = (*l)["origin"][0].get<double>();
  EXPECT_LT(z, zoom) << "the photo kept its size";
  EXPECT_GE(left, 0.0) << "the photo's left edge is out of view";
  EXPECT_LE(left + 800 * z, canvas_w + 0.5) << "the photo's right edge is cut off";
}

}  // namespace
}  // namespace smp::test
