// Indicator scopes, data coverage and the contract's lifecycle in the
// scorecard, end to end through the database: the article's worked example
// through monthly scorecards, the payroll link on partial data, handovers,
// expiry and the breach triggers (docs/kpi.md, docs/contracts.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "kpi/kpi_support.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

std::vector<RuleHit> hits_of(const Scorecard& card, RuleKind rule) {
  std::vector<RuleHit> out;
  std::copy_if(card.rules.begin(), card.rules.end(), std::back_inserter(out),
               [&](const RuleHit& h) { return h.rule == rule; });
  return out;
}

// The article's contract: 1,000,000 signed by S1 on 2024-01-10, instalments
// 300,000 / 500,000 / 200,000 due at the end of each month of Q1.
class MonthlyScopesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_company(db);
    Terms t;
    t.installments = {{"2024-01-31", "300000.00"}, {"2024-02-29", "500000.00"}, {"2024-03-31", "200000.00"}};
    contract = sign(db, t);
  }

  Scorecard month(const char* p, const char* as_of) { return db.scorecard("S1", period(p), d(as_of)); }

  Database db{":memory:"};
  Contract contract;
};

TEST_F(MonthlyScopesTest, TheWorkedExampleScoresEveryMonth) {
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  const Event feb_payment = db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");
  db.record_payment(contract.id, cny("200000.00"), d("2024-03-31"), "BANK-3");

  const Scorecard jan = month("2024-01", "2024-01-31");
  const Scorecard feb = month("2024-02", "2024-02-29");
  const Scorecard mar = month("2024-03", "2024-03-31");
  EXPECT_EQ(points(jan, "collection_rate"), "9.00");
  EXPECT_EQ(points(feb, "collection_rate"), "24.00");
  EXPECT_EQ(points(mar, "collection_rate"), "30.00");

  // The +5 belongs to the month of the payment that crossed 80%, once.
  EXPECT_EQ(jan.rule_points(RuleKind::collection_80).to_string(), "0.00");
  EXPECT_EQ(feb.rule_points(RuleKind::collection_80).to_string(), "5.00");
  ASSERT_EQ(hits_of(feb, RuleKind::collection_80).size(), 1u);
  EXPECT_EQ(hits_of(feb, RuleKind::collection_80)[0].event, feb_payment.seq);
  EXPECT_EQ(mar.rule_points(RuleKind::collection_80).to_string(), "0.00");
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), d("2024-03-31")).rule_points(RuleKind::collection_80).to_string(),
            "5.00");

  // Signing is quarter to date: the quarter's work done in January keeps
  // full signing points in February and March.
  for (const Scorecard* card : {&jan, &feb, &mar}) {
    SCOPED_TRACE(card->period.to_string());
    EXPECT_EQ(points(*card, "signed_amount"), "40.00");
    EXPECT_EQ(card->indicator("signed_amount")->contracts, std::vector<std::string>{contract.number});
    EXPECT_EQ(card->coverage, Decimal(70));
  }

  // The article's payroll link is monthly: February (40 + 24 of 70, then +5)
  // keeps the whole bonus.
  EXPECT_EQ(feb.total->to_string(), "96.43");
  EXPECT_EQ(db.bonus_adjustment("S1", period("2024-02"), cny("10000.00"), d("2024-02-29")).to_string(), "0.00");
  const BonusDecision why = db.bonus_decision("S1", period("2024-02"), cny("10000.00"), d("2024-02-29"));
  EXPECT_EQ(why.coverage, Decimal(70));
  EXPECT_EQ(why.score, feb.total);
  EXPECT_EQ(why.adjustment.to_string(), "0.00");
}

