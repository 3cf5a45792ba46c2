#include "smp/render/layer_workspace.hpp"

#include "layer_buffers.hpp"

namespace smp::render {

LayerWorkspace::LayerWorkspace() : buffers_(std::make_unique<Buffers>()) {}
LayerWorkspace::~LayerWorkspace() = default;
LayerWorkspace::LayerWorkspace(LayerWorkspace&&) noexcept = default;
LayerWorkspace& LayerWorkspace::operator=(LayerWorkspace&&) noexcept = default;

bool LayerWorkspace::reused_splats() const { return buffers_->reused_splats; }
std::size_t LayerWorkspace::kept_impressions() const { return buffers_->kept_impressions; }
std::size_t LayerWorkspace::copied_tiles() const { return buffers_->copied_tiles; }

}  // namespace smp::render
