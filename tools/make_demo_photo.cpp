// smp-make-demo-photo: writes the synthetic demo photo assets/demo/demo-scalp.jpg.
//
// Recipe (all randomness from one fixed-seed SplitMix64, so the output is reproducible):
//  1. Background: neutral warm grey with a vertical gradient and a soft vignette.
//  2. Face hint: a shaded skin ellipse below the skull (forehead and brow seen from above)
//     and two ears at the sides, a little ahead of the centre.
//  3. Skull: skin-toned ellipse (see demo_photo_geometry.hpp) shaded as a spheroid lit from
//     the upper left (Lambert + ambient), with a soft Blinn-Phong specular highlight.
//  4. Skin texture: low-frequency blotches (coarse random grid, cubic upsampling) and
//     thousands of tiny darker pores.
//  5. Fringe: a horseshoe of short dark-brown shaved hair (Norwood VI) at the sides and back,
//     outside the bald ellipse and behind the temples: a shadow tint plus short strokes
//     combed toward the back and down the sides, with a soft, irregular edge.
//  6. A light blur (camera softness) and JPEG quality 82.
// Usage: smp-make-demo-photo [OUT.jpg]   (default assets/demo/demo-scalp.jpg)

#include "demo_photo_geometry.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

// SplitMix64: tiny, well-mixed, and identical on every platform (unlike std:: distributions).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

 private:
  std::uint64_t state_;
};

using Geometry = smp::demo::DemoPhotoGeometry;

double smoothstep(double e0, double e1, double x) {
  const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

// Smooth random field in [-1, 1]: a coarse grid of random values, cubic-upsampled.
cv::Mat1f smooth_noise(cv::Size size, int cells, Rng& rng) {
  cv::Mat1f coarse(cells, cells);
  for (float& v : coarse) v = static_cast<float>(rng.uniform(-1, 1));
  cv::Mat1f out;
  cv::resize(coarse, out, size, 0, 0, cv::INTER_CUBIC);
  return out;
}

void blend(cv::Vec3f& px, const cv::Vec3f& colour, double alpha) {
  px = px * static_cast<float>(1 - alpha) + colour * static_cast<float>(alpha);
}

void paint_background(cv::Mat3f& img, Rng& rng) {
  const cv::Mat1f grain = smooth_noise(img.size(), 24, rng);
  const double cx = img.cols / 2.0, cy = img.rows / 2.0, r = std::hypot(cx, cy);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const double vignette = 1.0 - 0.25 * std::pow(std::hypot(x - cx, y - cy) / r, 2);
      const double gradient = 0.92 + 0.08 * y / img.rows;
      const double g = vignette * gradient * (1 + 0.015 * grain(y, x));
      img(y, x) = cv::Vec3f(172, 182, 190) * static_cast<float>(g);  // BGR warm grey
    }
}

const cv::Vec3f kSkin(150, 172, 222);  // BGR, light skin

// Lambert-shaded skin ellipse as a spheroid; `dim` darkens parts facing away from the camera.
void paint_skin_ellipse(cv::Mat3f& img, cv::Point2d c, double ax, double ay, double dim, double edge_px) {
  const cv::Vec3d light = cv::normalize(cv::Vec3d(-0.35, -0.45, 0.82));
  const cv::Rect box(static_cast<int>(c.x - ax - 2), static_cast<int>(c.y - ay - 2), static_cast<int>(2 * ax + 4),
                     static_cast<int>(2 * ay + 4));
  const cv::Rect roi = box & cv::Rect(0, 0, img.cols, img.rows);
  for (int y = roi.y; y < roi.br().y; ++y)
    for (int x = roi.x; x < roi.br().x; ++x) {
      const double u = (x - c.x) / ax, v = (y - c.y) / ay, rr = u * u + v * v;
      if (rr >= 1) continue;
      const cv::Vec3d n = cv::normalize(cv::Vec3d(u, v, std::sqrt(1 - rr) * 1.2));
      const double shade = dim * (0.42 + 0.62 * std::max(0.0, n.dot(light)));
      const double alpha = smoothstep(0, edge_px, (1 - std::sqrt(rr)) * std::min(ax, ay));
      blend(img(y, x), kSkin * static_cast<float>(shade), alpha);
    }
}

void paint_skull(cv::Mat3f& img, const Geometry& g, Rng& rng) {
  const cv::Point2d c(g.head_cx, g.head_cy);
  paint_skin_ellipse(img, c, g.head_semi_x, g.head_semi_y, 1.0, 6.0);
  const cv::Mat1f blotch = smooth_noise(img.size(), 90, rng);
  const cv::Vec3d light = cv::normalize(cv::Vec3d(-0.35, -0.45, 0.82));
  const cv::Vec3d half = cv::normalize(light + cv::Vec3d(0, 0, 1));
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const double u = (x - c.x) / g.head_semi_x, v = (y - c.y) / g.head_semi_y, rr = u * u + v * v;
      if (rr >= 1) continue;
      const cv::Vec3d n = cv::normalize(cv::Vec3d(u, v, std::sqrt(1 - rr) * 1.2));
      const double spec = 0.45 * std::pow(std::max(0.0, n.dot(half)), 60);
      cv::Vec3f& px = img(y, x);
      px *= static_cast<float>(1 + 0.012 * blotch(y, x));   // uneven skin tone
      px[2] *= static_cast<float>(1 + 0.01 * blotch(y, x));  // blotches are a little redder
      blend(px, cv::Vec3f(250, 250, 252), spec);             // oily-skin highlight
    }
  // Pores: tiny darker specks, more visible in the light.
  const int pores = static_cast<int>(g.head_semi_x * g.head_semi_y * 0.06);
  for (int i = 0; i < pores; ++i) {
    const double t = rng.uniform(0, 2 * CV_PI), r = std::sqrt(rng.uniform());
    const int x = static_cast<int>(c.x + r * g.head_semi_x * std::cos(t));
    const int y = static_cast<int>(c.y + r * g.head_semi_y * std::sin(t));
    if (x < 1 || y < 1 || x >= img.cols - 1 || y >= img.rows - 1) continue;
    img(y, x) *= static_cast<float>(rng.uniform(0.86, 0.95));
    if (rng.uniform() < 0.3) img(y, x + 1) *= 0.94f;
  }
}