TEST_F(MonthlyScopesTest, AnAprilPaymentCountsInAprilAndTheSecondQuarter) {
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");
  db.record_payment(contract.id, cny("200000.00"), d("2024-04-10"), "BANK-3");

  const Scorecard mar = month("2024-03", "2024-03-31");
  EXPECT_EQ(points(mar, "collection_rate"), "24.00");
  // The third instalment was not paid by its due date: a March hit.
  EXPECT_EQ(mar.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");

  for (const char* p : {"2024-04", "2024-Q2"}) {
    SCOPED_TRACE(p);
    const Scorecard card = db.scorecard("S1", period(p), d("2024-06-30"));
    const IndicatorScore* collection = card.indicator("collection_rate");
    ASSERT_NE(collection, nullptr);
    EXPECT_EQ(collection->value, Ratio(1));
    EXPECT_EQ(collection->points.to_string(), "30.00");
    EXPECT_EQ(collection->contracts, std::vector<std::string>{contract.number});
    // The overdue hit stays in March, the crossing in February.
    EXPECT_TRUE(hits_of(card, RuleKind::installment_overdue).empty());
    EXPECT_TRUE(hits_of(card, RuleKind::collection_80).empty());
  }
  // Q1 as of its end does not see April.
  EXPECT_EQ(points(db.scorecard("S1", period("2024-Q1"), d("2024-03-31")), "collection_rate"), "24.00");
}

TEST_F(MonthlyScopesTest, ACompletedContractLeavesTheActiveScopeAfterItsMonth) {
  db.record_payment(contract.id, cny("1000000.00"), d("2024-01-31"), "BANK-1");
  db.complete(contract.id, d("2024-02-10"));
  // In force in February (completed during it), gone in March.
  EXPECT_EQ(month("2024-02", "2024-02-29").indicator("collection_rate")->contracts,
            std::vector<std::string>{contract.number});
  const Scorecard mar = month("2024-03", "2024-03-31");
  EXPECT_TRUE(mar.indicator("collection_rate")->contracts.empty());
  EXPECT_TRUE(mar.indicator("collection_rate")->no_data);
}

// ---- Coverage and the payroll link --------------------------------------------------

class CoverageTest : public MonthlyScopesTest {
 protected:
  void SetUp() override {
    MonthlyScopesTest::SetUp();
    db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
    db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");
    db.record_payment(contract.id, cny("200000.00"), d("2024-03-31"), "BANK-3");
  }

  const Period q1 = period("2024-Q1");
};

TEST_F(CoverageTest, NoSurveyAndNoDeliveryIsNotAZero) {
  const Scorecard card = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_EQ(card.coverage, Decimal(70));
  EXPECT_TRUE(card.indicator("satisfaction")->no_data);
  EXPECT_TRUE(card.indicator("execution_cycle")->no_data);
  EXPECT_FALSE(card.indicator("collection_rate")->no_data);
  EXPECT_GE(*card.total, Decimal(80));
  const BonusDecision decision = db.bonus_decision("S1", q1, cny("10000.00"), d("2024-03-31"));
  EXPECT_EQ(decision.adjustment.to_string(), "0.00");
  EXPECT_EQ(decision.reason, BonusReason::no_band);
}

TEST_F(CoverageTest, TheZeroPolicyBringsBackTheOldTotal) {
  KpiTemplate zero = KpiTemplate::builtin("sales");
  zero.version = 3;
  zero.no_data = NoDataPolicy::zero;
  db.define_template(zero.to_json());
  const Scorecard card = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_EQ(card.template_version, 3);
  EXPECT_EQ(card.coverage, Decimal(70));
  EXPECT_EQ(card.total->to_string(), "75.00");
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("10000.00"), d("2024-03-31")).to_string(), "-1000.00");
}

