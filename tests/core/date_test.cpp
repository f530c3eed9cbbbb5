#include <gtest/gtest.h>

#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"

using namespace pactum;

namespace {

Date d(const char* s) { return Date::parse(s); }

}  // namespace

TEST(DateTest, StrictIsoParsingRejectsInvalidDates) {
  for (const char* bad : {"2023-02-29", "2024-02-30", "2024-13-01", "2024-1-1", "", "2024-00-10", "2024-01-00",
                          "2024-01-32", " 2024-01-01", "2024-01-01 ", "20240101", "2024/01/01", "24-01-01",
                          "2024-01-1a", "1399-12-31", "+2024-01-01", "2024-02-29T00:00"}) {
    try {
      Date::parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument);
      EXPECT_NE(std::string(e.what()).find("YYYY-MM-DD"), std::string::npos);
    }
  }
  EXPECT_FALSE(Date::try_parse("2023-02-29").has_value());
  EXPECT_TRUE(Date::try_parse("2024-02-29").has_value());
  EXPECT_TRUE(Date::try_parse("2000-02-29").has_value());
  EXPECT_FALSE(Date::try_parse("1900-02-29").has_value());
}

TEST(DateTest, FormatsAndExposesFields) {
  const Date x = d("2024-03-07");
  EXPECT_EQ(x.to_string(), "2024-03-07");
  EXPECT_EQ(x.year(), 2024);
  EXPECT_EQ(x.month(), 3);
  EXPECT_EQ(x.day(), 7);
  EXPECT_EQ(x.quarter(), 1);
  EXPECT_EQ(d("2024-10-01").quarter(), 4);
  EXPECT_EQ(Date().to_string(), "1970-01-01");
  EXPECT_EQ(d("9999-12-31").to_string(), "9999-12-31");
  EXPECT_EQ(d("1400-01-01").to_string(), "1400-01-01");
}

TEST(DateTest, MonthArithmeticClampsOnlyWhenTheDayDoesNotExist) {
  EXPECT_EQ(d("2024-01-31").add_months(1), d("2024-02-29"));
  EXPECT_EQ(d("2023-01-31").add_months(1), d("2023-02-28"));
  EXPECT_EQ(d("2024-04-30").add_months(1), d("2024-05-30"));
  EXPECT_EQ(d("2024-02-29").add_months(12), d("2025-02-28"));
  EXPECT_EQ(d("2024-03-31").add_months(-1), d("2024-02-29"));
  EXPECT_EQ(d("2024-12-15").add_months(1), d("2025-01-15"));
  EXPECT_EQ(d("2024-01-15").add_months(-13), d("2022-12-15"));
  EXPECT_EQ(d("2024-02-29").add_years(4), d("2028-02-29"));
  EXPECT_THROW(d("9999-12-01").add_months(1), ValidationError);
}

TEST(DateTest, DayArithmeticAndDifferences) {
  EXPECT_EQ(days_between(d("2024-01-10"), d("2024-03-01")), 51);
  EXPECT_EQ(days_between(d("2024-03-01"), d("2024-01-10")), -51);
  EXPECT_EQ(days_between(d("2023-01-01"), d("2024-01-01")), 365);
  EXPECT_EQ(days_between(d("2024-01-01"), d("2025-01-01")), 366);
  EXPECT_EQ(d("2024-02-28").add_days(1), d("2024-02-29"));
  EXPECT_EQ(d("2024-02-29").add_days(1), d("2024-03-01"));
  EXPECT_EQ(d("2024-01-01").add_days(-1), d("2023-12-31"));
  EXPECT_EQ(d("2024-02-10").end_of_month(), d("2024-02-29"));
  EXPECT_EQ(d("2024-02-10").first_of_month(), d("2024-02-01"));
  EXPECT_LT(d("2024-01-31"), d("2024-02-01"));
  EXPECT_THROW(d("9999-12-31").add_days(1), ValidationError);
}

// Law: every day from 1999 to 2031 formats and parses back to itself, and
// consecutive days differ by one.
TEST(DateTest, EveryDayRoundTrips) {
  Date x = d("1999-01-01");
  const Date end = d("2031-12-31");
  while (x < end) {
    const Date next = x.add_days(1);
    ASSERT_EQ(Date::parse(x.to_string()), x);
    ASSERT_EQ(Date::from_ymd(x.year(), x.month(), x.day()), x);
    ASSERT_EQ(days_between(x, next), 1);
    x = next;
  }
}

// The defect: Date::add_days and add_months overflowed (undefined behaviour)
// for extreme arguments. Every argument is defined now: out of the calendar
// is a ValidationError.
TEST(DateTest, ExtremeArgumentsAreOutOfRangeNotOverflows) {
  const Date d = Date::parse("2024-01-31");
  for (std::int64_t n : {INT64_MAX, INT64_MIN, INT64_MAX / 2, INT64_MIN + 1, std::int64_t{1} << 40}) {
    EXPECT_THROW(d.add_days(n), ValidationError) << n;
    EXPECT_THROW(d.add_months(n), ValidationError) << n;
    EXPECT_THROW(d.add_years(n), ValidationError) << n;
    EXPECT_FALSE(d.try_add_days(n)) << n;
    EXPECT_FALSE(d.try_add_months(n)) << n;
  }
  EXPECT_EQ(d.add_days_clamped(INT64_MAX), Date::last());
  EXPECT_EQ(d.add_days_clamped(INT64_MIN), Date::first());
  EXPECT_EQ(Date::last().to_string(), "9999-12-31");
  EXPECT_EQ(Date::first().to_string(), "1400-01-01");
  EXPECT_EQ(Date::last().try_add_days(0), Date::last());
  EXPECT_FALSE(Date::last().try_add_days(1));
  EXPECT_FALSE(Date::first().try_add_days(-1));
  EXPECT_EQ(Date::parse("9999-11-30").try_add_months(1), Date::parse("9999-12-30"));
  EXPECT_EQ(Date::parse("9999-10-31").try_add_months(2), Date::last());
  EXPECT_FALSE(Date::parse("9999-12-01").try_add_months(1));
}
