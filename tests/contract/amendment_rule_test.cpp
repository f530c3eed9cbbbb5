// Amendments over values, without a database (pactum/contract/amendment.hpp):
// the plan of a change (its refusals, the typed diff, the terms after), the
// payload codec (its stable text, the round trip as a law, malformed
// payloads) and the one conversion to the reporting currency.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "pactum/contract/amendment.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

Date d(const char* text) { return Date::parse(text); }
Money cny(const char* text) { return Money::parse(text, "CNY"); }

Contract signed_contract() {
  Contract c;
  c.id = 7;
  c.number = "HT-2024-SD-0007";
  c.type = "sales";
  c.status = ContractStatus::active;
  c.owner = c.signer = "E001";
  c.counterparty = "华东机电";
  c.amount = cny("100000.00");
  c.reporting_amount = c.amount;
  c.exchange_rate = Decimal(1);
  c.signed_on = d("2024-01-10");
  c.start = d("2024-01-10");
  c.end = d("2024-12-31");
  c.installments = {{d("2024-03-31"), cny("40000.00")}, {d("2024-06-30"), cny("60000.00")}};
  c.attributes.insert_or_assign("region", AttributeValue(std::string("east")));
  c.collected = cny("40000.00");
  return c;
}

const Currency kCny = Currency::of("CNY");

// prefix + n (appended: GCC 12 warns falsely on operator+ here).
std::string numbered(const char* prefix, unsigned n) {
  std::string out(prefix);
  out.append(std::to_string(n));
  return out;
}

}  // namespace

TEST(AmendmentRule, APlanCarriesTheTypedDiffAndTheTermsAfter) {
  const Contract c = signed_contract();
  Amendment a;
  a.amount = cny("120000.00");
  a.installments = std::vector<Installment>{{d("2024-03-31"), cny("40000.00")}, {d("2024-09-30"), cny("80000.00")}};
  a.set_attributes.insert_or_assign("budget", AttributeValue(cny("90000.00")));
  a.remove_attributes.push_back("region");
  a.counterparty = "华东机电";  // the same: not a change
  const AmendmentPlan plan = plan_amendment(c, a, kCny);
  ASSERT_TRUE(plan.diff.amount.has_value());
  EXPECT_EQ(plan.diff.amount->from, cny("100000.00"));
  EXPECT_EQ(plan.diff.amount->to, cny("120000.00"));
  ASSERT_TRUE(plan.diff.installments.has_value());
  EXPECT_EQ(plan.diff.installments->to.back().due, d("2024-09-30"));
  EXPECT_FALSE(plan.diff.counterparty.has_value());
  EXPECT_FALSE(plan.diff.start.has_value());
  ASSERT_EQ(plan.diff.attributes.size(), 2U);
  EXPECT_FALSE(plan.diff.attributes.at("budget").from.has_value());
  EXPECT_FALSE(plan.diff.attributes.at("region").to.has_value());
  EXPECT_EQ(plan.after.amount, cny("120000.00"));
  EXPECT_EQ(plan.after.reporting_amount, cny("120000.00"));
  EXPECT_EQ(plan.after.installments.size(), 2U);
  EXPECT_FALSE(plan.after.attributes.contains("region"));
  EXPECT_TRUE(plan.after.attributes.contains("budget"));
  EXPECT_NO_THROW(require_changes(plan, c.number));
}

TEST(AmendmentRule, TermsGivenAgainChangeNothing) {
  const Contract c = signed_contract();
  Amendment a;
  a.end = c.end;
  a.counterparty = c.counterparty;
  a.key_account = c.key_account;
  const AmendmentPlan plan = plan_amendment(c, a, kCny);
  EXPECT_TRUE(plan.diff.empty());
  EXPECT_EQ(terms_diff_to_json(plan.diff), "{}");
  EXPECT_EQ(key_of([&] { require_changes(plan, c.number); }), "contract.amendment_changes_nothing");
}

TEST(AmendmentRule, RefusalsInTheirOrder) {
  const Contract c = signed_contract();
  EXPECT_EQ(key_of([] { require_not_empty(Amendment{}); }), "contract.empty_amendment");
  EXPECT_EQ(key_of([&] { require_amendable(c.number, ContractStatus::completed); }), "contract.not_amendable");
  EXPECT_EQ(key_of([&] { require_amendable(c.number, ContractStatus::pending_approval); }), "contract.not_amendable");
  EXPECT_NO_THROW(require_amendable(c.number, ContractStatus::draft));
  EXPECT_NO_THROW(require_amendable(c.number, ContractStatus::breached));

  auto plan = [&](Amendment a) { return key_of([&] { plan_amendment(c, a, kCny); }); };
  Amendment a;
  a.remove_attributes.push_back("missing");
  EXPECT_EQ(plan(a), "contract.no_such_attribute");
  a = {};
  a.end = d("2024-01-01");
  EXPECT_EQ(plan(a), "contract.end_before_start");
  a = {};
  a.delivery_due = d("2023-12-31");
  EXPECT_EQ(plan(a), "contract.delivery_before_signing");
  a = {};
  a.amount = cny("50000.00");
  EXPECT_EQ(plan(a), "contract.amount_needs_schedule");
  a.installments = std::vector<Installment>{};
  a.amount = Money::parse("50000.00", "USD");
  EXPECT_EQ(plan(a), "contract.amount_currency");
  a.amount = cny("0.00");
  EXPECT_EQ(plan(a), "contract.amount_not_positive");
  a.amount = cny("39999.99");  // below the 40,000.00 collected
  EXPECT_EQ(plan(a), "contract.amount_below_collected");
  a.amount = cny("40000.00");
  EXPECT_EQ(plan(a), "(none)");
  a = {};
  a.counterparty = "   ";
  EXPECT_EQ(plan(a), "org.blank");
}

