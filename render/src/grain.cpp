#include "grain.hpp"

#include "smp/sim/random.hpp"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace smp::render::detail {

namespace {

// Rows an OpenCV Gaussian blur of `sigma` reads on each side (its float kernel is
// round(8 sigma + 1) | 1 taps wide).
int blur_reach(double sigma) { return ((static_cast<int>(std::lround(sigma * 8 + 1)) | 1) - 1) / 2; }

// White noise of unit variance: each pixel's value is a hash of the key and its index (the
// same grain for a seed whatever rows are worked together): the sum of four 16-bit uniforms,
// near enough to normal once blurred.
void hashed_noise(std::uint64_t key, int first_row, int cols, cv::Mat1f& out) {
  for (int r = 0; r < out.rows; ++r) {
    float* n = out.ptr<float>(r);
    const std::uint64_t first = static_cast<std::uint64_t>(first_row + r) * static_cast<std::uint64_t>(cols);
    for (int x = 0; x < cols; ++x) {
      const std::uint64_t h = sim::mix64(key + first + static_cast<std::uint64_t>(x));
      const std::uint32_t sum = static_cast<std::uint32_t>(h & 0xFFFF) + static_cast<std::uint32_t>((h >> 16) & 0xFFFF) +
                                static_cast<std::uint32_t>((h >> 32) & 0xFFFF) + static_cast<std::uint32_t>(h >> 48);
      constexpr float kScale = 1.7320508f / 65536.0f;  // four uniforms on [0, 1): mean 2, variance 1/3
      n[x] = (static_cast<float>(sum) - 2.0f * 65535.0f) * kScale;
    }
  }
}

// Rows [a, b) of an image of `rows` rows, widened by `reach` on each side and clipped.
cv::Range widened(int a, int b, int reach, int rows) { return {std::max(0, a - reach), std::min(rows, b + reach)}; }

// A Gaussian blur of rows `need` of an image whose rows `have` (a wider, clipped range) are
// in `src`: blurred whole, then cropped, so every needed row sees all the rows its kernel
// reads, or the image's own border, as a blur of the whole image would.
cv::Mat1f blurred_rows(const cv::Mat1f& src, cv::Range have, cv::Range need, double sigma, int border, cv::Mat1f& scratch) {
  cv::GaussianBlur(src, scratch, cv::Size(), sigma, sigma, border);
  return scratch.rowRange(need.start - have.start, need.end - have.start);
}

}  // namespace

double grain_share(double spacing_px, const GrainParams& params) {
  return std::clamp((params.resolved_spacing_px - spacing_px) / std::max(params.blend_px, 1e-6), 0.0, 1.0);
}

