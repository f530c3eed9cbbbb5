// Malformed routing tables: each is a ValidationError (PACTUM_EINVALID) whose
// message points at the rule (id and number), the input or step, and the
// position in the cell, in English and Chinese.
#include <gtest/gtest.h>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

// A table document around one rule's `when` and `route`.
std::string with_rule(const std::string& when, const std::string& route = R"([{"role": "finance"}])",
                      const std::string& extra_rule_members = "") {
  return R"({"id": "m", "version": 1, "hit_policy": "FIRST",
    "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"},
               {"name": "grade", "type": "attribute", "value_type": "enum", "values": ["A", "B"]}],
    "rules": [
      {"id": "ok", "when": {"amount": "< 10"}, "route": [{"role": "dept_manager"}]},
      {"id": "bad", "when": )" +
         when + R"(, "route": )" + route + extra_rule_members + R"(}]})";
}

struct Case {
  const char* name;
  std::string document;
  const char* key;
  std::vector<std::string> fragments;  // each must appear in the English message
};

std::vector<Case> cases() {
  return {
      {"bad JSON", R"({"id": "m", "version": 1,)", "core.json_malformed", {"decision table", "line 1", "column 26"}},
      {"bad JSON on a later line", "{\n  \"id\": \"m\",\n  \"version\": 1 2}", "core.json_malformed", {"line 3", "column 16"}},
      {"not an object", "[1, 2]", "routing.json_type", {"'/'", "object"}},
      {"unknown input", with_rule(R"({"amout": "< 5"})"), "routing.unknown_input",
       {"rule 'bad' (number 2)", "'amout'"}},
      {"bad unary test", with_rule(R"({"amount": "< 5x"})"), "routing.cell_unexpected",
       {"rule 'bad' (number 2)", "input 'amount'", "position 4", "'x'"}},
      {"unquoted text", with_rule(R"({"type": "sales"})"), "routing.cell_unquoted",
       {"input 'type'", "position 1", "'sales'", "double quotes"}},
      {"position in characters", with_rule(R"({"type": "\"销售\" x"})"), "routing.cell_unexpected",
       {"position 6", "'x'"}},
      {"range upside down", with_rule(R"({"amount": "[10..5]"})"), "routing.cell_empty_range",
       {"position 1", "'[10..5]'"}},
      {"empty open range", with_rule(R"({"amount": "(5..5]"})"), "routing.cell_empty_range", {"'(5..5]'"}},
      {"string on money", with_rule(R"({"amount": "\"big\""})"), "routing.cell_type",
       {"'\"big\"'", "money input"}},
      {"comparison on text", with_rule(R"({"type": "> 5"})"), "routing.cell_type", {"'> 5'", "text input"}},
      {"unknown enum value", with_rule(R"({"grade": "\"A\", \"Z\""})"), "routing.cell_unknown_value",
       {"input 'grade'", "position 6", "'Z'"}},
      {"unterminated string", with_rule(R"({"type": "\"abc"})"), "routing.cell_unterminated", {"position 1"}},
      {"too many decimals", with_rule(R"({"amount": "< 1.00001"})"), "routing.cell_number",
       {"position 3", "'1.00001'"}},
      {"number past int64", with_rule(R"({"amount": "< 99999999999999999999"})"), "routing.cell_number",
       {"position 3"}},
      {"dash in a list", with_rule(R"({"type": "\"a\", -"})"), "routing.cell_lone_any", {"position 6"}},
      {"empty cell", with_rule(R"({"type": "  "})"), "routing.cell_empty", {"input 'type'"}},
      {"unclosed not", with_rule(R"({"type": "not(\"a\""})"), "routing.cell_end", {"position 8"}},
      {"float cell", with_rule(R"({"amount": 5.5})"), "routing.json_type", {"/rules/1/when/amount"}},
      {"empty route", with_rule(R"({})", "[]"), "routing.empty_route", {"rule 'bad' (number 2)"}},
      {"step without approver", with_rule(R"({})", R"([{"role": "hr"}, {"mode": "all"}])"),
       "routing.step_no_approver", {"rule 'bad' (number 2), step 2"}},
      {"step with both", with_rule(R"({})", R"([{"role": "hr", "person": "E1"}])"), "routing.step_both",
       {"step 1"}},
      {"bad mode", with_rule(R"({})", R"([{"role": "hr", "mode": "most"}])"), "routing.step_mode",
       {"step 1", "\"most\""}},
      {"k too large", with_rule(R"({})", R"([{"role": "hr", "mode": {"k": 1000}}])"), "routing.step_k",
       {"k = 1000", "1..99"}},
      {"k zero", with_rule(R"({})", R"([{"role": "hr", "mode": {"k": 0}}])"), "routing.step_k", {"k = 0"}},
      {"k of one person", with_rule(R"({})", R"([{"person": "E1", "mode": {"k": 2}}])"), "routing.step_k_person",
       {"step 1"}},
      {"deadline zero", with_rule(R"({})", R"([{"role": "hr", "deadline_days": 0}])"), "routing.step_deadline",
       {"deadline_days 0"}},
      {"escalation without deadline", with_rule(R"({})", R"([{"role": "hr", "escalate_to": {"role": "ceo"}}])"),
       "routing.step_escalation_without_deadline", {"step 1"}},
      {"escalation to itself",
       with_rule(R"({})", R"([{"role": "hr", "deadline_days": 2, "escalate_to": {"role": "hr"}}])"),
       "routing.step_escalation_self", {"step 1"}},
      {"duplicate step", with_rule(R"({})", R"([{"role": "hr"}, {"role": "hr", "mode": "all"}])"),
       "routing.step_duplicate", {"step 2", "role 'hr'"}},
      {"unknown step member", with_rule(R"({})", R"([{"role": "hr", "deadline": 3}])"),
       "routing.json_unknown_member", {"/rules/1/route/0/deadline"}},
      {"unknown hit policy", R"({"id": "m", "version": 1, "hit_policy": "SOMETIMES", "inputs": [], "rules": []})",
       "routing.unknown_hit_policy", {"'SOMETIMES'"}},
      {"aggregating hit policy", R"({"id": "m", "version": 1, "hit_policy": "C+", "inputs": [], "rules": []})",
       "routing.collect_aggregation", {"'C+'"}},
      {"misspelt member", R"({"id": "m", "version": 1, "hit_polcy": "FIRST", "inputs": [], "rules": []})",
       "routing.json_unknown_member", {"/hit_polcy"}},
      {"missing id", R"({"version": 1, "inputs": [], "rules": []})", "routing.json_missing", {"/id"}},
      {"float version", R"({"id": "m", "version": 1.5, "inputs": [], "rules": []})", "routing.json_type",
       {"/version", "integer"}},
      {"version zero", R"({"id": "m", "version": 0, "inputs": [], "rules": []})", "routing.json_version", {"/version"}},
      {"no rules", R"({"id": "m", "version": 1, "inputs": [], "rules": []})", "routing.no_rules", {}},
      {"duplicate member", R"({"id": "m", "id": "n", "version": 1, "inputs": [], "rules": []})",
       "core.json_duplicate", {"\"id\"", "/id"}},
      {"duplicate rule id",
       R"({"id": "m", "version": 1, "inputs": [], "rules": [{"id": "a", "route": [{"role": "x"}]}, {"id": "a", "route": [{"role": "y"}]}]})",
       "routing.rule_duplicate_id", {"'a'"}},
      {"reserved rule id", R"({"id": "m", "version": 1, "inputs": [], "rules": [{"id": "#1", "route": [{"role": "x"}]}]})",
       "routing.rule_id", {"number 1"}},
      {"input not a field", R"({"id": "m", "version": 1, "inputs": [{"name": "colour", "type": "text"}], "rules": []})",
       "routing.input_not_field", {"'colour'", "attribute"}},
      {"field of the wrong type", R"({"id": "m", "version": 1, "inputs": [{"name": "amount", "type": "text"}], "rules": []})",
       "routing.input_field_type", {"'amount'", "money"}},
      {"unknown input type", R"({"id": "m", "version": 1, "inputs": [{"name": "type", "type": "string"}], "rules": []})",
       "routing.input_type", {"'type'", "'string'"}},
      {"enum without values",
       R"({"id": "m", "version": 1, "inputs": [{"name": "type", "type": "enum"}], "rules": []})",
       "routing.input_values", {"'type'"}},
      {"duplicate input",
       R"({"id": "m", "version": 1, "inputs": [{"name": "type", "type": "text"}, {"name": "type", "type": "enum", "values": ["a"]}], "rules": []})",
       "routing.input_duplicate", {"'type'"}},
      {"currency on a number",
       R"({"id": "m", "version": 1, "inputs": [{"name": "n", "type": "attribute", "value_type": "number", "currency": "CNY"}], "rules": []})",
       "routing.input_option", {"'currency'", "'n'"}},
      {"min above max",
       R"({"id": "m", "version": 1, "inputs": [{"name": "amount", "type": "money", "min": "10", "max": "5"}], "rules": []})",
       "routing.input_bounds", {"'amount'"}},
      {"bad default",
       R"({"id": "m", "version": 1, "inputs": [{"name": "g", "type": "attribute", "value_type": "enum", "values": ["A"], "default": "B"}], "rules": []})",
       "routing.input_default", {"'g'", "'B'"}},
      {"duplicate in step_order",
       R"({"id": "m", "version": 1, "inputs": [], "step_order": ["hr", {"role": "hr"}], "rules": [{"route": [{"role": "x"}]}]})",
       "routing.step_order_duplicate", {"role 'hr'"}},
  };
}

