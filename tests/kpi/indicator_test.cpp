// Every indicator, normalisation and event rule of docs/kpi.md with values
// computed by hand, including the "no data yet" cases.
#include <gtest/gtest.h>

#include "kpi/kpi_support.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

class IndicatorTest : public ::testing::Test {
 protected:
  void SetUp() override { add_company(db); }

  Scorecard card(const char* employee, const char* p = "2024-Q1", const char* as_of = "2024-03-31") {
    return db.scorecard(employee, period(p), d(as_of));
  }

  Terms sales(const char* amount, const char* signed_on = "2024-01-10") {
    Terms t;
    t.amount = amount;
    t.signed_on = signed_on;
    return t;
  }

  Terms of_type(const char* type, const char* owner, const char* signed_on = "2024-01-10") {
    Terms t;
    t.type = type;
    t.owner = owner;
    t.amount = "100000.00";
    t.signed_on = signed_on;
    return t;
  }

  Database db{":memory:"};
};

// ---- signed_amount (sales, target 1,000,000 per quarter) -----------------------

TEST_F(IndicatorTest, SignedAmountAgainstTheQuarterTarget) {
  sign(db, sales("600000.00"));
  sign(db, sales("300000.00", "2024-03-31"));
  Terms draft = sales("500000.00");
  draft.activate = false;
  sign(db, draft);                          // never activated: not in scope
  sign(db, sales("800000.00", "2024-04-01"));  // signed in Q2
  const Scorecard c = card("S1");
  const IndicatorScore* s = c.indicator("signed_amount");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->value, Ratio(900000));
  EXPECT_EQ(s->value_text(c.currency), "900000.00");
  EXPECT_EQ(s->target, Ratio(1000000));
  EXPECT_EQ(s->points.to_string(), "36.00");  // 40 x 0.9
  EXPECT_EQ(s->contracts.size(), 2u);
  EXPECT_FALSE(s->no_data);
}

TEST_F(IndicatorTest, SignedAmountTargetScalesByMonths) {
  sign(db, sales("100000.00"));
  const Scorecard month = card("S1", "2024-01", "2024-01-31");
  // 1,000,000 per quarter is 333,333.33 per month (half-even to the cent).
  EXPECT_EQ(month.indicator("signed_amount")->target, Ratio(33333333, 100));
  EXPECT_EQ(points(month, "signed_amount"), "12.00");  // 40 x 100000 / 333333.33 = 12.0000001...
  const Scorecard year = card("S1", "2024", "2024-12-31");
  EXPECT_EQ(year.indicator("signed_amount")->target, Ratio(4000000));
  EXPECT_EQ(points(year, "signed_amount"), "1.00");  // 40 x 100000 / 4000000
  // 2024-01-15..2024-04-14 is three whole months: the quarter's target.
  sign(db, sales("200000.00", "2024-04-14"));
  const Scorecard custom = card("S1", "2024-01-15..2024-04-14", "2024-04-30");
  EXPECT_EQ(custom.indicator("signed_amount")->target, Ratio(1000000));
  EXPECT_EQ(points(custom, "signed_amount"), "8.00");  // only the 200,000 was signed in the range
}

TEST_F(IndicatorTest, NoContractsMeansNothingSignedAndNoDataForTheRest) {
  // Signing nothing is a result (0 of the target); the rates, the survey and
  // the cycle have no data. The covered weight is the signed amount's 40,
  // and 0 points over it scale to 0.
  const Scorecard c = card("S1");
  ASSERT_TRUE(c.scored());
  for (const IndicatorScore& s : c.indicators) {
    const bool signing = s.name == "signed_amount";
    EXPECT_EQ(s.no_data, !signing) << s.name;
    EXPECT_EQ(s.value, signing ? std::optional<Ratio>(Ratio(0)) : std::nullopt) << s.name;
    EXPECT_EQ(s.points.to_string(), "0.00") << s.name;
    EXPECT_TRUE(s.contracts.empty()) << s.name;
  }
  EXPECT_EQ(c.coverage, Decimal(40));
  EXPECT_EQ(c.total->to_string(), "0.00");
  EXPECT_TRUE(c.rules.empty());
}

// ---- collection_rate (amount-weighted, rate 30) --------------------------------