TEST_F(CoverageTest, BelowMinCoverageTheAdjustmentIsZeroWithItsReason) {
  KpiTemplate zero = KpiTemplate::builtin("sales");
  zero.version = 3;
  zero.no_data = NoDataPolicy::zero;
  db.define_template(zero.to_json());
  PayrollLink link;
  link.min_coverage = Decimal(80);
  db.set_payroll_link(link);
  // 75.00 would be a cut, but 70 of 100 weight is not enough data to cut.
  const BonusDecision decision = db.bonus_decision("S1", q1, cny("10000.00"), d("2024-03-31"));
  EXPECT_EQ(decision.score->to_string(), "75.00");
  EXPECT_EQ(decision.reason, BonusReason::insufficient_data);
  EXPECT_EQ(decision.min_coverage, Decimal(80));
  EXPECT_EQ(decision.rate, Decimal(0));
  EXPECT_EQ(decision.adjustment.to_string(), "0.00");
  EXPECT_STREQ(bonus_reason_name(decision.reason), "insufficient_data");
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("10000.00"), d("2024-03-31")).to_string(), "0.00");

  // At exactly min_coverage the bands decide again.
  link.min_coverage = Decimal(70);
  db.set_payroll_link(link);
  EXPECT_EQ(db.bonus_decision("S1", q1, cny("10000.00"), d("2024-03-31")).reason, BonusReason::band);
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("10000.00"), d("2024-03-31")).to_string(), "-1000.00");
}

TEST(CoverageLawTest, DecideBonusNeverCutsBelowMinCoverage) {
  PayrollLink link;  // below 80: -10%; min_coverage 50
  const Money base = cny("10000.00");
  for (int coverage = 0; coverage <= 100; coverage += 5) {
    for (int score = 0; score <= 120; score += 7) {
      const BonusDecision b = decide_bonus(link, Decimal(score), Decimal(coverage), base);
      if (coverage < 50) {
        EXPECT_EQ(b.reason, BonusReason::insufficient_data) << score << " " << coverage;
        EXPECT_EQ(b.adjustment.units(), 0);
      } else {
        EXPECT_EQ(b.adjustment.to_string(), score < 80 ? "-1000.00" : "0.00") << score << " " << coverage;
      }
    }
  }
  EXPECT_EQ(decide_bonus(link, std::nullopt, Decimal(100), base).reason, BonusReason::no_score);
}

// ---- Handovers ----------------------------------------------------------------------

TEST_F(MonthlyScopesTest, AHandoverKeepsSigningWithTheSignerAndMovesExecution) {
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  const Event handover = db.reassign(contract.id, "S2", "S1 moves to key accounts", d("2024-02-15"));
  EXPECT_EQ(handover.type, EventType::reassigned);
  EXPECT_EQ(db.contract(contract.id).owner, "S2");
  EXPECT_EQ(db.contract(contract.id).signer, "S1");
  const Event crossing = db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");

  // The signer keeps the signed amount in every period.
  for (const char* p : {"2024-01", "2024-02", "2024-Q1"}) {
    SCOPED_TRACE(p);
    const Scorecard s1 = db.scorecard("S1", period(p), d("2024-03-31"));
    const Scorecard s2 = db.scorecard("S2", period(p), d("2024-03-31"));
    EXPECT_EQ(s1.indicator("signed_amount")->contracts, std::vector<std::string>{contract.number});
    EXPECT_TRUE(s2.indicator("signed_amount")->contracts.empty());
  }
  // January's execution is the signer's; from the handover it is the new owner's.
  EXPECT_EQ(points(db.scorecard("S1", period("2024-01"), d("2024-01-31")), "collection_rate"), "9.00");
  EXPECT_TRUE(db.scorecard("S2", period("2024-01"), d("2024-01-31")).indicator("collection_rate")->no_data);
  const Scorecard s1_feb = db.scorecard("S1", period("2024-02"), d("2024-02-29"));
  const Scorecard s2_feb = db.scorecard("S2", period("2024-02"), d("2024-02-29"));
  EXPECT_TRUE(s1_feb.indicator("collection_rate")->no_data);
  EXPECT_EQ(points(s2_feb, "collection_rate"), "24.00");
  // The crossing after the handover is the new owner's hit.
  EXPECT_TRUE(hits_of(s1_feb, RuleKind::collection_80).empty());
  ASSERT_EQ(hits_of(s2_feb, RuleKind::collection_80).size(), 1u);
  EXPECT_EQ(hits_of(s2_feb, RuleKind::collection_80)[0].event, crossing.seq);

  // Handing it back moves later execution back; the rules stay where they fell.
  db.reassign(contract.id, "S1", "back from key accounts", d("2024-03-10"));
  db.record_payment(contract.id, cny("100000.00"), d("2024-03-20"), "BANK-3");
  const Scorecard s1_mar = db.scorecard("S1", period("2024-03"), d("2024-03-31"));
  EXPECT_EQ(points(s1_mar, "collection_rate"), "27.00");
  EXPECT_EQ(s1_mar.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  EXPECT_TRUE(db.scorecard("S2", period("2024-03"), d("2024-03-31")).indicator("collection_rate")->no_data);
  EXPECT_EQ(db.scorecard("S2", period("2024-Q1"), d("2024-03-31")).rule_points(RuleKind::collection_80).to_string(),
            "5.00");
}

TEST_F(MonthlyScopesTest, AHandoverIsRefusedBeforeSigningOrToAStranger) {
  const std::int64_t before = db.events(contract.id).size();
  EXPECT_THROW(db.reassign(contract.id, "S2", "too early", d("2024-01-01")), ValidationError);
  EXPECT_THROW(db.reassign(contract.id, "NOBODY", "unknown", d("2024-02-01")), NotFoundError);
  EXPECT_THROW(db.reassign(contract.id, "S2", "", d("2024-02-01")), ValidationError);
  db.reassign(contract.id, "S2", "handover", d("2024-02-01"));
  EXPECT_THROW(db.reassign(contract.id, "S1", "before the last one", d("2024-01-20")), ValidationError);
  EXPECT_EQ(db.events(contract.id).size(), static_cast<std::size_t>(before + 1));
}

// ---- Expiry -------------------------------------------------------------------------

class ExpiryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_company(db);
    ContractSpec s;
    s.type = "sales";
    s.owner = "S1";
    s.amount = cny("100000.00");
    s.signed_on = d("2024-01-10");
    s.end = d("2024-06-30");
    s.counterparty = "华东机械有限公司";
    c = db.create_contract(s);
    db.activate(c.id, d("2024-01-10"));
  }

  Database db{":memory:"};
  Contract c;
};

