// The law of the reminder index: whatever happened and in whatever order it
// was recorded (back-dated payments, reversals, deliveries, closings,
// renewals, amendments, approvals, lead-time changes, acknowledgements, with
// queries in between), Database::reminders(as_of) equals the reference fold
// of every contract as of that date, less the acknowledged reminders. And
// the index those histories leave (caught up part-way, payments folded into
// stored folds) is the one a fold from scratch writes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "support/temp_dir.hpp"
#include "tracking/tracking_support.hpp"

using namespace pactum;
using namespace pactum::tracking_test;

namespace {

std::vector<Reminder> expected_reminders(Database& db, Date as_of) {
  std::set<std::string> acked;
  for (const Acknowledgement& a : db.acknowledgements()) acked.insert(a.id);
  std::vector<Reminder> out;
  for (const Contract& c : db.find_contracts()) {
    TrackingInput in;
    in.contract = c;
    in.events = db.events(c.id);
    in.leads = db.reminder_leads(c.type);
    try {
      const ApprovalRouteInstance route = db.approval_route(c.id);
      for (const ApprovalStepState& s : route.steps) {
        if (!s.due_on) continue;
        std::optional<Date> closed = s.closed_on;
        if (route.ended_on && (!closed || *route.ended_on < *closed)) closed = route.ended_on;
        in.steps.push_back(TrackedStep{route.round, s.number, s.opened_on, *s.due_on, closed});
      }
    } catch (const NotFoundError&) {
      // never submitted
    }
    for (Reminder& r : reference_reminders(in, as_of)) {
      if (acked.contains(r.id)) continue;
      r.message = reminder_message(r, db.lang());
      out.push_back(std::move(r));
    }
  }
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::make_tuple(a.due, a.contract, static_cast<int>(a.kind), a.installment.value_or(0), a.round.value_or(0),
                           a.step.value_or(0)) < std::make_tuple(b.due, b.contract, static_cast<int>(b.kind),
                                                                 b.installment.value_or(0), b.round.value_or(0),
                                                                 b.step.value_or(0));
  });
  return out;
}

class Scenario {
 public:
  explicit Scenario(unsigned seed) : rng_(seed) {}

  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }
  Date day_in_2024(int from_day, int to_day) { return d("2024-01-01").add_days(pick(from_day, to_day)); }

  void run(Database& db) {
    add_company(db);
    db.add_department({"FD", "财务部", std::nullopt, std::nullopt});
    db.add_employee({"F1", "钱七", "FD", "finance", d("2020-01-01"), std::nullopt});
    db.assign_role("F1", "finance");
    db.add_employee({"P0", "孙八", "PD", "procurement", d("2020-01-01"), std::nullopt});
    db.set_department_manager("PD", "P0");
    db.load_routing(R"({"id": "deadlines", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
                       "rules": [{"id": "all", "route": [{"role": "dept_manager", "deadline_days": 2},
                                                          {"role": "finance", "deadline_days": 3}]}]})");
    // Some contracts are approved through the table, the others elsewhere
    // (activated directly): the host allows that explicitly.
    db.set_direct_activation(DirectActivation::allow, "admin", "approvals outside Pactum for part of the contracts",
                             d("2024-01-01"));
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 14; ++i) ids.push_back(create(db, i));
    for (int step = 0; step < 70; ++step) {
      const std::int64_t id = ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
      act(db, id, step);
      if (chance(15)) {
        // Query in between (the index catches up part-way) and acknowledge some.
        const auto now = db.reminders(day_in_2024(0, 300));
        for (const Reminder& r : now) {
          if (chance(20)) db.acknowledge(r.id);
        }
      }
      if (chance(3)) {
        const ReminderKind kind = kReminderKinds[static_cast<std::size_t>(pick(0, 5))];
        const int days = pick(reminds_ahead(kind) ? 0 : 1, 40);
        db.set_reminder_lead(kind, days, chance(50) ? std::optional<std::string>("sales") : std::nullopt);
      }
    }
  }

 private:
  std::int64_t create(Database& db, int i) {
    ContractSpec s;
    s.type = chance(70) ? "sales" : "procurement";
    s.owner = s.type == "sales" ? "E2" : "P1";
    const std::int64_t total = 100 * pick(10, 50);
    s.amount = Money::from_units(total * Money::kUnitsPerOne, Currency::of("CNY"));
    s.signed_on = day_in_2024(0, 60);
    if (chance(80)) s.end = s.signed_on.add_days(pick(20, 250));
    if (chance(70)) s.delivery_due = s.signed_on.add_days(pick(5, 120));
    const int parts = pick(0, 3);
    std::int64_t left = total;
    for (int k = 0; k < parts; ++k) {
      const std::int64_t amount = k + 1 == parts ? left : 100 * pick(1, static_cast<int>(left / 100 / (parts - k)));
      left -= amount;
      s.installments.push_back({s.signed_on.add_days(pick(0, 200)), Money::from_units(amount * Money::kUnitsPerOne, Currency::of("CNY"))});
    }
    s.counterparty = "客户" + std::to_string(i);
    s.key_account = chance(30);
    const Contract c = db.create_contract(s);
    if (chance(20)) {
      db.submit(c.id, s.owner, s.signed_on);
    } else if (chance(90)) {
      db.activate(c.id, s.signed_on.add_days(pick(0, 20)));
    }
    return c.id;
  }

  void act(Database& db, std::int64_t id, int step) {
    const Contract c = db.contract(id);
    const Date base = c.activated_on.value_or(c.signed_on);
    const Date when = base.add_days(pick(0, 150));
    try {
      switch (pick(0, 10)) {
        case 0:
        case 1:
        case 2: {
          const std::int64_t outstanding = c.amount.units() - c.collected.units();
          if (outstanding <= 0) break;
          const std::int64_t part = chance(50) ? outstanding : std::max<std::int64_t>(Money::kUnitsPerOne, outstanding / pick(2, 4));
          db.record_payment(id, Money::from_units(part, c.amount.currency()), when, "P" + std::to_string(step));
          payments_.push_back("P" + std::to_string(step));
          break;
        }
        case 3:
          if (!payments_.empty()) {
            const std::string ref = payments_[static_cast<std::size_t>(pick(0, static_cast<int>(payments_.size()) - 1))];
            db.reverse_payment(ref, when);
          }
          break;
        case 4: db.record_delivery(id, chance(80), {when}); break;
        case 5: db.complete(id, when); break;
        case 6: db.terminate(id, "客户违约", when); break;
        case 7: {
          RenewalSpec r;
          r.signed_on = when;
          db.renew(id, r);
          break;
        }
        case 8: {
          Amendment a;
          if (chance(50)) {
            a.end = c.signed_on.add_days(pick(30, 300));
          } else {
            a.delivery_due = c.signed_on.add_days(pick(5, 200));
          }
          db.amend(id, "调整", a, c.signed_on.add_days(pick(0, 60)));
          break;
        }
        case 9: {
          const auto approvers = db.current_approvers(id);
          if (!approvers.empty()) db.approve(id, approvers.front(), "", db.current_step(id)->opened_on->add_days(pick(0, 6)));
          break;
        }
        default: {
          const auto approvers = db.current_approvers(id);
          if (!approvers.empty()) db.reject(id, approvers.front(), "退回", db.current_step(id)->opened_on->add_days(pick(0, 6)));
          break;
        }
      }
    } catch (const Error&) {
      // The status machine or a date rule refused it: the scenario goes on.
    }
  }

  std::mt19937 rng_;
  std::vector<std::string> payments_;
};

