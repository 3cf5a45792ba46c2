#include "report_builder.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace smp::app {

namespace {

std::string printf_string(const char* fmt, double a, double b = 0) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

std::string grouped(std::string digits) {
  const std::size_t start = !digits.empty() && digits[0] == '-' ? 1 : 0;
  for (int i = static_cast<int>(digits.size()) - 3; i > static_cast<int>(start); i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

}  // namespace

std::string format_amount(double value) { return grouped(std::to_string(std::llround(value))); }
std::string format_count(long value) { return grouped(std::to_string(value)); }

std::string shade_text(const sim::Pigment& pigment) {
  return printf_string("%.0f%% strength", 100.0 - pigment.dilution_pct);
}

std::string today_iso_date() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

render::ReportRows parameter_rows(const sim::Project& project, const std::string& template_name) {
  const sim::PlanParams& p = project.params;
  render::ReportRows rows;
  rows.emplace_back("Needle", std::to_string(p.needle.points) + "-point, " + printf_string("%.2f mm", p.needle.diameter_mm));
  rows.emplace_back("Density", printf_string("%.0f impressions/cm²", p.density_per_cm2));
  rows.emplace_back("Pigment shade", shade_text(p.pigment));
  rows.emplace_back("Sessions", std::to_string(p.sessions) + " (7-30 days apart)");
  rows.emplace_back("Hairline zone", printf_string("%.0f mm soft transition", p.transition_mm));
  if (!template_name.empty()) rows.emplace_back("Pattern", template_name);
  if (p.buzz.active())
    rows.emplace_back("Remaining hair", std::string("clipped, ") + sim::buzz_label(p.buzz.length) +
                                            (p.buzz.days_since_shave > 0 ? printf_string(", %.0f days after", p.buzz.days_since_shave) : ""));
  if (!project.views.empty()) {
    const sim::Calibration& c = project.views.front().plan.calibration;
    rows.emplace_back("Scale", printf_string("%.1f px/mm, ", c.px_per_mm) + (c.measured ? "measured" : "estimated") +
                                   " (" + c.source + ")");
  }
  return rows;
}

render::ReportRows estimate_rows(const sim::Estimate& e, const sim::ClinicRates& rates) {
  render::ReportRows rows;
  rows.emplace_back("Treated area", printf_string("%.0f cm² (%.1f sq in)", e.area_cm2, e.area_sq_in));
  std::string per;
  for (std::size_t i = 0; i < e.impressions_per_session.size(); ++i)
    per += (i ? " / " : "") + format_count(e.impressions_per_session[i]);
  rows.emplace_back("Impressions", format_count(e.impressions) + " in total" + (per.empty() ? "" : " (" + per + ")"));
  rows.emplace_back("Needle time", printf_string("%.0f-%.0f hours", std::floor(e.hours_min), std::ceil(e.hours_max)) +
                                       " over " + std::to_string(e.sessions) + " sessions");
  rows.emplace_back("Estimated cost", e.currency + " " + format_amount(e.cost_min) + " - " + format_amount(e.cost_max));
  rows.emplace_back("Rates", e.currency + " " + format_amount(rates.price_per_sq_in_min) + "-" +
                                 format_amount(rates.price_per_sq_in_max) + " per sq in" +
                                 (rates.minimum_price > 0 ? ", minimum " + format_amount(rates.minimum_price) : ""));
  return rows;
}

std::vector<std::string> export_footer_lines(const sim::Project& project, const sim::Estimate& e) {
  const sim::PlanParams& p = project.params;
  char line1[200], line2[200];
  std::snprintf(line1, sizeof line1, "Area %.0f cm² (%.1f sq in)   %s impressions over %d sessions   Estimate %s %s-%s",
                e.area_cm2, e.area_sq_in, format_count(e.impressions).c_str(), e.sessions, e.currency.c_str(),
                format_amount(e.cost_min).c_str(), format_amount(e.cost_max).c_str());
  std::snprintf(line2, sizeof line2, "Needle %d-point %.2f mm   Density %.0f/cm²   Shade %s", p.needle.points,
                p.needle.diameter_mm, p.density_per_cm2, shade_text(p.pigment).c_str());
  return {line1, line2};
}

std::string counts_caption(const sim::ProjectView& view, std::size_t view_count) {
  std::string text = "Tinted: treatment area. White: hairline and the back of its transition zone.";
  if (view_count > 1) {
    const bool s = view.counts.scalp, b = view.counts.hairline_band;
    text += s && b ? " Counts its whole area in the estimate."
            : s    ? " Counts the scalp behind the hairline band in the estimate."
            : b    ? " Counts the hairline band in the estimate."
                   : " Not counted in the estimate (close-up).";
  }
  return text;
}

}  // namespace smp::app
