// Periods: the four forms, canonical text, containing periods, month counts.
#include <gtest/gtest.h>

#include "pactum/core/error.hpp"
#include "pactum/kpi/period.hpp"

using namespace pactum;

namespace {

Date d(const char* iso) { return Date::parse(iso); }

TEST(PeriodTest, ParsesMonthQuarterYearAndRange) {
  const Period m = Period::parse("2024-02");
  EXPECT_EQ(m.kind(), PeriodKind::month);
  EXPECT_EQ(m.start(), d("2024-02-01"));
  EXPECT_EQ(m.end(), d("2024-02-29"));
  EXPECT_EQ(m.months(), Ratio(1));

  const Period q = Period::parse("2024-Q4");
  EXPECT_EQ(q.kind(), PeriodKind::quarter);
  EXPECT_EQ(q.start(), d("2024-10-01"));
  EXPECT_EQ(q.end(), d("2024-12-31"));
  EXPECT_EQ(q.months(), Ratio(3));

  const Period y = Period::parse("2024");
  EXPECT_EQ(y.kind(), PeriodKind::year);
  EXPECT_EQ(y.start(), d("2024-01-01"));
  EXPECT_EQ(y.end(), d("2024-12-31"));
  EXPECT_EQ(y.months(), Ratio(12));
  EXPECT_EQ(y.days(), 366);

  const Period c = Period::parse("2024-01-15..2024-04-14");
  EXPECT_EQ(c.kind(), PeriodKind::custom);
  EXPECT_EQ(c.start(), d("2024-01-15"));
  EXPECT_EQ(c.end(), d("2024-04-14"));
  EXPECT_EQ(c.months(), Ratio(3));
  EXPECT_EQ(c.to_string(), "2024-01-15..2024-04-14");
}

TEST(PeriodTest, CanonicalTextRoundTrips) {
  for (const char* text : {"2024-01", "2024-12", "2024-Q1", "2024-Q3", "2024", "1999", "2024-01-15..2024-04-14",
                           "2024-02-29..2024-02-29"}) {
    EXPECT_EQ(Period::parse(text).to_string(), text);
    EXPECT_EQ(Period::parse(Period::parse(text).to_string()), Period::parse(text));
  }
}

TEST(PeriodTest, CalendarRangesAreTheirCalendarPeriod) {
  EXPECT_EQ(Period::parse("2024-01-01..2024-03-31").to_string(), "2024-Q1");
  EXPECT_EQ(Period::parse("2024-02-01..2024-02-29").to_string(), "2024-02");
  EXPECT_EQ(Period::parse("2024-01-01..2024-12-31").to_string(), "2024");
  EXPECT_EQ(Period::range(d("2024-04-01"), d("2024-06-30")).kind(), PeriodKind::quarter);
}

TEST(PeriodTest, RefusesMalformedPeriods) {
  for (const char* text : {"2024-Q5", "2024-Q0", "2024-13", "2024-00", "24", "", " 2024", "2024 ", "2024-1",
                           "2024-q1", "2024-Q12", "202a", "2024-04-14..2024-01-15", "2024-02-30..2024-03-01",
                           "2024-01-01..", "..2024-01-01", "2024-01-01...2024-02-01", "0999", "2024/01"}) {
    try {
      Period::parse(text);
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument) << text;
      EXPECT_FALSE(e.message(Lang::en).empty());
      EXPECT_FALSE(e.message(Lang::zh_CN).empty());
      EXPECT_NE(e.message(Lang::en), e.message(Lang::zh_CN));
    }
  }
  try {
    Period::parse("2024-Q5");
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("2024-Q5"), std::string::npos);
  }
}

TEST(PeriodTest, ContainingPeriodsOfADate) {
  EXPECT_EQ(Period::month_of(d("2024-02-17")).to_string(), "2024-02");
  EXPECT_EQ(Period::quarter_of(d("2024-02-17")).to_string(), "2024-Q1");
  EXPECT_EQ(Period::quarter_of(d("2024-12-31")).to_string(), "2024-Q4");
  EXPECT_EQ(Period::year_of(d("2024-02-17")).to_string(), "2024");
  EXPECT_TRUE(Period::parse("2024-Q1").contains(d("2024-03-31")));
  EXPECT_FALSE(Period::parse("2024-Q1").contains(d("2024-04-01")));
}

TEST(PeriodTest, CustomMonthCounts) {
  // Whole months even when the day is clamped: 2024-01-31 + 1 month = 2024-02-29.
  EXPECT_EQ(Period::parse("2024-01-31..2024-02-28").months(), Ratio(1));
  EXPECT_EQ(Period::parse("2024-03-15..2025-03-14").months(), Ratio(12));
  // Not whole: 12 x days / days of the twelve months from the start.
  // 2024-01-01..2024-01-10: 10 days, 366 days in the year from 2024-01-01.
  EXPECT_EQ(Period::parse("2024-01-01..2024-01-10").months(), Ratio(120, 366));
  // 2023-03-01..2023-03-15: 15 days of a 366-day span (it holds 2024-02-29).
  EXPECT_EQ(Period::parse("2023-03-01..2023-03-15").months(), Ratio(180, 366));
  EXPECT_EQ(Period::parse("2023-01-01..2023-01-15").months(), Ratio(180, 365));
}

}  // namespace
