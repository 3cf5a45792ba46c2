#pragma once
// smp-render's consultation options (templates, hairline rules, exports, report, projects,
// clinic settings), kept apart from the classic options in smp_render_main.cpp.

#include "../common/consultation_job.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace smp::cli {

struct ConsultationOptions {
  std::vector<std::string> views;
  std::vector<std::string> set_params;
  std::string project, save_project, hair_loss_template, report, export_image, layout = "side-by-side";
  std::string client, date, clinic;
  int export_width = 0;
  bool suggest_hairline = false;
  bool list_templates = false;
  bool list_params = false;

  void add_to(CLI::App& app);
  bool any() const;          // a consultation option was given: run the consultation job
  bool writes_output() const;
  // Throws std::invalid_argument for a bad layout name.
  app::ConsultationJob make_job(const app::RenderJob& base) const;
};

}  // namespace smp::cli
