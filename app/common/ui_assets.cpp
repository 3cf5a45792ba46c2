#include "ui_assets.hpp"

#include "asset_paths.hpp"

#include <system_error>

namespace smp::app {

std::filesystem::path template_diagram_asset(const sim::HairLossTemplate& t, sim::ViewKind view) {
  const std::string scale = t.scale == sim::HairLossScale::Norwood ? "norwood" : "ludwig";
  const std::string side = view == sim::ViewKind::Top ? "top" : "front";
  return std::filesystem::path("ui") / "templates" / (scale + "-" + std::to_string(t.stage) + "-" + side + ".png");
}

render::DiagramParams template_picker_diagram_params() {
  render::DiagramParams p;
  p.width = 96;
  p.height = 112;
  p.label = false;
  return p;
}

std::vector<int> window_icon_sizes() { return {32, 64, 128}; }

std::filesystem::path window_icon_asset(int size) {
  return std::filesystem::path("ui") / ("icon-" + std::to_string(size) + ".png");
}

sim::HairLossTemplate window_icon_template() { return {sim::HairLossScale::Norwood, 4}; }

std::optional<std::filesystem::path> find_asset(const std::filesystem::path& relative) {
  const auto dir = asset_dir();
  if (!dir) return std::nullopt;
  const std::filesystem::path p = *dir / relative;
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) ? std::optional(p) : std::nullopt;
}

}  // namespace smp::app
