// Errors that stay in the model (issue 17): money sums are checked, an
// amendment that changes nothing is no amendment, the last day of the
// calendar is usable by every read, and a refused read writes nothing.
#include <gtest/gtest.h>

#include "contract/company.hpp"
#include "pactum/store/database.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using pactum::test::cny;
using pactum::test::d;

namespace {

// Amounts near the 64-bit limit of 10^-4 units (922,337,203,685,477.5807).
Money huge(const char* yuan) { return Money::parse(yuan, "CNY"); }

class GuaranteesTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_company(db); }

  test::TempDir dir;
  std::string path = dir.file("company.db");
  Database db{path};
};

}  // namespace

// The defect: an allowed over-payment pushing collected past the 64-bit
// range was accepted; SQLite stored a float and every later read failed
// (export with PACTUM_ECORRUPT). Now it is PACTUM_EOVERFLOW and nothing changes.
TEST_F(GuaranteesTest, AnOverpaymentBeyondThe64BitRangeIsRefusedAndChangesNothing) {
  const Contract c = test::active_contract(db, "900000000000000.00");
  db.record_payment(c.id, huge("900000000000000.00"), d("2024-02-01"), "P-1");
  const std::string before = test::logical_dump(path);
  try {
    db.record_payment(c.id, huge("900000000000000.00"), d("2024-02-02"), "P-2", "finance", true);
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), Errc::overflow);
  }
  EXPECT_EQ(test::logical_dump(path), before);
  EXPECT_EQ(db.contract(c.id).collected, huge("900000000000000.00"));
  EXPECT_NO_THROW(db.export_to(dir.file("export")));
  EXPECT_NO_THROW(db.reminders(d("2024-03-01")));
}

// The defect: collection_trend added the months' figures with an unchecked
// += and wrapped to a negative total.
TEST_F(GuaranteesTest, ACollectionTrendBeyondThe64BitRangeIsAnOverflowNotAWrap) {
  for (const char* ref : {"P-1", "P-2"}) {
    const Contract c = test::active_contract(db, "500000000000000.00");
    db.record_payment(c.id, huge("500000000000000.00"), d("2024-02-01"), ref);
  }
  try {
    const CollectionTrend t = db.collection_trend(Period::parse("2024-Q1"), d("2024-03-31"));
    for (const CollectionMonth& m : t.months) EXPECT_FALSE(m.collected.is_negative()) << m.month;
    FAIL() << "the sum of 2 x 500 trillion fits in 64 bits?";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), Errc::overflow);
  }
}

// The defect: an amendment giving the terms as they stand was recorded and
// counted as a change in the change rate.
TEST_F(GuaranteesTest, AnAmendmentThatChangesNothingIsRefusedAndNotCounted) {
  const Contract c = test::active_contract(db);
  const std::string before = test::logical_dump(path);
  Amendment same;
  same.counterparty = c.counterparty;
  same.delivery_due = c.delivery_due;
  try {
    db.amend(c.id, "重复", same, d("2024-02-01"));
    FAIL() << "recorded";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.key(), "contract.amendment_changes_nothing");
    EXPECT_NE(std::string(e.what()).find(c.number), std::string::npos);
  }
  EXPECT_EQ(test::logical_dump(path), before);
  for (const Event& e : db.events(c.id)) EXPECT_NE(e.type, EventType::amended);
  // A real change is still one.
  Amendment other;
  other.counterparty = "新名称";
  EXPECT_EQ(db.amend(c.id, "更名", other, d("2024-02-01")).type, EventType::amended);
}

// The defect: reminders as of 9999-12-31 and a period ending then were
// refused, after the tracking index had been written.
TEST_F(GuaranteesTest, TheLastDayOfTheCalendarIsUsableByEveryRead) {
  ContractSpec s = test::sales_spec();
  s.end = d("9999-12-31");
  s.delivery_due = d("9999-12-31");
  s.installments = {{d("2024-02-01"), cny("500000.00")}, {d("9999-12-31"), cny("500000.00")}};
  const Contract c = db.create_contract(s);
  db.activate(c.id, d("2024-01-10"));
  db.record_payment(c.id, cny("500000.00"), d("2024-02-01"), "P-1");
  const Date last = d("9999-12-31");
  EXPECT_EQ(Date::last(), last);

  const auto reminders = db.reminders(last);
  bool due_today = false;
  for (const Reminder& r : reminders) {
    EXPECT_NE(r.kind, ReminderKind::delivery_late);  // late only after the due date, which never comes
    due_today = due_today || r.kind == ReminderKind::delivery_due;
  }
  EXPECT_TRUE(due_today);
  for (const char* period : {"9999", "9999-Q4", "9999-12", "9999-06-15..9999-12-31"}) {
    SCOPED_TRACE(period);
    const Period p = Period::parse(period);
    EXPECT_EQ(p.end(), last);
    EXPECT_NO_THROW(p.months());
    EXPECT_NO_THROW(db.scorecard("E1", p, last));
    EXPECT_NO_THROW(db.report_departments(p, last));
    EXPECT_NO_THROW(db.report_employees(p, last));
    EXPECT_NO_THROW(db.collection_trend(p, last));
  }
  EXPECT_EQ(db.collection_trend(Period::parse("9999-12"), last).months.size(), 1u);
  const Forecast f = db.forecast(last);
  EXPECT_EQ(f.horizon_end, last);
  EXPECT_TRUE(f.installments.empty());  // no month of the horizon begins within the calendar
  const Forecast g = db.forecast(d("9999-11-15"));
  EXPECT_EQ(g.horizon_end, last);
  ASSERT_EQ(g.installments.size(), 2u);
  EXPECT_EQ(g.installments[1].to, last);
}

// A refused read writes nothing, not even the tracking index behind the
// last write.
TEST_F(GuaranteesTest, ARefusedReadLeavesTheDatabaseAsItWas) {
  const Contract c = test::active_contract(db);
  db.reminders(d("2024-01-31"));  // the index is up to date...
  db.record_payment(c.id, cny("10.00"), d("2024-02-01"), "P-1");  // ...and now behind
  const std::string before = test::logical_dump(path);
  ForecastOptions bad_months;
  bad_months.months = 0;
  EXPECT_THROW(db.forecast(d("2024-03-01"), bad_months), ValidationError);
  CollectionTrendOptions bad_types;
  bad_types.types = {"no such type"};
  EXPECT_THROW(db.collection_trend(Period::parse("2024"), d("2024-03-01"), bad_types), ValidationError);
  EmployeeReportOptions bad_department;
  bad_department.department = "XX";
  EXPECT_THROW(db.report_employees(Period::parse("2024"), d("2024-03-01"), bad_department), NotFoundError);
  EXPECT_THROW(db.acknowledge("expiry:999:2024-12-31"), NotFoundError);
  EXPECT_THROW(db.scorecard("NOBODY", Period::parse("2024"), d("2024-03-01")), NotFoundError);
  EXPECT_EQ(test::logical_dump(path), before);
}
