// The acceptance cases of the KPI engine end to end through the database:
// the article's worked example (collection 9.00 -> 24.00 + 5 -> 30.00, then a
// reversal: 15.00 and the +5 retracted), the payroll link at 79.99 / 80.00,
// and closing a period.
#include <gtest/gtest.h>

#include "kpi/kpi_support.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

class WorkedExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_company(db);
    Terms t;
    t.installments = {{"2024-01-31", "300000.00"}, {"2024-02-29", "500000.00"}, {"2024-03-31", "200000.00"}};
    contract = sign(db, t);
  }

  Database db{":memory:"};
  Contract contract;
};

TEST_F(WorkedExampleTest, CollectionIndicatorFollowsTheArticle) {
  const Period q1 = period("2024-Q1");
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  Scorecard jan = db.scorecard("S1", q1, d("2024-01-31"));
  EXPECT_EQ(points(jan, "collection_rate"), "9.00");
  EXPECT_EQ(jan.indicator("collection_rate")->value, Ratio(3, 10));
  EXPECT_EQ(jan.indicator("collection_rate")->contracts, std::vector<std::string>{contract.number});
  EXPECT_EQ(jan.rule_points(RuleKind::collection_80).to_string(), "0.00");

  const Event feb_payment = db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");
  Scorecard feb = db.scorecard("S1", q1, d("2024-02-29"));
  EXPECT_EQ(points(feb, "collection_rate"), "24.00");
  ASSERT_EQ(feb.rules.size(), 1u);
  EXPECT_EQ(feb.rules[0].rule, RuleKind::collection_80);
  EXPECT_EQ(feb.rules[0].points.to_string(), "5.00");
  EXPECT_EQ(feb.rules[0].event, feb_payment.seq);
  EXPECT_EQ(feb.rules[0].contract, contract.number);
  EXPECT_EQ(feb.rules[0].date, d("2024-02-29"));

  db.record_payment(contract.id, cny("200000.00"), d("2024-03-31"), "BANK-3");
  Scorecard mar = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_EQ(points(mar, "collection_rate"), "30.00");
  EXPECT_EQ(mar.rule_points(RuleKind::collection_80).to_string(), "5.00");
  // signed 40 (1,000,000 of 1,000,000) + collection 30; no survey and no
  // delivery yet: the covered weight is 70, so the 70 points scale to 100;
  // then the +5.
  EXPECT_EQ(mar.coverage, Decimal(70));
  EXPECT_EQ(mar.indicator_points->to_string(), "70.00");
  EXPECT_EQ(mar.scaled_points->to_string(), "100.00");
  EXPECT_EQ(mar.total->to_string(), "105.00");
  EXPECT_EQ(mar.total_10->to_string(), "10.500");

  const Event reversal = db.reverse_payment("BANK-2", d("2024-03-31"));
  Scorecard after = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_EQ(points(after, "collection_rate"), "15.00");
  EXPECT_EQ(after.rule_points(RuleKind::collection_80).to_string(), "0.00");
  ASSERT_GE(after.rules.size(), 2u);
  EXPECT_EQ(after.rules[0].kind, RuleHitKind::hit);
  EXPECT_EQ(after.rules[0].event, feb_payment.seq);
  EXPECT_EQ(after.rules[1].kind, RuleHitKind::retraction);
  EXPECT_EQ(after.rules[1].points.to_string(), "-5.00");
  EXPECT_EQ(after.rules[1].event, reversal.seq);
  EXPECT_EQ(after.rules[1].retracts, feb_payment.seq);
  // The reversal is effective on the third instalment's due date, so that
  // instalment was not paid by it: -3 (rule book, installment_overdue).
  EXPECT_EQ(after.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  EXPECT_EQ(after.total->to_string(), "75.57");  // (40 + 15) x 100 / 70 - 3

  // The earlier as-of dates are unchanged: the reversal is effective later.
  EXPECT_EQ(points(db.scorecard("S1", q1, d("2024-02-29")), "collection_rate"), "24.00");
  EXPECT_EQ(db.scorecard("S1", q1, d("2024-02-29")).rule_points(RuleKind::collection_80).to_string(), "5.00");
}

TEST_F(WorkedExampleTest, ALaterCrossingBringsTheBonusBack) {
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  db.record_payment(contract.id, cny("500000.00"), d("2024-02-29"), "BANK-2");
  db.reverse_payment("BANK-2", d("2024-03-05"));
  const Event again = db.record_payment(contract.id, cny("600000.00"), d("2024-03-20"), "BANK-4");
  const Scorecard card = db.scorecard("S1", period("2024-Q1"), d("2024-03-31"));
  EXPECT_EQ(card.rule_points(RuleKind::collection_80).to_string(), "5.00");
  std::vector<RuleHit> collection;
  for (const RuleHit& h : card.rules) {
    if (h.rule == RuleKind::collection_80) collection.push_back(h);
  }
  ASSERT_EQ(collection.size(), 3u);  // +5, -5 (the reversal), +5 (the new crossing)
  EXPECT_EQ(collection[1].kind, RuleHitKind::retraction);
  EXPECT_EQ(collection[2].kind, RuleHitKind::hit);
  EXPECT_EQ(collection[2].event, again.seq);
  // 900,000 of 1,000,000 by 2024-03-31: the third instalment is overdue.
  EXPECT_EQ(card.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
}

// A template whose whole score is the signed amount against 10,000 per quarter.
void define_amount_only(Database& db) {
  db.define_template(R"({"id":"amount_only","indicators":[{"name":"signed","metric":"signed_amount",
    "types":["sales"],"weight":100,"normalisation":"target","target":"10000","per":"quarter"}],
    "rules":[{"rule":"early_delivery","enabled":false}]})");
  db.bind_template("sales", "amount_only");
}

