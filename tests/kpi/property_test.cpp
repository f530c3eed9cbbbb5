// Laws of scorecards over random histories: points stay within [0, weight];
// the coverage is the weight of the indicators with data; the total is the
// indicator points scaled to the coverage plus the rule points; the order of the log (by seq, by
// effective date, shuffled) does not matter; another employee's events
// change nothing; a closed period's scorecard does not move.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "kpi/kpi_support.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

Date random_date(std::mt19937& rng, const char* from, int span_days) {
  return d(from).add_days(std::uniform_int_distribution<int>(0, span_days)(rng));
}

// Random contracts of `owner` around Q1 2024 and a random history for them,
// recorded in random effective-date order (back-dated events included).
void random_history(Database& db, std::mt19937& rng, const std::string& owner, const std::string& tag) {
  const char* types[] = {"sales", "sales", "sales", "procurement", "project"};
  const int contracts = std::uniform_int_distribution<int>(1, 6)(rng);
  std::vector<Contract> signed_ones;
  for (int i = 0; i < contracts; ++i) {
    ContractSpec s;
    s.type = types[std::uniform_int_distribution<int>(0, 4)(rng)];
    s.owner = owner;
    const std::int64_t whole = std::uniform_int_distribution<std::int64_t>(1, 1000)(rng) * 1000;
    s.amount = Money::from_units(whole * Money::kUnitsPerOne, Currency::of("CNY"));
    s.signed_on = random_date(rng, "2023-12-20", 110);
    s.end = d("2025-12-31");
    if (std::uniform_int_distribution<int>(0, 3)(rng) > 0) s.delivery_due = s.signed_on.add_days(std::uniform_int_distribution<int>(5, 80)(rng));
    s.counterparty = "客户";
    const int parts = std::uniform_int_distribution<int>(1, 3)(rng);
    std::int64_t left = whole;
    Date due = s.signed_on;
    for (int k = 0; k < parts; ++k) {
      const std::int64_t piece = k + 1 == parts ? left : left / 2;
      left -= piece;
      due = due.add_days(std::uniform_int_distribution<int>(1, 40)(rng));
      s.installments.push_back({due, Money::from_units(piece * Money::kUnitsPerOne, Currency::of("CNY"))});
    }
    Contract c = db.create_contract(s);
    if (std::uniform_int_distribution<int>(0, 5)(rng) > 0) {
      db.activate(c.id, s.signed_on.add_days(std::uniform_int_distribution<int>(0, 20)(rng)));
      signed_ones.push_back(db.contract(c.id));
    }
  }
  int payments = 0;
  std::vector<std::pair<std::string, Date>> paid;
  const int events = std::uniform_int_distribution<int>(0, 25)(rng);
  for (int i = 0; i < events && !signed_ones.empty(); ++i) {
    const Contract c = db.contract(signed_ones[std::uniform_int_distribution<std::size_t>(0, signed_ones.size() - 1)(rng)].id);
    const Date on = c.signed_on.add_days(std::uniform_int_distribution<int>(0, 120)(rng));
    const int what = std::uniform_int_distribution<int>(0, 9)(rng);
    try {
      if (what <= 3) {
        const std::int64_t outstanding = (c.amount - c.collected).units() / Money::kUnitsPerOne;
        if (outstanding <= 0) continue;
        const std::int64_t amount = std::uniform_int_distribution<std::int64_t>(1, outstanding)(rng);
        const std::string ref = tag + "-P" + std::to_string(++payments);
        db.record_payment(c.id, Money::from_units(amount * Money::kUnitsPerOne, c.amount.currency()), on, ref);
        paid.emplace_back(ref, on);
      } else if (what == 4 && !paid.empty()) {
        const auto& [ref, when] = paid[std::uniform_int_distribution<std::size_t>(0, paid.size() - 1)(rng)];
        db.reverse_payment(ref, when.add_days(std::uniform_int_distribution<int>(0, 40)(rng)));
      } else if (what == 5) {
        db.record_delivery(c.id, std::uniform_int_distribution<int>(0, 3)(rng) > 0, on);
      } else if (what == 6) {
        db.record_satisfaction(c.id, std::uniform_int_distribution<int>(0, 100)(rng), on);
      } else if (what == 7) {
        db.record_dispute(c.id, "dispute", on);
      } else if (what == 8) {
        db.record_breach(c.id, "breach", on);
      } else {
        Amendment a;
        a.counterparty = "客户 " + std::to_string(i);
        db.amend(c.id, "change", a, on);
      }
    } catch (const Error&) {
      // A random event the log refuses (a reversal twice, a breach of a
      // closed contract): the history just goes on without it.
    }
  }
}

const char* kAsOf[] = {"2024-01-15", "2024-01-31", "2024-02-29", "2024-03-15", "2024-03-31", "2024-05-15"};

