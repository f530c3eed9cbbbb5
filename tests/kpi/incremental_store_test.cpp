// The incremental engine behind Database::scorecard(): random histories
// written through the store (files on disk, a second handle reading along)
// give the reference evaluator's scorecards; the answers really come from the
// engine; what the engine does not hold (another as-of date, a custom range,
// a closed period, a read inside a transaction) comes from the reference.
#include <gtest/gtest.h>

#include <random>

#include "kpi/kpi_support.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::kpi_test;

namespace {

// A sales position whose template has a collection grace window, a 50%
// threshold and 2 days of tolerated lateness; K1 holds it, and S2 moves
// there for a while.
void add_key_sales(Database& db) {
  KpiTemplate t = KpiTemplate::builtin("sales");
  t.id = "key_sales";
  t.collection_grace_days = 15;
  for (RuleDefinition& r : t.rules) {
    if (r.kind == RuleKind::collection_80) r.threshold = dec("0.5");
    if (r.kind == RuleKind::late_delivery) r.days = 2;
  }
  db.define_template(t.to_json());
  db.bind_template("key_sales", "key_sales");
  db.add_employee({"K1", "孙八", "SD", "key_sales", d("2020-01-01"), std::nullopt});
}

// Random calls through the public API around a moving clock.
class ApiStream {
 public:
  ApiStream(Database& db, unsigned seed) : db_(db), rng_(seed) {}