TEST(RoutingMalformedTest, EveryMalformedTableIsAValidationErrorPointingAtItsCause) {
  for (const Case& c : cases()) {
    try {
      RoutingTable::parse(c.document);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument) << c.name;
      EXPECT_EQ(e.key(), c.key) << c.name << ": " << e.what();
      for (const std::string& fragment : c.fragments) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << c.name << ": " << e.what();
      }
      // The Chinese message carries the same pointers.
      const std::string zh = e.message(Lang::zh_CN);
      EXPECT_NE(zh, e.what()) << c.name;
      if (std::string(c.key).rfind("routing.cell_", 0) == 0) {
        EXPECT_NE(zh.find("bad"), std::string::npos) << zh;
        EXPECT_NE(zh.find("第 2 条"), std::string::npos) << zh;
      }
    }
  }
}

TEST(RoutingMalformedTest, InvalidUtf8IsRefused) {
  std::string doc = R"({"id": "m)";
  doc += "\xc3\x28";
  doc += R"(", "version": 1, "inputs": [], "rules": [{"route": [{"role": "x"}]}]})";
  EXPECT_THROW(RoutingTable::parse(doc), ValidationError);
  EXPECT_THROW(check_routing(doc), ValidationError);
}

TEST(RoutingMalformedTest, ARoleNobodyHoldsIsNotAnError) {
  const auto t = RoutingTable::parse(with_rule(R"({"type": "\"sales\""})", R"([{"role": "chief_happiness_officer"}])"));
  EXPECT_EQ(t.rule_count(), 2u);
  RoutingInputs in = inputs("sales", "50");
  in.attributes["grade"] = "A";
  EXPECT_EQ(route_names(t.evaluate(in).route), std::vector<std::string>({"chief_happiness_officer"}));
}

