// Text the technician keeps in a plan: the hair-loss template it started from and their notes.

#include "smp/sim/plan_io.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace smp {
namespace {

// The hair-loss template a plan started from and the technician's notes are part of the plan
// (the report prints both); plans written before they existed load without them.
TEST(PlanIo, TemplateNameAndTechnicianNotesRoundTripAndAreOptional) {
  sim::Plan p = test::uniform_plan(160, 120, 8.0, 80);
  p.template_name = "Norwood III";
  p.technician_notes = "Client prefers a soft, mature hairline; scar at the crown — denser there.";
  const sim::Plan back = sim::plan_from_json(sim::plan_to_json(p));
  EXPECT_EQ(back.template_name, p.template_name);
  EXPECT_EQ(back.technician_notes, p.technician_notes);
  nlohmann::json old = nlohmann::json::parse(sim::plan_to_json(p));
  old.erase("template");
  old.erase("technician_notes");
  const sim::Plan older = sim::plan_from_json(old.dump());
  EXPECT_TRUE(older.template_name.empty());
  EXPECT_TRUE(older.technician_notes.empty());
  nlohmann::json wrong = nlohmann::json::parse(sim::plan_to_json(p));
  wrong["technician_notes"] = 42;
  EXPECT_THROW(sim::plan_from_json(wrong.dump()), sim::PlanFileError);
}

}  // namespace
}  // namespace smp
