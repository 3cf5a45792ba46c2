#pragma once
// Turns a consultation (views, their simulations, the combined estimate) into the formatted
// content of the report and the export footer. Shared by smp-render and smp-studio so both
// print the same numbers the same way.

#include "smp/render/report_pdf.hpp"
#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/estimate.hpp"
#include "smp/sim/project.hpp"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace smp::app {

// "3,834" (rounded to whole currency units, thousands separated).
std::string format_amount(double value);
// "31,502".
std::string format_count(long value);
// "70% strength": the pigment as the viewer's Shade slider shows it (100% = undiluted).
std::string shade_text(const sim::Pigment& pigment);
// Today's local date as YYYY-MM-DD.
std::string today_iso_date();

render::ReportRows parameter_rows(const sim::Project& project, const std::string& template_name);
render::ReportRows estimate_rows(const sim::Estimate& e, const sim::ClinicRates& rates);
// Short lines for image footers (estimate, parameters).
std::vector<std::string> export_footer_lines(const sim::Project& project, const sim::Estimate& e);
// What a view counts in the combined estimate, for captions.
std::string counts_caption(const sim::ProjectView& view, std::size_t view_count);

}  // namespace smp::app