TEST(RoutingMalformedTest, DefinitionsBuiltInCppAreCheckedLikeDocuments) {
  RoutingTableDefinition def;
  def.id = "cpp";
  RoutingInput amount;
  amount.name = "amount";
  amount.type = RoutingInputType::money;
  def.inputs.push_back(amount);
  RoutingRule rule;
  rule.id = "r";
  rule.when["amount"] = "[5..1]";
  RouteStep step;
  step.approver = Approver::role("finance");
  rule.route.steps.push_back(step);
  def.rules.push_back(rule);
  try {
    RoutingTable::compile(def);
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.key(), "routing.cell_empty_range");
  }
  def.rules[0].when["amount"] = "[1..5]";
  def.rules[0].route.steps[0].mode = {ApprovalMode::Kind::k_of_n, 500};
  EXPECT_THROW(RoutingTable::compile(def), ValidationError);
  def.rules[0].route.steps[0].mode = ApprovalMode::k_of(1);
  EXPECT_EQ(def.rules[0].route.steps[0].mode, ApprovalMode::any());
  def.rules[0].route.steps[0].approver = Approver::role("");
  EXPECT_THROW(RoutingTable::compile(def), ValidationError);
  def.rules[0].route.steps[0].approver = Approver::role("finance");
  def.version = 0;
  EXPECT_THROW(RoutingTable::compile(def), ValidationError);
  def.version = 2;
  EXPECT_EQ(RoutingTable::compile(def).version(), 2);
  EXPECT_THROW(ApprovalMode::k_of(100), ValidationError);
}

}  // namespace
