// The routing checker on known tables: the article's table, the default
// table, and one table per kind of finding with its exact region.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "approval/routing_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

using Region = std::vector<std::pair<std::string, std::string>>;
using Names = std::vector<std::string>;

// The article's two rules, literally: over 100,000 the general manager,
// under 50,000 the department manager.
const char* kArticleTable = R"({
  "id": "article", "version": 1, "hit_policy": "UNIQUE",
  "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
  "rules": [
    {"id": "over-100000", "when": {"amount": "> 100000"}, "route": [{"role": "general_manager"}]},
    {"id": "under-50000", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]}
  ]})";

RoutingTable amount_table(const std::string& policy, const std::vector<std::string>& cells) {
  std::string rules;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (!rules.empty()) rules += ",";
    rules += R"({"id": "r)" + std::to_string(i + 1) + R"(", "when": {"amount": ")" + cells[i] +
             R"("}, "route": [{"role": "role)" + std::to_string(i + 1) + R"("}]})";
  }
  return RoutingTable::parse(R"({"id": "a", "version": 1, "hit_policy": ")" + policy +
                             R"(", "inputs": [{"name": "amount", "type": "money"}], "rules": [)" + rules + "]}");
}

TEST(RoutingCheckerTest, TheArticlesTableHasExactlyOneGapFrom50000To100000) {
  const auto findings = check_routing(kArticleTable);
  ASSERT_EQ(findings.size(), 1u);
  const RoutingFinding& gap = findings[0];
  EXPECT_EQ(gap.kind, FindingKind::gap);
  EXPECT_EQ(gap.severity, FindingSeverity::error);
  EXPECT_TRUE(gap.rules.empty());
  EXPECT_EQ(gap.region, Region({{"amount", "[50000, 100000]"}}));
  EXPECT_EQ(gap.message(Lang::en),
            "gap: no rule of table 'article' matches when amount ∈ [50000, 100000]; such a contract has no route");
  EXPECT_NE(gap.message(Lang::zh_CN).find("amount ∈ [50000, 100000]"), std::string::npos);
  EXPECT_NE(gap.message(Lang::zh_CN).find("缺口"), std::string::npos);
  // The gap is real: 50,000 and 100,000 themselves have no route, their
  // neighbours do.
  const auto table = RoutingTable::parse(kArticleTable);
  EXPECT_THROW(table.select(inputs("sales", "50000")), StateError);
  EXPECT_THROW(table.select(inputs("sales", "100000")), StateError);
  EXPECT_EQ(table.select(inputs("sales", "49999.9999")), std::vector<std::size_t>({1}));
  EXPECT_EQ(table.select(inputs("sales", "100000.0001")), std::vector<std::size_t>({0}));
}

TEST(RoutingCheckerTest, TheDefaultTableChecksClean) {
  EXPECT_TRUE(RoutingTable::default_table().check().empty());
  EXPECT_TRUE(check_routing(default_routing_table_json()).empty());
}

TEST(RoutingCheckerTest, TheDefaultTableRoutesTheBoundariesAsDocumented) {
  const auto t = RoutingTable::default_table();
  EXPECT_EQ(t.id(), "default");
  EXPECT_EQ(t.hit_policy(), HitPolicy::unique);
  auto route = [&](const char* type, const char* amount) { return route_names(t.evaluate(inputs(type, amount)).route); };
  EXPECT_EQ(route("sales", "0"), Names({"dept_manager"}));
  EXPECT_EQ(route("sales", "49999.99"), Names({"dept_manager"}));
  EXPECT_EQ(route("sales", "50000"), Names({"dept_manager", "finance"}));
  EXPECT_EQ(route("procurement", "100000.00"), Names({"dept_manager", "finance"}));
  EXPECT_EQ(route("sales", "100000.01"), Names({"dept_manager", "finance", "general_manager"}));
  EXPECT_EQ(route("labour", "0"), Names({"dept_manager", "hr"}));
  EXPECT_EQ(route("labour", "5000000"), Names({"dept_manager", "hr"}));
  EXPECT_EQ(t.evaluate(inputs("labour", "1")).audit.matched_rules, Names({"labour"}));
}

