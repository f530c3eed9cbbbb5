// When a handle loads the incremental engine for single scorecards
// (src/kpi/engine_load.hpp): at once for a small log, and for a large one
// once the reference evaluator's reads have cost what loading costs.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "kpi/engine_load.hpp"

using pactum::kpi::EngineLoadPolicy;

namespace {

TEST(EngineLoadRule, ASmallLogIsLoadedAtOnce) {
  EXPECT_TRUE(EngineLoadPolicy::load_for_one(0, 0));
  EXPECT_TRUE(EngineLoadPolicy::load_for_one(EngineLoadPolicy::kSmallLog - 1, 0));
  EXPECT_FALSE(EngineLoadPolicy::load_for_one(EngineLoadPolicy::kSmallLog, 0));
}

TEST(EngineLoadRule, ALargeLogIsLoadedOnceTheReferenceHasReadItsCost) {
  const std::int64_t events = 5'500'000;  // the 1,000,000-contract benchmark database
  const std::int64_t cost = (events + EngineLoadPolicy::kRecordWeight - 1) / EngineLoadPolicy::kRecordWeight;
  EXPECT_FALSE(EngineLoadPolicy::load_for_one(events, 0));
  EXPECT_FALSE(EngineLoadPolicy::load_for_one(events, 650));  // one employee's scorecard
  EXPECT_FALSE(EngineLoadPolicy::load_for_one(events, cost - 1));
  EXPECT_TRUE(EngineLoadPolicy::load_for_one(events, cost));
  const std::int64_t most = std::numeric_limits<std::int64_t>::max();
  EXPECT_FALSE(EngineLoadPolicy::load_for_one(most, most / EngineLoadPolicy::kRecordWeight - 1));
  EXPECT_TRUE(EngineLoadPolicy::load_for_one(most, most));
}

// The laws: reading more never undoes the decision, a longer log never makes
// loading come sooner, and the reads paid before loading never exceed the
// cost of loading by more than one answer's reads (rent-or-buy).
TEST(EngineLoadRule, TheDecisionIsMonotoneAndTheRentIsBounded) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const std::int64_t events = static_cast<std::int64_t>(rng() % 100'000'000);
    const std::int64_t read = static_cast<std::int64_t>(rng() % 10'000'000);
    const std::int64_t more = read + static_cast<std::int64_t>(rng() % 1000);
    if (EngineLoadPolicy::load_for_one(events, read)) {
      EXPECT_TRUE(EngineLoadPolicy::load_for_one(events, more)) << events << " " << read;
      EXPECT_TRUE(EngineLoadPolicy::load_for_one(events / 2, read)) << events << " " << read;
    }
    if (events >= EngineLoadPolicy::kSmallLog && !EngineLoadPolicy::load_for_one(events, read)) {
      EXPECT_LT(read * EngineLoadPolicy::kRecordWeight, events) << events << " " << read;
    }
  }
}

}  // namespace
