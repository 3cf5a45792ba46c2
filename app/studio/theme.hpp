#pragma once
// The look: a calm dark theme that keeps attention on the photo, and a readable font.

namespace smp::studio {

// Sets colours, spacing and the font, scaled by the HiDPI content scale.
void apply_theme(float content_scale);

}  // namespace smp::studio