TEST_F(IndicatorTest, CollectionRateIsAmountWeighted) {
  const Contract a = sign(db, sales("1000000.00"));
  const Contract b = sign(db, sales("200000.00"));
  db.record_payment(a.id, cny("300000.00"), d("2024-02-01"), "A1");
  db.record_payment(b.id, cny("200000.00"), d("2024-02-01"), "B1");
  const Scorecard c = card("S1");
  // (300,000 + 200,000) / 1,200,000 = 5/12; 30 x 5/12 = 12.50 (not the mean of 0.3 and 1).
  EXPECT_EQ(c.indicator("collection_rate")->value, Ratio(5, 12));
  EXPECT_EQ(points(c, "collection_rate"), "12.50");
}

TEST_F(IndicatorTest, CollectionRateCountsAtMostTheAmountAndOnlyTheWindow) {
  const Contract a = sign(db, sales("100000.00"));
  const Contract b = sign(db, sales("100000.00"));
  db.record_payment(a.id, cny("150000.00"), d("2024-02-01"), "A1", "finance", true);  // over-paid
  db.record_payment(b.id, cny("50000.00"), d("2024-04-02"), "B1");                   // after the quarter
  const Scorecard c = card("S1", "2024-Q1", "2024-06-30");
  EXPECT_EQ(c.indicator("collection_rate")->value, Ratio(1, 2));  // (100,000 + 0) / 200,000
  EXPECT_EQ(points(c, "collection_rate"), "15.00");
  EXPECT_EQ(points(card("S1", "2024-Q1", "2024-01-31"), "collection_rate"), "0.00");  // as of: nothing yet
}

TEST_F(IndicatorTest, CollectionGraceWindowExtendsPastThePeriodEnd) {
  db.define_template(R"({"id":"graceful","collection_grace_days":10,"indicators":[
    {"name":"collection_rate","metric":"collection_rate","types":["sales"],"weight":100,"normalisation":"rate"}]})");
  db.bind_template("sales", "graceful");
  const Contract a = sign(db, sales("100000.00"));
  db.record_payment(a.id, cny("40000.00"), d("2024-04-10"), "A1");
  db.record_payment(a.id, cny("10000.00"), d("2024-04-11"), "A2");
  const Scorecard c = card("S1", "2024-Q1", "2024-04-30");
  EXPECT_EQ(c.collection_cutoff, d("2024-04-10"));
  EXPECT_EQ(points(c, "collection_rate"), "40.00");
  EXPECT_EQ(card("S1", "2024-Q1", "2024-03-31").collection_cutoff, d("2024-03-31"));
}

// ---- satisfaction (mean of the latest survey of each contract, rate 20) ---------

TEST_F(IndicatorTest, SatisfactionAveragesEachContractsLatestSurvey) {
  const Contract a = sign(db, sales("100000.00"));
  const Contract b = sign(db, sales("100000.00"));
  sign(db, sales("100000.00"));  // never surveyed: contributes nothing
  db.record_satisfaction(a.id, 70, d("2024-02-01"));
  db.record_satisfaction(a.id, 90, d("2024-03-01"));
  db.record_satisfaction(b.id, 75, d("2024-02-15"));
  db.record_satisfaction(b.id, 10, d("2024-04-15"));  // after the quarter
  const Scorecard c = card("S1", "2024-Q1", "2024-06-30");
  const IndicatorScore* s = c.indicator("satisfaction");
  EXPECT_EQ(s->value, Ratio(165, 2));  // (90 + 75) / 2 = 82.5
  EXPECT_EQ(s->value_text(c.currency), "82.5");
  EXPECT_EQ(s->points.to_string(), "16.50");  // 20 x 0.825
  EXPECT_EQ(s->contracts, (std::vector<std::string>{a.number, b.number}));
  // Before the second survey of A: (70 + 75) / 2 = 72.5 -> 14.50.
  EXPECT_EQ(points(card("S1", "2024-Q1", "2024-02-20"), "satisfaction"), "14.50");
}

TEST_F(IndicatorTest, SatisfactionWithoutSurveysHasNoData) {
  sign(db, sales("100000.00"));
  const Scorecard c = card("S1");
  const IndicatorScore* s = c.indicator("satisfaction");
  EXPECT_TRUE(s->no_data);
  EXPECT_EQ(s->points.to_string(), "0.00");
}

// ---- cycle_days (execution cycle: target_lower 30 days) ----------------------------

