#pragma once
// The buzz-cut preview's decisions: where the client's remaining hair is clipped, what the
// head looks like there after clipping (the skin of the scalp, the stubble's density, colour
// and length) and where the preview cannot be honest (white hair, hair over the face, photos
// too small to show stubble). render/ draws what this decides.
//
// All masks are at a working size of the photo (long side at most `work_max_side`) and map
// onto the whole photo by scaling.

#include "smp/sim/auto_plan.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::sim {

struct BuzzDecisionParams {
  int work_max_side = 1024;             // masks are decided at this size (px)
  double min_px_per_mm = 1.5;           // coarser photos cannot show stubble: the preview refuses
  double default_density_per_cm2 = 190; // hairs per cm² of a full head (150-230 typical)
  double hair_diameter_mm = 0.08;       // scalp hair shaft diameter (0.06-0.1 mm)
  double min_piece_share = 0.05;        // hair pieces smaller than this share of the largest
                                        // (eyebrows, specks) are not clipped
  double min_piece_head_share = 0.01;   // hair pieces smaller than this share of the head are left
  double min_hair_texture = 3;          // hair pieces smoother than this (mean local luma spread,
                                        // levels) are shadows, not strands
  double close_mm = 2.5;                // gaps between strands up to this wide are clipped too
  double max_island_mm2 = 300;          // unclipped islands inside the clipped hair up to this area
                                        // (scalp glimpsed between strands) are clipped too
  double dark_island_luma_share = 0.6; // so are islands of any size, and pieces of the head's bare skin
                                        // mostly bordered by the clipped hair, darker than this share of
                                        // the lit skin's luma (dense hair the colour split took for skin)
  double piece_min_border_share = 0.5;  // "mostly": at least this share of the piece's border
  double busy_piece_spread = 2.0;       // such pieces (not ears) busier than this many times the bare
                                        // skin's median local luma spread are lit strands, clipped too
  double volume_share = 0.25;            // hair volume above the skull: this share of the hair's depth
                                        // from the outline to the nearest skin ...
  double max_volume_mm = 20;            // ... at most this thick, ...
  double volume_window_mm = 15;         // ... averaged along the outline over this window (Gaussian sigma)
  double outline_smooth_mm = 10;        // bumps and dents of the skull's outline smaller than this go
  double outline_round_mm = 20;         // the convex outline over the clipped hair turns over about this
                                        // distance at its corners (Gaussian sigma): no polygon head
  double skin_piece_min_saturation = 0.8;  // beside the hair, pixels at least this saturated along the
                                        // skin's hue (share of its chroma) ...
  double skin_piece_hue_spread = 0.35;  // ... off that hue by at most this share of it (4 levels at least),
  double skin_piece_min_luma = 0.35;    // ... with luma between these shares of the skin's median,
  double skin_piece_max_luma = 1.3;     //     in pieces of at least ...
  double min_skin_piece_mm2 = 40;       // ... this area (this many when the piece reaches the photo
  double min_outer_skin_piece_mm2 = 10; //     past the hair: an ear's rim), centred at least ...
  double skin_piece_min_lateral = 0.6;  // ... this share of the head's half width from its midline,
                                        // are skin (ears): kept as photographed
  double ear_join_sliver_mm = 2;        // the skull's outline widened to a kept ear takes the slivers
                                        // between it and its hull this close to the widening
  double wisp_reach_mm = 40;            // pixels this close to the hair, joined to it ...
  double wisp_luma_share = 0.8;         // ... and darker than this share of the skin: hair too
  double outline_rim_mm = 3;            // within this of the head's outline (either side) ...
  double outline_rim_off_hair_mm = 10;  // ... farther than this from the hair ...
  double outline_rim_min_skin_share = 0.5;  // ... and where at least this share of the head within
                                        // outline_rim_mm is bare skin, busy means busy in every 5x5
                                        // window (the step to the background is no strand)
  double max_outside_share = 1.0;       // such hair beyond the head's outline: at most this share of
                                        // the hair found on the head ...
  double refuse_outside_share = 2.0;    // ... and above this share the preview refuses; between the
                                        // two it is the hair's volume that the outline missed when ...
  double max_beyond_reach_share = 0.25; // ... no more than this share of it runs on past the reach ...
  double min_volume_hair_luma = 0.7;    // ... and its mean luma is at least this share of the hair's;
                                        // otherwise only the hair on the head is clipped
  double max_standing_share = 0.15;     // dark strands joined to the clipped area but outside the new
                                        // head, over this share of the changed area: refused
  double light_hair_ratio = 0.8;        // hair at least this light relative to the skin (luma) ...
  double pale_chroma = 14;              // ... or this light and colourless (YCrCb distance from grey)
  double pale_min_luma = 120;           //     above this luma: white or very light hair
  double face_cover_share = 0.15;       // long hair over more than this share of the face below the
                                        // brows: the preview refuses
  double face_hair_margin_mm = 10;      // hair lying wholly this far in front of the hairline is the
                                        // face's (brows, a beard): never clipped
  double cover_window_mm = 6;           // window of the hair's local cover (its density)
  double full_cover = 0.7;              // local cover (0-1) at which the density is the full density
  double min_density_share = 0.15;      // sparsest stubble, share of the full density
  double hairline_soft_mm = 3;          // the stubble thins toward bare skin over this distance
  double skin_reach_mm = 20;            // skin colour is taken from skin this close to the clipped hair,
  double shadow_luma_share = 0.85;      // leaving out skin darker than this share of its median (shadow)
  // Sparse hair: strands over skin that shows between them (a thinning crown or front). Clipped
  // too: the strands give way to the skin between them and a sparse stubble.
  double strand_filter_mm = 1.2;        // strands narrower than this are told from the skin around them
  double strand_levels = 10;            // a pixel this far (luma levels) from that skin is strand
  double sparse_min_share = 0.12;       // skin with at least this share of strand pixels around it
                                        // (in cover_window_mm) is sparse hair ...
  double sparse_full_share = 0.45;      // ... whose stubble reaches the full density at this share
  double sparse_min_saturation = 0.4;   // the skin found between the strands keeps at least this share of
                                        // the skin's saturation (chroma over luma; its colour as first
                                        // taken beside the hair); greyer, it is lit grey or dark strands
                                        // with no skin between them: dense hair
  double sparse_island_mm2 = 30;        // holes of the clipped and sparse hair up to this area (gaps
                                        // between strands, specks) go with the sparse hair: left as
                                        // photographed they read as spots in the skin smoothed under it
};

