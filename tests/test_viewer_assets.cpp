// The viewer's own pictures on screen, driven with real X input events: the window icon
// is set, the clinic logo is previewed in the clinic settings, and the Open browser shows
// thumbnails of pictures and a placeholder (not a crash) for damaged or oversized files.

#include "viewer_widgets.hpp"

#include <gtest/gtest.h>

#include <array>
#include <iterator>

namespace smp::test {
namespace {

using namespace std::chrono_literals;

void write_file(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(ViewerAssets, WindowIconLogoPreviewAndThumbnailsWithPlaceholders) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("assets");
  // The clinic's logo: 300 x 120 with transparency.
  cv::Mat4b logo(120, 300, cv::Vec4b(0, 0, 0, 0));
  cv::rectangle(logo, {10, 10, 280, 100}, cv::Scalar(140, 110, 30, 255), cv::FILLED);
  render::save_image(c.dir / "logo.png", logo);
  fs::create_directories(c.dir / "smp-studio");
  write_file(c.dir / "smp-studio" / "clinic.json",
             R"({"format": "smp-studio-clinic", "version": 1, "name": "Test Clinic", "logo_path": ")" +
                 (c.dir / "logo.png").string() + "\"}");
  // Next to the photo: another picture, a JPEG cut short, a PNG whose header claims 12000 x 12000 px.
  render::save_image(c.dir / "second.jpg", synthetic_photo(320, 240));
  const std::string jpeg = read_file(c.dir / "second.jpg");
  write_file(c.dir / "cut.jpg", jpeg.substr(0, jpeg.size() / 3));
  render::save_image(c.dir / "huge.png", cv::Mat3b(8, 8, cv::Vec3b(9, 9, 9)));
  std::string png = read_file(c.dir / "huge.png");
  for (std::size_t at : {std::size_t{16}, std::size_t{20}}) png.replace(at, 4, std::string("\0\0\x2e\xe0", 4));
  write_file(c.dir / "huge.png", png);

  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  ASSERT_TRUE(studio.started());
  const std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  ASSERT_FALSE(wid.empty());
  const auto button = reveal(layout_path, studio, wid, "clinic_button");
  ASSERT_TRUE(button) << "the Clinic... button was never drawn";
  EXPECT_TRUE(read_json(layout_path).value()["icon_set"].get<bool>()) << "the window icon was not set";
  if (have_program("xprop")) {
    FILE* f = popen(("xprop -id " + wid + " _NET_WM_ICON 2>/dev/null | grep -c 'Icon ('").c_str(), "r");
    char buf[16] = {};
    ASSERT_TRUE(f);
    EXPECT_TRUE(std::fgets(buf, sizeof buf, f));
    pclose(f);
    EXPECT_EQ(std::atoi(buf), 3) << "the window should carry the 32, 64 and 128 px icons";
  }

  // The clinic settings show the logo, fitted into 200 x 80 (aspect 2.5 kept).
  click_widget(wid, *button);
  const auto shown = wait_layout(layout_path, studio, 20s, [](const nlohmann::json& l) {
    return l["logo_preview"][0].get<int>() > 0 || !l["logo_error"].get<std::string>().empty();
  });
  ASSERT_TRUE(shown) << "no logo preview in the clinic settings";
  EXPECT_EQ((*shown)["logo_error"].get<std::string>(), "");
  EXPECT_EQ((*shown)["logo_preview"][0].get<int>(), 200);
  EXPECT_EQ((*shown)["logo_preview"][1].get<int>(), 80);

  // Ctrl+O: thumbnails of photo.png and second.jpg, placeholders for cut.jpg and huge.png.
  xdo(xdo_at(wid, 300, 300));
  std::this_thread::sleep_for(300ms);
  xdo("key ctrl+o");
  const auto browsed = wait_layout(layout_path, studio, 30s, [](const nlohmann::json& l) {
    return l["thumbnails_drawn"].get<int>() >= 2 && l["thumbnail_placeholders"].get<int>() >= 2;
  });
  ASSERT_TRUE(browsed) << "the browser did not show 2 thumbnails and 2 placeholders: "
                       << read_json(layout_path).value_or(nlohmann::json{}).dump().substr(0, 400);
  EXPECT_EQ((*browsed)["thumbnails_drawn"].get<int>(), 2);
  EXPECT_EQ((*browsed)["thumbnail_placeholders"].get<int>(), 2);
  EXPECT_TRUE(studio.running());
}

// Without the bundled pictures (an empty assets folder) the viewer still runs: the picker
// shows the templates' names, and the missing files are named once in the messages.
TEST(ViewerAssets, MissingBundledPicturesAreNamedAndTheViewerRuns) {
  if (const std::string why = display_skip_reason(true); !why.empty()) GTEST_SKIP() << why;
  const Case c = write_case("assets-missing");
  fs::create_directories(c.dir / "empty-assets");
  setenv("SMP_ASSET_DIR", (c.dir / "empty-assets").c_str(), 1);
  const fs::path layout_path = c.dir / "layout.json";
  Studio studio(c, layout_path);
  unsetenv("SMP_ASSET_DIR");
  ASSERT_TRUE(studio.started());
  const auto shown = wait_layout(layout_path, studio, 90s, [](const nlohmann::json& l) {
    return dots_shown(l) && l["messages"].size() >= 2;
  });
  ASSERT_TRUE(shown) << "no messages about the missing pictures: " << read_json(layout_path).value_or(nlohmann::json{})["messages"];
  EXPECT_FALSE((*shown)["icon_set"].get<bool>());
  int icon = 0, diagrams = 0;
  for (const auto& m : (*shown)["messages"]) {
    const std::string text = m.get<std::string>();
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
    if (text.rfind("Window icon: ui/icon-32.png: bundled picture not found", 0) == 0) ++icon;
    if (text.rfind("Template diagrams: ui/templates/norwood-1-", 0) == 0 && text.find("not found") != std::string::npos) ++diagrams;
  }
  EXPECT_EQ(icon, 1);
  EXPECT_EQ(diagrams, 1);
  EXPECT_TRUE(studio.running());
}

}  // namespace
}  // namespace smp::test
