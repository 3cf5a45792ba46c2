#pragma once
// What a LayerWorkspace holds between calls.

#include "grain.hpp"
#include "splat.hpp"
#include "smp/render/layer_workspace.hpp"

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render {

struct LayerWorkspace::Buffers {
  std::vector<detail::Splat> splats;
  std::vector<std::vector<detail::Splat>> splat_parts;  // per block of impressions, before concatenation
  detail::TileBins bins;
  detail::GrainBuffers grain;
  cv::Mat1f od;  // the last layer's memory, reused once nothing else holds it
};

}  // namespace smp::render