TEST(ReminderPropertyTest, TheIndexAgreesWithTheReferenceFoldOnEveryDay) {
  std::map<ReminderKind, int> seen;
  std::size_t acknowledged = 0;
  std::size_t reversals = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    Database db(":memory:");
    Scenario(seed).run(db);
    for (Date day = d("2024-01-01"); day <= d("2024-12-31"); day = day.add_days(1)) {
      const auto got = db.reminders(day);
      const auto want = expected_reminders(db, day);
      ASSERT_EQ(ids(got), ids(want)) << "seed " << seed << " on " << day.to_string();
      ASSERT_EQ(got, want) << "seed " << seed << " on " << day.to_string();
      for (const Reminder& r : got) ++seen[r.kind];
    }
    acknowledged += db.acknowledgements().size();
    for (const Event& e : db.events_after(0, 100000)) reversals += e.type == EventType::payment_reversed ? 1 : 0;
  }
  // The histories exercised every kind, acknowledgements and reversals.
  for (ReminderKind kind : kReminderKinds) EXPECT_GT(seen[kind], 20) << reminder_kind_name(kind);
  EXPECT_GT(acknowledged, 10u);
  EXPECT_GT(reversals, 5u);
  std::printf("reminders compared: expiry %d, payment_due %d, payment_overdue %d, delivery_due %d, delivery_late %d, "
              "approval_overdue %d; %zu acknowledgements, %zu reversals\n",
              seen[ReminderKind::expiry], seen[ReminderKind::payment_due], seen[ReminderKind::payment_overdue],
              seen[ReminderKind::delivery_due], seen[ReminderKind::delivery_late], seen[ReminderKind::approval_overdue],
              acknowledged, reversals);
}

// Every row of the tracking index in the file, as text, in key order.
std::vector<std::string> index_rows(sqlite3* raw) {
  std::vector<std::string> out;
  for (const char* sql : {"SELECT * FROM tracking_contracts ORDER BY contract",
                          "SELECT * FROM reminder_index ORDER BY contract, kind, round, item"}) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* text = sqlite3_column_text(st, c);
        row += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
        row += '|';
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(st);
  }
  return out;
}

TEST(ReminderPropertyTest, TheIndexAfterRandomHistoriesEqualsTheFoldFromScratch) {
  std::size_t rows = 0;
  for (unsigned seed = 101; seed <= 110; ++seed) {
    test::TempDir dir;
    const std::string path = dir.file("index.db");
    {
      Database db(path);
      Scenario(seed).run(db);
      db.catch_up_tracking();
    }
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    const std::vector<std::string> caught_up = index_rows(raw);
    // Forget the index: the next catch-up folds every contract from its log.
    ASSERT_EQ(sqlite3_exec(raw, "DELETE FROM reminder_index; DELETE FROM tracking_contracts; "
                                "UPDATE tracking_state SET applied_seq = 0",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    EXPECT_GT(Database(path).catch_up_tracking(), 10);
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(index_rows(raw), caught_up) << "seed " << seed;
    sqlite3_close(raw);
    rows += caught_up.size();
  }
  EXPECT_GT(rows, 300u);
}

}  // namespace
