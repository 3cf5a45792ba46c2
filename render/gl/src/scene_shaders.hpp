#pragma once
// GLSL of the scene: the photo tile, with the pigment optical density applied exactly as
// smp::render::apply_pigment does on the CPU: out = photo * exp(-od * absorption).

namespace smp::render::gl::shaders {

inline constexpr const char* kSceneVertex = R"(#version 330 core
layout(location = 0) in vec2 a_unit;   // corner of the unit quad
uniform vec2 u_viewport;  // viewport size, framebuffer px
uniform float u_zoom;     // framebuffer px per photo px
uniform vec2 u_origin;    // photo (0,0) in viewport px, y down
uniform vec4 u_tile;      // tile rectangle in photo px: x, y, w, h
out vec2 v_uv;
void main() {
  vec2 photo = u_tile.xy + a_unit * u_tile.zw;
  vec2 screen = u_origin + photo * u_zoom;
  gl_Position = vec4(screen.x / u_viewport.x * 2.0 - 1.0, 1.0 - screen.y / u_viewport.y * 2.0, 0.0, 1.0);
  v_uv = a_unit;
}
)";

inline constexpr const char* kSceneFragment = R"(#version 330 core
in vec2 v_uv;
uniform sampler2D u_photo;
uniform sampler2D u_od;
uniform vec3 u_absorption;  // per channel, RGB order (AppearanceParams::absorption_bgr reversed)
uniform int u_dots;         // 0: the photo as it is
uniform float u_split;      // framebuffer x: dots only at or right of it
out vec4 frag;
void main() {
  vec3 rgb = texture(u_photo, v_uv).rgb;
  float od = 0.0;
  if (u_dots != 0 && gl_FragCoord.x >= u_split) od = texture(u_od, v_uv).r;
  frag = vec4(rgb * exp(-od * u_absorption), 1.0);
}
)";

}  // namespace smp::render::gl::shaders
