// Client names in any language: the text engine shapes and falls back through the
// installed fonts (no replacement boxes, no '?'), the export shows the name, and the report
// PDF carries it as text that pdftotext reads back unchanged and in logical order.

#include "smp/render/export_layouts.hpp"
#include "smp/render/text.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using smp::render::TextStyle;

const std::pair<const char*, const char*> kNames[] = {
    {"Latin", "Zoë Müller-Łukasz"}, {"Greek", "Γιώργος Παπαδόπουλος"}, {"Cyrillic", "Дмитрий Иванов"},
    {"Arabic", "محمد علي"},       {"Hebrew", "דוד לוי"},               {"Devanagari", "राहुल शर्मा"},
    {"Chinese", "张伟"},             {"Japanese", "さくら 山田"},          {"Korean", "김민준"},
};

cv::Mat3b drawn(const std::string& text, double em = 28) {
  cv::Mat3b img(80, 700, cv::Vec3b(250, 250, 250));
  smp::render::draw_text(img, text, {10, 55}, TextStyle{em, false, cv::Scalar(20, 20, 20)});
  return img;
}

int inked_pixels(const cv::Mat3b& img) {
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  return cv::countNonZero(grey < 128);
}

TEST(Text, EveryScriptHasAFontAndIsDrawn) {
  for (const auto& [script, name] : kNames) {
    SCOPED_TRACE(script);
    EXPECT_FALSE(smp::render::missing_font_warning(name).has_value()) << *smp::render::missing_font_warning(name);
    const cv::Mat3b img = drawn(name);
    EXPECT_GT(inked_pixels(img), 60);
    // Not the replacement glyph: as many '?' as the name has characters look different.
    std::size_t chars = 0;
    for (const char* c = name; *c; ++c) chars += (static_cast<unsigned char>(*c) & 0xC0) != 0x80;
    EXPECT_GT(cv::norm(img, drawn(std::string(chars, '?')), cv::NORM_L1), 1e4);
  }
  // A code point no font has is reported, naming the packages to install.
  const auto warning = smp::render::missing_font_warning("\xF3\xB0\x80\x80");  // U+F0000, private use
  ASSERT_TRUE(warning.has_value());
  EXPECT_NE(warning->find("fonts-noto"), std::string::npos) << *warning;
}

TEST(Text, DifferentCharactersGiveDifferentGlyphs) {
  // A missing font would give the same box for both.
  EXPECT_GT(cv::norm(drawn("张"), drawn("伟"), cv::NORM_L1), 1e3);
  EXPECT_GT(cv::norm(drawn("م"), drawn("ح"), cv::NORM_L1), 1e3);
}

int ink_components(const cv::Mat3b& img) {
  cv::Mat1b grey;
  cv::cvtColor(img, grey, cv::COLOR_BGR2GRAY);
  cv::Mat labels;
  return cv::connectedComponents(grey < 128, labels, 8) - 1;
}

TEST(Text, ArabicLettersAreJoined) {
  // Shaped, the four letters of this name join into one stroke; set one by one in their
  // isolated forms they are four.
  EXPECT_EQ(ink_components(drawn("محمد")), 1);
  EXPECT_EQ(ink_components(drawn("م ح م د")), 4);
}

TEST(Text, ExportShowsTheClientName) {
  const cv::Mat3b photo(300, 400, cv::Vec3b(120, 140, 170));
  smp::render::ExportParams p;
  p.width = 1200;
  p.date = "2026-12-01";
  p.client_label = "Zoë Müller-Łukasz 张伟 محمد";
  const std::vector<smp::render::LabelledImage> panels{{photo, "Before"}, {photo, "After"}};
  const cv::Mat3b with = smp::render::compose_export(panels, p);
  p.client_label = "Zo?? M??ller-??ukasz ?????? ????????";
  const cv::Mat3b mangled = smp::render::compose_export(panels, p);
  ASSERT_EQ(with.size(), mangled.size());
  EXPECT_GT(cv::norm(with, mangled, cv::NORM_L1), 1e4);
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  return out;
}

// pdftotext marks right-to-left runs with Unicode embedding controls; the text between
// them must be the name as typed (logical order). (The Arabic name avoids the lam-alef
// ligature, which pdftotext itself reads back in the wrong order.)
std::string without_bidi_controls(std::string s) {
  for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u200E", "\u200F", "\u2066", "\u2067",
                           "\u2068", "\u2069"})
    for (std::size_t at; (at = s.find(mark)) != std::string::npos;) s.erase(at, std::string(mark).size());
  return s;
}

TEST(Text, ReportCarriesNamesInEveryScript) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  smp::test::ScopedTempDir dir("smp-text-report");
  // The names are what is checked: a third-size demo photo keeps each report quick.
  const fs::path photo = dir / "demo-small.jpg";
  {
    const cv::Mat demo = cv::imread((fs::path(SMP_SOURCE_DIR) / "assets" / "demo" / "demo-scalp.jpg").string());
    ASSERT_FALSE(demo.empty());
    cv::Mat small;
    cv::resize(demo, small, {}, 1.0 / 3, 1.0 / 3, cv::INTER_AREA);
    ASSERT_TRUE(cv::imwrite(photo.string(), small));
  }
  for (std::size_t first = 0; first < std::size(kNames); first += 3) {  // three names a report
    std::string client;
    for (std::size_t i = first; i < first + 3 && i < std::size(kNames); ++i) client += (client.empty() ? "" : " / ") + std::string(kNames[i].second);
    SCOPED_TRACE(client);
    const fs::path pdf = dir / "report.pdf", txt = dir / "report.txt";
    const std::string cmd = "XDG_CONFIG_HOME='" + dir.path().string() + "' '" + SMP_RENDER_EXE + "' --photo '" + photo.string() + "' --report '" +
                            pdf.string() + "' --client '" + client + "' --date 2026-12-01 >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    ASSERT_EQ(std::system(("pdftotext '" + pdf.string() + "' '" + txt.string() + "'").c_str()), 0);
    std::ifstream in(txt);
    std::stringstream text;
    text << in.rdbuf();
    // Word gaps inside right-to-left runs are guessed by pdftotext from glyph positions:
    // compare the characters and their order, not the spaces.
    const std::string found = without_spaces(without_bidi_controls(text.str()));
    for (std::size_t i = first; i < first + 3 && i < std::size(kNames); ++i)
      EXPECT_NE(found.find(without_spaces(kNames[i].second)), std::string::npos)
          << "\"" << kNames[i].second << "\" not in:\n" << found;
  }
}

}  // namespace
