#pragma once
// The simulated dots as a person sees them at 100 %, measured before against after: the
// visible dots are the local maxima of the darkening, as a person would pick them out.
//   peak_dark   median darkening at the dots' centres (0-1; opaque black near 1)
//   tone_cv     coefficient of variation of that darkening over the dots: a close-up of dots
//               all of one tone reads as a printed screen, not as skin. Equal dots read near
//               0, not 0: a centre sampled at its nearest pixel alone gives about 0.02 at a
//               1.5 px blur and 0.2 at 0.5 px (where dots merge, the measure says little)
//   nn_cv       coefficient of variation of their nearest-neighbour distances (lattice 0,
//               blue noise about 0.1-0.3, random points about 0.5)
//   grid        strongest spectral peak of their positions over the spectrum's median
//               (a periodic screen gives a peak far above the rest)
//   softness_px Gaussian sigma of a dot's darkening profile, photo px (re-blur method: a
//               Gaussian blob of sigma s blurred again by r keeps s^2 / (s^2 + r^2) of its peak)

#include <opencv2/core.hpp>

namespace smp::render {

struct DotFigureParams {
  double min_darkening = 0.04;   // a maximum counts as a dot from this darkening (0-1)
  double detect_sigma_px = 0.8;  // smoothing before the maxima search (one-pixel noise is no dot)
  int spectrum_side_px = 256;    // side of the window whose dot spectrum is measured
  double reblur_sigma_px = 1.5;  // r of the softness measure
  int min_dots = 50;             // fewer dots: figures stay 0
};

struct DotFigures {
  int dots = 0;
  double peak_dark = 0;
  double tone_cv = 0;
  double nn_cv = 0;
  double grid = 0;
  double softness_px = 0;
};

// `mask` (any size, mapped onto the images; empty = the whole image) limits the search to
// where dots are expected; maxima within `margin_px` of the image edge are ignored.
DotFigures visible_dot_figures(const cv::Mat3b& before, const cv::Mat3b& after, const cv::Mat1b& mask,
                               int margin_px = 2, const DotFigureParams& params = {});

}  // namespace smp::render
