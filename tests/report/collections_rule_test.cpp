// The collection trend's builder and the label rules over values, without a
// database (src/report/builders.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "pactum/core/error.hpp"
#include "report/builders.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

Date d(const char* s) { return Date::parse(s); }

}  // namespace

TEST(CollectionTrendRules, TypesCountedByDefaultAndChecked) {
  report::CollectionTrendBuilder all(Period::parse("2024"), d("2024-12-31"), Currency::of("CNY"), {});
  EXPECT_TRUE(all.counts("sales"));
  EXPECT_FALSE(all.counts("labour"));
  EXPECT_FALSE(all.counts("procurement"));
  EXPECT_EQ(report::trend_types({"service", "sales", "service"}), (std::vector<std::string>{"sales", "service"}));
  report::CollectionTrendBuilder some(Period::parse("2024"), d("2024-12-31"), Currency::of("CNY"), report::trend_types({"labour"}));
  EXPECT_TRUE(some.counts("labour"));
  EXPECT_FALSE(some.counts("sales"));
  EXPECT_EQ(key_of([] { report::trend_types({"bad type!"}); }), "contract.bad_type");
  // A period that starts after the as-of date has no month.
  EXPECT_FALSE(report::CollectionTrendBuilder(Period::parse("2025"), d("2024-12-31"), Currency::of("CNY"), {}).has_months());
}

// Laws over random contracts in the reporting currency: the months cover the
// period up to the cutoff; each month's due and collected are the steps'
// growth in it; the cumulative columns are the running sums; the rate is
// collected / due to date.
TEST(CollectionTrendRules, MonthsAreTheGrowthOfTheStepsAndTheirRunningSums) {
  std::mt19937 rng(42);
  const Currency cny = Currency::of("CNY");
  for (int round = 0; round < 50; ++round) {
    const Date as_of = d("2024-01-01").add_days(static_cast<int>(rng() % 400));
    report::CollectionTrendBuilder b(Period::parse("2024"), as_of, cny, {});
    std::vector<report::TrendContract> contracts;
    for (int k = 0; k < 5; ++k) {
      report::TrendContract c;
      c.amount = c.reporting_amount = 1000000 * (1 + static_cast<std::int64_t>(rng() % 9));
      std::int64_t due = 0;
      std::int64_t got = 0;
      Date day = d("2023-12-01");
      for (int s = 0; s < 4; ++s) {
        day = day.add_days(1 + static_cast<int>(rng() % 90));
        due += 10000 * static_cast<std::int64_t>(rng() % 50);
        c.schedule.emplace_back(day, due);
        got += 10000 * static_cast<std::int64_t>(rng() % 50);
        c.collections.emplace_back(day.add_days(static_cast<int>(rng() % 20)), got);
      }
      b.add(c);
      contracts.push_back(std::move(c));
    }
    const CollectionTrend t = b.finish();
    const Date cutoff = std::min(as_of, d("2024-12-31"));
    EXPECT_EQ(t.cutoff, cutoff);
    ASSERT_FALSE(t.months.empty());
    EXPECT_EQ(t.months.front().from, d("2024-01-01"));
    EXPECT_EQ(t.months.back().to, cutoff);
    Money due_sum = Money::zero(cny);
    Money got_sum = Money::zero(cny);
    for (const CollectionMonth& m : t.months) {
      std::int64_t due = 0;
      std::int64_t got = 0;
      for (const report::TrendContract& c : contracts) {
        due += tracking::value_on(c.schedule, m.to) - tracking::value_on(c.schedule, m.from.add_days(-1));
        got += tracking::value_on(c.collections, m.to) - tracking::value_on(c.collections, m.from.add_days(-1));
      }
      EXPECT_EQ(m.due.units(), due) << m.month;
      EXPECT_EQ(m.collected.units(), got) << m.month;
      due_sum += m.due;
      got_sum += m.collected;
      EXPECT_EQ(m.due_to_date, due_sum);
      EXPECT_EQ(m.collected_to_date, got_sum);
      EXPECT_EQ(m.collection_ratio.has_value(), due_sum.is_positive());
      if (m.collection_ratio) {
        EXPECT_EQ(*m.collection_ratio, ratio(got_sum, due_sum));
      }
    }
  }
}

TEST(CollectionTrendRules, ForeignContractsConvertAtTheirOwnRateRoundedPerMonth) {
  // 1000.00 USD held as 7100.00 CNY: 333.3333 USD collected is 2366.67 CNY.
  report::CollectionTrendBuilder b(Period::parse("2024-03"), d("2024-03-31"), Currency::of("CNY"), {});
  report::TrendContract c;
  c.amount = 10000000;
  c.reporting_amount = 71000000;
  c.collections = {{d("2024-03-05"), 3333333}};
  c.schedule = {{d("2024-03-20"), 10000000}};
  b.add(c);
  const CollectionTrend t = b.finish();
  ASSERT_EQ(t.months.size(), 1U);
  EXPECT_EQ(t.months[0].collected, Money::parse("2366.67", "CNY"));
  EXPECT_EQ(t.months[0].due, Money::parse("7100.00", "CNY"));
  EXPECT_EQ(t.contracts, 1);
}

TEST(LabelRules, NamesAndValues) {
  EXPECT_NO_THROW(report::check_label_name("report.title-2024_a"));
  EXPECT_EQ(key_of([] { report::check_label_name(""); }), "store.label_bad_name");
  EXPECT_EQ(key_of([] { report::check_label_name("标题"); }), "store.label_bad_name");
  EXPECT_EQ(key_of([] { report::check_label_name(std::string(65, 'a')); }), "store.label_bad_name");
  EXPECT_EQ(key_of([] { report::check_label_name("a\xff"); }), "core.bad_utf8");
  EXPECT_NO_THROW(report::check_label_value("t", std::string(report::kMaxLabelBytes, 'x')));
  EXPECT_EQ(key_of([] { report::check_label_value("t", std::string(report::kMaxLabelBytes + 1, 'x')); }),
            "store.label_too_long");
  EXPECT_EQ(key_of([] { report::check_label_value("t", "\xc3"); }), "core.bad_utf8");
}
