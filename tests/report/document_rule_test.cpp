// The reports' row documents without a database (pactum/report/document.hpp):
// amounts rounded once to the minor unit, exact ratios beside the rates,
// undefined figures null, members in the order described.
#include <gtest/gtest.h>

#include "core/json_sink.hpp"
#include "pactum/report/document.hpp"
#include "support/trace_sink.hpp"

using namespace pactum;
using Ordered = nlohmann::ordered_json;

namespace {

ForecastContract contract() {
  return ForecastContract{7, "XSC-2024-SD-007", "sales", "E1", "SD", "华东机电", true, Money::parse("1000.00", "CNY")};
}

std::vector<std::string> members(const Ordered& doc) {
  std::vector<std::string> out;
  for (const auto& item : doc.items()) out.push_back(item.key());
  return out;
}

}  // namespace

TEST(ReportDocument, AnEmployeeRowShowsAmountsAtTheMinorUnitAndRatesWithTheirRatio) {
  EmployeeReportRow r;
  r.employee = "E1";
  r.name = "张三";
  r.department = "SD";
  r.position = "sales";
  r.group = "sales";
  r.contracts = 3;
  r.signed_amount = Money::from_decimal(Decimal::parse("1234.5650"), Currency::of("CNY"));  // half-even: .56
  r.collected = Money::parse("1000.00", "CNY");
  r.collection_ratio = Ratio(2, 3);
  r.collection_rate = Decimal::parse("0.666667");
  r.coverage = Decimal::parse("0.700");
  r.signed_rank = 1;
  r.score_top_half = true;
  r.classification = "star";
  const Ordered doc = json_document_of<Ordered>(r);
  EXPECT_EQ(doc["signed_amount"], "1234.56");
  EXPECT_EQ(doc["collected"], "1000.00");
  EXPECT_EQ(doc["collection_rate"], "0.666667");
  EXPECT_EQ(doc["collection_ratio"], "2/3");
  EXPECT_EQ(doc["coverage"], "0.7");
  EXPECT_TRUE(doc["score"].is_null());  // no scorecard: no score, no rank
  EXPECT_TRUE(doc["score_rank"].is_null());
  EXPECT_EQ(doc["signed_rank"], 1);
  EXPECT_EQ(doc["score_top_half"], true);
  EXPECT_EQ(members(doc), (std::vector<std::string>{
                              "employee", "name", "department", "position", "group", "contracts", "signed_amount",
                              "collected", "collection_rate", "collection_ratio", "score", "score_10", "coverage",
                              "signed_rank", "collection_rank", "score_rank", "score_top_half", "high_signing",
                              "high_execution", "classification", "recommended_action", "classification_rule"}));
  // Typed for a sink that keeps types.
  const std::string t = pactum::test::trace(r);
  EXPECT_NE(t.find("signed_amount=amount:1234.56 collected=amount:1000.00 collection_rate=decimal:0.666667 "
                   "collection_ratio=ratio:2/3"),
            std::string::npos)
      << t;
}

TEST(ReportDocument, ADepartmentRowWithoutScoresHasNulls) {
  DepartmentReportRow r;
  r.department = "SD";
  r.name = "销售部";
  r.contracts_due = 4;
  r.executed = 3;
  r.execution_ratio = Ratio(3, 4);
  r.execution_rate = Decimal::parse("0.75");
  r.employees = 2;
  EXPECT_EQ(json_document_of<Ordered>(r).dump(),
            R"({"department":"SD","name":"销售部","contracts_due":4,"executed":3,"execution_rate":"0.75",)"
            R"("execution_ratio":"3/4","employees":2,"scored":0,"average_score":null,"average_score_10":null,)"
            R"("average_score_exact":null})");
}

TEST(ReportDocument, ForecastRowsCarryTheContractsMembersFirst) {
  const Ordered expiring = json_document_of<Ordered>(ExpiringContract{contract(), Date::parse("2024-04-30"), 30});
  EXPECT_EQ(members(expiring), (std::vector<std::string>{"contract", "number", "type", "owner", "department",
                                                         "counterparty", "key_account", "amount", "currency", "end",
                                                         "days_left"}));
  EXPECT_EQ(expiring["amount"], "1000.00");
  EXPECT_EQ(expiring["currency"], "CNY");
  UnderCollectedContract u{contract(),         Money::parse("400.00", "CNY"), Money::parse("600.00", "CNY"),
                           Ratio(2, 5),        Decimal::parse("0.4"),         Money::parse("300.00", "CNY"),
                           Date::parse("2024-03-15")};
  const Ordered under = json_document_of<Ordered>(u);
  EXPECT_EQ(under["outstanding"], "600.00");
  EXPECT_EQ(under["collection_ratio"], "2/5");
  EXPECT_EQ(under["earliest_unpaid_due"], "2024-03-15");
  InstallmentMonth m;
  m.from = Date::parse("2024-04-01");
  m.to = Date::parse("2024-04-30");
  m.installments = 2;
  m.contracts = 1;
  m.amount = Money::parse("500.00", "CNY");
  m.unpaid = Money::parse("500.00", "CNY");
  m.payable_amount = Money::parse("0", "CNY");
  m.payable_unpaid = Money::parse("0", "CNY");
  EXPECT_EQ(pactum::test::trace(m),
            "{ month=int:1 from=date:2024-04-01 to=date:2024-04-30 installments=int:2 contracts=int:1 "
            "amount=amount:500.00 unpaid=amount:500.00 payable_installments=int:0 payable_contracts=int:0 "
            "payable_amount=amount:0.00 payable_unpaid=amount:0.00 }");
}
