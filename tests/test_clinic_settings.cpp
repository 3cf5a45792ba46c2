// Clinic settings in the XDG config folder, and the "confirm in person" flags.

#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/estimate_flags.hpp"
#include "smp/sim/file_io.hpp"
#include "smp/sim/simulate.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;

// Sets an environment variable for the scope of a test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

int mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return static_cast<int>(st.st_mode & 0777);
}

TEST(ClinicSettings, PathFollowsXdgConfigHomeThenHome) {
  smp::test::ScopedTempDir dir("smp-clinic");
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", dir.path().string());
    EXPECT_EQ(smp::sim::clinic_settings_path(), dir.path() / "smp-studio" / "clinic.json");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
    ScopedEnv home("HOME", "/home/someone");
    EXPECT_EQ(smp::sim::clinic_settings_path(), fs::path("/home/someone/.config/smp-studio/clinic.json"));
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "relative/ignored");  // the XDG spec ignores relative paths
    ScopedEnv home("HOME", "/home/someone");
    EXPECT_EQ(smp::sim::clinic_settings_path(), fs::path("/home/someone/.config/smp-studio/clinic.json"));
  }
}

TEST(ClinicSettings, SaveLoadRoundTripOwnerOnly) {
  smp::test::ScopedTempDir dir("smp-clinic");
  ScopedEnv xdg("XDG_CONFIG_HOME", dir.path().string());
  const fs::path path = smp::sim::clinic_settings_path();
  EXPECT_FALSE(smp::sim::load_clinic_settings_or_defaults(path).from_file);  // no file yet: defaults

  smp::sim::ClinicSettings s;
  s.name = "Northside SMP — Studio 2";
  s.logo_path = "/srv/logo.png";
  s.rates = {55, 70, 900, "EUR", 2500, 4500};
  s.default_sessions = 4;
  s.needles.fill = {5, 0.30};
  smp::sim::save_clinic_settings(s, path);
  EXPECT_EQ(mode_of(path), 0600);
  EXPECT_EQ(mode_of(path.parent_path()), 0700);

  const auto loaded = smp::sim::load_clinic_settings_or_defaults(path);
  ASSERT_TRUE(loaded.from_file);
  EXPECT_TRUE(loaded.warning.empty());
  EXPECT_EQ(loaded.settings.name, s.name);
  EXPECT_EQ(loaded.settings.logo_path, s.logo_path);
  EXPECT_EQ(loaded.settings.rates.currency, "EUR");
  EXPECT_EQ(loaded.settings.rates.minimum_price, 900);
  EXPECT_EQ(loaded.settings.rates.price_per_sq_in_max, 70);
  EXPECT_EQ(loaded.settings.default_sessions, 4);
  EXPECT_EQ(loaded.settings.needles.fill.points, 5);

  smp::sim::PlanParams params;
  smp::sim::apply_clinic_defaults(params, loaded.settings);
  EXPECT_EQ(params.sessions, 4);
  EXPECT_EQ(params.needle.diameter_mm, 0.30);
}

TEST(ClinicSettings, BrokenFilesGiveAClearMessageAndDefaults) {
  smp::test::ScopedTempDir dir("smp-clinic");
  const fs::path path = dir / "clinic.json";
  const std::pair<const char*, const char*> cases[] = {
      {"{not json", "not valid JSON"},
      {R"({"format":"something-else","version":1})", "not SMP Studio clinic settings"},
      {R"({"format":"smp-studio-clinic","version":99})", "newer"},
      {R"({"format":"smp-studio-clinic","version":1,"rates":{"currency":5}})", "rates.currency must be text"},
      {R"({"format":"smp-studio-clinic","version":1,"rates":{"price_per_sq_in_min":80,"price_per_sq_in_max":60}})", "minimum"},
      {R"({"format":"smp-studio-clinic","version":1,"default_sessions":0})", "sessions"},
  };
  for (const auto& [text, expected] : cases) {
    std::ofstream(path) << text;
    try {
      smp::sim::load_clinic_settings(path);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const smp::sim::ClinicSettingsError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    const auto fallback = smp::sim::load_clinic_settings_or_defaults(path);
    EXPECT_FALSE(fallback.from_file);
    EXPECT_FALSE(fallback.warning.empty());
    EXPECT_EQ(fallback.settings.rates.price_per_sq_in_min, 60);
  }
  // Older files without some fields keep the defaults for them.
  std::ofstream(path) << R"({"format":"smp-studio-clinic","version":1,"name":"A"})";
  EXPECT_EQ(smp::sim::load_clinic_settings(path).rates.price_per_sq_in_max, 75);
}

TEST(ClinicSettings, RatesDriveTheEstimateWithAMinimumPrice) {
  smp::sim::Plan plan = smp::test::uniform_plan(400, 400, 4.0, 40);  // 100 x 100 mm = 100 cm2
  smp::sim::SimulationSettings settings;
  settings.rates = {60, 75, 5000, "USD", 3000, 5000};
  const auto sim = smp::sim::simulate(plan, settings);
  EXPECT_NEAR(sim.estimate.area_cm2, 100, 1);
  EXPECT_EQ(sim.estimate.cost_min, 5000);  // 15.5 sq in x 60 is below the minimum price
  EXPECT_EQ(sim.estimate.cost_max, 5000);
}

TEST(EstimateFlags, ScarCamouflageNeedsAnInPersonLook) {
  smp::sim::Plan plan = smp::test::uniform_plan(400, 400, 4.0, 40);
  auto field = smp::sim::build_density_field(plan);
  EXPECT_FALSE(smp::sim::estimate_flags(plan, field).confirm_in_person());
  plan.masks.scar = cv::Mat1b(400, 400, uchar{0});
  plan.masks.scar(cv::Rect(100, 100, 40, 16)).setTo(255);  // 10 x 4 mm strip scar
  field = smp::sim::build_density_field(plan);
  const auto flags = smp::sim::estimate_flags(plan, field);
  EXPECT_TRUE(flags.scar_camouflage);
  EXPECT_NEAR(flags.scar_area_cm2, 0.4, 1e-9);
  ASSERT_FALSE(flags.reasons.empty());
  EXPECT_NE(flags.reasons[0].find("confirm in person"), std::string::npos);
}

TEST(EstimateFlags, HairlineOnlyWorkNeedsAnInPersonLook) {
  smp::sim::Plan plan = smp::test::uniform_plan(800, 800, 4.0, 60);  // 200 x 200 mm
  plan.hairline.symmetric = false;
  plan.hairline.control_points = {{0, 200}, {800, 200}};  // straight line, face toward -y
  plan.masks.treatment = cv::Mat1b(800, 800, uchar{0});
  plan.masks.treatment(cv::Rect(0, 180, 800, 90)).setTo(255);  // a band ~17 mm behind the line
  auto field = smp::sim::build_density_field(plan);
  EXPECT_TRUE(smp::sim::estimate_flags(plan, field).hairline_only);
  plan.masks.treatment(cv::Rect(0, 180, 800, 620)).setTo(255);  // the whole top behind it
  field = smp::sim::build_density_field(plan);
  EXPECT_FALSE(smp::sim::estimate_flags(plan, field).hairline_only);
}

}  // namespace
