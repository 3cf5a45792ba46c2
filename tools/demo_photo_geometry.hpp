#pragma once
// Known geometry of the synthetic demo photo (assets/demo/demo-scalp.jpg), shared by the
// generator (tools/make_demo_photo.cpp) and the tests that measure detection against it.
// Photo pixels, x right, y down. The face is toward the bottom of the image (+y).

namespace smp::demo {

struct DemoPhotoGeometry {
  int width = 2400;
  int height = 1800;
  // Skull outline seen from above: an axis-aligned ellipse (breadth across x, length along y).
  double head_cx = 1200;
  double head_cy = 840;
  double head_semi_x = 540;  // half breadth
  double head_semi_y = 700;  // half length, front toward +y
  // Bald top (Norwood VI): inside this ellipse there is no hair; the fringe is the ring
  // between it and the skull outline, open toward the front.
  double bald_cx = 1200;
  double bald_cy = 930;
  double bald_semi_x = 400;
  double bald_semi_y = 640;
  double fringe_front_limit = 0.35;  // fringe ends this far ahead of the centre (fraction of head_semi_y)
  unsigned long long seed = 20240611;  // fixed: the photo is byte-for-byte reproducible
};

}  // namespace smp::demo