TEST_F(IndicatorTest, ExecutionCycleIsTheMeanDaysToTheFirstAcceptedDelivery) {
  const Contract a = sign(db, sales("100000.00"));
  const Contract b = sign(db, sales("100000.00"));
  db.record_delivery(a.id, false, d("2024-01-15"));  // refused for quality: not a delivery
  db.record_delivery(a.id, true, d("2024-02-19"));   // 40 days after signing
  const Scorecard one = card("S1");
  EXPECT_EQ(one.indicator("execution_cycle")->value, Ratio(40));
  EXPECT_EQ(points(one, "execution_cycle"), "7.50");  // 10 x 30 / 40
  db.record_delivery(b.id, true, d("2024-01-30"));  // 20 days
  const Scorecard two = card("S1");
  EXPECT_EQ(two.indicator("execution_cycle")->value, Ratio(30));
  EXPECT_EQ(points(two, "execution_cycle"), "10.00");  // at the target: full points
  EXPECT_EQ(two.indicator("execution_cycle")->contracts.size(), 2u);
}

TEST_F(IndicatorTest, ExecutionCycleOfZeroDaysEarnsFullPoints) {
  const Contract a = sign(db, sales("100000.00"));
  db.record_delivery(a.id, true, d("2024-01-10"));
  EXPECT_EQ(card("S1").indicator("execution_cycle")->value, Ratio(0));
  EXPECT_EQ(points(card("S1"), "execution_cycle"), "10.00");
}

TEST_F(IndicatorTest, ExecutionCycleWithoutDeliveryHasNoData) {
  sign(db, sales("100000.00"));
  EXPECT_TRUE(card("S1").indicator("execution_cycle")->no_data);
  EXPECT_EQ(points(card("S1"), "execution_cycle"), "0.00");
}

// ---- R&D: delivery_cycle, patent_contracts, change_rate -------------------------

TEST_F(IndicatorTest, PatentContractsCountAgainstTwoPerYear) {
  sign(db, of_type("patent", "R1"));
  const Scorecard q1 = card("R1");
  EXPECT_EQ(q1.indicator("patent_contracts")->target, Ratio(1, 2));  // 2 per year = 0.5 per quarter
  EXPECT_EQ(points(q1, "patent_contracts"), "30.00");
  EXPECT_EQ(points(card("R1", "2024", "2024-12-31"), "patent_contracts"), "15.00");  // 1 of 2
  // Quarter to date: Q2 counts from April, when nothing was signed.
  EXPECT_EQ(card("R1", "2024-Q2", "2024-06-30").indicator("patent_contracts")->value, Ratio(0));
  EXPECT_EQ(points(card("R1", "2024-Q2", "2024-06-30"), "patent_contracts"), "0.00");
  // A month is counted from the start of its quarter, against the target of
  // those months: February holds January's patent, against 2/12 x 2 = 1/3.
  const Scorecard feb = card("R1", "2024-02", "2024-02-29");
  EXPECT_EQ(feb.indicator("patent_contracts")->target, Ratio(1, 3));
  EXPECT_EQ(feb.indicator("patent_contracts")->value, Ratio(1));
  EXPECT_EQ(points(feb, "patent_contracts"), "30.00");
}

TEST_F(IndicatorTest, DeliveryCycleOfProjects) {
  const Contract p = sign(db, of_type("project", "R1"));
  db.record_delivery(p.id, true, d("2024-03-30"));  // 80 days: within 90
  EXPECT_EQ(points(card("R1"), "delivery_cycle"), "50.00");
  const Contract q = sign(db, of_type("project", "R1", "2024-01-01"));
  db.record_delivery(q.id, true, d("2024-03-31"));  // 90 days; mean 85
  EXPECT_EQ(card("R1").indicator("delivery_cycle")->value, Ratio(85));
  EXPECT_EQ(points(card("R1"), "delivery_cycle"), "50.00");
}

TEST_F(IndicatorTest, DeliveryCycleAboveTargetScalesDown) {
  const Contract p = sign(db, of_type("project", "R1", "2024-01-01"));
  db.record_delivery(p.id, true, d("2024-05-30"));  // 150 days, in Q2: outside the Q1 window
  EXPECT_TRUE(card("R1", "2024-Q1", "2024-06-30").indicator("delivery_cycle")->no_data);
  const Scorecard year = card("R1", "2024", "2024-12-31");
  EXPECT_EQ(year.indicator("delivery_cycle")->value, Ratio(150));
  EXPECT_EQ(points(year, "delivery_cycle"), "30.00");  // 50 x 90 / 150
}