TEST(RoutingCheckerTest, TheShippedDocumentIsDocsRoutingDefaultJson) {
  std::ifstream file(std::string(PACTUM_SOURCE_DIR) + "/docs/routing-default.json", std::ios::binary);
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), std::string(default_routing_table_json()));
}

TEST(RoutingCheckerTest, GapsOverTextAndMoneyAreExactRegions) {
  const auto t = RoutingTable::parse(R"({"id": "g", "version": 1, "hit_policy": "UNIQUE",
    "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
    "rules": [
      {"id": "sales", "when": {"type": "\"sales\""}, "route": [{"role": "dept_manager"}]},
      {"id": "small-labour", "when": {"type": "\"labour\"", "amount": "< 1000"}, "route": [{"role": "hr"}]}
    ]})");
  const auto findings = t.check();
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].region, Region({{"type", "\"labour\""}, {"amount", "[1000, +inf)"}}));
  // Any other contract type: the complement of the listed values.
  EXPECT_EQ(findings[1].region, Region({{"type", "not(\"labour\", \"sales\")"}}));
  for (const auto& f : findings) EXPECT_EQ(f.kind, FindingKind::gap);
}

TEST(RoutingCheckerTest, GapsOverEnumerationsAndBooleansListTheMissingValues) {
  const auto t = RoutingTable::parse(R"({"id": "e", "version": 1, "hit_policy": "FIRST",
    "inputs": [{"name": "grade", "type": "attribute", "value_type": "enum", "values": ["A", "B", "C"]},
               {"name": "key_account", "type": "boolean"}],
    "rules": [
      {"when": {"grade": "\"A\""}, "route": [{"role": "finance"}]},
      {"when": {"grade": "\"B\"", "key_account": "true"}, "route": [{"role": "finance"}]}
    ]})");
  const auto findings = t.check();
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].region, Region({{"grade", "\"B\""}, {"key_account", "false"}}));
  EXPECT_EQ(findings[1].region, Region({{"grade", "\"C\""}}));
}

TEST(RoutingCheckerTest, BoundariesRenderAsTheRulesWroteThem) {
  auto gap = [](const std::vector<std::string>& cells) {
    const auto f = amount_table("UNIQUE", cells).check();
    return f.size() == 1 ? f[0].region[0].second : std::string("findings: ") + std::to_string(f.size());
  };
  EXPECT_EQ(gap({"<= 50000", ">= 60000.5"}), "(50000, 60000.5)");
  EXPECT_EQ(gap({"< 10.25", "> 10.25"}), "[10.25, 10.25]");
  EXPECT_EQ(gap({"[0..10]", "> 10.0001"}), "(10, 10.0001]");
  EXPECT_EQ(gap({">= 1000"}), "[0, 1000)");
  // Adjacent ranges leave no gap on the 10^-4 grid of amounts.
  EXPECT_EQ(gap({"<= 10", ">= 10.0001"}), "findings: 0");
  EXPECT_EQ(gap({"< 10", "(9.9999..20]", "> 20"}), "findings: 0");
}

TEST(RoutingCheckerTest, DisjointGapsOfOneInputFormOneFinding) {
  const auto f = amount_table("UNIQUE", {"< 10", "[20..30]", "> 40"}).check();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].region, Region({{"amount", "[10, 20), (30, 40]"}}));
}

TEST(RoutingCheckerTest, NumberInputsWithoutBoundsReachInfinity) {
  const auto t = RoutingTable::parse(R"({"id": "n", "version": 1,
    "inputs": [{"name": "score", "type": "attribute", "value_type": "number"}],
    "rules": [{"when": {"score": "[0..100]"}, "route": [{"role": "hr"}]}]})");
  const auto f = t.check();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].region, Region({{"score", "(-inf, 0), (100, +inf)"}}));
}

TEST(RoutingCheckerTest, OverlapsUnderUniqueNameBothRulesAndTheIntersection) {
  const auto f = amount_table("UNIQUE", {"< 100", "> 50"}).check();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, FindingKind::overlap);
  EXPECT_EQ(f[0].severity, FindingSeverity::error);
  EXPECT_EQ(f[0].rules, Names({"r1", "r2"}));
  EXPECT_EQ(f[0].region, Region({{"amount", "(50, 100)"}}));
  EXPECT_NE(f[0].message().find("UNIQUE"), std::string::npos);
  // FIRST, PRIORITY and the multi-hit policies allow overlaps.
  for (const char* p : {"FIRST", "PRIORITY", "COLLECT", "RULE ORDER", "OUTPUT ORDER"}) {
    EXPECT_TRUE(amount_table(p, {"< 100", "> 50"}).check().empty()) << p;
  }
}

