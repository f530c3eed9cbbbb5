// The compact pieces a contract's state is made of (docs/kpi.md, "Memory"):
// stamps order like (day, seq), packed arrays behave like vectors and keep
// their order, and the engine refuses a seq it cannot stamp without
// changing anything.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "kpi/incremental.hpp"
#include "kpi/incremental_stream.hpp"

using namespace pactum;
using namespace pactum::kpi_engine;

namespace {

std::int32_t serial(const char* iso) { return static_cast<std::int32_t>(Date::parse(iso).serial()); }

TEST(StampTest, OrdersLikeTheDayThenTheSeqAndGivesThemBack) {
  const std::int32_t lo = serial("1400-01-01");
  const std::int32_t hi = serial("9999-12-31");
  std::mt19937_64 rng(7);
  std::vector<std::pair<std::int32_t, std::int64_t>> pairs = {
      {lo, 1}, {lo, Stamp::kSeqLimit - 1}, {hi, 1}, {hi, Stamp::kSeqLimit - 1}, {0, 1}, {-1, 1}};
  for (int i = 0; i < 2000; ++i) {
    const auto day = static_cast<std::int32_t>(std::uniform_int_distribution<std::int64_t>(lo, hi)(rng));
    // Often the same day as another pair, so that the seq decides.
    pairs.push_back({i % 3 == 0 ? pairs[rng() % pairs.size()].first : day,
                     std::uniform_int_distribution<std::int64_t>(1, Stamp::kSeqLimit - 1)(rng)});
  }
  for (const auto& [day, seq] : pairs) {
    const Stamp s = Stamp::of(day, seq);
    ASSERT_FALSE(s.none());
    ASSERT_EQ(s.day(), day);
    ASSERT_EQ(s.seq(), seq);
    ASSERT_LT(Stamp{}, s);
  }
  for (std::size_t i = 0; i + 1 < pairs.size(); ++i) {
    const auto& a = pairs[i];
    const auto& b = pairs[(i * 7919 + 13) % pairs.size()];
    ASSERT_EQ(Stamp::of(a.first, a.second) < Stamp::of(b.first, b.second), a < b) << a.first << " " << b.first;
    ASSERT_EQ(Stamp::of(a.first, a.second) == Stamp::of(b.first, b.second), a == b);
  }
  EXPECT_TRUE(Stamp{}.none());
  EXPECT_EQ(Stamp{}.day(), kNoDay);
}

TEST(PackedTest, InsertsAndAssignsLikeAVector) {
  std::mt19937 rng(11);
  for (int round = 0; round < 50; ++round) {
    Packed<Term> packed;
    std::vector<Term> reference;
    EXPECT_EQ(packed.heap_bytes(), 0U);
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      const Term t{static_cast<std::int32_t>(rng() % 1000), static_cast<std::int64_t>(rng())};
      const std::size_t at = reference.empty() ? 0 : rng() % (reference.size() + 1);
      packed.insert(packed.begin() + at, t);
      reference.insert(reference.begin() + static_cast<std::ptrdiff_t>(at), t);
    }
    ASSERT_EQ(std::vector<Term>(packed.begin(), packed.end()), reference);
    EXPECT_EQ(packed.heap_bytes(), reference.empty() ? 0U : 8 + reference.size() * sizeof(Term));
    Packed<Term> moved(std::move(packed));
    EXPECT_TRUE(packed.empty());  // NOLINT(bugprone-use-after-move): a moved-from array is empty
    ASSERT_EQ(std::vector<Term>(moved.begin(), moved.end()), reference);
    std::vector<Term> other(reference.rbegin(), reference.rend());
    moved.assign(other);
    ASSERT_EQ(std::vector<Term>(moved.begin(), moved.end()), other);
    moved.assign({});
    EXPECT_TRUE(moved.empty());
    EXPECT_EQ(moved.heap_bytes(), 0U);
  }
}

TEST(PackedTest, InsertsInOrderAfterEqualItems) {
  std::mt19937 rng(13);
  Packed<Term> packed;
  std::vector<Term> reference;
  auto less = [](const Term& a, const Term& b) { return a.due < b.due; };
  for (int i = 0; i < 300; ++i) {
    const Term t{static_cast<std::int32_t>(rng() % 50), i};
    packed.insert_sorted(t, less);
    reference.insert(std::upper_bound(reference.begin(), reference.end(), t, less), t);
  }
  ASSERT_EQ(std::vector<Term>(packed.begin(), packed.end()), reference);
}

TEST(StampTest, TheEngineRefusesASeqBeyondItsStampsAndChangesNothing) {
  kpi_stream::Company company;
  kpi_stream::Stream s(91, company);
  Engine engine(kpi_stream::kCny);
  engine.begin(s.clock());
  while (s.log().size() < 300) {
    for (const EngineEvent& e : s.step()) engine.apply(e);
  }
  engine.finish();
  // An empty batch at the same date, so that the batch below differs only by
  // the refused event.
  engine.begin(s.clock());
  engine.finish();
  const std::string before = engine.serialize();
  // A payment of a known contract, with the first seq a stamp cannot hold.
  EngineEvent far;
  for (const EngineEvent& e : s.replay()) {
    if (e.type == EventType::payment_received) far = e;
  }
  ASSERT_NE(far.contract, 0);
  far.seq = Stamp::kSeqLimit;
  engine.begin(s.clock());
  EXPECT_THROW(engine.apply(far), std::length_error);
  engine.finish();
  EXPECT_TRUE(engine.serialize() == before);  // (not EXPECT_EQ: the bytes would be printed)
}

}  // namespace