// 0..1 hair density of the Norwood VI fringe at a pixel (irregular soft edge from `edge_noise`).
double fringe_density(const Geometry& g, int x, int y, float edge_noise) {
  const double hu = (x - g.head_cx) / g.head_semi_x, hv = (y - g.head_cy) / g.head_semi_y;
  if (hu * hu + hv * hv >= 1) return 0;
  const double bu = (x - g.bald_cx) / g.bald_semi_x, bv = (y - g.bald_cy) / g.bald_semi_y;
  const double outside = std::sqrt(bu * bu + bv * bv) - 1.0 + 0.035 * edge_noise;  // > 0: hair side
  const double front = hv / g.fringe_front_limit;  // the horseshoe thins out toward the temples
  return smoothstep(-0.01, 0.05, outside) * (1 - smoothstep(0.6, 1.0, front));
}

void paint_fringe(cv::Mat3f& img, const Geometry& g, Rng& rng) {
  const cv::Mat1f edge = smooth_noise(img.size(), 60, rng);
  const cv::Vec3f hair(28, 38, 52);  // BGR dark brown
  cv::Mat1f density(img.size(), 0.0f);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const double d = fringe_density(g, x, y, edge(y, x));
      if (d <= 0) continue;
      density(y, x) = static_cast<float>(d);
      blend(img(y, x), cv::Vec3f(70, 82, 100), 0.55 * d);  // stubble shadow: skin seen through short hair
    }
  // Short strokes: each one hair, combed away from the centre of the top (back and down the sides).
  const int strokes = static_cast<int>(g.head_semi_x * g.head_semi_y * 0.6);
  cv::Mat3f layer = img.clone();
  for (int i = 0; i < strokes; ++i) {
    const int x = static_cast<int>(rng.uniform(g.head_cx - g.head_semi_x, g.head_cx + g.head_semi_x));
    const int y = static_cast<int>(rng.uniform(g.head_cy - g.head_semi_y, g.head_cy + g.head_semi_y));
    if (x < 0 || y < 0 || x >= img.cols || y >= img.rows || rng.uniform() >= density(y, x)) continue;
    const double away = std::atan2(y - g.bald_cy, x - g.bald_cx) + rng.uniform(-0.5, 0.5);
    const double len = rng.uniform(3, 7);
    const cv::Point2d a(x, y), b(x + len * std::cos(away), y + len * std::sin(away));
    const double shade = rng.uniform(0.7, 1.25);
    cv::line(layer, a, b, cv::Scalar(hair[0] * shade, hair[1] * shade, hair[2] * shade), 1, cv::LINE_AA);
  }
  cv::addWeighted(img, 0.3, layer, 0.7, 0, img);
}

void paint_face_hint(cv::Mat3f& img, const Geometry& g) {
  // Ears sit at the sides, a little ahead of the centre, mostly hidden under the skull's rim.
  for (int side : {-1, 1}) {
    const cv::Point2d ear(g.head_cx + side * (g.head_semi_x - 10), g.head_cy + 0.18 * g.head_semi_y);
    paint_skin_ellipse(img, ear, 70, 130, 0.8, 4.0);
  }
  // Forehead and brow seen from above: beyond the skull's front, turned away from the light.
  const cv::Point2d brow(g.head_cx, g.head_cy + 0.9 * g.head_semi_y);
  paint_skin_ellipse(img, brow, 0.86 * g.head_semi_x, 0.22 * g.head_semi_y, 0.62, 14.0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : "assets/demo/demo-scalp.jpg";
  const Geometry g;
  Rng rng(g.seed);
  cv::Mat3f img(g.height, g.width);
  paint_background(img, rng);
  paint_face_hint(img, g);
  paint_skull(img, g, rng);
  paint_fringe(img, g, rng);
  cv::GaussianBlur(img, img, {0, 0}, 0.9);
  cv::Mat3b out8;
  img.convertTo(out8, CV_8U);
  if (!cv::imwrite(out, out8, {cv::IMWRITE_JPEG_QUALITY, 82, cv::IMWRITE_JPEG_OPTIMIZE, 1})) {
    std::fprintf(stderr, "cannot write %s\n", out.c_str());
    return 1;
  }
  std::printf("wrote %s (%dx%d)\n", out.c_str(), g.width, g.height);
  return 0;
}