  void step() {
    const int what = pick(0, 99);
    try {
      if (contracts_.empty() || what < 10) {
        create();
      } else if (what < 35) {
        pay();
      } else if (what < 40) {
        reverse();
      } else if (what < 46) {
        retry();
      } else if (what < 55) {
        db_.record_delivery(any(), pick(0, 4) > 0, on_after(contract().signed_on));
      } else if (what < 62) {
        db_.record_satisfaction(any(), pick(0, 100), on_after(contract().signed_on));
      } else if (what < 65) {
        db_.record_dispute(any(), "dispute", on_after(contract().signed_on));
      } else if (what < 68) {
        db_.record_breach(any(), "breach", on_after(contract().signed_on));
      } else if (what < 74) {
        amend();
      } else if (what < 82) {
        db_.advance_to(db_.today().add_days(pick(1, 4)));
      } else if (what < 84) {
        close_or_reopen();
      } else if (what < 86) {
        settings();
      } else {
        pay();
      }
    } catch (const Error&) {
      // A refused call (a breach of a breached contract, a reversal twice):
      // the database is unchanged and the history goes on.
    }
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::int64_t any() {
    current_ = contracts_[static_cast<std::size_t>(pick(0, static_cast<int>(contracts_.size()) - 1))];
    return current_;
  }
  Contract contract() { return db_.contract(current_); }
  Date on_after(Date from) {
    const Date today = db_.today();
    const Date lo = std::max(from, today.add_days(-45));
    return lo.add_days(pick(0, static_cast<int>(std::max<std::int64_t>(0, days_between(lo, today.add_days(5))))));
  }

  void create() {
    const char* owners[] = {"S1", "S2", "K1", "P1", "R1", "H1", "S1", "K1"};
    const char* types[] = {"sales", "sales", "sales", "procurement", "project", "patent", "labour"};
    ContractSpec s;
    s.owner = owners[pick(0, 7)];
    s.type = s.owner == std::string("P1") ? "procurement" : types[pick(0, 6)];
    const bool usd = pick(0, 9) == 0;
    const std::int64_t whole = pick(1, 2000) * 1000;
    s.amount = Money::from_units(whole * Money::kUnitsPerOne, Currency::of(usd ? "USD" : "CNY"));
    s.signed_on = std::max(d("2023-10-01"), db_.today().add_days(-pick(-10, 80)));
    if (pick(0, 3) > 0) s.delivery_due = s.signed_on.add_days(pick(5, 90));
    s.counterparty = "客户";
    const int parts = pick(1, 3);
    std::int64_t left = whole;
    Date due = s.signed_on;
    for (int k = 0; k < parts; ++k) {
      const std::int64_t piece = k + 1 == parts ? left : left / 2;
      left -= piece;
      due = due.add_days(pick(1, 40));
      s.installments.push_back({due, Money::from_units(piece * Money::kUnitsPerOne, s.amount.currency())});
    }
    if (s.type == "procurement") {
      s.attributes["budget"] = AttributeValue(cny(std::to_string(whole + pick(0, 50000)).c_str()));
      s.attributes["actual"] = AttributeValue(Money::from_units(whole * Money::kUnitsPerOne, s.amount.currency()));
    }
    const Contract c = db_.create_contract(s);
    contracts_.push_back(c.id);
    if (pick(0, 9) > 0) db_.activate(c.id, s.signed_on.add_days(pick(0, 12)));
  }

  void pay() {
    const Contract c = db_.contract(any());
    const std::int64_t outstanding = (c.amount - c.collected).units() / Money::kUnitsPerOne;
    if (outstanding <= 0) return;
    const std::string ref = "p" + std::to_string(++payments_);
    const Date on = on_after(c.signed_on);
    const Money amount = Money::from_units(pick(1, static_cast<int>(std::min<std::int64_t>(outstanding, 1000000))) *
                                               Money::kUnitsPerOne,
                                           c.amount.currency());
    db_.record_payment(c.id, amount, on, ref);
    paid_.push_back({ref, on, c.id, amount});
  }

  // The same payment again (an integration's retry): nothing changes.
  void retry() {
    if (paid_.empty()) return;
    const Paid& p = paid_[static_cast<std::size_t>(pick(0, static_cast<int>(paid_.size()) - 1))];
    db_.record_payment(p.contract, p.amount, p.on, p.ref);
  }

  void reverse() {
    if (paid_.empty()) return;
    const Paid& p = paid_[static_cast<std::size_t>(pick(0, static_cast<int>(paid_.size()) - 1))];
    db_.reverse_payment(p.ref, std::max(p.on, db_.today().add_days(-pick(0, 20))));
  }

  void amend() {
    const Contract c = db_.contract(any());
    Amendment a;
    switch (pick(0, 2)) {
      case 0: {
        const std::int64_t floor = std::max<std::int64_t>(1, c.collected.units() / Money::kUnitsPerOne + 1);
        const std::int64_t whole = floor + pick(0, 500000);
        a.amount = Money::from_units(whole * Money::kUnitsPerOne, c.amount.currency());
        a.installments = std::vector<Installment>{
            {c.signed_on.add_days(pick(1, 60)), Money::from_units(whole * Money::kUnitsPerOne, c.amount.currency())}};
        break;
      }
      case 1: a.delivery_due = c.signed_on.add_days(pick(0, 100)); break;
      default: a.set_attributes["budget"] = AttributeValue(cny(std::to_string(pick(1, 900000)).c_str())); break;
    }
    db_.amend(c.id, "change", a, on_after(c.signed_on));
  }

  void close_or_reopen() {
    const Date past = db_.today().add_days(-pick(1, 120));
    const Period p = pick(0, 1) == 0 ? Period::month_of(past) : Period::quarter_of(past);
    if (db_.period_closed(p)) {
      db_.reopen_period(p, "correction");
    } else if (p.end() < db_.today()) {
      db_.close_period(p);
    }
  }

  void settings() {
    switch (pick(0, 3)) {
      case 0: db_.transfer("S2", "SD", pick(0, 1) == 0 ? "key_sales" : "sales", db_.today().add_days(-pick(0, 30))); break;
      case 1: {
        RuleSetting r;
        r.template_id = "sales";
        r.rule = RuleKind::breach;
        r.points = dec("-15");
        if (pick(0, 1) == 0) r.cap = dec("30");
        db_.set_rule(r);
        break;
      }
      case 2: {
        TargetSpec t;
        t.indicator = "signed_amount";
        t.value = Decimal(pick(1, 5) * 500000);
        t.per = PeriodKind::quarter;
        t.employee = "S1";
        db_.set_target(t);
        break;
      }
      default: {
        KpiTemplate t = db_.kpi_template("key_sales");
        t.collection_grace_days = pick(0, 20);
        t.version = 0;
        std::string doc = t.to_json();
        const auto at = doc.find("\"version\":0,");
        doc.erase(at, std::string("\"version\":0,").size());
        db_.define_template(doc);
        break;
      }
    }
  }

  struct Paid {
    std::string ref;
    Date on;
    std::int64_t contract = 0;
    Money amount;
  };

  Database& db_;
  std::mt19937 rng_;
  std::vector<std::int64_t> contracts_;
  std::int64_t current_ = 0;
  std::vector<Paid> paid_;
  int payments_ = 0;
};

const char* kEmployees[] = {"S1", "S2", "K1", "P1", "R1", "H1"};

std::vector<Period> periods_around(Date today) {
  std::vector<Period> out;
  for (int back = 0; back <= 8; ++back) out.push_back(Period::month_of(today.first_of_month().add_months(-back)));
  for (int back = 0; back <= 2; ++back) out.push_back(Period::quarter_of(today.first_of_month().add_months(-3 * back)));
  out.push_back(Period::year_of(today));
  out.push_back(Period::year_of(today.add_years(-1)));
  return out;
}

// Every scorecard through `db` (the engine where it holds it) equals the
// reference evaluator's on the same database.
void expect_reference(Database& db, const char* context) {
  for (const char* e : kEmployees) {
    for (const Period& p : periods_around(db.today())) {
      const Scorecard got = db.scorecard(e, p);
      const Scorecard want = evaluate_scorecard(db.scoring_input(e, p));
      ASSERT_EQ(got, want) << context << ": " << e << " " << p.to_string() << "\nengine:    " << got.to_json()
                           << "\nreference: " << want.to_json();
    }
  }
}

}  // namespace

TEST(IncrementalEngineStore, RandomHistoriesThroughTheStoreGiveTheReferenceScorecards) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    test::TempDir dir;
    const std::string path = dir.file("kpi.db");
    OpenOptions fast;
    fast.durability = Durability::normal;
    Database db(path, fast);
    add_company(db);
    add_key_sales(db);
    db.set_exchange_rate("USD", dec("7.1"), d("2020-01-01"));
    db.advance_to(d("2023-12-01"));
    db.scorecard("S1", period("2023-Q4"));  // loads the engine: from here it follows every commit
    Database reader(path, fast);
    ApiStream stream(db, seed);
    for (int i = 1; i <= 1500; ++i) {
      stream.step();
      if (i % 300 == 0) {
        expect_reference(db, "writer");
        if (HasFatalFailure()) return;
        expect_reference(reader, "second handle");
        if (HasFatalFailure()) return;
      }
    }
    const KpiEngineStats stats = db.kpi_engine_stats();
    EXPECT_TRUE(stats.loaded);
    EXPECT_EQ(stats.last_seq, db.last_event_seq());
    EXPECT_GT(stats.incremental_answers, stats.reference_answers);
    const KpiHealth health = db.kpi_health();
    EXPECT_TRUE(health.ok) << (health.differences.empty() ? "" : health.differences.front());
  }
}