TEST_F(IndicatorTest, ChangeRateCountsContractsAmendedInTheWindow) {
  const Contract a = sign(db, of_type("project", "R1"));
  sign(db, of_type("project", "R1"));
  sign(db, of_type("patent", "R1"));
  const Contract d4 = sign(db, of_type("patent", "R1"));
  Amendment change;
  change.counterparty = "新合作方";
  db.amend(a.id, "scope change", change, d("2024-02-01"));
  Amendment longer;
  longer.end = d("2026-06-30");
  db.amend(a.id, "another", longer, d("2024-02-02"));  // the same contract: counted once
  db.amend(d4.id, "after the quarter", change, d("2024-04-02"));
  const Scorecard c = card("R1", "2024-Q1", "2024-06-30");
  EXPECT_EQ(c.indicator("change_rate")->value, Ratio(1, 4));
  EXPECT_EQ(points(c, "change_rate"), "15.00");  // 20 x (1 - 1/4)
}

// ---- Procurement: fulfilment_rate, cost_reduction, dispute_rate -------------------

TEST_F(IndicatorTest, FulfilmentRateOverContractsDueInTheWindow) {
  Terms t = of_type("procurement", "P1");
  t.delivery_due = "2024-02-15";
  const Contract a = sign(db, t);
  t.delivery_due = "2024-03-01";
  const Contract b = sign(db, t);
  t.delivery_due = "2024-03-20";
  const Contract c3 = sign(db, t);
  t.delivery_due = "2024-05-01";
  const Contract later = sign(db, t);
  db.record_delivery(a.id, true, d("2024-02-10"));  // on time
  db.record_delivery(b.id, true, d("2024-03-05"));  // late
  db.record_delivery(later.id, true, d("2024-03-10"));  // early, but not due in the window
  const Scorecard c = card("P1");
  const IndicatorScore* s = c.indicator("fulfilment_rate");
  EXPECT_EQ(s->value, Ratio(1, 3));
  EXPECT_EQ(s->points.to_string(), "20.00");  // 60 x 1/3
  EXPECT_EQ(s->contracts, (std::vector<std::string>{a.number, b.number, c3.number}));
  // As of 2024-02-14 nothing was due yet: no data.
  EXPECT_TRUE(card("P1", "2024-Q1", "2024-02-14").indicator("fulfilment_rate")->no_data);
  // As of the due date itself it has passed ("at the end of that day").
  EXPECT_EQ(card("P1", "2024-Q1", "2024-02-15").indicator("fulfilment_rate")->value, Ratio(1));
}

TEST_F(IndicatorTest, CostReductionFromBudgetAndActual) {
  // Cost reduction is read when a contract is completed (its actual cost is
  // known then): in the event scope, completions in the window count.
  Terms t = of_type("procurement", "P1");
  t.attributes = {{"budget", AttributeValue(cny("100000.00"))}, {"actual", AttributeValue(cny("92000.00"))}};
  const Contract a = sign(db, t);
  t.attributes = {{"budget", AttributeValue(cny("50000.00"))}, {"actual", AttributeValue(cny("48000.00"))}};
  const Contract b = sign(db, t);
  t.attributes = {{"budget", AttributeValue(cny("50000.00"))}};  // no actual: no data from it
  const Contract c3 = sign(db, t);
  t.attributes = {{"budget", AttributeValue(cny("10000.00"))}, {"actual", AttributeValue(cny("1000.00"))}};
  sign(db, t);  // not completed: not read
  db.complete(a.id, d("2024-02-01"));
  db.complete(b.id, d("2024-03-01"));
  db.complete(c3.id, d("2024-03-02"));
  const Scorecard c = card("P1");
  const IndicatorScore* s = c.indicator("cost_reduction");
  EXPECT_EQ(s->scope, KpiScope::event);
  EXPECT_EQ(s->value, Ratio(1, 15));  // (150,000 - 140,000) / 150,000
  EXPECT_EQ(s->target, Ratio(1, 10));
  EXPECT_EQ(s->points.to_string(), "20.00");  // 30 x (1/15) / (1/10)
  EXPECT_EQ(s->contracts.size(), 2u);
  // February: only the first completion.
  EXPECT_EQ(card("P1", "2024-02", "2024-02-29").indicator("cost_reduction")->value, Ratio(2, 25));
}

