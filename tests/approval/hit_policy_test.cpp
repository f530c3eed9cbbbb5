// The seven DMN hit policies on routing tables, violations included, and the
// merge of routes under the multi-hit policies.
#include <gtest/gtest.h>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

// Two overlapping rules and a disjoint one: for a sales contract of 80,000
// "mid" and "sales" both match; "tiny" matches below 1,000 only.
RoutingTable overlapping(const std::string& policy, const std::string& sales_route) {
  return RoutingTable::parse(R"({"id": "t", "version": 3, "hit_policy": ")" + policy + R"(",
    "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
    "rules": [
      {"id": "tiny", "when": {"amount": "< 1000"}, "route": [{"role": "dept_manager"}]},
      {"id": "mid", "when": {"amount": "[1000..100000]"}, "route": [{"role": "dept_manager"}, {"role": "finance"}]},
      {"id": "sales", "when": {"type": "\"sales\"", "amount": ">= 50000"}, "route": )" + sales_route + R"(}
    ]})");
}

const char* kGmRoute = R"([{"role": "general_manager", "mode": "all"}, {"role": "dept_manager"}])";
const char* kSameAsMid = R"([{"role": "dept_manager"}, {"role": "finance"}])";

Errc error_code(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return Errc::ok;
}

std::vector<std::string> ids(const RoutingTable& t, const std::vector<std::size_t>& rules) {
  std::vector<std::string> out;
  for (std::size_t r : rules) out.push_back(t.rule_id(r));
  return out;
}

using Names = std::vector<std::string>;

TEST(RoutingHitPolicyTest, UniqueReturnsTheOneMatchingRule) {
  const auto t = overlapping("UNIQUE", kGmRoute);
  const auto r = t.evaluate(inputs("procurement", "80000"));
  EXPECT_EQ(r.audit.matched_rules, Names({"mid"}));
  EXPECT_EQ(route_names(r.route), Names({"dept_manager", "finance"}));
  EXPECT_EQ(r.audit.table_id, "t");
  EXPECT_EQ(r.audit.table_version, 3);
  EXPECT_EQ(r.audit.hit_policy, HitPolicy::unique);
}

TEST(RoutingHitPolicyTest, UniqueWithTwoMatchesIsAnErrorNamingBothRules) {
  const auto t = overlapping("UNIQUE", kGmRoute);
  std::string message;
  EXPECT_EQ(error_code([&] { t.select(inputs("sales", "80000")); }, &message), Errc::no_route);
  EXPECT_NE(message.find("'mid', 'sales'"), std::string::npos) << message;
  EXPECT_NE(message.find("UNIQUE"), std::string::npos) << message;
  EXPECT_NE(message.find("amount=80000"), std::string::npos) << message;
  EXPECT_THROW(t.evaluate(inputs("sales", "80000")), StateError);
}

TEST(RoutingHitPolicyTest, NoMatchIsAnErrorUnderEveryPolicy) {
  for (const char* policy : {"UNIQUE", "ANY", "FIRST", "PRIORITY", "COLLECT", "RULE ORDER", "OUTPUT ORDER"}) {
    const auto t = overlapping(policy, kGmRoute);
    std::string message;
    EXPECT_EQ(error_code([&] { t.select(inputs("procurement", "200000")); }, &message), Errc::no_route) << policy;
    EXPECT_NE(message.find("no rule of routing table 't' (version 3)"), std::string::npos) << message;
    EXPECT_NE(message.find("type=procurement, amount=200000"), std::string::npos) << message;
  }
}

TEST(RoutingHitPolicyTest, AnyAcceptsSeveralMatchesWithTheSameRoute) {
  const auto t = overlapping("ANY", kSameAsMid);
  const auto r = t.evaluate(inputs("sales", "80000"));
  EXPECT_EQ(r.audit.matched_rules, Names({"mid", "sales"}));
  EXPECT_EQ(route_names(r.route), Names({"dept_manager", "finance"}));
}

TEST(RoutingHitPolicyTest, AnyWithDifferentRoutesIsAnErrorNamingTheRules) {
  const auto t = overlapping("ANY", kGmRoute);
  std::string message;
  EXPECT_EQ(error_code([&] { t.select(inputs("sales", "80000")); }, &message), Errc::no_route);
  EXPECT_NE(message.find("'mid', 'sales'"), std::string::npos) << message;
  EXPECT_NE(message.find("ANY"), std::string::npos) << message;
  // A single match is fine.
  EXPECT_EQ(ids(t, t.select(inputs("sales", "20000"))), Names({"mid"}));
}