TEST(PayrollLinkTest, BelowEightyCutsTheBonusByTenPercent) {
  Database db(":memory:");
  add_company(db);
  define_amount_only(db);
  Terms t;
  t.amount = "7999.00";
  sign(db, t);
  t.owner = "S2";
  t.amount = "8000.00";
  sign(db, t);
  const Period q1 = period("2024-Q1");
  EXPECT_EQ(db.scorecard("S1", q1, d("2024-03-31")).total->to_string(), "79.99");
  EXPECT_EQ(db.scorecard("S2", q1, d("2024-03-31")).total->to_string(), "80.00");
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("10000.00"), d("2024-03-31")), cny("-1000.00"));
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("10000.00"), d("2024-03-31")).to_string(), "-1000.00");
  EXPECT_EQ(db.bonus_adjustment("S2", q1, cny("10000.00"), d("2024-03-31")).to_string(), "0.00");
}

TEST(PayrollLinkTest, BandsAreDataAndRoundToTheMinorUnit) {
  Database db(":memory:");
  add_company(db);
  define_amount_only(db);
  Terms t;
  t.amount = "9500.00";  // 95.00
  sign(db, t);
  db.set_bonus_bands({{std::nullopt, dec("80"), dec("-0.10")}, {dec("90"), std::nullopt, dec("0.125")}});
  const Period q1 = period("2024-Q1");
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("1234.56"), d("2024-03-31")).to_string(), "154.32");  // 154.32
  // A template's own bands win over the bands of every template.
  db.set_bonus_bands({{dec("95"), std::nullopt, dec("0.2")}}, std::string("amount_only"));
  EXPECT_EQ(db.bonus_adjustment("S1", q1, cny("1000.00"), d("2024-03-31")).to_string(), "200.00");
  // No template, no score: no adjustment.
  EXPECT_EQ(db.bonus_adjustment("H1", q1, cny("1000.00"), d("2024-03-31")).to_string(), "0.00");
  EXPECT_THROW(db.bonus_adjustment("S1", q1, cny("-1.00"), d("2024-03-31")), ValidationError);
}

TEST(PayrollLinkTest, HalfEvenAtTheMinorUnit) {
  const auto bands = default_bonus_bands();
  // 0.05 x -0.10 = -0.005 -> -0.00 (half-even); 0.15 x -0.10 = -0.015 -> -0.02.
  EXPECT_EQ(bonus_adjustment(bands, dec("79.99"), cny("0.05")).units(), 0);
  EXPECT_EQ(bonus_adjustment(bands, dec("79.99"), cny("0.15")).to_string(), "-0.02");
  EXPECT_EQ(bonus_adjustment(bands, dec("80.00"), cny("0.15")).to_string(), "0.00");
  EXPECT_EQ(bonus_rate(bands, dec("-12.5")), dec("-0.10"));
}

class ClosedPeriodTest : public WorkedExampleTest {};