TEST_F(IndicatorTest, CostOverrunScoresZeroAndNoAttributesIsNoData) {
  Terms t = of_type("procurement", "P1");
  db.complete(sign(db, t).id, d("2024-02-01"));
  EXPECT_TRUE(card("P1").indicator("cost_reduction")->no_data);  // the card lives to the end of the statement
  t.attributes = {{"budget", AttributeValue(cny("100000.00"))}, {"actual", AttributeValue(cny("110000.00"))}};
  db.complete(sign(db, t).id, d("2024-02-01"));
  const Scorecard overrun = card("P1");
  const IndicatorScore* s = overrun.indicator("cost_reduction");
  EXPECT_EQ(s->value, Ratio(-1, 10));
  EXPECT_EQ(s->points.to_string(), "0.00");  // a negative value scores 0
}

TEST_F(IndicatorTest, DisputeRate) {
  Terms t = of_type("procurement", "P1");
  const Contract a = sign(db, t);
  const Contract b = sign(db, t);
  sign(db, t);
  sign(db, t);
  db.record_dispute(a.id, "late parts", d("2024-02-01"));
  db.record_dispute(a.id, "again", d("2024-02-03"));
  db.record_dispute(b.id, "quality", d("2024-03-01"));
  const Scorecard c = card("P1");
  EXPECT_EQ(c.indicator("dispute_rate")->value, Ratio(1, 2));
  EXPECT_EQ(points(c, "dispute_rate"), "5.00");  // 10 x (1 - 1/2)
  // Without disputes the rate is 0 and the indicator earns its weight.
  EXPECT_EQ(points(card("P1", "2024-Q1", "2024-01-31"), "dispute_rate"), "10.00");
}

// ---- Normalisations: linear and the edges of the others -----------------------------

TEST_F(IndicatorTest, LinearBetweenFloorAndCeiling) {
  db.define_template(R"({"id":"linear_satisfaction","indicators":[{"name":"satisfaction","metric":"satisfaction",
    "types":["sales"],"weight":100,"normalisation":"linear","floor":60,"ceiling":"90"}]})");
  db.bind_template("sales", "linear_satisfaction");
  const Contract a = sign(db, sales("100000.00"));
  db.record_satisfaction(a.id, 75, d("2024-02-01"));
  EXPECT_EQ(points(card("S1"), "satisfaction"), "50.00");  // (75 - 60) / 30
  db.record_satisfaction(a.id, 60, d("2024-02-02"));
  EXPECT_EQ(points(card("S1"), "satisfaction"), "0.00");  // at the floor
  db.record_satisfaction(a.id, 95, d("2024-02-03"));
  EXPECT_EQ(points(card("S1"), "satisfaction"), "100.00");  // above the ceiling
  db.record_satisfaction(a.id, 61, d("2024-02-04"));
  EXPECT_EQ(points(card("S1"), "satisfaction"), "3.33");  // 100 x 1/30 = 3.333...
}

TEST_F(IndicatorTest, LinearMoneyBoundsScaleWithThePeriod) {
  db.define_template(R"({"id":"linear_amount","indicators":[{"name":"signed","metric":"signed_amount",
    "types":["sales"],"weight":100,"normalisation":"linear","floor":"0","ceiling":"300000","per":"quarter"}]})");
  db.bind_template("sales", "linear_amount");
  sign(db, sales("50000.00"));
  const Scorecard month = card("S1", "2024-01", "2024-01-31");
  EXPECT_EQ(month.indicator("signed")->ceiling, Ratio(100000));
  EXPECT_EQ(points(month, "signed"), "50.00");
}

TEST_F(IndicatorTest, PointsRoundOnceHalfEven) {
  // 30 x 1/8 = 3.75 exactly; 30 x 1/3 = 10.00; 20 x 0.12345 (satisfaction 12.345 impossible) ...
  const Contract a = sign(db, sales("800000.00"));
  db.record_payment(a.id, cny("100000.00"), d("2024-02-01"), "A1");
  EXPECT_EQ(points(card("S1"), "collection_rate"), "3.75");
  // 40 x 800000/1000000 = 32; 10 x 30/31 = 9.677... -> 9.68
  db.record_delivery(a.id, true, d("2024-02-10"));  // 31 days
  EXPECT_EQ(points(card("S1"), "execution_cycle"), "9.68");
}

// ---- Event rules ---------------------------------------------------------------------