TEST(RoutingHitPolicyTest, FirstTakesTheEarliestMatchInRuleOrder) {
  const auto t = overlapping("FIRST", kGmRoute);
  EXPECT_EQ(ids(t, t.select(inputs("sales", "80000"))), Names({"mid"}));
  EXPECT_EQ(ids(t, t.select(inputs("sales", "150000"))), Names({"sales"}));
  // Written order of the steps is kept for a single hit.
  EXPECT_EQ(route_names(t.evaluate(inputs("sales", "150000")).route), Names({"general_manager", "dept_manager"}));
}

TEST(RoutingHitPolicyTest, PriorityTakesTheMatchWithTheMostSeniorRoute) {
  // "sales" reaches general_manager (last in step order): it outranks "mid"
  // although it comes later in rule order.
  const auto t = overlapping("PRIORITY", kGmRoute);
  EXPECT_EQ(ids(t, t.select(inputs("sales", "80000"))), Names({"sales"}));
  // More steps at the same seniority win; fewer lose.
  const auto longer = overlapping("PRIORITY", R"([{"role": "dept_manager"}, {"role": "finance"}, {"role": "hr"}])");
  EXPECT_EQ(ids(longer, longer.select(inputs("sales", "80000"))), Names({"sales"}));
  const auto shorter = overlapping("PRIORITY", R"([{"role": "finance"}])");
  EXPECT_EQ(ids(shorter, shorter.select(inputs("sales", "80000"))), Names({"mid"}));
  // Approvers missing from step_order rank after every listed one.
  const auto unlisted = overlapping("PRIORITY", R"([{"role": "ceo"}])");
  EXPECT_EQ(ids(unlisted, unlisted.select(inputs("sales", "80000"))), Names({"sales"}));
}

TEST(RoutingHitPolicyTest, PriorityPrefersStricterModesThenRuleOrder) {
  const auto stricter = overlapping("PRIORITY", R"([{"role": "dept_manager"}, {"role": "finance", "mode": {"k": 2}}])");
  EXPECT_EQ(ids(stricter, stricter.select(inputs("sales", "80000"))), Names({"sales"}));
  // Same approvers and modes, only a deadline differs: equal priority, the
  // earlier rule wins.
  const auto tie = overlapping("PRIORITY", R"([{"role": "dept_manager"}, {"role": "finance", "deadline_days": 2}])");
  EXPECT_EQ(ids(tie, tie.select(inputs("sales", "80000"))), Names({"mid"}));
}

TEST(RoutingHitPolicyTest, CollectMergesRoutesInStepOrderKeepingTheStricterMode) {
  const auto t = overlapping("COLLECT", kGmRoute);
  const auto r = t.evaluate(inputs("sales", "80000"));
  EXPECT_EQ(r.audit.matched_rules, Names({"mid", "sales"}));
  // dept_manager appears in both routes: one step. Order: dept_manager,
  // finance, general_manager (the default step order).
  ASSERT_EQ(route_names(r.route), Names({"dept_manager", "finance", "general_manager"}));
  EXPECT_EQ(r.route.steps[2].mode, ApprovalMode::all());
  // A single hit is ordered by step order too.
  const auto single = t.evaluate(inputs("sales", "150000"));
  EXPECT_EQ(route_names(single.route), Names({"dept_manager", "general_manager"}));
}

