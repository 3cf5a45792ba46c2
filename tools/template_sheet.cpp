// smp-template-sheet OUT.png: every hair-loss template's diagram, top views in the first
// row and front views in the second, for the README and for judging the shapes by eye.

#include "smp/render/image_io.hpp"
#include "smp/render/template_diagram.hpp"

#include <opencv2/core.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: smp-template-sheet OUT.png\n";
    return 2;
  }
  try {
    const auto templates = smp::sim::all_hair_loss_templates();
    std::vector<cv::Mat3b> rows;
    for (auto view : {smp::sim::ViewKind::Top, smp::sim::ViewKind::Front}) {
      std::vector<cv::Mat3b> row;
      for (const auto& t : templates) row.push_back(smp::render::template_diagram(t, view));
      cv::Mat3b joined;
      cv::hconcat(row, joined);
      rows.push_back(joined);
    }
    cv::Mat3b sheet;
    cv::vconcat(rows, sheet);
    smp::render::save_image(argv[1], sheet);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "smp-template-sheet: " << e.what() << "\n";
    return 1;
  }
}