TEST_F(IndicatorTest, CollectionEightyFiresAtExactlyEightyPercent) {
  const Contract a = sign(db, sales("1000000.00"));
  db.record_payment(a.id, cny("799999.99"), d("2024-02-01"), "A1");
  EXPECT_EQ(card("S1").rule_points(RuleKind::collection_80).to_string(), "0.00");
  const Event last = db.record_payment(a.id, cny("0.01"), d("2024-02-02"), "A2");
  const Scorecard c = card("S1");
  ASSERT_EQ(c.rules.size(), 1u);
  EXPECT_EQ(c.rules[0].event, last.seq);
  EXPECT_EQ(c.rules[0].points.to_string(), "5.00");
}

TEST_F(IndicatorTest, InstallmentOverdueOncePerInstallmentDecidedOnItsDueDate) {
  Terms t = sales("1000000.00");
  t.installments = {{"2024-01-31", "300000.00"}, {"2024-02-29", "700000.00"}};
  const Contract a = sign(db, t);
  EXPECT_TRUE(card("S1", "2024-Q1", "2024-01-30").rules.empty());  // not due yet
  const Scorecard due = card("S1", "2024-Q1", "2024-01-31");
  ASSERT_EQ(due.rules.size(), 1u);
  EXPECT_EQ(due.rules[0].rule, RuleKind::installment_overdue);
  EXPECT_EQ(due.rules[0].points.to_string(), "-3.00");
  EXPECT_EQ(due.rules[0].installment, 1);
  EXPECT_EQ(due.rules[0].date, d("2024-01-31"));
  EXPECT_FALSE(due.rules[0].event.has_value());
  // A later payment does not undo it; it pays instalment 2 in full by its due date.
  db.record_payment(a.id, cny("1000000.00"), d("2024-02-01"), "A1");
  const Scorecard later = card("S1");
  EXPECT_EQ(later.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
}

TEST_F(IndicatorTest, InstallmentOverdueBackDatedPaymentAndLaterReversal) {
  Terms t = sales("1000000.00");
  t.installments = {{"2024-01-31", "300000.00"}, {"2024-02-29", "700000.00"}};
  const Contract a = sign(db, t);
  EXPECT_EQ(card("S1").rule_points(RuleKind::installment_overdue).to_string(), "-6.00");  // both unpaid
  // A back-dated payment effective on the first due date changes it.
  db.record_payment(a.id, cny("300000.00"), d("2024-01-31"), "A1");
  EXPECT_EQ(card("S1").rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  db.record_payment(a.id, cny("700000.00"), d("2024-02-29"), "A2");
  EXPECT_EQ(card("S1").rule_points(RuleKind::installment_overdue).to_string(), "0.00");
  // A reversal after both due dates does not cause an overdue instalment.
  db.reverse_payment("A1", d("2024-03-10"));
  EXPECT_EQ(card("S1").rule_points(RuleKind::installment_overdue).to_string(), "0.00");
}

TEST_F(IndicatorTest, InstallmentsArePaidInDueDateOrder) {
  Terms t = sales("1000000.00");
  t.installments = {{"2024-01-31", "300000.00"}, {"2024-02-29", "700000.00"}};
  const Contract a = sign(db, t);
  // 500,000 by 2024-02-29 covers instalment 1 (300,000) but only 200,000 of instalment 2.
  db.record_payment(a.id, cny("500000.00"), d("2024-01-20"), "A1");
  const Scorecard c = card("S1");
  ASSERT_EQ(c.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  EXPECT_EQ(c.rules[0].installment, 2);
}

TEST_F(IndicatorTest, LateAndEarlyDelivery) {
  Terms t = sales("100000.00");
  t.delivery_due = "2024-03-01";
  t.installments = {{"2024-06-30", "100000.00"}};
  const Contract five = sign(db, t);
  const Contract six = sign(db, t);
  const Contract early = sign(db, t);
  const Contract on_due = sign(db, t);
  db.record_delivery(five.id, true, d("2024-03-06"));  // 5 days late: tolerated
  const Event late = db.record_delivery(six.id, true, d("2024-03-07"));  // 6 days: -2
  const Event first = db.record_delivery(early.id, true, d("2024-02-29"));  // early: +10
  db.record_delivery(on_due.id, true, d("2024-03-01"));  // on the day: nothing
  const Scorecard c = card("S1");
  ASSERT_EQ(c.rules.size(), 2u);
  EXPECT_EQ(c.rules[0].rule, RuleKind::late_delivery);
  EXPECT_EQ(c.rules[0].event, late.seq);
  EXPECT_EQ(c.rules[0].points.to_string(), "-2.00");
  EXPECT_EQ(c.rules[1].rule, RuleKind::early_delivery);
  EXPECT_EQ(c.rules[1].event, first.seq);
  EXPECT_EQ(c.rules[1].points.to_string(), "10.00");
  EXPECT_EQ(c.rules[1].contract, early.number);
}

TEST_F(IndicatorTest, BreachPerEventAndCapped) {
  Terms t = sales("100000.00");
  t.installments = {{"2024-06-30", "100000.00"}};
  const Contract a = sign(db, t);
  const Event b1 = db.record_breach(a.id, "wrong goods", d("2024-02-01"));
  db.record_breach(a.id, "again", d("2024-02-05"));
  const Scorecard c = card("S1");
  EXPECT_EQ(c.rule_points(RuleKind::breach).to_string(), "-30.00");
  EXPECT_EQ(c.rules[0].event, b1.seq);
  RuleSetting capped;
  capped.template_id = "sales";
  capped.rule = RuleKind::breach;
  capped.points = dec("-15");
  capped.cap = dec("20");
  db.set_rule(capped);
  const Scorecard after = card("S1");
  EXPECT_EQ(after.rule_points(RuleKind::breach).to_string(), "-20.00");
  ASSERT_EQ(after.rules.size(), 3u);
  EXPECT_EQ(after.rules[2].kind, RuleHitKind::cap);
  EXPECT_EQ(after.rules[2].points.to_string(), "10.00");
}

TEST_F(IndicatorTest, RulesCanBeDisabledAndRevalued) {
  Terms t = sales("100000.00");
  t.installments = {{"2024-06-30", "100000.00"}};
  const Contract a = sign(db, t);
  db.record_breach(a.id, "wrong goods", d("2024-02-01"));
  RuleSetting off;
  off.rule = RuleKind::breach;  // every template
  off.enabled = false;
  off.points = dec("-15");
  db.set_rule(off);
  EXPECT_TRUE(card("S1").rules.empty());
  RuleSetting harsher;
  harsher.template_id = "sales";  // the template's own setting wins
  harsher.rule = RuleKind::breach;
  harsher.points = dec("-20.5");
  db.set_rule(harsher);
  EXPECT_EQ(card("S1").rule_points(RuleKind::breach).to_string(), "-20.50");
}

TEST_F(IndicatorTest, RulesWatchTheTemplatesContractTypes) {
  // A procurement contract of a sales person counts for no sales indicator
  // and no rule: the scorecard does not read it.
  Terms t = of_type("procurement", "S1");
  t.installments = {{"2024-01-31", "100000.00"}};
  sign(db, t);
  const Scorecard c = card("S1");
  EXPECT_TRUE(c.rules.empty());
  EXPECT_TRUE(c.contracts.empty());
  EXPECT_EQ(c.indicator("signed_amount")->value, Ratio(0));
  EXPECT_TRUE(c.indicator("signed_amount")->contracts.empty());
  EXPECT_TRUE(c.indicator("collection_rate")->no_data);
}

TEST_F(IndicatorTest, ScoreIsTheSumAndIsNotClamped) {
  Terms t = sales("100000.00");
  t.installments = {{"2024-06-30", "100000.00"}};
  const Contract a = sign(db, t);
  for (int i = 0; i < 3; ++i) db.record_breach(a.id, "breach", d("2024-02-01"));
  const Scorecard c = card("S1");
  // signed 4.00 (100,000 of 1,000,000) + collection 0.00 over the covered
  // weight 70 (no survey, no delivery): 4 x 100 / 70 = 5.71; then - 45.
  EXPECT_EQ(c.coverage, Decimal(70));
  EXPECT_EQ(c.indicator_points->to_string(), "4.00");
  EXPECT_EQ(c.scaled_points->to_string(), "5.71");
  EXPECT_EQ(c.rule_total->to_string(), "-45.00");
  EXPECT_EQ(c.total->to_string(), "-39.29");
  EXPECT_EQ(c.total_10->to_string(), "-3.929");
}

// ---- Amendments count from their effective date --------------------------------------

Amendment new_amount(const char* amount) {
  Amendment a;
  a.amount = cny(amount);
  a.installments = std::vector<Installment>{{d("2024-06-30"), cny(amount)}};
  return a;
}

TEST_F(IndicatorTest, TermsAreThoseInForceOnTheCutoff) {
  Terms t = sales("1000000.00");
  t.installments = {{"2024-06-30", "1000000.00"}};
  t.delivery_due = "2024-03-01";
  const Contract a = sign(db, t);
  db.amend(a.id, "bigger order", new_amount("1200000.00"), d("2024-03-15"));
  Amendment later_due;
  later_due.delivery_due = d("2024-03-25");
  db.amend(a.id, "new date", later_due, d("2024-03-16"));
  db.record_delivery(a.id, true, d("2024-03-20"));
  // As of 2024-03-10 the contract was for 1,000,000.
  EXPECT_EQ(card("S1", "2024-Q1", "2024-03-10").indicator("signed_amount")->value, Ratio(1000000));
  // As of 2024-03-31: 1,200,000, and the delivery (due 2024-03-25 by then) was early.
  const Scorecard now = card("S1");
  EXPECT_EQ(now.indicator("signed_amount")->value, Ratio(1200000));
  EXPECT_EQ(now.rule_points(RuleKind::early_delivery).to_string(), "10.00");
  EXPECT_EQ(now.rule_points(RuleKind::late_delivery).to_string(), "0.00");
  // Amendments effective in the next quarter do not reach back into Q1.
  db.amend(a.id, "even bigger", new_amount("1500000.00"), d("2024-04-02"));
  EXPECT_EQ(card("S1", "2024-Q1", "2024-06-30").indicator("signed_amount")->value, Ratio(1200000));
  EXPECT_EQ(card("S1", "2024", "2024-06-30").indicator("signed_amount")->value, Ratio(1500000));
}

TEST_F(IndicatorTest, AnAmendmentAfterTheCloseLeavesTheClosedScorecard) {
  Terms t = sales("1000000.00");
  t.installments = {{"2024-06-30", "1000000.00"}};
  const Contract a = sign(db, t);
  const Scorecard before = card("S1");
  db.close_period(period("2024-Q1"), d("2024-04-05"));
  db.amend(a.id, "back-dated price change", new_amount("500000.00"), d("2024-03-20"));
  const Event change = db.events(a.id).back();
  const Scorecard frozen = card("S1");
  EXPECT_EQ(frozen.indicators, before.indicators);
  EXPECT_EQ(frozen.total, before.total);
  ASSERT_EQ(frozen.post_close.size(), 1u);
  EXPECT_EQ(frozen.post_close[0].seq, change.seq);
  EXPECT_EQ(frozen.post_close[0].type, EventType::amended);
  db.reopen_period(period("2024-Q1"), "price change", d("2024-04-06"));
  EXPECT_EQ(card("S1").indicator("signed_amount")->value, Ratio(500000));
}

TEST_F(IndicatorTest, AttributesAmendedAfterTheCutoffDoNotCount) {
  Terms t = of_type("procurement", "P1");
  t.attributes = {{"budget", AttributeValue(cny("100000.00"))}, {"actual", AttributeValue(cny("92000.00"))}};
  const Contract a = sign(db, t);
  // Read in the signed scope (the contracts signed in the period, whether
  // completed or not), so that the terms of each cutoff are what differs.
  KpiTemplate signed_scope = KpiTemplate::builtin("procurement");
  signed_scope.id = "procurement_signed";
  signed_scope.version = 1;
  signed_scope.indicators[1].scope = KpiScope::signed_in;
  db.define_template(signed_scope.to_json());
  db.bind_template("procurement", "procurement_signed");
  Amendment cheaper;
  cheaper.set_attributes = {{"actual", AttributeValue(cny("80000.00"))}};
  db.amend(a.id, "final invoice", cheaper, d("2024-04-10"));
  Amendment no_budget;
  no_budget.remove_attributes = {"budget"};
  db.amend(a.id, "budget withdrawn", no_budget, d("2024-04-11"));
  EXPECT_EQ(card("P1", "2024-Q1", "2024-06-30").indicator("cost_reduction")->value, Ratio(2, 25));  // 8%
  EXPECT_TRUE(card("P1", "2024", "2024-06-30").indicator("cost_reduction")->no_data);
}

TEST_F(IndicatorTest, PositionWithoutTemplateHasNoScore) {
  const Scorecard c = card("H1");
  EXPECT_FALSE(c.scored());
  EXPECT_FALSE(c.template_id.has_value());
  EXPECT_TRUE(c.indicators.empty());
  EXPECT_EQ(c.position, std::string("hr"));
}

}  // namespace
