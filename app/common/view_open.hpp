#pragma once
// Opening one view of a consultation, the same way everywhere (smp-render, smp-studio,
// smp-bench, the contact sheet): a photo with its first plan, or a saved plan with the
// photo it names (found again after a move when the SHA-256 proves identity), with the
// size and content checks. Also the copy of a plan that another thread may read.

#include "smp/render/appearance.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::app {

// What the message for a plan whose photo cannot be found tells the person to do: by
// default smp-render's option; the viewer has its own wording.
inline constexpr const char* kPassPhotoAdvice = "pass --photo PHOTO to say where it is now";

struct ViewSource {
  std::filesystem::path photo;                // a photo; with a plan: overrides where the plan says
  std::optional<std::filesystem::path> plan;  // a saved plan (its masks are checked against the photo)
  std::string missing_photo_advice = kPassPhotoAdvice;  // ends the message when the plan's photo is missing
  // Without a plan: the person's front direction (photo pixels), a top view facing it, instead
  // of the one the automatic plan finds.
  std::optional<cv::Point2d> face_toward = std::nullopt;
};

struct OpenedView {
  std::filesystem::path photo_path;
  cv::Mat3b photo;                            // upright BGR
  sim::AnalysisImage analysis;                // the photo's bounded working copy, made once when decoded
  // The photo's scalp detection when its first plan was made here (the buzz-cut preview reuses it).
  std::shared_ptr<const sim::ScalpDetection> detection;
  sim::Plan plan;
  std::vector<std::string> warnings;          // one line each: moved photo, different file, front unclear
  std::string guess_reason;                   // set: the first plan is a guess (no head found ...)
  double decode_ms = 0, plan_ms = 0;          // time spent decoding the photo and making or reading the plan
};

// The first plan of a photo: the automatic plan, the clinic's defaults for new plans
// (needle, sessions) and the shade suggested from the photo, the analyses working on
// `analysis` (the photo's, sim::make_analysis_image). `problem` as in sim::CheckedAutoPlan.
sim::CheckedAutoPlan first_plan(const cv::Mat3b& photo, const sim::AnalysisImage& analysis, const sim::PhotoRef& ref,
                                const sim::ClinicSettings& clinic, const render::AppearanceParams& appearance = {},
                                std::optional<cv::Point2d> face_toward = std::nullopt);

// Opens a view. Throws std::exception with a one-line message naming the file when the
// photo cannot be found or decoded, or does not have the size the plan was made for.
// A first plan that is only a guess is returned with guess_reason set; callers decide.
// `decoder`: the program's, when it opens several photos (null: one for this photo).
OpenedView open_view(const ViewSource& source, const sim::ClinicSettings& clinic,
                     const render::AppearanceParams& appearance = {}, render::PhotoDecoder* decoder = nullptr);

// The photo of a plan already read from `document` (a view of a project): located (also
// after a move), decoded and checked like open_view's.
OpenedView open_view_of(const std::filesystem::path& document, sim::Plan plan,
                        const std::string& missing_photo_advice = kPassPhotoAdvice,
                        render::PhotoDecoder* decoder = nullptr);

// A copy whose masks share no pixels with `plan`: safe to hand to another thread while the
// brush keeps painting the original.
sim::Plan plan_snapshot(const sim::Plan& plan);

// The photo path as stored in a saved document: relative to the document's folder when possible.
std::string photo_path_for(const std::filesystem::path& photo, const std::filesystem::path& document);

}  // namespace smp::app