TEST_F(ExpiryTest, TheClockPassingTheEndDateExpiresTheContract) {
  db.advance_to(d("2024-06-30"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::active);
  const Event tick = db.advance_to(d("2024-07-01"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::expired);
  const std::vector<Event> events = db.events(c.id);
  ASSERT_EQ(events.back().type, EventType::expired);
  EXPECT_EQ(events.back().effective, d("2024-06-30"));
  // The same date again is the same change: nothing new.
  EXPECT_EQ(db.advance_to(d("2024-07-01")).seq, tick.seq);
  EXPECT_EQ(db.events(c.id).size(), events.size());
  // Performed after its end date: completion is still recorded as such.
  db.complete(c.id, d("2024-07-05"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::completed);
  // An expired contract leaves the active scope after the month of its end.
  EXPECT_TRUE(db.scorecard("S1", period("2024-08"), d("2024-08-31")).indicator("collection_rate")->no_data);
  EXPECT_FALSE(db.scorecard("S1", period("2024-06"), d("2024-06-30")).indicator("collection_rate")->no_data);
}

TEST_F(ExpiryTest, ARenewalBeforeTheEndPreventsTheExpiry) {
  RenewalSpec r;
  r.signed_on = d("2024-06-20");
  db.renew(c.id, r);
  db.advance_to(d("2024-07-15"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::active);
  for (const Event& e : db.events(c.id)) EXPECT_NE(e.type, EventType::expired);
}

TEST_F(ExpiryTest, TheReferenceEvaluatorReplaysTheExpiryAsTheEngineReadsIt) {
  db.record_payment(c.id, cny("40000.00"), d("2024-03-01"), "BANK-1");
  db.advance_to(d("2024-08-01"));
  for (const char* p : {"2024-06", "2024-07", "2024-Q3", "2024"}) {
    SCOPED_TRACE(p);
    const Scorecard engine = db.scorecard("S1", period(p), d("2024-08-01"));
    EXPECT_EQ(evaluate_scorecard(db.scoring_input("S1", period(p), d("2024-08-01"))), engine);
  }
}

// ---- Breach triggers ----------------------------------------------------------------

class BreachTriggerTest : public ::testing::Test {
 protected:
  void SetUp() override { add_company(db); }

  Contract with_delivery(const char* due) {
    Terms t = contract_terms("S1", "sales", "100000.00", "2024-01-10", due);
    return sign(db, t);
  }
  std::vector<RuleHit> breaches(const char* as_of) {
    return hits_of(db.scorecard("S1", period("2024"), d(as_of)), RuleKind::breach);
  }

  Database db{":memory:"};
};

TEST_F(BreachTriggerTest, ADeliveryRefusedForQualityIsOneBreach) {
  const Contract c = with_delivery("2024-03-01");
  const Event refused = db.record_delivery(c.id, false, d("2024-02-20"), std::string("cracked housings"));
  db.record_delivery(c.id, false, d("2024-02-25"), std::string("cracked again"));
  const std::vector<RuleHit> hits = breaches("2024-02-28");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].trigger, BreachTrigger::quality);
  EXPECT_EQ(hits[0].event, refused.seq);
  EXPECT_EQ(hits[0].points.to_string(), "-15.00");
  EXPECT_EQ(hits[0].date, d("2024-02-20"));
}

TEST_F(BreachTriggerTest, NoAcceptedDeliveryThirtyDaysAfterTheDueDateIsABreach) {
  const Contract c = with_delivery("2024-02-01");
  EXPECT_TRUE(breaches("2024-03-01").empty());  // due + 29 days
  const std::vector<RuleHit> hits = breaches("2024-03-02");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].trigger, BreachTrigger::overdue);
  EXPECT_EQ(hits[0].date, d("2024-03-02"));
  EXPECT_FALSE(hits[0].event.has_value());
  // A delivery after the deadline does not undo it, nor add a second one.
  db.record_delivery(c.id, true, d("2024-03-10"));
  EXPECT_EQ(breaches("2024-12-31").size(), 1u);
}

