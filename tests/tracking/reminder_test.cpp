// Reminder kinds, lead times and ids as values, and the reference fold on
// hand-made inputs.
#include <gtest/gtest.h>

#include "pactum/tracking/reminder.hpp"
#include "tracking/tracking_support.hpp"

using namespace pactum;
using pactum::tracking_test::d;

namespace {

TEST(ReminderKindTest, NamesRoundTrip) {
  for (ReminderKind k : kReminderKinds) EXPECT_EQ(parse_reminder_kind(reminder_kind_name(k)), k);
  EXPECT_STREQ(reminder_kind_name(ReminderKind::payment_overdue), "payment_overdue");
  EXPECT_STREQ(reminder_kind_name(static_cast<ReminderKind>(42)), "unknown");
  EXPECT_THROW(parse_reminder_kind("Expiry"), ValidationError);
  EXPECT_TRUE(reminds_ahead(ReminderKind::expiry));
  EXPECT_TRUE(reminds_ahead(ReminderKind::payment_due));
  EXPECT_FALSE(reminds_ahead(ReminderKind::delivery_late));
}

TEST(ReminderLeadsTest, DefaultsAreTheArticles) {
  const ReminderLeads leads;
  EXPECT_EQ(leads.days(ReminderKind::expiry), 30);
  EXPECT_EQ(leads.days(ReminderKind::payment_due), 7);
  EXPECT_EQ(leads.days(ReminderKind::delivery_due), 7);
  EXPECT_EQ(leads.days(ReminderKind::payment_overdue), 1);
  EXPECT_EQ(leads.days(ReminderKind::delivery_late), 1);
  EXPECT_EQ(leads.days(ReminderKind::approval_overdue), 1);
  EXPECT_EQ(reminder_trigger(ReminderKind::expiry, d("2024-03-30"), 30), d("2024-02-29"));
  EXPECT_EQ(reminder_trigger(ReminderKind::payment_overdue, d("2024-02-29"), 1), d("2024-03-01"));
}

TEST(ReminderLeadsTest, DaysAreChecked) {
  ReminderLeads leads;
  leads.set(ReminderKind::payment_due, 0);
  EXPECT_EQ(leads.payment_due, 0);
  EXPECT_THROW(leads.set(ReminderKind::payment_overdue, 0), ValidationError);
  EXPECT_THROW(leads.set(ReminderKind::expiry, 3651), ValidationError);
  try {
    validate_reminder_days(ReminderKind::delivery_late, 0);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.message(Lang::en), "a delivery_late reminder comes 1 to 3650 days after its date, not 0");
  }
}

TEST(ReminderKeyTest, IdsRoundTrip) {
  ReminderKey k;
  k.kind = ReminderKind::payment_due;
  k.contract = 42;
  k.installment = 3;
  k.due = d("2024-05-01");
  EXPECT_EQ(k.to_string(), "payment_due:42:3:2024-05-01");
  EXPECT_EQ(ReminderKey::parse("payment_due:42:3:2024-05-01"), k);
  ReminderKey a;
  a.kind = ReminderKind::approval_overdue;
  a.contract = 7;
  a.round = 2;
  a.step = 1;
  a.due = d("2024-03-05");
  EXPECT_EQ(a.to_string(), "approval_overdue:7:2.1:2024-03-05");
  EXPECT_EQ(ReminderKey::parse(a.to_string()), a);
  ReminderKey e;
  e.kind = ReminderKind::expiry;
  e.contract = 9223372036854775807;
  e.due = d("9999-12-31");
  EXPECT_EQ(ReminderKey::parse(e.to_string()), e);
  for (const char* bad : {"expiry:42", "expiry:42:1:2024-01-01", "delivery_late:42:2024-13-01", "payment_overdue:42:x:2024-01-01",
                          "approval_overdue:42:2.:2024-01-01", "approval_overdue:42:.1:2024-01-01", "approval_overdue:42:1.1.1:2024-01-01",
                          "expiry::2024-01-01", "expiry:42:2024-01-01:", " expiry:42:2024-01-01", "expiry:9223372036854775808:2024-01-01"}) {
    EXPECT_THROW(ReminderKey::parse(bad), ValidationError) << bad;
  }
}

TEST(ReferenceRemindersTest, FollowTheConditionsLiterally) {
  TrackingInput in;
  Contract& c = in.contract;
  c.id = 5;
  c.number = "HT-2024-SD-0005";
  c.type = "sales";
  c.owner = "E2";
  c.amount = Money::parse("1000.00", "CNY");
  c.signed_on = d("2024-01-10");
  c.activated_on = d("2024-01-10");
  c.end = d("2024-04-30");
  c.delivery_due = d("2024-03-15");
  c.installments = {{d("2024-02-15"), Money::parse("300.00", "CNY")}, {d("2024-03-15"), Money::parse("700.00", "CNY")}};
  Event pay;
  pay.seq = 10;
  pay.type = EventType::payment_received;
  pay.contract = 5;
  pay.effective = d("2024-02-14");
  pay.amount = Money::parse("300.00", "CNY");
  in.events.push_back(pay);
  in.steps.push_back(TrackedStep{1, 1, d("2024-01-05"), d("2024-01-08"), d("2024-01-09")});

  std::vector<std::string> got;
  for (const Reminder& r : reference_reminders(in, d("2024-03-08"))) got.push_back(r.id);
  EXPECT_EQ(got, std::vector<std::string>({"payment_due:5:2:2024-03-15", "delivery_due:5:2024-03-15"}));
  got.clear();
  for (const Reminder& r : reference_reminders(in, d("2024-04-01"))) got.push_back(r.id);
  EXPECT_EQ(got, std::vector<std::string>({"expiry:5:2024-04-30", "payment_overdue:5:2:2024-03-15", "delivery_late:5:2024-03-15"}));
  // The approval step closed the day after its due date: overdue for one day.
  in.steps[0].closed_on = d("2024-01-10");
  got.clear();
  for (const Reminder& r : reference_reminders(in, d("2024-01-09"))) got.push_back(r.id);
  EXPECT_EQ(got, std::vector<std::string>({"approval_overdue:5:1.1:2024-01-08"}));
  EXPECT_TRUE(reference_reminders(in, d("2024-01-10")).empty());
}

}  // namespace