TEST(IncrementalEngineStore, WhatTheEngineDoesNotHoldComesFromTheReference) {
  Database db(":memory:");
  add_company(db);
  db.advance_to(d("2024-04-05"));
  const Contract c = sign(db, contract_terms("S1", "sales", "600000.00", "2024-01-10", "2024-02-01"));
  db.record_payment(c.id, cny("500000.00"), d("2024-01-20"), "P1");
  db.record_delivery(c.id, true, d("2024-01-30"));
  auto answers = [&] { return db.kpi_engine_stats(); };

  const Scorecard now = db.scorecard("S1", period("2024-Q1"));
  const KpiEngineStats after_now = answers();
  EXPECT_EQ(after_now.incremental_answers, 1);
  EXPECT_EQ(now, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));

  // An earlier as-of date: the engine, which holds every fact with its date.
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), d("2024-01-25")),
            evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"), d("2024-01-25"))));
  EXPECT_EQ(answers().incremental_answers, 2);
  // A later as-of date, a custom range: the reference evaluator.
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1"), d("2024-05-25")),
            evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"), d("2024-05-25"))));
  EXPECT_EQ(db.scorecard("S1", period("2024-01-05..2024-02-20")),
            evaluate_scorecard(db.scoring_input("S1", period("2024-01-05..2024-02-20"))));
  EXPECT_EQ(answers().incremental_answers, 2);
  EXPECT_EQ(answers().reference_answers, after_now.reference_answers + 2);

  // Inside a transaction the reference sees the uncommitted payment.
  {
    auto tx = db.transaction();
    db.record_payment(c.id, cny("100000.00"), d("2024-02-01"), "P2");
    const Scorecard inside = db.scorecard("S1", period("2024-Q1"));
    EXPECT_EQ(inside.indicator("collection_rate")->value, Ratio(1));
    tx.rollback();
  }
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1")), now);

  // A closed period: the reference, frozen; reopened: the engine again.
  db.close_period(period("2024-Q1"), d("2024-04-05"));
  db.record_satisfaction(c.id, 10, d("2024-02-01"));
  const std::int64_t before_closed = answers().incremental_answers;
  const Scorecard closed = db.scorecard("S1", period("2024-Q1"));
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.total, now.total);
  EXPECT_EQ(closed.post_close.size(), 1U);
  EXPECT_EQ(answers().incremental_answers, before_closed);
  db.reopen_period(period("2024-Q1"), "late survey", d("2024-04-05"));
  const Scorecard reopened = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(answers().incremental_answers, before_closed + 1);
  EXPECT_EQ(reopened, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
  EXPECT_FALSE(reopened.total == now.total);

  // The same refusals as the reference.
  EXPECT_THROW(db.scorecard("nobody", period("2024-Q1")), NotFoundError);
  EXPECT_THROW(db.scorecard("S1\xff", period("2024-Q1")), ValidationError);
}