TEST(AmendmentRule, AnEmptyScheduleIsOneInstalmentOnTheDeliveryDate) {
  Contract c = signed_contract();
  c.delivery_due = d("2024-05-15");
  Amendment a;
  a.amount = cny("90000.00");
  a.installments = std::vector<Installment>{};
  const AmendmentPlan plan = plan_amendment(c, a, kCny);
  ASSERT_TRUE(plan.schedule.has_value());
  ASSERT_EQ(plan.schedule->size(), 1U);
  EXPECT_EQ(plan.schedule->front().due, d("2024-05-15"));
  EXPECT_EQ(plan.schedule->front().amount, cny("90000.00"));
}

// The payload is stored in the event log: its text is a format, kept stable.
TEST(AmendmentRule, ThePayloadTextIsStable) {
  TermsDiff diff;
  diff.end = Change<std::optional<Date>>{d("2024-12-31"), std::nullopt};
  diff.amount = Change<Money>{cny("100000.00"), cny("120000.00")};
  diff.installments = Change<std::vector<Installment>>{{{d("2024-03-31"), cny("100000.00")}},
                                                       {{d("2024-03-31"), cny("120000.00")}}};
  diff.attributes.insert_or_assign("budget", Change<std::optional<AttributeValue>>{std::nullopt, AttributeValue(cny("5.00"))});
  diff.key_account = Change<bool>{false, true};
  EXPECT_EQ(terms_diff_to_json(diff),
            R"({"amount":{"from":"100000.00","to":"120000.00"},"attributes":{"budget":{"from":null,"to":["money","5.00 CNY"]}},)"
            R"("end":{"from":"2024-12-31","to":"null"},"installments":{"from":[["2024-03-31","100000.00"]],)"
            R"("to":[["2024-03-31","120000.00"]]},"key_account":{"from":"false","to":"true"}})");
}

TEST(AmendmentRule, MalformedPayloadsAreRefusedAndOldOnesReadEmpty) {
  EXPECT_TRUE(terms_diff_from_json("", kCny).empty());
  EXPECT_TRUE(terms_diff_from_json("[1,2]", kCny).empty());
  for (const char* bad : {"{", R"({"amount":{"from":"1.00"}})", R"({"amount":{"from":"x","to":"1.00"}})",
                          R"({"start":{"from":"2024-02-30","to":"2024-03-01"}})", R"({"attributes":[1]})",
                          R"({"installments":{"from":[["2024-01-01"]],"to":[]}})", R"({"amount":{"from":1,"to":2}})"}) {
    try {
      terms_diff_from_json(bad, kCny);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument) << bad;  // a ValidationError, never another exception
    }
  }
  EXPECT_EQ(key_of([&] { terms_diff_from_json("{", kCny); }), "contract.bad_amendment_payload");
}

// Law: decoding the encoded diff gives it back, for random diffs.
TEST(AmendmentRule, ThePayloadRoundTrips) {
  std::mt19937 rng(11);
  auto day = [&] { return d("2024-01-01").add_days(static_cast<int>(rng() % 700)); };
  auto money = [&] { return Money::from_units(static_cast<std::int64_t>(rng() % 100000000) * 100, kCny); };
  auto maybe_day = [&]() -> std::optional<Date> {
    if (rng() % 3 == 0) return std::nullopt;
    return day();
  };
  for (int round = 0; round < 300; ++round) {
    TermsDiff diff;
    if (rng() % 2) diff.start = Change<Date>{day(), day()};
    if (rng() % 2) diff.end = Change<std::optional<Date>>{maybe_day(), maybe_day()};
    if (rng() % 2) diff.delivery_due = Change<std::optional<Date>>{maybe_day(), maybe_day()};
    if (rng() % 2) diff.counterparty = Change<std::string>{numbered("甲方 ", rng() % 9), "\"B\" co."};
    if (rng() % 2) diff.key_account = Change<bool>{rng() % 2 == 0, rng() % 2 == 0};
    if (rng() % 2) diff.amount = Change<Money>{money(), money()};
    if (rng() % 2) {
      Change<std::vector<Installment>> s;
      for (int i = static_cast<int>(rng() % 4); i > 0; --i) s.from.push_back({day(), money()});
      for (int i = static_cast<int>(rng() % 4); i > 0; --i) s.to.push_back({day(), money()});
      diff.installments = s;
    }
    for (int i = static_cast<int>(rng() % 3); i > 0; --i) {
      std::optional<AttributeValue> from;
      std::optional<AttributeValue> to;
      if (rng() % 2) from = AttributeValue(money());
      if (rng() % 2) to = AttributeValue(numbered("v", rng() % 5));
      diff.attributes.insert_or_assign(numbered("a", rng() % 5), Change<std::optional<AttributeValue>>{from, to});
    }
    EXPECT_EQ(terms_diff_from_json(terms_diff_to_json(diff), kCny), diff);
  }
}

TEST(AmendmentRule, TheReportingConversionRoundsOnceHalfEven) {
  const Currency usd = Currency::of("USD");
  // 0.125 x 1 at 2 decimals: 0.12 (half to even), 0.135 -> 0.14.
  EXPECT_EQ(to_reporting_currency(Money::parse("0.125", usd), Decimal(1), kCny).to_string(), "0.12");
  EXPECT_EQ(to_reporting_currency(Money::parse("0.135", usd), Decimal(1), kCny).to_string(), "0.14");
  EXPECT_EQ(to_reporting_currency(Money::parse("100.00", usd), Decimal::parse("7.1234"), kCny), cny("712.34"));
  EXPECT_EQ(to_reporting_currency(cny("5.00"), Decimal::parse("9"), kCny), cny("5.00"));  // already reporting
}
