// Score listeners: one call per changed scorecard after the commit, with the
// totals a reader saw before and sees after; none for a duplicate event, a
// rolled-back transaction, another employee's events or a closed period;
// deadlines fire once when the clock passes them; a listener cannot write.
#include <gtest/gtest.h>

#include <map>

#include "kpi/kpi_support.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

const char* kPeriods[] = {"2024-01", "2024-02", "2024-03", "2024-Q1", "2024"};

std::map<std::string, std::optional<Decimal>> totals(Database& db, const std::string& employee) {
  std::map<std::string, std::optional<Decimal>> out;
  for (const char* p : kPeriods) out[p] = db.scorecard(employee, period(p)).total;
  return out;
}

std::string text(const std::optional<Decimal>& d) { return d ? d->to_string() : "none"; }

class ScoreListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_company(db);
    db.advance_to(d("2024-01-20"));
    contract = sign(db, contract_terms("S1", "sales", "1000000.00", "2024-01-10", "2024-02-20",
                                       {{"2024-02-10", "500000.00"}, {"2024-03-10", "500000.00"}}));
    token = db.subscribe_scores([this](const ScoreChange& c) { calls.push_back(c); });
  }

  // Every call is S1's, for one of the three periods at most once, with the
  // totals read before and after.
  void expect_calls(const std::map<std::string, std::optional<Decimal>>& before, std::vector<std::string> periods,
                    const std::string& employee = "S1") {
    std::vector<std::string> got;
    for (const ScoreChange& c : calls) {
      EXPECT_EQ(c.employee, employee);
      EXPECT_EQ(c.as_of, db.today());
      EXPECT_EQ(c.seq, db.last_event_seq());
      got.push_back(c.period.to_string());
      EXPECT_EQ(text(c.old_total), text(before.at(c.period.to_string()))) << c.period.to_string();
      EXPECT_EQ(text(c.new_total), text(db.scorecard(employee, c.period).total)) << c.period.to_string();
    }
    std::sort(got.begin(), got.end());
    std::sort(periods.begin(), periods.end());
    EXPECT_EQ(got, periods);
    calls.clear();
  }

  Database db{":memory:"};
  Contract contract;
  std::uint64_t token = 0;
  std::vector<ScoreChange> calls;
};

TEST_F(ScoreListenerTest, APaymentCallsOncePerChangedScorecard) {
  const auto before = totals(db, "S1");
  db.record_payment(contract.id, cny("500000.00"), d("2024-01-15"), "P1");
  ASSERT_EQ(calls.size(), 3U);
  expect_calls(before, {"2024", "2024-01", "2024-Q1"});
}

TEST_F(ScoreListenerTest, ADuplicateEventCallsNothing) {
  db.record_payment(contract.id, cny("500000.00"), d("2024-01-15"), "P1");
  calls.clear();
  db.record_payment(contract.id, cny("500000.00"), d("2024-01-15"), "P1");
  db.record_delivery(contract.id, true, EventOptions{d("2024-01-18")});
  calls.clear();
  EventOptions keyed(d("2024-01-19"));
  keyed.key = "survey-1";
  db.record_satisfaction(contract.id, 80, keyed);
  EXPECT_EQ(calls.size(), 3U);
  calls.clear();
  db.record_satisfaction(contract.id, 80, keyed);
  EXPECT_TRUE(calls.empty());
}

