#pragma once
// Names of the viewer's bundled pictures under the assets folder (assets/ui/), drawn by
// smp-make-ui-assets from the template definitions and committed as PNGs.

#include "smp/render/template_diagram.hpp"
#include "smp/sim/hair_loss_templates.hpp"
#include "smp/sim/plan.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace smp::app {

// "ui/templates/norwood-3-top.png", relative to the assets folder.
std::filesystem::path template_diagram_asset(const sim::HairLossTemplate& t, sim::ViewKind view);
// The template picker's diagrams: 96 x 112 px, no label (the name is in the tooltip).
render::DiagramParams template_picker_diagram_params();

// Window icon sizes (square, px) and their files "ui/icon-32.png" ...
std::vector<int> window_icon_sizes();
std::filesystem::path window_icon_asset(int size);
// The template the icon shows.
sim::HairLossTemplate window_icon_template();

// asset_dir() / relative when that file exists; nullopt otherwise.
std::optional<std::filesystem::path> find_asset(const std::filesystem::path& relative);

}  // namespace smp::app
