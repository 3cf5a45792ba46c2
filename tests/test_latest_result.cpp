// The "newest result" slot of the viewer's latest-wins lanes (LatestResult): a result is kept
// only when newer than the one waiting, and taken once.

#include "core/latest_result.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace smp::studio {
namespace {

struct Result {
  std::uint64_t generation = 0;
  std::string text;
};

TEST(LatestResult, GenerationsIncrease) {
  LatestResult<Result> slot;
  EXPECT_EQ(slot.next_generation(), 1u);
  EXPECT_EQ(slot.next_generation(), 2u);
  EXPECT_EQ(slot.next_generation(), 3u);
}

TEST(LatestResult, NewerReplacesOlderAndIsTakenOnce) {
  LatestResult<Result> slot;
  EXPECT_FALSE(slot.take().has_value());
  slot.offer({2, "second"});
  slot.offer({1, "first, finished late"});  // older than the one waiting: dropped
  slot.offer({2, "second again"});          // not newer either
  std::optional<Result> r = slot.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->generation, 2u);
  EXPECT_EQ(r->text, "second");
  EXPECT_FALSE(slot.take().has_value());
  // Once taken, the next result is kept whatever its generation: it is news to the taker.
  slot.offer({1, "late"});
  r = slot.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->text, "late");
  slot.offer({3, "third"});
  slot.offer({4, "fourth"});
  r = slot.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->text, "fourth");
}

TEST(LatestResult, ResultsFromManyThreadsKeepTheNewest) {
  LatestResult<Result> slot;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&slot, t] {
      for (std::uint64_t g = 1; g <= 1000; ++g) slot.offer({g * 4 + static_cast<std::uint64_t>(t), std::to_string(t)});
    });
  for (std::thread& th : threads) th.join();
  const std::optional<Result> r = slot.take();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->generation, 4003u);
  EXPECT_EQ(r->text, "3");
}

}  // namespace
}  // namespace smp::studio
