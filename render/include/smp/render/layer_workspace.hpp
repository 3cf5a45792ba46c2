#pragma once
// Memory the dot layer reuses from one call to the next. Building a layer allocates its
// splats, their tile bins and the grain pass's layers; fresh memory is faulted in page by
// page, which on large layers costs more than drawing the dots. A caller that builds layers
// again and again (the viewer's regenerations) keeps one workspace and passes it to every
// call. It also keeps the last layer's splats: when only the shade changed since (dilution,
// session offsets, hair or scar shade), their geometry and tile bins are reused and only their
// ink is computed again; when impressions changed but nothing else their splats read, the
// impressions drawn before keep their splats, and the tiles holding only such splats are
// copied from the last layer. One call at a time per workspace.

#include <cstddef>
#include <memory>

namespace smp::render {

class LayerWorkspace {
 public:
  LayerWorkspace();
  ~LayerWorkspace();
  LayerWorkspace(LayerWorkspace&&) noexcept;
  LayerWorkspace& operator=(LayerWorkspace&&) noexcept;
  LayerWorkspace(const LayerWorkspace&) = delete;
  LayerWorkspace& operator=(const LayerWorkspace&) = delete;

  // Whether the last layer kept the splats of the one before it and only re-inked them (the
  // shade alone had changed).
  bool reused_splats() const;
  // How many impressions of the last layer took their splats from the layer before it (all of
  // them after a shade change, most after an incremental placement, none otherwise).
  std::size_t kept_impressions() const;
  // How many tiles of the last layer were copied from the layer before it, not drawn: those
  // whose splats the edit left as they were (none after a shade change or a new placement).
  std::size_t copied_tiles() const;

  struct Buffers;  // defined where the layers are built (render/src/layer_buffers.hpp)
  Buffers& buffers() { return *buffers_; }

 private:
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace smp::render