TEST_F(ClosedPeriodTest, ClosingFreezesTheScorecardAndListsLaterEvents) {
  const Period q1 = period("2024-Q1");
  db.record_payment(contract.id, cny("300000.00"), d("2024-01-31"), "BANK-1");
  const Scorecard before = db.scorecard("S1", q1, d("2024-03-31"));
  const Event close = db.close_period(q1, d("2024-04-05"), std::string("finance lead"));
  EXPECT_EQ(close.type, EventType::period_closed);
  EXPECT_FALSE(close.contract.has_value());
  EXPECT_EQ(db.period_closed(q1), close.seq);

  // A back-dated payment arrives after the close.
  const Event late = db.record_payment(contract.id, cny("500000.00"), d("2024-03-20"), "BANK-2");
  const Scorecard frozen = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_TRUE(frozen.closed);
  EXPECT_EQ(frozen.closed_seq, close.seq);
  EXPECT_EQ(frozen.total, before.total);
  EXPECT_EQ(frozen.indicators, before.indicators);
  EXPECT_EQ(frozen.rules, before.rules);
  ASSERT_EQ(frozen.post_close.size(), 1u);
  EXPECT_EQ(frozen.post_close[0].seq, late.seq);
  EXPECT_EQ(frozen.post_close[0].type, EventType::payment_received);
  EXPECT_EQ(frozen.post_close[0].contract, contract.number);
  EXPECT_EQ(frozen.post_close[0].effective, d("2024-03-20"));

  // A new target after the close does not reach the closed period either.
  db.set_target({"signed_amount", dec("2000000"), PeriodKind::quarter, std::string("sales"), std::nullopt, std::nullopt});
  EXPECT_EQ(db.scorecard("S1", q1, d("2024-03-31")).total, before.total);

  // The month of March is another period: not frozen.
  EXPECT_FALSE(db.scorecard("S1", period("2024-03"), d("2024-03-31")).closed);

  EXPECT_THROW(db.close_period(q1, d("2024-04-06")), StateError);

  const Event reopen = db.reopen_period(q1, "late bank statement", d("2024-04-10"));
  EXPECT_EQ(reopen.type, EventType::period_reopened);
  EXPECT_EQ(reopen.reason, std::string("late bank statement"));
  const Scorecard open = db.scorecard("S1", q1, d("2024-03-31"));
  EXPECT_FALSE(open.closed);
  EXPECT_TRUE(open.post_close.empty());
  EXPECT_EQ(points(open, "collection_rate"), "24.00");
  EXPECT_EQ(points(open, "signed_amount"), "20.00");  // the new target applies now
  EXPECT_FALSE(db.period_closed(q1).has_value());
}

TEST_F(ClosedPeriodTest, CloseAndReopenAreChecked) {
  const Period q1 = period("2024-Q1");
  EXPECT_THROW(db.close_period(q1, d("2024-03-30")), ValidationError);
  EXPECT_THROW(db.reopen_period(q1, "why not", d("2024-04-10")), StateError);
  db.close_period(q1, d("2024-04-05"));
  EXPECT_THROW(db.reopen_period(q1, "", d("2024-04-10")), ValidationError);
  EXPECT_THROW(db.reopen_period(q1, "too early", d("2024-04-04")), ValidationError);
  // A custom range naming the same days is the same period.
  EXPECT_THROW(db.close_period(period("2024-01-01..2024-03-31"), d("2024-04-06")), StateError);
  db.reopen_period(period("2024-01-01..2024-03-31"), "audit", d("2024-04-06"));
  db.close_period(q1, d("2024-04-07"));
  EXPECT_TRUE(db.scorecard("S1", q1, d("2024-03-31")).closed);
}

}  // namespace

namespace {

// "Approved and active" through the default approval route: the contract
// counts from its final approval on.
TEST(ApprovedContractTest, CountsOnceTheRouteActivatesIt) {
  Database db(":memory:");
  add_company(db);
  db.add_employee({"M1", "孙经理", "SD", "manager", d("2020-01-01"), std::nullopt});
  db.add_employee({"F1", "周财务", "HR", "finance", d("2020-01-01"), std::nullopt});
  db.add_employee({"G1", "吴总", "HR", "general manager", d("2020-01-01"), std::nullopt});
  db.set_department_manager("SD", "M1");
  db.assign_role("F1", "finance");
  db.assign_role("G1", "general_manager");
  Terms t;
  t.activate = false;
  const Contract c = sign(db, t);
  db.submit(c.id, "S1", d("2024-01-10"));
  db.approve(c.id, "M1", "", d("2024-01-11"));
  db.approve(c.id, "F1", "", d("2024-01-12"));
  EXPECT_TRUE(db.scorecard("S1", period("2024-Q1"), d("2024-01-31")).contracts.empty());  // still in review
  db.approve(c.id, "G1", "", d("2024-01-15"));
  EXPECT_EQ(db.contract(c.id).status, ContractStatus::active);
  EXPECT_TRUE(db.scorecard("S1", period("2024-Q1"), d("2024-01-14")).contracts.empty());
  const Scorecard card = db.scorecard("S1", period("2024-Q1"), d("2024-01-31"));
  EXPECT_EQ(card.contracts, std::vector<std::string>{c.number});
  EXPECT_EQ(points(card, "signed_amount"), "40.00");
}

}  // namespace
