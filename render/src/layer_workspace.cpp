#include "smp/render/layer_workspace.hpp"

#include "layer_buffers.hpp"

namespace smp::render {

LayerWorkspace::LayerWorkspace() : buffers_(std::make_unique<Buffers>()) {}
LayerWorkspace::~LayerWorkspace() = default;
LayerWorkspace::LayerWorkspace(LayerWorkspace&&) noexcept = default;
LayerWorkspace& LayerWorkspace::operator=(LayerWorkspace&&) noexcept = default;

}  // namespace smp::render