void check_laws(const Scorecard& c) {
  ASSERT_TRUE(c.total.has_value());
  Decimal sum = Decimal::from_coefficient(0, 2);
  Decimal covered;
  for (const IndicatorScore& s : c.indicators) {
    if (!s.no_data) covered += s.weight;
    EXPECT_FALSE(s.points.is_negative()) << s.name;
    EXPECT_LE(s.points, s.weight) << s.name;
    EXPECT_EQ(s.points.scale(), 2) << s.name;
    EXPECT_EQ(s.no_data, !s.value.has_value());
    if (s.no_data) {
      EXPECT_TRUE(s.points.is_zero());
    }
    sum += s.points;
  }
  EXPECT_EQ(sum, *c.indicator_points);
  EXPECT_EQ(covered, c.coverage);
  // Reweighted: the indicator points over the covered weight, scaled to 100.
  if (c.coverage.is_zero()) {
    EXPECT_TRUE(c.scaled_points->is_zero());
  } else {
    EXPECT_EQ(*c.scaled_points, (Ratio(sum) * Ratio(100) / Ratio(c.coverage)).round(2, Rounding::half_even));
  }
  Decimal rules = Decimal::from_coefficient(0, 2);
  for (const RuleHit& h : c.rules) rules += h.points;
  EXPECT_EQ(rules, *c.rule_total);
  EXPECT_EQ(*c.scaled_points + rules, *c.total);
  EXPECT_EQ(Decimal::from_coefficient(c.total->coefficient(), 3), *c.total_10);
  for (const RuleHit& h : c.rules) {
    if (h.rule == RuleKind::collection_80) {
      // Hits follow their dates: within one window a contract's crossings
      // and retractions add up to +5, 0 or -5 (a retraction of an earlier
      // window's hit).
      Decimal per_contract;
      for (const RuleHit& o : c.rules) {
        if (o.rule == RuleKind::collection_80 && o.contract == h.contract) per_contract += o.points;
      }
      EXPECT_TRUE(per_contract == Decimal(0) || per_contract == Decimal(5) || per_contract == Decimal(-5));
    }
  }
}

TEST(ScorecardPropertyTest, LawsHoldOverRandomHistories) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    Database db(":memory:");
    add_company(db);
    random_history(db, rng, "S1", "s1");
    random_history(db, rng, "P1", "p1");
    for (const char* as_of : kAsOf) {
      for (const char* p : {"2024-Q1", "2024-02", "2024-01-15..2024-04-14"}) {
        check_laws(db.scorecard("S1", period(p), d(as_of)));
        check_laws(db.scorecard("P1", period(p), d(as_of)));
      }
    }
  }
}

TEST(ScorecardPropertyTest, TheOrderOfTheLogDoesNotMatter) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    Database db(":memory:");
    add_company(db);
    random_history(db, rng, "S1", "s1");
    for (const char* as_of : kAsOf) {
      ScoringInput in = db.scoring_input("S1", period("2024-Q1"), d(as_of));
      const Scorecard by_seq = evaluate_scorecard(in);
      EXPECT_EQ(by_seq, db.scorecard("S1", period("2024-Q1"), d(as_of)));
      std::stable_sort(in.events.begin(), in.events.end(),
                       [](const Event& a, const Event& b) { return a.effective < b.effective; });
      EXPECT_EQ(evaluate_scorecard(in), by_seq);
      std::shuffle(in.events.begin(), in.events.end(), rng);
      std::shuffle(in.contracts.begin(), in.contracts.end(), rng);
      EXPECT_EQ(evaluate_scorecard(in), by_seq);
    }
  }
}

TEST(ScorecardPropertyTest, AnotherEmployeesEventsChangeNothing) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    Database db(":memory:");
    add_company(db);
    random_history(db, rng, "S1", "s1");
    std::vector<Scorecard> before;
    for (const char* as_of : kAsOf) before.push_back(db.scorecard("S1", period("2024-Q1"), d(as_of)));
    random_history(db, rng, "S2", "s2");
    // The pure evaluator too: S2's contracts and events in S1's input change nothing.
    ScoringInput mixed = db.scoring_input("S1", period("2024-Q1"), d("2024-03-31"));
    const ScoringInput other = db.scoring_input("S2", period("2024-Q1"), d("2024-03-31"));
    mixed.contracts.insert(mixed.contracts.end(), other.contracts.begin(), other.contracts.end());
    mixed.events.insert(mixed.events.end(), other.events.begin(), other.events.end());
    for (std::size_t i = 0; i < std::size(kAsOf); ++i) {
      EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), d(kAsOf[i])), before[i]);
    }
    EXPECT_EQ(evaluate_scorecard(mixed), before[4]);
  }
}

TEST(ScorecardPropertyTest, AClosedPeriodDoesNotMove) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    Database db(":memory:");
    add_company(db);
    random_history(db, rng, "S1", "a");
    const Scorecard before = db.scorecard("S1", period("2024-Q1"), d("2024-03-31"));
    db.close_period(period("2024-Q1"), d("2024-04-01"));
    random_history(db, rng, "S1", "b");
    // Back-dated facts about the contracts that were already in scope.
    ContractFilter mine;
    mine.owner = "S1";
    for (const Contract& c : db.find_contracts(mine)) {
      if (!was_activated(c.status)) continue;
      try {
        db.record_satisfaction(c.id, 1, c.signed_on);
        db.record_payment(c.id, Money::from_units(Money::kUnitsPerOne, c.amount.currency()), c.signed_on,
                          "late-" + std::to_string(c.id));
      } catch (const Error&) {
        // settled already: the survey alone is enough
      }
    }
    Scorecard after = db.scorecard("S1", period("2024-Q1"), d("2024-03-31"));
    EXPECT_TRUE(after.closed);
    EXPECT_EQ(after.indicators, before.indicators);
    EXPECT_EQ(after.rules, before.rules);
    EXPECT_EQ(after.total, before.total);
    EXPECT_EQ(after.contracts, before.contracts);
    for (const PostCloseEvent& e : after.post_close) EXPECT_GT(e.seq, *after.closed_seq);
  }
}

}  // namespace