TEST_F(BreachTriggerTest, ADeliveryInTimeMeansNoOverdueBreach) {
  const Contract c = with_delivery("2024-02-01");
  db.record_delivery(c.id, true, d("2024-02-20"));
  EXPECT_TRUE(breaches("2024-12-31").empty());
}

// The calendar ends on 9999-12-31 (docs/contracts.md): a delivery due
// within the rule's days of its end has a deadline that never passes.
TEST_F(BreachTriggerTest, ADeadlinePastTheEndOfTheCalendarNeverPasses) {
  with_delivery("9999-12-20");
  EXPECT_TRUE(hits_of(db.scorecard("S1", period("9999"), d("9999-12-31")), RuleKind::breach).empty());
  EXPECT_TRUE(hits_of(db.scorecard("S1", period("9999-Q4"), d("9999-12-31")), RuleKind::breach).empty());
}

// ... and its first year (1400) has no day before it to search from.
TEST_F(BreachTriggerTest, TheFirstYearOfTheCalendarScores) {
  EXPECT_TRUE(db.scoring_input("S1", period("1400"), d("1400-12-31")).contracts.empty());
  EXPECT_TRUE(hits_of(db.scorecard("S1", period("1400"), d("1400-12-31")), RuleKind::breach).empty());
}

TEST_F(BreachTriggerTest, AnExplicitBreachEventAndEachTriggerIsASetting) {
  const Contract c = with_delivery("2024-02-01");
  const Event breach = db.record_breach(c.id, "shipped to the wrong site", d("2024-01-20"));
  db.record_delivery(c.id, false, d("2024-01-25"));
  std::vector<RuleHit> hits = breaches("2024-12-31");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].trigger, BreachTrigger::event);
  EXPECT_EQ(hits[0].event, breach.seq);

  KpiTemplate t = KpiTemplate::builtin("sales");
  t.version = 3;
  for (RuleDefinition& r : t.rules) {
    if (r.kind == RuleKind::breach) {
      r.on_quality = false;
      r.on_overdue = false;
    }
  }
  db.define_template(t.to_json());
  hits = breaches("2024-12-31");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].trigger, BreachTrigger::event);
}

}  // namespace