TEST(IncrementalEngineStore, TheClockFiresDeadlinesOnce) {
  Database db(":memory:");
  add_company(db);
  db.advance_to(d("2024-01-15"));
  const Contract c = sign(db, contract_terms("S1", "sales", "900000.00", "2024-01-10", "2024-03-01",
                                             {{"2024-02-01", "300000.00"}, {"2024-02-15", "300000.00"}, {"2024-03-05", "300000.00"}}));
  db.record_payment(c.id, cny("300000.00"), d("2024-01-20"), "P1");
  const Scorecard start = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(start.rule_points(RuleKind::installment_overdue), Decimal(0));
  db.advance_to(d("2024-02-16"));  // the second instalment's due date passed unpaid
  const Scorecard later = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(later.rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  EXPECT_EQ(later, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
  db.advance_to(d("2024-02-28"));  // nothing due in between
  EXPECT_EQ(db.scorecard("S1", period("2024-Q1")).rule_points(RuleKind::installment_overdue).to_string(), "-3.00");
  db.advance_to(d("2024-03-10"));  // the delivery and the third instalment
  const Scorecard last = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(last.rule_points(RuleKind::installment_overdue).to_string(), "-6.00");
  EXPECT_EQ(last.indicator("execution_cycle")->no_data, true);
  EXPECT_EQ(last, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
  EXPECT_GE(db.kpi_engine_stats().incremental_answers, 4);
}

TEST(IncrementalEngineStore, EventsDatedAfterTheClockWaitForIt) {
  Database db(":memory:");
  add_company(db);
  db.advance_to(d("2024-01-15"));
  const Contract c = sign(db, contract_terms("S1", "sales", "100000.00", "2024-01-10"));
  db.record_payment(c.id, cny("90000.00"), d("2024-02-10"), "P1");  // dated ahead
  Scorecard now = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(now.indicator("collection_rate")->value, Ratio(0));
  EXPECT_EQ(db.kpi_engine_stats().queued_events, 1);
  db.advance_to(d("2024-02-10"));
  now = db.scorecard("S1", period("2024-Q1"));
  EXPECT_EQ(now.indicator("collection_rate")->value, Ratio(9, 10));
  EXPECT_EQ(now.rule_points(RuleKind::collection_80).to_string(), "5.00");
  EXPECT_EQ(now, evaluate_scorecard(db.scoring_input("S1", period("2024-Q1"))));
  EXPECT_EQ(db.kpi_engine_stats().queued_events, 0);
}
