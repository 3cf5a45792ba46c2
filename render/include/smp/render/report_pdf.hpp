#pragma once
// The consultation report: a two-page A4 PDF drawn with cairo. Page 1: client, date,
// before/after, the plan over the photo, the parameters and the estimate. Page 2: further
// views, the treatment's timeline, pre- and after-care, longevity and the disclaimer. The content arrives formatted;
// this file only lays it out.

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace smp::render {

using ReportRows = std::vector<std::pair<std::string, std::string>>;  // label, value

// A picture with its name and caption: a view's plan, or a moment of the timeline.
struct ReportView {
  std::string name;       // "Top", "Front"; in the timeline "Session 1, day 0"
  cv::Mat3b plan_overlay; // the plan drawn over the photo; in the timeline the moment's picture
  std::string caption;    // e.g. what this view counts in the estimate
};

// Care instructions of common SMP practice; every line is the clinic's to change.
struct ReportCare {
  std::vector<std::string> before{
      "Keep the scalp out of strong sun for a week before each session; no sunburn.",
      "No chemical treatments, peels or strong products on the scalp in the week before.",
      "Shave the treated area on the day, as you will wear it; arrive with a clean, dry scalp."};
  std::vector<std::string> after{
      "Keep the scalp dry for the first days after a session; no sweating, swimming or sauna.",
      "Then wash with a mild shampoo twice a day for the first week.",
      "After healing: moisturise the scalp daily and use SPF 30+ sunscreen whenever outdoors."};
  std::vector<std::string> longevity{
      "Healed dots are smaller and 2-3 shades lighter than on the day of a session.",
      "Pigment fades slowly with sun, smoking and skin renewal; touch-ups every 2-6 years are typical."};
};

struct ReportContent {
  std::string clinic_name;
  cv::Mat logo;  // BGR or BGRA; empty = none
  std::string title = "Scalp micropigmentation consultation";
  std::string client_label;
  std::string date;
  cv::Mat3b before, after;               // the main view
  cv::Mat3b buzzed;                      // buzz-cut preview before SMP, between them (empty = none)
  std::string buzzed_caption = "Buzzed, before SMP";
  std::string before_caption = "Before";
  std::string after_caption = "After - simulated, healed";
  cv::Mat3b detail_before, detail_after;  // close-ups at about 100% (empty = none)
  std::string detail_caption = "Close-up at full resolution";
  std::vector<ReportView> views;         // first: the main view's plan; more on page 2
  std::vector<ReportView> timeline;      // before, session 1 day 0 ... years later (page 2; empty = none)
  cv::Mat3b pattern_diagram;             // hair-loss template diagram (empty = none)
  std::string pattern_name, pattern_description;
  ReportRows parameters;                 // needle, density, shade, sessions ...
  ReportRows estimate;                   // area, impressions, hours, cost ...
  std::vector<std::string> estimate_notes;  // "confirm in person", "scale estimated" ...
  std::string technician_notes;          // the technician's own notes (page 2; empty = none)
  ReportCare care;
  std::string disclaimer =
      "The pictures are a simulation to support the consultation, not a promise of the result. "
      "Prices are an estimate until confirmed in person.";
};

struct ReportParams {
  double image_dpi = 200;  // photos are embedded (as JPEG) at this resolution on the page
  int jpeg_quality = 88;
};

// The PDF as bytes; throws std::runtime_error if cairo fails.
std::vector<std::uint8_t> render_report_pdf(const ReportContent& content, const ReportParams& params = {});
// Renders and writes crash-safely (owner-only). Throws sim::FileError or std::runtime_error.
void write_report_pdf(const std::filesystem::path& path, const ReportContent& content, const ReportParams& params = {});

}  // namespace smp::render
