// JSON documents of approval routing: canonical table documents, the inputs
// of a decision, results with their audit record, and findings.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;
using nlohmann::json;

namespace {

const char* kDesignExample = R"({"id": "example", "version": 1, "hit_policy": "COLLECT",
   "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
   "rules": [
     {"id": "small", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]},
     {"id": "big-sales", "when": {"type": "\"sales\",\"procurement\"", "amount": "> 100000"},
      "route": [{"role": "finance"},
                {"role": "general_manager", "mode": "all", "deadline_days": 3, "escalate_to": {"role": "ceo"}}]}]})";

TEST(RoutingJsonTest, TheDesignsExampleDocumentParses) {
  const auto t = RoutingTable::parse(kDesignExample);
  EXPECT_EQ(t.id(), "example");
  EXPECT_EQ(t.hit_policy(), HitPolicy::collect);
  EXPECT_EQ(t.rule_count(), 2u);
  const RouteStep& gm = t.definition().rules[1].route.steps[1];
  EXPECT_EQ(gm.mode, ApprovalMode::all());
  EXPECT_EQ(gm.deadline_days, 3);
  EXPECT_EQ(gm.escalate_to, Approver::role("ceo"));
  const auto r = t.evaluate(inputs("sales", "150000"));
  EXPECT_EQ(route_names(r.route), std::vector<std::string>({"finance", "general_manager"}));
}

TEST(RoutingJsonTest, CanonicalDocumentsRoundTrip) {
  const auto t = RoutingTable::parse(kDesignExample);
  const std::string canonical = t.to_json();
  const auto again = RoutingTable::parse(canonical);
  EXPECT_EQ(again.to_json(), canonical);
  const json doc = json::parse(canonical);
  EXPECT_EQ(doc["rules"][1]["when"]["type"], "\"sales\",\"procurement\"");
  EXPECT_EQ(doc["rules"][1]["route"][1]["mode"], "all");
  EXPECT_EQ(doc["rules"][0]["route"][0]["mode"], "any");
  EXPECT_FALSE(doc.contains("step_order"));
  // Every input option survives the trip.
  const auto full = RoutingTable::parse(R"({"id": "f", "version": 7, "hit_policy": "R", "description": "d",
    "inputs": [{"name": "amount", "type": "money", "currency": "CNY", "min": "10", "max": "99.5"},
               {"name": "g", "type": "attribute", "attribute": "grade", "value_type": "enum", "values": ["x", "y"], "default": "y"}],
    "step_order": [{"person": "E1"}],
    "rules": [{"route": [{"role": "r", "mode": {"k": 3}}]}]})");
  EXPECT_EQ(RoutingTable::parse(full.to_json()).to_json(), full.to_json());
  const json f = json::parse(full.to_json());
  EXPECT_EQ(f["hit_policy"], "RULE ORDER");
  EXPECT_EQ(f["inputs"][0]["max"], "99.5");
  EXPECT_EQ(f["inputs"][1]["attribute"], "grade");
  EXPECT_EQ(f["step_order"][0]["person"], "E1");
  EXPECT_EQ(f["rules"][0]["route"][0]["mode"]["k"], 3);
  EXPECT_FALSE(f["rules"][0].contains("id"));  // "#1" is not written back
}

TEST(RoutingJsonTest, InputsComeFromADocument) {
  const RoutingInputs in = routing_inputs_from_json(
      R"({"version": 1, "type": "sales", "amount": "75000.50", "currency": "USD", "department": "SD",
          "key_account": true, "attributes": {"region": "east", "budget": 1200, "urgent": false}})");
  EXPECT_EQ(in.type, "sales");
  ASSERT_TRUE(in.amount.has_value());
  EXPECT_EQ(*in.amount, Money::parse("75000.50", "USD"));
  EXPECT_EQ(in.currency, "USD");
  EXPECT_EQ(in.department, "SD");
  EXPECT_TRUE(in.key_account);
  EXPECT_EQ(in.attributes.at("budget"), "1200");
  EXPECT_EQ(in.attributes.at("urgent"), "false");
  EXPECT_EQ(routing_inputs_from_json(R"({"amount": 5})").amount->units(), 50000);
  EXPECT_FALSE(routing_inputs_from_json("{}").amount.has_value());
}

TEST(RoutingJsonTest, MalformedInputDocumentsAreValidationErrors) {
  for (const char* bad : {"", "[]", R"({"amount": 5.5})", R"({"amount": "1e5"})", R"({"amount": "-"})",
                          R"({"version": 2})", R"({"type": 5})", R"({"colour": "red"})", R"({"key_account": "yes"})",
                          R"({"currency": "XYZ1", "amount": "5"})", R"({"attributes": {"a": [1]}})",
                          R"({"amount": "1.23456"})"}) {
    EXPECT_THROW(routing_inputs_from_json(bad), ValidationError) << bad;
  }
  EXPECT_THROW(routing_inputs_from_json(R"({"amount": "99999999999999999999"})"), Error);
}

TEST(RoutingJsonTest, ResultsCarryTheRouteAndTheAuditRecord) {
  const auto t = RoutingTable::parse(kDesignExample);
  RoutingInputs in = inputs("sales", "150000.00");
  const json doc = json::parse(routing_result_json(t.evaluate(in)));
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["route"].size(), 2u);
  EXPECT_EQ(doc["route"][1], json::parse(R"({"role": "general_manager", "mode": "all", "deadline_days": 3,
                                               "escalate_to": {"role": "ceo"}})"));
  EXPECT_EQ(doc["audit"]["table"], "example");
  EXPECT_EQ(doc["audit"]["table_version"], 1);
  EXPECT_EQ(doc["audit"]["hit_policy"], "COLLECT");
  EXPECT_EQ(doc["audit"]["matched_rules"], json::parse(R"(["big-sales"])"));
  EXPECT_EQ(doc["audit"]["inputs"], json::parse(R"({"type": "sales", "amount": "150000.00"})"));
  EXPECT_EQ(json::parse(approval_route_json(t.evaluate(in).route)), doc["route"]);
}

TEST(RoutingJsonTest, FindingsCarryBothLanguages) {
  const auto findings = check_routing(R"({"id": "a", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
    "rules": [{"id": "hi", "when": {"amount": "> 100000"}, "route": [{"role": "general_manager"}]},
              {"id": "lo", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]}]})");
  const json doc = json::parse(routing_findings_json(findings, Lang::zh_CN));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["errors"], 1);
  EXPECT_EQ(doc["warnings"], 0);
  ASSERT_EQ(doc["findings"].size(), 1u);
  const json& f = doc["findings"][0];
  EXPECT_EQ(f["kind"], "gap");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["rules"], json::array());
  EXPECT_EQ(f["region"], json::parse(R"({"amount": "[50000, 100000]"})"));
  EXPECT_EQ(f["message"], f["messages"]["zh-CN"]);
  EXPECT_NE(f["messages"]["en"].get<std::string>().find("gap: no rule"), std::string::npos);
  EXPECT_NE(f["messages"]["zh-CN"].get<std::string>().find("缺口"), std::string::npos);
}

TEST(RoutingJsonTest, EvaluateRoutingParsesAndEvaluatesOnce) {
  const auto r = evaluate_routing(default_routing_table_json(), inputs("sales", "75000"));
  EXPECT_EQ(route_names(r.route), std::vector<std::string>({"dept_manager", "finance"}));
  EXPECT_EQ(r.audit.matched_rules, std::vector<std::string>({"50000-to-100000"}));
  EXPECT_THROW(evaluate_routing("{", inputs("sales", "1")), ValidationError);
}

}  // namespace