TEST(RoutingCheckerTest, OverlapsUnderAnyCountOnlyWhenTheRoutesDiffer) {
  const char* doc = R"({"id": "any", "version": 1, "hit_policy": "ANY",
    "inputs": [{"name": "amount", "type": "money"}],
    "rules": [
      {"id": "a", "when": {"amount": "< 100"}, "route": [{"role": "finance"}]},
      {"id": "b", "when": {"amount": "> 50"}, "route": [{"role": "finance"}]},
      {"id": "c", "when": {"amount": "> 90"}, "route": [{"role": "legal"}]}
    ]})";
  const auto f = check_routing(doc);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rules, Names({"a", "c"}));
  EXPECT_EQ(f[0].region, Region({{"amount", "(90, 100)"}}));
  EXPECT_EQ(f[1].rules, Names({"b", "c"}));
  EXPECT_EQ(f[1].region, Region({{"amount", "(90, +inf)"}}));
  EXPECT_NE(f[0].message().find("ANY"), std::string::npos);
}

TEST(RoutingCheckerTest, RulesShadowedUnderFirstAreUnreachableWarnings) {
  const auto f = amount_table("FIRST", {"< 50", ">= 50", "= 70", "[60..80]"}).check();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, FindingKind::unreachable);
  EXPECT_EQ(f[0].severity, FindingSeverity::warning);
  EXPECT_EQ(f[0].rules, Names({"r3", "r2"}));
  EXPECT_EQ(f[0].region, Region({{"amount", "[70, 70]"}}));
  EXPECT_EQ(f[1].rules, Names({"r4", "r2", "r3"}));
  EXPECT_FALSE(has_errors(f));
  // Covered only together by two earlier rules still counts.
  const auto two = amount_table("FIRST", {"< 50", ">= 50", "[40..60]"}).check();
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].rules, Names({"r3", "r1", "r2"}));
  // Partly covered rules fire.
  EXPECT_TRUE(amount_table("FIRST", {"< 50", "[40..60]", ">= 50"}).check().empty());
}

TEST(RoutingCheckerTest, ATestThatAcceptsNothingMakesItsRuleUnreachable) {
  const auto f = amount_table("COLLECT", {">= 0", "< 0"}).check();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, FindingKind::unreachable);
  EXPECT_EQ(f[0].rules, Names({"r2"}));
  EXPECT_EQ(f[0].region, Region({{"amount", "none"}}));
  EXPECT_NE(f[0].message().find("'amount'"), std::string::npos);
}

TEST(RoutingCheckerTest, ATableWhoseRulesAllAcceptNothingIsOneGapEverywhere) {
  const auto f = amount_table("UNIQUE", {"< 0"}).check();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, FindingKind::gap);
  EXPECT_TRUE(f[0].region.empty());
  EXPECT_EQ(f[0].key, "routing.finding_gap_everywhere");
  EXPECT_EQ(f[1].kind, FindingKind::unreachable);
}

TEST(RoutingCheckerTest, TheCheckerStopsAtTheFindingLimit) {
  // 150 rules matching everything: 11,175 overlapping pairs.
  const auto f = amount_table("UNIQUE", std::vector<std::string>(150, ">= 0")).check();
  EXPECT_EQ(f.size(), RoutingTable::kMaxFindings);
  EXPECT_EQ(f[0].rules, Names({"r1", "r2"}));
  EXPECT_TRUE(f[0].region.empty());
  EXPECT_EQ(f[0].message(), "overlap: rules 'r1', 'r2' both match every input, but the hit policy UNIQUE allows one");
}

TEST(RoutingCheckerTest, GapsOfOneInputMergeIntoOneFinding) {
  std::vector<std::string> cells;
  for (int i = 0; i < 5; ++i) cells.push_back("= " + std::to_string(2 * i + 1));
  const auto f = amount_table("UNIQUE", cells).check();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].region, Region({{"amount", "[0, 1), (1, 3), (3, 5), (5, 7), (7, 9), (9, +inf)"}}));
}

}  // namespace
