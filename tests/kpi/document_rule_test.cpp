// The scorecard document without a database (pactum/kpi/document.hpp):
// figures shown once rounded with their exact value beside them, members in
// the order described.
#include <gtest/gtest.h>

#include "core/json_sink.hpp"
#include "pactum/kpi/document.hpp"
#include "support/trace_sink.hpp"

using namespace pactum;
using Ordered = nlohmann::ordered_json;

namespace {

Scorecard card() {
  Scorecard c;
  c.employee = "S1";
  c.position = "sales";
  c.period = Period::parse("2024-Q1");
  c.as_of = Date::parse("2024-03-31");
  c.cutoff = c.as_of;
  c.collection_cutoff = c.as_of;
  c.currency = Currency::of("CNY");
  c.template_id = "sales";
  c.template_version = 1;
  IndicatorScore amount;
  amount.name = "signed_amount";
  amount.metric = KpiMetric::signed_amount;
  amount.value = Ratio(2000000, 3);  // 666666.666... CNY
  amount.target = Ratio(1000000);
  amount.points = Decimal::parse("26.67");
  amount.weight = Decimal::parse("0.40");
  IndicatorScore rate;
  rate.name = "collection_rate";
  rate.metric = KpiMetric::collection_rate;
  rate.value = Ratio(2, 3);
  rate.points = Decimal::parse("20.00");
  rate.weight = Decimal::parse("0.3");
  c.indicators = {amount, rate};
  c.rules = {RuleHit{RuleKind::collection_80, RuleHitKind::hit, Decimal::parse("5.00"), 9, "HT-1",
                     Date::parse("2024-02-20"), std::nullopt, std::nullopt, std::nullopt}};
  c.coverage = Decimal::parse("0.70");
  c.indicator_points = Decimal::parse("46.67");
  c.scaled_points = Decimal::parse("66.67");
  c.rule_total = Decimal::parse("5.00");
  c.total = Decimal::parse("71.67");
  c.total_10 = Decimal::parse("7.167");
  return c;
}

}  // namespace

TEST(ScorecardDocument, FiguresAreShownRoundedOnceBesideTheirExactValue) {
  const Ordered doc = Ordered::parse(card().to_json());
  const Ordered& amount = doc["indicators"][0];
  EXPECT_EQ(amount["value"], "666666.67");
  EXPECT_EQ(amount["value_exact"], "2000000/3");
  EXPECT_EQ(amount["target"], "1000000.00");
  EXPECT_TRUE(amount["floor"].is_null());
  EXPECT_EQ(amount["weight"], "0.4");
  const Ordered& rate = doc["indicators"][1];
  EXPECT_EQ(rate["value"], "0.666667");
  EXPECT_EQ(rate["value_exact"], "2/3");
  EXPECT_EQ(doc["coverage"], "0.7");
  EXPECT_EQ(doc["rule_points"], "5.00");
  EXPECT_EQ(doc["rules"][0].dump(),
            R"({"rule":"collection_80","kind":"hit","points":"5.00","event":9,"contract":"HT-1",)"
            R"("date":"2024-02-20","installment":null,"retracts":null,"trigger":null})");
}

TEST(ScorecardDocument, MembersInTheOrderDescribed) {
  const Ordered doc = Ordered::parse(card().to_json());
  std::vector<std::string> members;
  for (const auto& item : doc.items()) members.push_back(item.key());
  EXPECT_EQ(members,
            (std::vector<std::string>{"version", "employee", "position", "period", "period_kind", "period_start",
                                      "period_end", "as_of", "cutoff", "collection_cutoff", "currency", "template",
                                      "template_version", "scored", "total", "total_10", "coverage", "no_data",
                                      "indicator_points", "scaled_points", "rule_points", "indicators", "rules",
                                      "contracts", "closed", "closed_seq", "post_close"}));
}

TEST(ScorecardDocument, WithoutATemplateNothingIsScored) {
  Scorecard c = card();
  c.template_id.reset();
  c.template_version.reset();
  c.indicators.clear();
  c.rules.clear();
  c.total.reset();
  c.total_10.reset();
  c.indicator_points.reset();
  c.scaled_points.reset();
  c.rule_total.reset();
  const std::string t = pactum::test::trace(c);
  EXPECT_NE(t.find("scored=bool:false total=null total_10=null coverage=null no_data=null"), std::string::npos) << t;
}

TEST(ScorecardDocument, TheEngineRecords) {
  ScoreChange change{"S1", Period::parse("2024-Q1"), Date::parse("2024-02-20"), 12, std::nullopt,
                     Decimal::parse("70.00")};
  EXPECT_EQ(change.to_json(),
            R"({"version":1,"employee":"S1","period":"2024-Q1","as_of":"2024-02-20","seq":12,"old_total":null,)"
            R"("new_total":"70.00"})");
  KpiHealth health;
  health.as_of = Date::parse("2024-02-20");
  health.differences = {"S1 2024-Q1: 70.00 != 71.00"};
  EXPECT_EQ(pactum::test::trace(health),
            "{ ok=bool:true last_seq=int:0 as_of=date:2024-02-20 contracts=int:0 scorecards=int:0 "
            "differences=[ text:S1 2024-Q1: 70.00 != 71.00 ] repaired=bool:false }");
  KpiEngineStats stats;
  stats.snapshot_seq = 40;
  const Ordered doc = Ordered::parse(stats.to_json());
  EXPECT_TRUE(doc["as_of"].is_null());
  EXPECT_EQ(doc["snapshot_seq"], 40);
  EXPECT_EQ(doc.size(), 17u);
}