TEST(RoutingHitPolicyTest, MergeKeepsAllOverKOfNOverAnyAndTheShortestDeadline) {
  const auto t = RoutingTable::parse(R"({"id": "m", "version": 1, "hit_policy": "COLLECT",
    "inputs": [{"name": "amount", "type": "money"}],
    "rules": [
      {"id": "a", "when": {"amount": ">= 0"}, "route": [{"role": "finance", "mode": {"k": 2}, "deadline_days": 5, "escalate_to": {"role": "cfo"}}, {"role": "legal"}]},
      {"id": "b", "when": {"amount": ">= 10"}, "route": [{"role": "finance", "mode": {"k": 3}, "deadline_days": 2, "escalate_to": {"person": "E7"}}, {"role": "legal", "mode": "all"}]},
      {"id": "c", "when": {"amount": ">= 20"}, "route": [{"role": "finance", "deadline_days": 9}, {"role": "legal", "mode": {"k": 4}}]}
    ]})");
  const auto r = t.evaluate(inputs("x", "30"));
  ASSERT_EQ(route_names(r.route), Names({"legal", "finance"}));
  EXPECT_EQ(r.route.steps[0].mode, ApprovalMode::all());  // all > 4 of n
  EXPECT_EQ(r.route.steps[1].mode, ApprovalMode::k_of(3));  // 3 of n > 2 of n > any
  EXPECT_EQ(r.route.steps[1].deadline_days, 2);
  EXPECT_EQ(r.route.steps[1].escalate_to, Approver::person("E7"));
  const auto low = t.evaluate(inputs("x", "5"));
  EXPECT_EQ(low.route.steps[1].mode, ApprovalMode::k_of(2));
  EXPECT_EQ(low.route.steps[1].escalate_to, Approver::role("cfo"));
}

TEST(RoutingHitPolicyTest, RuleOrderAndOutputOrderDifferInTheOrderOfHitsAndOfUnlistedApprovers) {
  auto table = [](const char* policy) {
    return RoutingTable::parse(std::string(R"({"id": "o", "version": 1, "hit_policy": ")") + policy + R"(",
      "inputs": [{"name": "amount", "type": "money"}],
      "rules": [
        {"id": "low", "when": {"amount": ">= 0"}, "route": [{"role": "auditor"}]},
        {"id": "high", "when": {"amount": ">= 100"}, "route": [{"role": "general_manager"}, {"role": "board"}]}
      ]})");
  };
  const auto rule_order = table("RULE ORDER").evaluate(inputs("x", "500"));
  EXPECT_EQ(rule_order.audit.matched_rules, Names({"low", "high"}));
  EXPECT_EQ(route_names(rule_order.route), Names({"general_manager", "auditor", "board"}));
  const auto output_order = table("OUTPUT ORDER").evaluate(inputs("x", "500"));
  EXPECT_EQ(output_order.audit.matched_rules, Names({"high", "low"}));
  EXPECT_EQ(route_names(output_order.route), Names({"general_manager", "board", "auditor"}));
  const auto collect = table("C").evaluate(inputs("x", "500"));
  EXPECT_EQ(collect.audit.matched_rules, Names({"low", "high"}));
}

TEST(RoutingHitPolicyTest, TheTablesStepOrderReplacesTheDefault) {
  const auto t = RoutingTable::parse(R"({"id": "s", "version": 1, "hit_policy": "COLLECT",
    "inputs": [], "step_order": ["finance", {"person": "E1"}, "dept_manager"],
    "rules": [
      {"id": "a", "route": [{"role": "dept_manager"}, {"role": "hr"}]},
      {"id": "b", "route": [{"person": "E1"}, {"role": "finance"}]}
    ]})");
  EXPECT_EQ(route_names(t.evaluate(RoutingInputs{}).route), Names({"finance", "E1", "dept_manager", "hr"}));
  ASSERT_EQ(t.approver_order().size(), 4u);
  EXPECT_EQ(t.approver_order()[3], Approver::role("hr"));
}

TEST(RoutingHitPolicyTest, PolicyNamesAndLetters) {
  EXPECT_EQ(parse_hit_policy("rule order"), HitPolicy::rule_order);
  EXPECT_EQ(parse_hit_policy("OUTPUT_ORDER"), HitPolicy::output_order);
  EXPECT_EQ(parse_hit_policy("P"), HitPolicy::priority);
  EXPECT_STREQ(hit_policy_name(HitPolicy::rule_order), "RULE ORDER");
  EXPECT_THROW(parse_hit_policy("C+"), ValidationError);
  EXPECT_THROW(parse_hit_policy("SOMETIMES"), ValidationError);
  EXPECT_TRUE(is_multi_hit(HitPolicy::output_order));
  EXPECT_FALSE(is_multi_hit(HitPolicy::priority));
}

TEST(RoutingHitPolicyTest, RouteOfRefusesRulesOutsideTheTable) {
  const auto t = overlapping("COLLECT", kGmRoute);
  EXPECT_THROW(t.route_of({0, 7}), NotFoundError);
  EXPECT_EQ(route_names(t.route_of({2, 1})), Names({"dept_manager", "finance", "general_manager"}));
}

}  // namespace
