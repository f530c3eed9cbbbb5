// The rules of KPI settings and periods over values, without a database
// (pactum/kpi/rules.hpp): targets, rule settings, bonus bases, template
// versions, and closing and reopening periods.
#include <gtest/gtest.h>

#include <string>

#include "pactum/core/error.hpp"
#include "support/refusal.hpp"
#include "pactum/kpi/rules.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

TargetSpec target() {
  TargetSpec t;
  t.indicator = "signed_amount";
  t.position = "sales";
  t.value = Decimal::parse("1200000");
  return t;
}

}  // namespace

TEST(KpiRules, TargetsRuleSettingsAndBonusBases) {
  EXPECT_NO_THROW(check_target(target()));
  TargetSpec both = target();
  both.employee = "E1";
  EXPECT_EQ(key_of([&] { check_target(both); }), "kpi.target_scope");
  TargetSpec neither = target();
  neither.position.reset();
  EXPECT_EQ(key_of([&] { check_target(neither); }), "kpi.target_scope");
  TargetSpec negative = target();
  negative.value = Decimal::parse("-1");
  EXPECT_EQ(key_of([&] { check_target(negative); }), "kpi.target_value");
  TargetSpec fine = target();
  fine.value = Decimal::parse("0.00001");
  EXPECT_EQ(key_of([&] { check_target(fine); }), "kpi.target_value");
  TargetSpec custom = target();
  custom.per = PeriodKind::custom;
  EXPECT_EQ(key_of([&] { check_target(custom); }), "kpi.bad_per_name");

  RuleSetting r;
  r.rule = static_cast<RuleKind>(99);
  EXPECT_EQ(key_of([&] { check_rule_setting(r); }), "kpi.unknown_rule");
  r.rule = all_rule_kinds().front();
  r.points = Decimal::parse("1.005");
  EXPECT_EQ(key_of([&] { check_rule_setting(r); }), "kpi.rule_points_scale");
  r.points = Decimal::parse("5");
  r.cap = Decimal::parse("-1");
  EXPECT_EQ(key_of([&] { check_rule_setting(r); }), "kpi.rule_cap");
  r.cap = Decimal::parse("10");
  EXPECT_NO_THROW(check_rule_setting(r));

  EXPECT_EQ(key_of([] { require_bonus_base(Money::parse("-0.01", "CNY")); }), "kpi.bonus_base_negative");
  EXPECT_NO_THROW(require_bonus_base(Money::parse("0.00", "CNY")));
}

TEST(KpiRules, TemplateVersions) {
  EXPECT_FALSE(check_template_version("sales", 2, 3, std::string("{doc}"), "{doc}"));  // the same write again
  EXPECT_EQ(key_of([] { check_template_version("sales", 2, 3, std::string("{old}"), "{new}"); }), "kpi.template_conflict");
  EXPECT_EQ(key_of([] { check_template_version("sales", 2, 3, std::nullopt, "{new}"); }), "kpi.template_version_old");
  EXPECT_TRUE(check_template_version("sales", 4, 3, std::nullopt, "{new}"));
  EXPECT_EQ(key_of([] { refuse_unknown_template("x"); }), "kpi.unknown_template");
  EXPECT_EQ(key_of([] { refuse_unknown_template_version("x", 3); }), "kpi.unknown_template_version");
  EXPECT_EQ(key_of([] { refuse_no_binding("sales"); }), "kpi.no_binding");
}

TEST(KpiRules, ClosingAndReopeningPeriods) {
  const Period q1 = Period::parse("2024-Q1");
  EXPECT_EQ(key_of([&] { check_period_close(q1, std::nullopt, Date::parse("2024-03-30")); }), "kpi.close_before_end");
  EXPECT_NO_THROW(check_period_close(q1, std::nullopt, q1.end()));
  EXPECT_EQ(key_of([&] { check_period_close(q1, std::int64_t{12}, Date::parse("2024-04-02")); }), "kpi.period_closed");
  EXPECT_EQ(key_of([] { require_reopen_reason(""); }), "kpi.reopen_reason");
  EXPECT_EQ(key_of([&] { require_closed(q1, std::nullopt); }), "kpi.period_not_closed");
  EXPECT_EQ(require_closed(q1, std::int64_t{12}), 12);
  EXPECT_EQ(key_of([&] { check_reopen_date(q1, Date::parse("2024-04-02"), Date::parse("2024-04-01")); }),
            "kpi.reopen_before_close");
  EXPECT_NO_THROW(check_reopen_date(q1, Date::parse("2024-04-02"), Date::parse("2024-04-02")));
}