void unresolved_dots_to_grain(cv::Mat1f& od, double spacing_px, double blur_px, std::uint64_t seed,
                              GrainBuffers& buffers, const GrainParams& params, const std::vector<unsigned char>& changed_rows) {
  const double w = grain_share(spacing_px, params);
  if (w <= 0 || od.empty()) {
    buffers.last_out.release();
    return;
  }
  // Worked on the transmittance exp(-od), which the apply formula is linear in: the mean tone
  // the eye sees at arm's length is kept exactly.
  cv::Mat1f& trans = buffers.trans;
  trans.create(od.size());
  // Rows with pigment. A row whose blurs read none (none within the reach of the mean and
  // texture blurs) stays zero, and so does a strip of such rows, whatever the strips.
  std::vector<unsigned char> inked(static_cast<std::size_t>(od.rows), 0);
  cv::parallel_for_(cv::Range(0, od.rows), [&](const cv::Range& r) {
    cv::Mat1f rows = od.rowRange(r.start, r.end);
    cv::exp(-rows, trans.rowRange(r.start, r.end));
    for (int y = r.start; y < r.end; ++y) inked[static_cast<std::size_t>(y)] = cv::countNonZero(od.row(y)) > 0;
  });
  // Local mean over about one dot spacing, the strength of the dot texture around it, and
  // white noise through the photo's blur; strips of rows on all cores, each reading the rows
  // around it that its blurs reach.
  const double s = std::max(0.5 * spacing_px, 0.8), b = std::max(blur_px, 0.7);
  const int reach_mean = blur_reach(s), reach_power = blur_reach(2 * s), reach_noise = blur_reach(b);
  const int strip = std::max(1, params.strip_rows), strips = (od.rows + strip - 1) / strip;
  std::vector<int> inked_before(static_cast<std::size_t>(od.rows) + 1, 0);  // inked rows above each row
  for (int y = 0; y < od.rows; ++y)
    inked_before[static_cast<std::size_t>(y) + 1] = inked_before[static_cast<std::size_t>(y)] + inked[static_cast<std::size_t>(y)];
  const auto any_inked = [&](cv::Range rows) {
    return inked_before[static_cast<std::size_t>(rows.end)] > inked_before[static_cast<std::size_t>(rows.start)];
  };
  const std::uint64_t key = sim::mix64(seed ^ 0x67A13E550D07ull);
  // A Gaussian of sigma b keeps 1/(4 pi b^2) of white variance.
  const float gain = static_cast<float>(2.0 * std::sqrt(std::numbers::pi) * b);
  const float wf = static_cast<float>(w);
  const bool keep = buffers.keep_grain && od.total() <= buffers.max_kept_pixels;
  const bool same_grain = keep && buffers.grain_key == key && buffers.grain_blur == b && buffers.grain_size == od.size() &&
                          buffers.grain_strip_rows == strip;
  if (!same_grain) {
    buffers.grain_strips.assign(keep ? static_cast<std::size_t>(strips) : 0, cv::Mat1f());
    buffers.grain_key = key;
    buffers.grain_blur = b;
    buffers.grain_size = od.size();
    buffers.grain_strip_rows = strip;
  }
  // Rows changed since the last result, counted from the top: a strip whose blurs read none
  // of them is that result's.
  const bool from_last = same_grain && buffers.last_spacing == spacing_px && buffers.last_out.size() == od.size() &&
                         changed_rows.size() == static_cast<std::size_t>(od.rows);
  std::vector<int> changed_before;
  if (from_last) {
    changed_before.assign(static_cast<std::size_t>(od.rows) + 1, 0);
    for (int y = 0; y < od.rows; ++y)
      changed_before[static_cast<std::size_t>(y) + 1] =
          changed_before[static_cast<std::size_t>(y)] + (changed_rows[static_cast<std::size_t>(y)] ? 1 : 0);
  }
  cv::parallel_for_(cv::Range(0, strips), [&](const cv::Range& range) {
    cv::Mat1f power, noise, scratch_mean, scratch_power, scratch_noise;
    for (int k = range.start; k < range.end; ++k) {
      const cv::Range out(k * strip, std::min(od.rows, (k + 1) * strip));
      const cv::Range texture_rows = widened(out.start, out.end, reach_power, od.rows);
      const cv::Range trans_rows = widened(texture_rows.start, texture_rows.end, reach_mean, od.rows);
      if (from_last && changed_before[static_cast<std::size_t>(trans_rows.end)] ==
                           changed_before[static_cast<std::size_t>(trans_rows.start)]) {
        buffers.last_out.rowRange(out).copyTo(od.rowRange(out));
        continue;
      }
      if (!any_inked(trans_rows)) continue;
      const cv::Mat1f mean = blurred_rows(trans.rowRange(trans_rows), trans_rows, texture_rows, s, cv::BORDER_REPLICATE,
                                          scratch_mean);
      power.create(mean.size());
      for (int r = 0; r < mean.rows; ++r) {
        const float* t = trans.ptr<float>(texture_rows.start + r);
        const float* m = mean.ptr<float>(r);
        float* p = power.ptr<float>(r);
        for (int x = 0; x < od.cols; ++x) {
          const float texture = t[x] - m[x];
          p[x] = texture * texture;
        }
      }
      const cv::Mat1f strength2 = blurred_rows(power, texture_rows, out, 2 * s, cv::BORDER_REPLICATE, scratch_power);
      cv::Mat1f grain = keep ? buffers.grain_strips[static_cast<std::size_t>(k)] : cv::Mat1f();
      if (grain.empty()) {
        const cv::Range noise_rows = widened(out.start, out.end, reach_noise, od.rows);
        noise.create(noise_rows.size(), od.cols);
        hashed_noise(key, noise_rows.start, od.cols, noise);
        grain = blurred_rows(noise, noise_rows, out, b, cv::BORDER_REFLECT, scratch_noise);
        if (keep) buffers.grain_strips[static_cast<std::size_t>(k)] = grain = grain.clone();
      }
      for (int y = out.start; y < out.end; ++y) {
        if (!any_inked(widened(y, y + 1, reach_power + reach_mean, od.rows))) continue;
        float* o = od.ptr<float>(y);
        const float* t = trans.ptr<float>(y);
        const float* m = mean.ptr<float>(y - texture_rows.start);
        const float* g = strength2.ptr<float>(y - out.start);
        const float* n = grain.ptr<float>(y - out.start);
        for (int x = 0; x < od.cols; ++x) {
          const float tr = std::clamp(m[x] + (1.0f - wf) * (t[x] - m[x]) + wf * std::sqrt(g[x]) * (n[x] * gain), 1e-4f, 1.0f);
          o[x] = -std::log(tr);
        }
      }
    }
  });
  if (keep && buffers.keep_result) {
    od.copyTo(buffers.last_out);
    buffers.last_spacing = spacing_px;
  } else {
    buffers.last_out.release();
  }
}

}  // namespace smp::render::detail
