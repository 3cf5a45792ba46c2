// smp-make-ui-assets ASSET_DIR: draws the viewer's bundled pictures from the template
// definitions (the picker's diagrams, top and front view of every template, and the
// window icon) into ASSET_DIR/ui/. The PNGs are committed; the viewer loads them with
// stb_image, and a test fails when they no longer match what this tool draws.

#include "ui_assets.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <exception>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace {

namespace fs = std::filesystem;

void write_png(const fs::path& path, const cv::Mat& image) {
  fs::create_directories(path.parent_path());
  if (!cv::imwrite(path.string(), image, {cv::IMWRITE_PNG_COMPRESSION, 9}))
    throw std::runtime_error("cannot write " + path.string());
  std::cout << path.string() << " (" << image.cols << " x " << image.rows << ")\n";
}

// The icon: the template's top-view diagram, square, its background transparent.
cv::Mat4b icon(int size) {
  smp::render::DiagramParams p;
  p.width = size;
  p.height = size;
  p.label = false;
  const cv::Mat3b diagram = smp::render::template_diagram(smp::app::window_icon_template(), smp::sim::ViewKind::Top, p);
  cv::Mat4b out;
  cv::cvtColor(diagram, out, cv::COLOR_BGR2BGRA);
  const cv::Vec3b bg(static_cast<uchar>(p.background[0]), static_cast<uchar>(p.background[1]),
                     static_cast<uchar>(p.background[2]));
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x)
      if (diagram(y, x) == bg) out(y, x)[3] = 0;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: smp-make-ui-assets ASSET_DIR   (the project's assets/ folder)\n";
    return 2;
  }
  try {
    const fs::path dir = argv[1];
    for (const auto& t : smp::sim::all_hair_loss_templates())
      for (auto view : {smp::sim::ViewKind::Top, smp::sim::ViewKind::Front})
        write_png(dir / smp::app::template_diagram_asset(t, view),
                  smp::render::template_diagram(t, view, smp::app::template_picker_diagram_params()));
    for (int size : smp::app::window_icon_sizes()) write_png(dir / smp::app::window_icon_asset(size), icon(size));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "smp-make-ui-assets: " << e.what() << "\n";
    return 1;
  }
}
