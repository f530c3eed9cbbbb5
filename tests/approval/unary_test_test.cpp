// Unary tests (the grammar of docs/routing.md) and the values a decision
// reads: what each cell accepts, exactly, for every input type.
#include <gtest/gtest.h>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

using Range = UnaryTest::Range;
using Ranges = std::vector<Range>;
using Values = std::vector<std::string>;

constexpr std::int64_t kMax = INT64_MAX;

// A one-rule table with one input of `input_json`; returns the rule's test.
UnaryTest cell(const std::string& input_json, const std::string& name, const std::string& text) {
  std::string escaped;
  for (char ch : text) {
    if (ch == '"' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  const auto t = RoutingTable::parse(R"({"id": "u", "version": 1, "inputs": [)" + input_json +
                                     R"(], "rules": [{"when": {")" + name + R"(": ")" + escaped +
                                     R"("}, "route": [{"role": "x"}]}]})");
  return t.test(0, 0);
}

UnaryTest money(const std::string& text) { return cell(R"({"name": "amount", "type": "money"})", "amount", text); }
UnaryTest number(const std::string& text) {
  return cell(R"({"name": "n", "type": "attribute", "value_type": "number"})", "n", text);
}
UnaryTest text(const std::string& t) { return cell(R"({"name": "type", "type": "text"})", "type", t); }
UnaryTest grade(const std::string& t) {
  return cell(R"({"name": "grade", "type": "attribute", "value_type": "enum", "values": ["A", "B", "C"]})", "grade", t);
}
UnaryTest flag(const std::string& t) { return cell(R"({"name": "key_account", "type": "boolean"})", "key_account", t); }

TEST(RoutingUnaryTest, ComparisonsOnMoneyAreExactRangesOfUnits) {
  EXPECT_EQ(money("< 5").ranges(), Ranges({{0, 49999}}));
  EXPECT_EQ(money("<= 5").ranges(), Ranges({{0, 50000}}));
  EXPECT_EQ(money("> 5").ranges(), Ranges({{50001, kMax}}));
  EXPECT_EQ(money(">= 5").ranges(), Ranges({{50000, kMax}}));
  EXPECT_EQ(money("= 5").ranges(), Ranges({{50000, 50000}}));
  EXPECT_EQ(money("5").ranges(), Ranges({{50000, 50000}}));
  EXPECT_EQ(money("<0.0001").ranges(), Ranges({{0, 0}}));
  EXPECT_EQ(money("-").ranges(), Ranges({{0, kMax}}));
  EXPECT_TRUE(money("-").is_any());
  EXPECT_TRUE(money(">= 0").is_any());
  EXPECT_FALSE(money("> 0").is_any());
}

TEST(RoutingUnaryTest, RangesInEveryBracketStyle) {
  EXPECT_EQ(money("[1..5]").ranges(), Ranges({{10000, 50000}}));
  EXPECT_EQ(money("(1..5)").ranges(), Ranges({{10001, 49999}}));
  EXPECT_EQ(money("]1..5[").ranges(), Ranges({{10001, 49999}}));
  EXPECT_EQ(money("[1..5)").ranges(), Ranges({{10000, 49999}}));
  EXPECT_EQ(money("(1..5]").ranges(), Ranges({{10001, 50000}}));
  EXPECT_EQ(money("]1..5]").ranges(), Ranges({{10001, 50000}}));
  EXPECT_EQ(money(" [ 1 .. 5.5 ] ").ranges(), Ranges({{10000, 55000}}));
  EXPECT_EQ(money("[7..7]").ranges(), Ranges({{70000, 70000}}));
  EXPECT_EQ(number("[-5..-1.5]").ranges(), Ranges({{-50000, -15000}}));
}

TEST(RoutingUnaryTest, ListsAndNegationsOfMoney) {
  EXPECT_EQ(money("1, 3, 2").ranges(), Ranges({{10000, 10000}, {20000, 20000}, {30000, 30000}}));
  EXPECT_EQ(money("< 1, [1..2], > 5").ranges(), Ranges({{0, 20000}, {50001, kMax}}));
  EXPECT_EQ(money("not([1..5])").ranges(), Ranges({{0, 9999}, {50001, kMax}}));
  EXPECT_EQ(money("not(< 5)").ranges(), Ranges({{50000, kMax}}));
  EXPECT_EQ(money("not(1, 2)").ranges(), Ranges({{0, 9999}, {10001, 19999}, {20001, kMax}}));
  EXPECT_EQ(number("not(0)").ranges(), Ranges({{INT64_MIN, -1}, {1, kMax}}));
  // Money has no negative amounts unless the input says so.
  EXPECT_TRUE(money("< 0").is_empty());
  EXPECT_TRUE(money("not(>= 0)").is_empty());
}