struct BuzzRegions {
  cv::Size work;               // size of every mask below
  double work_per_photo = 1;   // work px per photo px
  cv::Mat3b work_image;        // the photo reduced to `work` (area average), as the regions were
                               // decided on it: drawing them starts from it (empty: reduced again)
  cv::Mat1b clip;              // 255: hair replaced by the clipped head's skin and stubble
  cv::Mat1b uncover;           // 255: hair volume beyond the skull, where the background shows after clipping
  cv::Mat1b sparse;            // 255: sparse strands over visible skin, clipped: the skin between them
                               // stays, with a sparse stubble
  cv::Mat3b sparse_skin;       // the skin under those strands (work size, meaningful on `sparse`)
  cv::Mat1b skin_known;        // bare skin of the head: with `sparse`, the colour source for the
                               // scalp under the hair
  cv::Mat1b head_after;        // the head's silhouette after clipping
  cv::Mat1b kept_skin;         // 255: skin beside the hair's volume (ears), kept as photographed
  cv::Mat1f density_per_cm2;   // stubble density on `clip` and `sparse`, hairs per cm²
  cv::Vec3f hair_bgr{0, 0, 0}; // colour of the client's hair strands (0-255)
  cv::Vec3f skin_bgr{0, 0, 0}; // colour of the skin next to the hair (0-255)
  double length_mm = 0;        // stubble length above the skin
  double diameter_mm = 0.08;   // hair shaft diameter
  double full_density_per_cm2 = 0;  // density where the hair was full
  std::string refusal;         // non-empty: the preview cannot be honest here (one line, why)
  std::vector<std::string> warnings;  // the preview is made but is approximate somewhere

  bool empty() const { return clip.empty() || refusal.size() || cv::countNonZero(clip) == 0; }
};

// Decides the buzz for `plan.params.buzz` on `photo` (the upright photo the plan was made
// for). With the buzz "as photographed" or no hair marked, the regions are empty.
BuzzRegions plan_buzz(const cv::Mat3b& photo, const Plan& plan, const BuzzDecisionParams& params = {});

// The same with the photo's scalp detection already made (detect_scalp of this photo, as the
// automatic plan made it): the part of the work that depends on the photo alone. A detection
// of another photo's size is not used (the photo is detected again).
BuzzRegions plan_buzz(const cv::Mat3b& photo, const Plan& plan, const ScalpDetection& detection,
                      const BuzzDecisionParams& params = {});

}  // namespace smp::sim
