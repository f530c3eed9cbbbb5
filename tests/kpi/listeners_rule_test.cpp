// Score listeners and the engine's hosting rules, without a database
// (src/kpi/listeners.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "kpi/listeners.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

TEST(ScoreListenerRules, TokensAreNeverReusedAndRemovalIsChecked) {
  kpi::ScoreListeners listeners;
  EXPECT_TRUE(listeners.empty());
  int heard = 0;
  const std::uint64_t a = listeners.add([&](const ScoreChange&) { ++heard; });
  const std::uint64_t b = listeners.add([&](const ScoreChange&) { heard += 10; });
  EXPECT_NE(a, b);
  EXPECT_EQ(listeners.tokens(), (std::vector<std::uint64_t>{a, b}));
  ASSERT_NE(listeners.find(b), nullptr);
  (*listeners.find(b))(ScoreChange{});
  EXPECT_EQ(heard, 10);
  listeners.remove(a);
  EXPECT_EQ(listeners.find(a), nullptr);
  EXPECT_EQ(key_of([&] { listeners.remove(a); }), "kpi.unknown_listener");
  const std::uint64_t c = listeners.add([](const ScoreChange&) {});
  EXPECT_NE(c, a);
  EXPECT_NE(c, b);
  EXPECT_EQ(key_of([&] { listeners.add(ScoreListener()); }), "core.null_argument");
  EXPECT_EQ(listeners.tokens().size(), 2U);  // the refused one was not registered
}

TEST(ScoreListenerRules, TheEngineRunsOutsideTransactions) {
  EXPECT_EQ(key_of([] { kpi::require_outside_transaction(true); }), "kpi.engine_in_transaction");
  EXPECT_NO_THROW(kpi::require_outside_transaction(false));
  EXPECT_EQ(key_of([] { kpi::require_engine_available(false); }), "kpi.engine_unavailable");
  EXPECT_EQ(key_of([] { kpi::require_listener(ScoreListener()); }), "core.null_argument");
}