TEST(RoutingUnaryTest, MoneyIsComparedExactlyAtFourDecimals) {
  const auto t = money("< 100000");
  EXPECT_TRUE(t.matches_units(999999999));    // 99,999.9999
  EXPECT_FALSE(t.matches_units(1000000000));  // 100,000
  const auto r = money("[0.1..0.3]");
  EXPECT_TRUE(r.matches_units(3000));  // 0.3: no binary rounding anywhere
  EXPECT_FALSE(r.matches_units(3001));
  EXPECT_TRUE(r.matches_units(1000));
}

TEST(RoutingUnaryTest, TextSetsAndTheirComplements) {
  const auto set = text(R"("sales", "procurement")");
  EXPECT_EQ(set.values(), Values({"procurement", "sales"}));
  EXPECT_FALSE(set.negated());
  EXPECT_TRUE(set.matches("sales"));
  EXPECT_FALSE(set.matches("Sales"));  // case-sensitive
  EXPECT_FALSE(set.matches(""));
  const auto other = text(R"(not("labour"))");
  EXPECT_TRUE(other.negated());
  EXPECT_TRUE(other.matches("sales"));
  EXPECT_TRUE(other.matches(""));
  EXPECT_FALSE(other.matches("labour"));
  EXPECT_TRUE(text(R"(= "a")").matches("a"));
  EXPECT_TRUE(text(R"("say \"hi\"\\")").matches("say \"hi\"\\"));
  EXPECT_TRUE(text(R"("销售合同")").matches("销售合同"));
  EXPECT_TRUE(text("-").is_any());
}

TEST(RoutingUnaryTest, EnumerationsResolveNegationAgainstTheDeclaredValues) {
  const auto t = grade(R"(not("A"))");
  EXPECT_FALSE(t.negated());
  EXPECT_EQ(t.values(), Values({"B", "C"}));
  EXPECT_TRUE(grade(R"("C", "A", "B")").is_any());
  EXPECT_TRUE(grade(R"(not("A", "B", "C"))").is_empty());
}

TEST(RoutingUnaryTest, Booleans) {
  EXPECT_EQ(flag("true").values(), Values({"true"}));
  EXPECT_EQ(flag("= false").values(), Values({"false"}));
  EXPECT_EQ(flag("not(true)").values(), Values({"false"}));
  EXPECT_TRUE(flag("true, false").is_any());
  EXPECT_TRUE(flag("true").matches("true"));
  EXPECT_FALSE(flag("true").matches("false"));
}

TEST(RoutingUnaryTest, JsonBooleansAndIntegersStandForThemselves) {
  const auto t = RoutingTable::parse(R"({"id": "j", "version": 1,
    "inputs": [{"name": "key_account", "type": "boolean"}, {"name": "amount", "type": "money"}],
    "rules": [{"when": {"key_account": true, "amount": 500}, "route": [{"role": "x"}]}]})");
  EXPECT_EQ(t.test(0, 0).values(), Values({"true"}));
  EXPECT_EQ(t.test(0, 1).ranges(), Ranges({{5000000, 5000000}}));
  EXPECT_EQ(t.test(0, 1).text(), "500");
}

// ---- Values read at evaluation ---------------------------------------------------

RoutingTable all_inputs() {
  return RoutingTable::parse(R"({"id": "v", "version": 1, "hit_policy": "FIRST",
    "inputs": [
      {"name": "type", "type": "enum", "values": ["sales", "labour"]},
      {"name": "amount", "type": "money", "currency": "CNY", "max": "1000000000"},
      {"name": "currency", "type": "text"},
      {"name": "department", "type": "department"},
      {"name": "key_account", "type": "boolean"},
      {"name": "region", "type": "attribute", "value_type": "text", "default": "north"},
      {"name": "budget", "type": "attribute", "attribute": "budget_amount", "value_type": "money"},
      {"name": "urgent", "type": "attribute", "value_type": "boolean", "default": "false"}
    ],
    "rules": [
      {"id": "match", "when": {"type": "\"sales\"", "amount": "> 10", "currency": "\"CNY\"", "department": "\"SD\"",
                               "key_account": "true", "region": "\"north\"", "budget": "[100..200]", "urgent": "false"},
       "route": [{"role": "finance"}]},
      {"id": "other", "route": [{"role": "hr"}]}
    ]})");
}

