#pragma once
// What a LayerWorkspace holds between calls.

#include "grain.hpp"
#include "pigment_splats.hpp"
#include "splat_geometry_inputs.hpp"
#include "splat.hpp"
#include "smp/render/layer_workspace.hpp"

#include <opencv2/core.hpp>

#include <vector>

namespace smp::render {

struct LayerWorkspace::Buffers {
  std::vector<detail::Splat> splats;
  std::vector<detail::SplatBlock> splat_parts;  // per block of impressions, before concatenation
  std::vector<detail::SplatInk> inks;           // what each splat's ink is made of (reink_splats)
  std::vector<double> concentration;            // per impression, while re-inking
  detail::SplatGeometryInputs geometry;         // what the splats and bins above were made from
  std::vector<detail::Splat> kept_splats;       // the layer before's, while a layer takes from them
  std::vector<detail::SplatInk> kept_inks;
  bool reused_splats = false;                   // the last call re-inked them only
  std::size_t kept_impressions = 0;             // impressions whose splats the last call took from the one before
  detail::TileBins bins;
  detail::TileBins kept_bins;                   // the layer before's, while a layer compares its tiles
  cv::Mat1f splatted;                           // the last layer as its splats drew it (before the grain)
  std::size_t copied_tiles = 0;                 // tiles the last call copied from the layer before
  detail::SplatWeights weights;                 // the splats' kernels, kept while only their ink changes
  detail::GrainBuffers grain;
  cv::Mat1f od;  // the last layer's memory, reused once nothing else holds it
};

}  // namespace smp::render
