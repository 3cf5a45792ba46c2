#pragma once
// The open consultation: the photo, its plan, and where it is saved.

#include "smp/render/appearance.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/auto_plan.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/plan.hpp"

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp::studio {

struct Document {
  sim::Plan plan;
  cv::Mat3b photo;                                  // upright BGR, never modified
  std::filesystem::path photo_path;
  std::optional<std::filesystem::path> plan_path;   // where Save writes; none = untitled
  bool dirty = false;                               // unsaved edits
  std::uint64_t revision = 1;                       // bumps on every plan change
  std::vector<std::string> warnings;                // shown once after opening
  // Why the automatic plan is a guess (no head found, a strip): while set, no price is
  // shown or exported. Painting the treatment area makes the plan the technician's.
  std::string guess_reason;
  // The photo's scalp detection when the automatic plan was made on opening it (the buzz-cut
  // preview reuses it); empty for a plan read from a file.
  std::shared_ptr<const sim::ScalpDetection> detection;

  std::string title() const;  // window title part: "plan.json*" or "photo.jpg (unsaved)"
};

// Whether the estimate may show a price for this document.
inline bool price_allowed(const Document& doc) { return doc.guess_reason.empty(); }

// What the viewer tells the person when a plan's photo cannot be found (smp-render's
// message names its --photo option instead).
inline constexpr const char* kViewerPhotoAdvice =
    "put the photo back, or anywhere in the plan's folder (it is recognised by its content), and open the plan again";

// Files the viewer opens: plans end in .json, everything else is tried as a photo.
bool is_plan_file(const std::filesystem::path& path);

// Opens a photo with its first plan (app::open_view: automatic plan, the clinic's defaults,
// suggested shade) or a saved plan with its photo (found again after a move). Throws
// std::exception with a readable message. `decoder`: the viewer's (null: one for this photo).
Document open_document(const std::filesystem::path& path, const sim::ClinicSettings& clinic,
                       const render::AppearanceParams& appearance = {}, render::PhotoDecoder* decoder = nullptr);

// Writes the plan (photo path stored relative to the plan's folder) and marks it clean.
void save_document(Document& doc, const std::filesystem::path& path);

}  // namespace smp::studio
