// Reminders through the database: the catch-up after downtime, conditions
// that end (a paid instalment), durable acknowledgement across reopening, the
// exact 30- and 7-day boundaries, lead times per contract type, approval
// deadlines, reversals, and refusals that change nothing.
#include <gtest/gtest.h>

#include "support/dump.hpp"
#include "support/temp_dir.hpp"
#include "tracking/tracking_support.hpp"

using namespace pactum;
using namespace pactum::tracking_test;

namespace {

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.file("tracking.db");
    db = std::make_unique<Database>(path);
    add_company(*db);
  }

  // Signed 2024-01-10, ends 2024-04-30, delivery due 2024-03-15; 300.00 due
  // 2024-02-15 and 700.00 due 2024-03-15.
  Contract standard() {
    Terms t;
    t.end = "2024-04-30";
    t.delivery_due = "2024-03-15";
    t.installments = {{"2024-02-15", "300.00"}, {"2024-03-15", "700.00"}};
    return sign(*db, t);
  }

  test::TempDir dir;
  std::string path;
  std::unique_ptr<Database> db;
};

TEST_F(RemindersTest, OneCallAfterWeeksOfSilenceReturnsEachDueReminderOnce) {
  const Contract c = standard();
  // Nobody asked between the signing and 2024-04-10: every reminder whose
  // trigger date passed meanwhile and whose condition still holds comes back
  // once, whatever the number of days missed.
  const auto list = db->reminders(d("2024-04-10"));
  EXPECT_EQ(ids(list), std::vector<std::string>({
                           rid("payment_overdue", c.id, "2024-02-15", 1),
                           rid("payment_overdue", c.id, "2024-03-15", 2),
                           rid("delivery_late", c.id, "2024-03-15"),
                           rid("expiry", c.id, "2024-04-30"),
                       }));
  const std::optional<Reminder> first = find(list, rid("payment_overdue", c.id, "2024-02-15", 1));
  ASSERT_NE(first, std::nullopt);
  EXPECT_EQ(first->days, -55);  // 55 days past the due date
  EXPECT_EQ(first->trigger, d("2024-02-16"));
  EXPECT_EQ(first->installment, 1);
  EXPECT_EQ(first->unpaid, cny("300.00"));
  EXPECT_EQ(first->number, c.number);
  EXPECT_EQ(first->owner, "E2");
  EXPECT_EQ(first->message, "instalment 1 of contract " + c.number +
                                " (华东机械有限公司) was due on 2024-02-15, 55 day(s) ago: 300.00 CNY unpaid");
  const std::optional<Reminder> expiry = find(list, rid("expiry", c.id, "2024-04-30"));
  ASSERT_NE(expiry, std::nullopt);
  EXPECT_EQ(expiry->trigger, d("2024-03-31"));
  EXPECT_EQ(expiry->days, 20);
  // Asking again gives the same list: nothing was acknowledged.
  EXPECT_EQ(db->reminders(d("2024-04-10")), list);
}

TEST_F(RemindersTest, TheUpcomingKindsLapseIntoTheOverdueOnesAfterTheDueDate) {
  const Contract c = standard();
  const auto before = db->reminders(d("2024-03-15"));
  EXPECT_NE(find(before, rid("payment_due", c.id, "2024-03-15", 2)), std::nullopt);
  EXPECT_NE(find(before, rid("delivery_due", c.id, "2024-03-15")), std::nullopt);
  EXPECT_EQ(find(before, rid("payment_overdue", c.id, "2024-03-15", 2)), std::nullopt);
  const auto after = db->reminders(d("2024-03-16"));
  EXPECT_EQ(find(after, rid("payment_due", c.id, "2024-03-15", 2)), std::nullopt);
  EXPECT_EQ(find(after, rid("delivery_due", c.id, "2024-03-15")), std::nullopt);
  EXPECT_NE(find(after, rid("payment_overdue", c.id, "2024-03-15", 2)), std::nullopt);
  EXPECT_NE(find(after, rid("delivery_late", c.id, "2024-03-15")), std::nullopt);
}

