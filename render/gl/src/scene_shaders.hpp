#pragma once
// GLSL of the scene: the photo tile, with the pigment layers applied by exactly the apply
// formula of smp/render/appearance.hpp (apply_formula, specular_part), as
// smp::render::apply_pigment does on the CPU. Colours are worked in 0-255 like the CPU; the
// uniforms are the CPU's ApplyUniforms, reordered from BGR to RGB.

namespace smp::render::gl::shaders {

inline constexpr const char* kSceneVertex = R"(#version 330 core
layout(location = 0) in vec2 a_unit;   // corner of the unit quad
uniform vec2 u_viewport;  // viewport size, framebuffer px
uniform float u_zoom;     // framebuffer px per photo px
uniform vec2 u_origin;    // photo (0,0) in viewport px, y down
uniform vec4 u_tile;      // tile rectangle in photo px: x, y, w, h
out vec2 v_uv;
out vec2 v_photo;         // photo px
void main() {
  vec2 photo = u_tile.xy + a_unit * u_tile.zw;
  vec2 screen = u_origin + photo * u_zoom;
  gl_Position = vec4(screen.x / u_viewport.x * 2.0 - 1.0, 1.0 - screen.y / u_viewport.y * 2.0, 0.0, 1.0);
  v_uv = a_unit;
  v_photo = photo;
}
)";

inline constexpr const char* kSceneFragment = R"(#version 330 core
in vec2 v_uv;
in vec2 v_photo;
uniform sampler2D u_photo;
uniform sampler2D u_od;
uniform sampler2D u_redness;     // the whole coarse redness layer, sampled bilinearly
uniform int u_has_redness;       // 0: no redness layer
uniform vec2 u_photo_size;       // photo px covered by the layers (the redness spans it)
// ApplyUniforms, per channel in RGB order (the CPU's BGR reversed).
uniform vec3 u_absorption;
uniform vec3 u_veil;
uniform vec3 u_redness_tint;
uniform vec2 u_skin_ratio;       // diffuse skin B/R and G/R
uniform float u_specular_margin; // 8-bit levels
uniform int u_dots;              // 0: the photo as it is
uniform float u_split;           // framebuffer x: dots only at or right of it
out vec4 frag;

// specular_part of appearance.hpp; c is RGB in 0-255.
float specular_part(vec3 c) {
  float kb = min(u_skin_ratio.x, 0.92), kg = min(u_skin_ratio.y, 0.95);
  float sb = (c.b - kb * c.r) / (1.0 - kb);
  float sg = (c.g - kg * c.r) / (1.0 - kg);
  float s = min(sb, sg) - u_specular_margin;
  return clamp(s, 0.0, min(c.r, min(c.g, c.b)));
}

void main() {
  vec3 photo = texture(u_photo, v_uv).rgb;
  if (u_dots == 0 || gl_FragCoord.x < u_split) {
    frag = vec4(photo, 1.0);
    return;
  }
  float od = texture(u_od, v_uv).r;
  float red = u_has_redness != 0 ? texture(u_redness, v_photo / u_photo_size).r : 0.0;
  if (od <= 1e-4 && red <= 1e-3) {  // as apply_pigment: the photo unchanged
    frag = vec4(photo, 1.0);
    return;
  }
  // apply_formula of appearance.hpp.
  vec3 c = photo * 255.0;
  float s = specular_part(c);
  vec3 t = u_veil + (1.0 - u_veil) * exp(-od * u_absorption);
  vec3 tint = 1.0 + red * (u_redness_tint - 1.0);
  vec3 outc = s + (c - s) * t * tint;
  frag = vec4(clamp(outc / 255.0, 0.0, 1.0), 1.0);
}
)";

}  // namespace smp::render::gl::shaders