TEST_F(ScoreListenerTest, TheRightOldAndNewTotalsThroughRetractions) {
  db.record_payment(contract.id, cny("850000.00"), d("2024-01-15"), "P1");  // crosses 80%: +5
  calls.clear();
  const auto before = totals(db, "S1");
  db.reverse_payment("P1", d("2024-01-18"));  // back below: the +5 is retracted
  expect_calls(before, {"2024", "2024-01", "2024-Q1"});
  const Scorecard q1 = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(q1.rule_points(RuleKind::collection_80), Decimal(0));
  EXPECT_EQ(q1, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
}

TEST_F(ScoreListenerTest, TheClockFiresEachDeadlineOnce) {
  db.record_payment(contract.id, cny("500000.00"), d("2024-01-15"), "P1");
  calls.clear();
  auto before = totals(db, "S1");
  // Passing 2024-02-10 (paid), 2024-02-20 (delivery due, not delivered) and
  // 2024-03-10 (the second half unpaid: -3, a March hit). January's
  // scorecard ended on 2024-01-31 and does not move; nor does February's.
  db.advance_to(d("2024-03-11"));
  expect_calls(before, {"2024", "2024-Q1", "2024-03"});
  const Scorecard q1 = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(q1.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  before = totals(db, "S1");
  db.advance_to(d("2024-03-20"));  // no deadline in between
  EXPECT_TRUE(calls.empty());
  // 30 days after the delivery due date without a delivery: a breach.
  db.advance_to(d("2024-03-25"));
  expect_calls(before, {"2024", "2024-Q1", "2024-03"});
  const Scorecard breached = db.scorecard("S1", period("2024-Q1"));
  ASSERT_EQ(breached.rule_points(RuleKind::breach).to_string(), "-15.00");
  EXPECT_EQ(breached.rules.back().trigger, BreachTrigger::overdue);
  EXPECT_EQ(breached.rules.back().date, d("2024-03-21"));
  db.advance_to(d("2024-04-02"));  // the quarter ended: nothing changes
  EXPECT_TRUE(calls.empty());
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1")).total, breached.total);
}

TEST_F(ScoreListenerTest, ATransactionCallsAfterItsCommitOnly) {
  const auto before = totals(db, "S1");
  {
    auto tx = db.transaction();
    db.record_satisfaction(contract.id, 90, d("2024-01-16"));
    db.record_delivery(contract.id, true, EventOptions{d("2024-01-17")});
    EXPECT_TRUE(calls.empty());
    tx.commit();
  }
  expect_calls(before, {"2024", "2024-01", "2024-Q1"});
  {
    auto tx = db.transaction();
    db.record_satisfaction(contract.id, 10, d("2024-01-18"));
    tx.rollback();
  }
  EXPECT_TRUE(calls.empty());
  EXPECT_THROW(
      {
        auto tx = db.transaction();
        db.subscribe_scores([](const ScoreChange&) {});
      },
      StateError);
}

TEST_F(ScoreListenerTest, AnotherEmployeesEventsCallForThemOnly) {
  const Contract other = sign(db, contract_terms("S2", "sales", "50000.00", "2024-01-12"));
  calls.clear();
  const auto before = totals(db, "S2");
  db.record_payment(other.id, cny("50000.00"), d("2024-01-19"), "P9");
  expect_calls(before, {"2024", "2024-01", "2024-Q1"}, "S2");
}

TEST_F(ScoreListenerTest, AListenerMayReadButNotWrite) {
  std::optional<Errc> refused;
  std::optional<Decimal> read;
  db.subscribe_scores([&](const ScoreChange& c) {
    read = db.scorecard(c.employee, c.period).total;
    try {
      db.record_dispute(contract.id, "from a listener");
    } catch (const Error& e) {
      refused = e.code();
    }
  });
  db.record_payment(contract.id, cny("100000.00"), d("2024-01-15"), "P1");
  EXPECT_EQ(refused, Errc::invalid_state);
  ASSERT_TRUE(read.has_value());
  for (const Event& e : db.events(contract.id)) EXPECT_NE(e.type, EventType::dispute);
}

TEST_F(ScoreListenerTest, UnsubscribedListenersHearNothing) {
  db.unsubscribe_scores(token);
  db.record_payment(contract.id, cny("100000.00"), d("2024-01-15"), "P1");
  EXPECT_TRUE(calls.empty());
  EXPECT_THROW(db.unsubscribe_scores(token), NotFoundError);
  EXPECT_THROW(db.subscribe_scores(ScoreListener()), ValidationError);
}

TEST_F(ScoreListenerTest, AClosedPeriodIsQuietUntilReopened) {
  db.advance_to(d("2024-02-05"));
  db.close_period(period("2024-01"), d("2024-02-05"));
  calls.clear();
  const auto before = totals(db, "S1");
  db.record_satisfaction(contract.id, 60, d("2024-01-25"));  // post-close for January
  expect_calls(before, {"2024", "2024-Q1"});
  const std::optional<Decimal> frozen = db.scorecard("S1", period("2024-01")).total;
  db.reopen_period(period("2024-01"), "late survey", d("2024-02-05"));
  ASSERT_EQ(calls.size(), 1U);
  EXPECT_EQ(calls[0].period.to_string(), "2024-01");
  EXPECT_EQ(text(calls[0].old_total), text(frozen));
  EXPECT_EQ(text(calls[0].new_total), text(db.scorecard("S1", period("2024-01")).total));
  EXPECT_NE(text(calls[0].old_total), text(calls[0].new_total));
}

TEST_F(ScoreListenerTest, APositionWithoutTemplateCallsNothing) {
  const Contract hr = sign(db, contract_terms("H1", "labour", "10000.00", "2024-01-12"));
  calls.clear();
  db.record_payment(hr.id, cny("10000.00"), d("2024-01-13"), "H1");
  EXPECT_TRUE(calls.empty());
}

}  // namespace