RoutingInputs full_inputs() {
  RoutingInputs in = inputs("sales", "75000.50", "SD", true);
  in.attributes["budget_amount"] = "150.25";
  return in;
}

TEST(RoutingInputsTest, EveryInputTypeIsReadFromItsSource) {
  const auto t = all_inputs();
  const auto r = t.evaluate(full_inputs());
  EXPECT_EQ(r.audit.matched_rules, std::vector<std::string>({"match"}));
  ASSERT_EQ(r.audit.inputs.size(), 8u);
  EXPECT_EQ(r.audit.inputs[0], (RoutingInputValue{"type", RoutingInputType::enumeration, "sales"}));
  EXPECT_EQ(r.audit.inputs[1], (RoutingInputValue{"amount", RoutingInputType::money, "75000.50"}));
  EXPECT_EQ(r.audit.inputs[2], (RoutingInputValue{"currency", RoutingInputType::text, "CNY"}));
  EXPECT_EQ(r.audit.inputs[5], (RoutingInputValue{"region", RoutingInputType::text, "north"}));
  EXPECT_EQ(r.audit.inputs[6], (RoutingInputValue{"budget", RoutingInputType::money, "150.25"}));
  EXPECT_EQ(r.audit.inputs[7], (RoutingInputValue{"urgent", RoutingInputType::boolean, "false"}));
  RoutingInputs elsewhere = full_inputs();
  elsewhere.attributes["region"] = "south";
  EXPECT_EQ(t.evaluate(elsewhere).audit.matched_rules, std::vector<std::string>({"other"}));
}

Errc code_of(const RoutingTable& t, const RoutingInputs& in, std::string* message = nullptr) {
  try {
    t.select(in);
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return Errc::ok;
}

TEST(RoutingInputsTest, ValuesTheTableCannotReadAreValidationErrors) {
  const auto t = all_inputs();
  std::string message;
  RoutingInputs in = full_inputs();
  in.type = "lease";
  EXPECT_EQ(code_of(t, in, &message), Errc::invalid_argument);
  EXPECT_NE(message.find("'lease' is not one of its declared values"), std::string::npos) << message;

  in = full_inputs();
  in.attributes.erase("budget_amount");
  EXPECT_EQ(code_of(t, in, &message), Errc::invalid_argument);
  EXPECT_NE(message.find("'budget'"), std::string::npos) << message;

  in = full_inputs();
  in.attributes["budget_amount"] = "1e5";
  EXPECT_EQ(code_of(t, in), Errc::invalid_argument);
  in.attributes["budget_amount"] = "1.00001";
  EXPECT_EQ(code_of(t, in), Errc::invalid_argument);
  in.attributes["budget_amount"] = "-1";  // money attributes are never negative
  EXPECT_EQ(code_of(t, in, &message), Errc::invalid_argument);
  EXPECT_NE(message.find("[0, +inf)"), std::string::npos) << message;

  in = full_inputs();
  in.amount = Money::parse("-5", "CNY");
  EXPECT_EQ(code_of(t, in), Errc::invalid_argument);
  in.amount = Money::parse("1000000000.0001", "CNY");
  EXPECT_EQ(code_of(t, in, &message), Errc::invalid_argument);
  EXPECT_NE(message.find("[0, 1000000000]"), std::string::npos) << message;
  in.amount = Money::parse("100", "USD");
  EXPECT_EQ(code_of(t, in), Errc::currency_mismatch);
  in.amount.reset();
  EXPECT_EQ(code_of(t, in), Errc::invalid_argument);

  in = full_inputs();
  in.attributes["urgent"] = "yes";
  EXPECT_EQ(code_of(t, in), Errc::invalid_argument);

  in = full_inputs();
  in.department = "S\xff";
  EXPECT_EQ(code_of(t, in, &message), Errc::invalid_argument);
  EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
}

TEST(RoutingInputsTest, TheCurrencyInputFallsBackToTheAmountsCurrency) {
  const auto t = all_inputs();
  RoutingInputs in = full_inputs();
  in.currency = "";
  EXPECT_EQ(t.evaluate(in).audit.inputs[2].value, "CNY");
  in.currency = "USD";  // the contract's own currency, the amount converted
  EXPECT_EQ(t.evaluate(in).audit.matched_rules, std::vector<std::string>({"other"}));
}

}  // namespace
