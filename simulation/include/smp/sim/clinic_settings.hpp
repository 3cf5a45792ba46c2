#pragma once
// The clinic's own settings: name and logo for exports, rates for the estimate, default
// sessions and needles. Stored as versioned JSON in the user's config folder
// ($XDG_CONFIG_HOME/smp-studio/clinic.json, else ~/.config/smp-studio/clinic.json),
// written crash-safely and readable by the owner only.

#include "smp/sim/estimate.hpp"
#include "smp/sim/plan.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace smp::sim {

constexpr const char* kClinicFormatName = "smp-studio-clinic";
constexpr int kClinicFormatVersion = 1;

struct NeedleSet {
  Needle fill{3, 0.25};      // "0803" 3-point: the workhorse for fill
  Needle hairline{1, 0.20};  // "0603" single point: hairline and fine work
};

struct ClinicSettings {
  std::string name;       // shown on exports and reports; empty = none
  std::string logo_path;  // PNG or JPEG; empty = none
  ClinicRates rates;      // US$60-75 per sq in by default (a typical clinic rate)
  int default_sessions = 3;
  NeedleSet needles;
};

// Settings file is unreadable or malformed; the message names the file and the field.
class ClinicSettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Empty string when the settings are usable, else the first problem.
std::string validate(const ClinicSettings& settings);

std::string clinic_settings_to_json(const ClinicSettings& settings);
// Missing fields keep their defaults (older files); wrong types and impossible values throw.
ClinicSettings clinic_settings_from_json(const std::string& text, const std::string& origin = "clinic settings");

// $XDG_CONFIG_HOME/smp-studio/clinic.json, else $HOME/.config/smp-studio/clinic.json;
// empty when neither variable is set.
std::filesystem::path clinic_settings_path();

// Throws ClinicSettingsError (malformed) or FileError (unreadable).
ClinicSettings load_clinic_settings(const std::filesystem::path& path);

struct ClinicSettingsLoad {
  ClinicSettings settings;
  bool from_file = false;
  std::string warning;  // non-empty when a file exists but could not be used (defaults used)
};
// Defaults when the file does not exist; defaults plus a warning when it is broken.
ClinicSettingsLoad load_clinic_settings_or_defaults(const std::filesystem::path& path);

// Creates the folder (owner-only) if needed and writes the file crash-safely (mode 0600).
void save_clinic_settings(const ClinicSettings& settings, const std::filesystem::path& path);

// The plan's needle, sessions from the clinic's defaults (for new plans).
void apply_clinic_defaults(PlanParams& params, const ClinicSettings& settings);

}  // namespace smp::sim