TEST_F(RemindersTest, APaidInstalmentNeedsNoReminder) {
  const Contract c = standard();
  EXPECT_NE(find(db->reminders(d("2024-03-10")), rid("payment_due", c.id, "2024-03-15", 2)), std::nullopt);
  // The second instalment is paid before the host asks again; the first one
  // is paid late, which ends its overdue reminder too.
  db->record_payment(c.id, cny("300.00"), d("2024-03-01"), "P1");
  db->record_payment(c.id, cny("700.00"), d("2024-03-12"), "P2");
  const auto list = db->reminders(d("2024-03-13"));
  EXPECT_EQ(find(list, rid("payment_due", c.id, "2024-03-15", 2)), std::nullopt);
  EXPECT_EQ(find(list, rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
  EXPECT_NE(find(list, rid("delivery_due", c.id, "2024-03-15")), std::nullopt);
  // As of a date before those payments the reminders held (a pure function
  // of the log and the date).
  EXPECT_NE(find(db->reminders(d("2024-02-20")), rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
  EXPECT_NE(find(db->reminders(d("2024-03-11")), rid("payment_due", c.id, "2024-03-15", 2)), std::nullopt);
}

TEST_F(RemindersTest, APartPaymentLeavesTheRestUnpaidInTheReminder) {
  const Contract c = standard();
  db->record_payment(c.id, cny("500.00"), d("2024-03-10"), "P1");
  const std::optional<Reminder> r = find(db->reminders(d("2024-03-12")), rid("payment_due", c.id, "2024-03-15", 2));
  ASSERT_NE(r, std::nullopt);
  EXPECT_EQ(r->installment_amount, cny("700.00"));
  EXPECT_EQ(r->unpaid, cny("500.00"));  // 500 paid: 300 to the first, 200 to the second
  // A payment dated after the as-of date does not count yet.
  db->record_payment(c.id, cny("100.00"), d("2024-03-14"), "P2");
  const std::optional<Reminder> earlier = find(db->reminders(d("2024-03-12")), rid("payment_due", c.id, "2024-03-15", 2));
  ASSERT_NE(earlier, std::nullopt);
  EXPECT_EQ(earlier->unpaid, cny("500.00"));
  EXPECT_EQ(find(db->reminders(d("2024-03-14")), rid("payment_due", c.id, "2024-03-15", 2))->unpaid, cny("400.00"));
}

TEST_F(RemindersTest, AfterAcknowledgementAndReopeningNothingRepeats) {
  const Contract c = standard();
  const auto list = db->reminders(d("2024-04-10"));
  ASSERT_EQ(list.size(), 4u);
  const Acknowledgement ack = db->acknowledge(list[0].id, std::string("财务部 王五"), d("2024-04-10"));
  EXPECT_EQ(ack.id, list[0].id);
  EXPECT_EQ(ack.contract, c.id);
  EXPECT_EQ(ack.on, d("2024-04-10"));
  db->acknowledge(list[2].id);
  db.reset();

  db = std::make_unique<Database>(path);
  auto later = db->reminders(d("2024-04-20"));
  EXPECT_EQ(ids(later), std::vector<std::string>({list[1].id, list[3].id}));
  // Acknowledging again returns the first acknowledgement.
  EXPECT_EQ(db->acknowledge(list[0].id, std::string("someone else")), ack);
  EXPECT_EQ(db->acknowledgements(c.id).size(), 2u);
  // Without a clock the end date passing changes nothing: the expiry
  // reminder stays, the end date in the past.
  later = db->reminders(d("2024-05-01"));
  EXPECT_EQ(ids(later), std::vector<std::string>({list[1].id, list[3].id}));
  EXPECT_EQ(later.back().days, -1);  // the end date has passed; still neither renewed nor closed
  EXPECT_EQ(later.back().message, "contract " + c.number +
                                      " with 华东机械有限公司 ended on 2024-04-30, 1 day(s) ago, and is neither "
                                      "renewed nor closed");
  // Once the clock passes the end date the contract expires: its expiry
  // reminder is over; the unpaid instalment's reminder still comes.
  db->advance_to(d("2024-05-01"));
  db.reset();
  db = std::make_unique<Database>(path);
  later = db->reminders();
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::expired);
  EXPECT_EQ(ids(later), std::vector<std::string>({list[1].id}));
}

TEST_F(RemindersTest, ExpiryComesExactlyThirtyDaysBeforeTheEndDate) {
  Terms t;
  t.end = "2024-06-30";
  t.installments = {{"2024-01-10", "1000.00"}};
  const Contract c = sign(*db, t);
  db->record_payment(c.id, cny("1000.00"), d("2024-01-10"), "P1");
  EXPECT_TRUE(db->reminders(d("2024-05-30")).empty());
  const auto on = db->reminders(d("2024-05-31"));
  ASSERT_EQ(ids(on), std::vector<std::string>({rid("expiry", c.id, "2024-06-30")}));
  EXPECT_EQ(on[0].days, 30);
  EXPECT_EQ(on[0].trigger, d("2024-05-31"));
  EXPECT_EQ(on[0].message, "contract " + c.number + " with 华东机械有限公司 ends on 2024-06-30, in 30 day(s): prepare the renewal");
  // Completing the contract ends it.
  db->complete(c.id, d("2024-06-15"));
  EXPECT_EQ(db->reminders(d("2024-06-14")).size(), 1u);
  EXPECT_TRUE(db->reminders(d("2024-06-15")).empty());
}

TEST_F(RemindersTest, PaymentDueComesExactlySevenDaysBefore) {
  Terms t;
  t.installments = {{"2024-06-10", "1000.00"}};
  const Contract c = sign(*db, t);
  const std::string due = rid("payment_due", c.id, "2024-06-10", 1);
  EXPECT_TRUE(db->reminders(d("2024-06-02")).empty());
  const auto first = db->reminders(d("2024-06-03"));
  ASSERT_EQ(ids(first), std::vector<std::string>({due}));
  EXPECT_EQ(first[0].days, 7);
  EXPECT_EQ(first[0].message, "instalment 1 of contract " + c.number +
                                  " (华东机械有限公司) falls due on 2024-06-10, in 7 day(s): 1000.00 CNY unpaid");
  const auto last = db->reminders(d("2024-06-10"));
  ASSERT_EQ(ids(last), std::vector<std::string>({due}));
  EXPECT_EQ(last[0].days, 0);
  // The day after the due date, when "not paid by its due date" is known.
  const auto overdue = db->reminders(d("2024-06-11"));
  ASSERT_EQ(ids(overdue), std::vector<std::string>({rid("payment_overdue", c.id, "2024-06-10", 1)}));
  EXPECT_EQ(overdue[0].days, -1);
  EXPECT_EQ(overdue[0].trigger, d("2024-06-11"));
}

TEST_F(RemindersTest, DeliveryDueComesExactlySevenDaysBefore) {
  Terms t;
  t.delivery_due = "2024-06-10";
  t.installments = {{"2024-01-10", "1000.00"}};
  const Contract c = sign(*db, t);
  db->record_payment(c.id, cny("1000.00"), d("2024-01-10"), "P1");
  EXPECT_TRUE(db->reminders(d("2024-06-02")).empty());
  EXPECT_EQ(ids(db->reminders(d("2024-06-03"))), std::vector<std::string>({rid("delivery_due", c.id, "2024-06-10")}));
  EXPECT_EQ(ids(db->reminders(d("2024-06-11"))), std::vector<std::string>({rid("delivery_late", c.id, "2024-06-10")}));
  // A delivery refused for quality is no delivery; an accepted one ends it.
  db->record_delivery(c.id, false, {d("2024-06-12")});
  EXPECT_EQ(db->reminders(d("2024-06-13")).size(), 1u);
  db->record_delivery(c.id, true, {d("2024-06-14")});
  EXPECT_EQ(db->reminders(d("2024-06-13")).size(), 1u);
  EXPECT_TRUE(db->reminders(d("2024-06-14")).empty());
}

TEST_F(RemindersTest, LeadTimesAreSetPerContractType) {
  Terms sales;
  sales.end = "2024-09-30";
  sales.installments = {{"2024-01-10", "1000.00"}};
  const Contract s = sign(*db, sales);
  Terms buy = sales;
  buy.type = "procurement";
  buy.owner = "P1";
  const Contract p = sign(*db, buy);
  db->record_payment(s.id, cny("1000.00"), d("2024-01-10"), "S1");
  db->record_payment(p.id, cny("1000.00"), d("2024-01-10"), "S2");
  EXPECT_TRUE(db->reminders(d("2024-08-01")).empty());

  db->set_reminder_lead(ReminderKind::expiry, 60, std::string("sales"));
  EXPECT_EQ(db->reminder_leads(std::string("sales")).expiry, 60);
  EXPECT_EQ(db->reminder_leads(std::string("procurement")).expiry, 30);
  EXPECT_EQ(ids(db->reminders(d("2024-08-01"))), std::vector<std::string>({rid("expiry", s.id, "2024-09-30")}));
  EXPECT_EQ(db->reminders(d("2024-08-01"))[0].trigger, d("2024-08-01"));

  // The default of every type without its own.
  db->set_reminder_lead(ReminderKind::expiry, 90);
  EXPECT_EQ(db->reminder_leads().expiry, 90);
  EXPECT_EQ(db->reminder_leads(std::string("procurement")).expiry, 90);
  EXPECT_EQ(db->reminder_leads(std::string("sales")).expiry, 60);
  EXPECT_EQ(ids(db->reminders(d("2024-07-05"))), std::vector<std::string>({rid("expiry", p.id, "2024-09-30")}));
}

TEST_F(RemindersTest, AnAmendedEndDateIsANewReminder) {
  Terms t;
  t.end = "2024-06-30";
  t.installments = {{"2024-01-10", "1000.00"}};
  const Contract c = sign(*db, t);
  db->record_payment(c.id, cny("1000.00"), d("2024-01-10"), "P1");
  const auto first = db->reminders(d("2024-06-05"));
  ASSERT_EQ(first.size(), 1u);
  db->acknowledge(first[0].id);
  EXPECT_TRUE(db->reminders(d("2024-06-05")).empty());
  Amendment a;
  a.end = d("2024-07-31");
  db->amend(c.id, "延期一个月", a, d("2024-06-06"));
  EXPECT_TRUE(db->reminders(d("2024-06-30")).empty());
  EXPECT_EQ(ids(db->reminders(d("2024-07-01"))), std::vector<std::string>({rid("expiry", c.id, "2024-07-31")}));
}

TEST_F(RemindersTest, ARenewalEndsTheExpiryReminder) {
  Terms t;
  t.end = "2024-06-30";
  t.installments = {{"2024-01-10", "1000.00"}};
  const Contract c = sign(*db, t);
  db->record_payment(c.id, cny("1000.00"), d("2024-01-10"), "P1");
  RenewalSpec spec;
  spec.signed_on = d("2024-06-10");
  db->renew(c.id, spec);
  EXPECT_EQ(db->reminders(d("2024-06-09")).size(), 1u);
  EXPECT_TRUE(db->reminders(d("2024-06-10")).empty());
}

TEST_F(RemindersTest, AReversalBringsTheReminderBack) {
  const Contract c = standard();
  db->record_payment(c.id, cny("300.00"), d("2024-02-10"), "P1");
  EXPECT_EQ(find(db->reminders(d("2024-03-01")), rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
  db->reverse_payment("P1", d("2024-03-05"));
  EXPECT_EQ(find(db->reminders(d("2024-03-04")), rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
  const std::optional<Reminder> back = find(db->reminders(d("2024-03-06")), rid("payment_overdue", c.id, "2024-02-15", 1));
  ASSERT_NE(back, std::nullopt);
  EXPECT_EQ(back->unpaid, cny("300.00"));
  db->record_payment(c.id, cny("300.00"), d("2024-03-07"), "P2");
  EXPECT_EQ(find(db->reminders(d("2024-03-07")), rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
  EXPECT_NE(find(db->reminders(d("2024-03-06")), rid("payment_overdue", c.id, "2024-02-15", 1)), std::nullopt);
}

TEST_F(RemindersTest, DraftsGiveNoReminderUntilActivated) {
  Terms t;
  t.end = "2024-03-31";
  t.installments = {{"2024-02-01", "1000.00"}};
  t.activate = std::nullopt;
  const Contract c = sign(*db, t);
  EXPECT_TRUE(db->reminders(d("2024-03-10")).empty());
  db->activate(c.id, d("2024-03-10"));
  EXPECT_TRUE(db->reminders(d("2024-03-09")).empty());
  EXPECT_EQ(ids(db->reminders(d("2024-03-10"))),
            std::vector<std::string>({rid("payment_overdue", c.id, "2024-02-01", 1), rid("expiry", c.id, "2024-03-31")}));
}

TEST_F(RemindersTest, AnOpenApprovalStepPastItsDueDateIsOverdue) {
  db->add_department({"FD", "财务部", std::nullopt, std::nullopt});
  db->add_employee({"F1", "钱七", "FD", "finance", d("2020-01-01"), std::nullopt});
  db->assign_role("F1", "finance");
  db->load_routing(R"({"id": "deadlines", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
                       "rules": [{"id": "all", "route": [{"role": "dept_manager", "deadline_days": 3},
                                                          {"role": "finance", "deadline_days": 2}]}]})");
  Terms t;
  t.activate = std::nullopt;
  t.installments = {{"2024-12-31", "1000.00"}};
  const Contract c = sign(*db, t);
  db->submit(c.id, "E2", d("2024-01-10"));
  const std::string step1 = "approval_overdue:" + std::to_string(c.id) + ":1.1:2024-01-13";
  EXPECT_TRUE(db->reminders(d("2024-01-13")).empty());
  const auto late = db->reminders(d("2024-01-14"));
  ASSERT_EQ(ids(late), std::vector<std::string>({step1}));
  EXPECT_EQ(late[0].round, 1);
  EXPECT_EQ(late[0].step, 1);
  EXPECT_EQ(late[0].days, -1);
  EXPECT_EQ(late[0].message, "approval step 1 (round 1) of contract " + c.number + " was due on 2024-01-13, 1 day(s) ago");
  db->approve(c.id, "E1", "同意", d("2024-01-15"));
  EXPECT_EQ(ids(db->reminders(d("2024-01-14"))), std::vector<std::string>({step1}));
  EXPECT_TRUE(db->reminders(d("2024-01-15")).empty());
  const std::string step2 = "approval_overdue:" + std::to_string(c.id) + ":1.2:2024-01-17";
  EXPECT_EQ(ids(db->reminders(d("2024-01-18"))), std::vector<std::string>({step2}));
  // A rejection ends the route and its reminders.
  db->reject(c.id, "F1", "不同意", d("2024-01-19"));
  EXPECT_TRUE(db->reminders(d("2024-01-19")).empty());
}

TEST_F(RemindersTest, MessagesFollowTheHandlesLanguage) {
  const Contract c = standard();
  db.reset();
  OpenOptions zh;
  zh.lang = Lang::zh_CN;
  db = std::make_unique<Database>(path, zh);
  const std::optional<Reminder> r = find(db->reminders(d("2024-03-10")), rid("payment_due", c.id, "2024-03-15", 2));
  ASSERT_NE(r, std::nullopt);
  EXPECT_EQ(r->message, "合同 " + c.number + "(华东机械有限公司)第 2 期将于 2024-03-15 到期,还剩 5 天:未付 700.00 CNY");
  EXPECT_EQ(reminder_message(*r, Lang::en),
            "instalment 2 of contract " + c.number + " (华东机械有限公司) falls due on 2024-03-15, in 5 day(s): 700.00 CNY unpaid");
}

TEST_F(RemindersTest, RefusedAcknowledgementsChangeNothing) {
  const Contract c = standard();
  db->reminders(d("2024-03-10"));
  const std::string before = test::logical_dump(path);
  auto refused = [&](const std::string& id, Errc code) {
    try {
      db->acknowledge(id);
      ADD_FAILURE() << "accepted " << id;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << id;
      EXPECT_FALSE(e.message(Lang::zh_CN).empty());
    }
    EXPECT_EQ(test::logical_dump(path), before) << id;
  };
  const std::string cid = std::to_string(c.id);
  for (const std::string& bad : std::vector<std::string>{std::string(""), std::string("expiry"), std::string("expiry:") + cid,
                                 "expiry:" + cid + ":2024-4-30", "expiry:0" + cid + ":2024-04-30",
                                 "expiry:-" + cid + ":2024-04-30", "renewal:" + cid + ":2024-04-30",
                                 "payment_due:" + cid + ":2024-03-15", "payment_due:" + cid + ":0:2024-03-15",
                                 "approval_overdue:" + cid + ":1:2024-03-15", "expiry:" + cid + ":2024-02-30",
                                 std::string("expiry:1:2024-04-30\xff"), std::string("expiry:99999999999999999999:2024-04-30")}) {
    refused(bad, Errc::invalid_argument);
  }
  refused("expiry:999:2024-04-30", Errc::not_found);                   // no such contract
  refused("expiry:" + cid + ":2024-05-31", Errc::not_found);           // another end date
  refused("payment_due:" + cid + ":3:2024-03-15", Errc::not_found);    // no third instalment
  refused("delivery_due:" + cid + ":2024-03-16", Errc::not_found);     // another delivery date
  refused("approval_overdue:" + cid + ":1.1:2024-03-15", Errc::not_found);  // never submitted
  try {
    db->acknowledge("expiry:999:2024-04-30");
  } catch (const Error& e) {
    EXPECT_EQ(e.message(Lang::en), "no reminder 'expiry:999:2024-04-30': the contract, instalment, approval step or date does not match");
    EXPECT_EQ(e.message(Lang::zh_CN), "没有提醒“expiry:999:2024-04-30”:合同、分期、审批步骤或日期不符");
  }
}

TEST_F(RemindersTest, BadLeadTimesAreRefused) {
  standard();
  db->reminders(d("2024-03-10"));
  const std::string before = test::logical_dump(path);
  EXPECT_THROW(db->set_reminder_lead(ReminderKind::expiry, -1), ValidationError);
  EXPECT_THROW(db->set_reminder_lead(ReminderKind::payment_overdue, 0), ValidationError);
  EXPECT_THROW(db->set_reminder_lead(ReminderKind::payment_due, kMaxReminderDays + 1), ValidationError);
  EXPECT_THROW(db->set_reminder_lead(ReminderKind::expiry, 10, std::string("Sales")), ValidationError);
  EXPECT_THROW(db->set_reminder_lead(static_cast<ReminderKind>(9), 10), ValidationError);
  EXPECT_THROW(db->reminder_leads(std::string("bad type")), ValidationError);
  EXPECT_EQ(test::logical_dump(path), before);
  db->set_reminder_lead(ReminderKind::payment_due, 0);
  EXPECT_EQ(db->reminder_leads().payment_due, 0);
}

TEST_F(RemindersTest, TheIndexCatchesUpWithWritesOfAnotherHandle) {
  const Contract c = standard();
  EXPECT_EQ(db->reminders(d("2024-03-10")).size(), 3u);
  Database other(path);
  other.record_payment(c.id, cny("1000.00"), d("2024-03-01"), "P1");
  // This handle sees the other's payment: its next call folds the contract again.
  EXPECT_EQ(ids(db->reminders(d("2024-03-10"))), std::vector<std::string>({rid("delivery_due", c.id, "2024-03-15")}));
  EXPECT_EQ(db->catch_up_tracking(), 0);
  other.record_delivery(c.id, true, {d("2024-03-09")});
  EXPECT_EQ(db->catch_up_tracking(), 1);
  EXPECT_TRUE(db->reminders(d("2024-03-10")).empty());
}

TEST_F(RemindersTest, ARolledBackTransactionTakesTheIndexBackWithIt) {
  const Contract c = standard();
  EXPECT_EQ(db->reminders(d("2024-03-10")).size(), 3u);
  {
    auto tx = db->transaction();
    db->record_payment(c.id, cny("1000.00"), d("2024-03-01"), "P1");
    EXPECT_EQ(db->reminders(d("2024-03-10")).size(), 1u);
    tx.rollback();
  }
  EXPECT_EQ(db->reminders(d("2024-03-10")).size(), 3u);
}

}  // namespace
