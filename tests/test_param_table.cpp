// The parameter table is the one declaration of every plan parameter: its defaults are the
// struct's, validation accepts exactly its ranges, the clinic settings use them, and the
// README's table is the one the table generates.

#include "smp/sim/clinic_settings.hpp"
#include "smp/sim/param_table.hpp"
#include "smp/sim/plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace smp {
namespace {

TEST(ParamTable, DefaultsAreTheStructsAndKeysAreUnique) {
  const sim::PlanParams defaults;
  std::set<std::string_view> keys;
  for (const sim::ParamSpec& spec : sim::plan_param_table()) {
    SCOPED_TRACE(std::string(spec.key));
    EXPECT_TRUE(keys.insert(spec.key).second) << "duplicate key";
    EXPECT_DOUBLE_EQ(spec.get(defaults), spec.default_value);
    EXPECT_LT(spec.min, spec.max);
    EXPECT_GT(spec.step, 0.0);
    EXPECT_TRUE(sim::check_param(spec, spec.default_value).empty());
    EXPECT_FALSE(spec.help.empty());
  }
}

TEST(ParamTable, ValidationAcceptsExactlyTheTablesRanges) {
  for (const sim::ParamSpec& spec : sim::plan_param_table()) {
    SCOPED_TRACE(std::string(spec.key));
    for (const double inside : {spec.min, spec.max}) {
      sim::Plan plan;
      spec.set(plan.params, inside);
      EXPECT_EQ(sim::validate(plan), "") << inside;
    }
    const double outside = spec.integer ? spec.step : spec.step * 0.5;
    for (const double v : {spec.min - outside, spec.max + outside}) {
      sim::Plan plan;
      spec.set(plan.params, v);
      const std::string e = sim::validate(plan);
      EXPECT_NE(e.find(std::string(spec.name)), std::string::npos) << v << ": " << e;
      EXPECT_NE(e.find("must be between"), std::string::npos) << e;
    }
  }
}

TEST(ParamTable, NeedleGroupingsAreTheOddOnesUpToNine) {
  const sim::ParamSpec& points = *sim::find_param("needle.points");
  for (int n = 1; n <= 9; ++n) EXPECT_EQ(sim::check_param(points, n).empty(), n % 2 == 1) << n;
  sim::ClinicSettings clinic;
  clinic.needles.fill = {9, 0.3};
  EXPECT_EQ(sim::validate(clinic), "");
  clinic.needles.fill = {4, 0.3};
  EXPECT_NE(sim::validate(clinic).find("needle grouping"), std::string::npos) << sim::validate(clinic);
  clinic.needles.fill = {3, 0.3};
  clinic.default_sessions = 7;
  EXPECT_NE(sim::validate(clinic).find("sessions"), std::string::npos) << sim::validate(clinic);
}

TEST(ParamTable, SetParamChecksKeyNumberAndRange) {
  sim::PlanParams p;
  EXPECT_EQ(sim::set_param(p, "density_per_cm2=95"), "");
  EXPECT_DOUBLE_EQ(p.density_per_cm2, 95);
  EXPECT_EQ(sim::set_param(p, "needle.points=9"), "");
  EXPECT_EQ(p.needle.points, 9);
  EXPECT_NE(sim::set_param(p, "density_per_cm2=151").find("between 1 and 150"), std::string::npos);
  EXPECT_NE(sim::set_param(p, "densty=80").find("unknown parameter"), std::string::npos);
  EXPECT_NE(sim::set_param(p, "sessions=two").find("not a number"), std::string::npos);
  EXPECT_NE(sim::set_param(p, "sessions").find("KEY=VALUE"), std::string::npos);
  EXPECT_DOUBLE_EQ(p.density_per_cm2, 95) << "a refused value changes nothing";
}

TEST(ParamTable, ReadmeTableIsTheGeneratedOne) {
  std::ifstream in(std::filesystem::path(SMP_SOURCE_DIR) / "README.md");
  ASSERT_TRUE(in) << "README.md not found";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str(), begin = "<!-- param-table:begin -->\n", end = "<!-- param-table:end -->";
  const std::size_t a = readme.find(begin), b = readme.find(end);
  ASSERT_NE(a, std::string::npos) << "README.md has no " << begin;
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(readme.substr(a + begin.size(), b - a - begin.size()), sim::param_table_markdown())
      << "regenerate the README's table with smp-render --list-params";
}

}  // namespace
}  // namespace smp
