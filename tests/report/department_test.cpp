// The department report: the article's figures from contracts and events
// (marketing 92% / 8.6, sales 88% / 8.2, R&D 85% / 7.8, a positive
// correlation), the execution rule, degenerate data and the correlation
// arithmetic.
#include <gtest/gtest.h>

#include <cmath>

#include "pactum/report/table.hpp"
#include "report/report_support.hpp"

using namespace pactum;
using namespace pactum::report_test;

namespace {

const DepartmentReportRow& row(const DepartmentReport& r, const std::string& code) {
  for (const DepartmentReportRow& d : r.departments) {
    if (d.department == code) return d;
  }
  throw std::runtime_error("no department " + code);
}

class DepartmentReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db = new Database(":memory:");
    build_department_fixture(*db);
  }
  static void TearDownTestSuite() {
    delete db;
    db = nullptr;
  }
  static Database* db;
};

Database* DepartmentReportTest::db = nullptr;

TEST_F(DepartmentReportTest, ReproducesTheArticlesDepartmentFigures) {
  const DepartmentReport r = db->report_departments(Period::parse("2024-Q1"), d("2024-03-31"));
  EXPECT_EQ(r.cutoff, d("2024-03-31"));
  ASSERT_EQ(r.departments.size(), 4u);  // by code: HR, MKT, RD, SD

  const DepartmentReportRow& mkt = row(r, "MKT");
  EXPECT_EQ(mkt.name, "市场部");
  EXPECT_EQ(mkt.contracts_due, 25);
  EXPECT_EQ(mkt.executed, 23);
  EXPECT_EQ(mkt.execution_rate, Decimal::parse("0.920000"));
  EXPECT_EQ(mkt.average_score, Decimal::parse("86.00"));
  EXPECT_EQ(mkt.average_score_10, Decimal::parse("8.600"));
  EXPECT_EQ(mkt.employees, 5);
  EXPECT_EQ(mkt.scored, 5);

  const DepartmentReportRow& sd = row(r, "SD");
  EXPECT_EQ(sd.contracts_due, 25);
  EXPECT_EQ(sd.executed, 22);
  EXPECT_EQ(sd.execution_rate, Decimal::parse("0.880000"));
  EXPECT_EQ(sd.average_score_10, Decimal::parse("8.200"));

  const DepartmentReportRow& rd = row(r, "RD");
  EXPECT_EQ(rd.contracts_due, 20);
  EXPECT_EQ(rd.executed, 17);
  EXPECT_EQ(rd.execution_ratio, Ratio(17, 20));
  EXPECT_EQ(rd.execution_rate, Decimal::parse("0.850000"));
  EXPECT_EQ(rd.average_score_10, Decimal::parse("7.800"));

  // Higher execution goes with higher scores.
  ASSERT_TRUE(r.correlation.r.has_value());
  EXPECT_EQ(r.correlation.points, 3);
  EXPECT_GT(*r.correlation.r, Decimal(0));
}

TEST_F(DepartmentReportTest, TheScoresComeFromTheKpiRules) {
  // Each department's average is the mean of its people's scorecards.
  const Period q1 = Period::parse("2024-Q1");
  EXPECT_EQ(db->scorecard("M1", q1, d("2024-03-31")).total, Decimal::parse("86.00"));
  EXPECT_EQ(db->scorecard("S3", q1, d("2024-03-31")).total, Decimal::parse("82.00"));
  EXPECT_EQ(db->scorecard("S3", q1, d("2024-03-31")).rule_points(RuleKind::installment_overdue), Decimal::parse("-3"));
  EXPECT_EQ(db->scorecard("R1", q1, d("2024-03-31")).total, Decimal::parse("78.00"));
  EXPECT_EQ(db->scorecard("R3", q1, d("2024-03-31")).total, Decimal::parse("80.00"));
  EXPECT_EQ(db->scorecard("R4", q1, d("2024-03-31")).total, Decimal::parse("76.00"));
}

TEST_F(DepartmentReportTest, TheCorrelationIsPearsonsComputedExactly) {
  const DepartmentReport r = db->report_departments(Period::parse("2024-Q1"), d("2024-03-31"));
  // x = (23/25, 22/25, 17/20), y = (86, 82, 78): Sxy = 7/25, Sxx = 37/15000,
  // Syy = 32, r^2 = (7/25)^2 / (37/15000 x 32) = 147/148 exactly.
  EXPECT_EQ(r.correlation.r_squared, std::optional<std::string>("147/148"));
  EXPECT_EQ(r.correlation.r, Decimal::parse("0.996616"));
  const double check = 0.28 / std::sqrt((37.0 / 15000.0) * 32.0);
  EXPECT_NEAR(std::stod(r.correlation.r->to_string()), check, 1e-6);
}

TEST_F(DepartmentReportTest, DegenerateDataIsReportedNotRefused) {
  const DepartmentReport r = db->report_departments(Period::parse("2024-Q1"), d("2024-03-31"));
  const DepartmentReportRow& hr = row(r, "HR");
  EXPECT_EQ(hr.contracts_due, 0);
  EXPECT_FALSE(hr.execution_rate.has_value());
  EXPECT_EQ(hr.employees, 1);
  EXPECT_EQ(hr.scored, 0);
  EXPECT_FALSE(hr.average_score.has_value());
  // A quarter without deliveries due: no rates, so no correlation.
  const DepartmentReport empty = db->report_departments(Period::parse("2024-Q3"), d("2024-09-30"));
  for (const DepartmentReportRow& d : empty.departments) EXPECT_FALSE(d.execution_rate.has_value()) << d.department;
  EXPECT_FALSE(empty.correlation.r.has_value());
  EXPECT_EQ(empty.correlation.points, 0);
}

TEST_F(DepartmentReportTest, AnOpenPeriodIsEvaluatedAsOfTheAsOfDate) {
  // As of 2024-02-04 nothing was due yet; as of 2024-02-05 the sales
  // contracts were, the projects not.
  const Period q1 = Period::parse("2024-Q1");
  EXPECT_EQ(row(db->report_departments(q1, d("2024-02-04")), "MKT").contracts_due, 0);
  const DepartmentReport mid = db->report_departments(q1, d("2024-02-05"));
  EXPECT_EQ(row(mid, "MKT").contracts_due, 25);
  EXPECT_EQ(row(mid, "MKT").executed, 23);
  EXPECT_EQ(row(mid, "SD").executed, 22);  // S3's instalment was due that day and not paid
  EXPECT_EQ(row(mid, "RD").contracts_due, 0);
}

TEST(DepartmentExecutionTest, LabourIsLeftOutAndProcurementIsTheSuppliersDelivery) {
  Database db(":memory:");
  db.add_department({"PD", "采购部", std::nullopt, std::nullopt});
  db.add_employee({"P1", "采购员", "PD", "procurement", d("2020-01-01"), std::nullopt});
  auto sign = [&](const char* type, const char* delivered, bool pay) {
    ContractSpec s;
    s.type = type;
    s.owner = "P1";
    s.amount = cny("1000.00");
    s.signed_on = d("2024-01-10");
    s.delivery_due = d("2024-02-10");
    s.counterparty = "供应商";
    const Contract c = db.create_contract(s);
    db.activate(c.id, s.signed_on);
    db.record_delivery(c.id, true, {d(delivered)});
    if (pay) db.record_payment(c.id, cny("1000.00"), d("2024-02-10"), std::string("P") + std::to_string(c.id));
    return c;
  };
  sign("procurement", "2024-02-10", false);  // unpaid by us: still executed by the supplier
  sign("procurement", "2024-02-11", true);   // a day late: not executed
  sign("labour", "2024-02-10", false);       // not counted
  sign("patent", "2024-02-09", false);       // unpaid by its due date: not executed
  const DepartmentReport r = db.report_departments(Period::parse("2024-Q1"), d("2024-03-31"));
  ASSERT_EQ(r.departments.size(), 1u);
  EXPECT_EQ(r.departments[0].contracts_due, 3);
  EXPECT_EQ(r.departments[0].executed, 1);
}

TEST(CorrelationTest, ExactValuesSignsAndDegenerateCases) {
  using P = std::pair<Ratio, Ratio>;
  const std::vector<P> perfect = {{Ratio(1), Ratio(2)}, {Ratio(2), Ratio(4)}, {Ratio(3), Ratio(6)}};
  EXPECT_EQ(pearson_correlation(perfect).r, Decimal::parse("1.000000"));
  EXPECT_EQ(pearson_correlation(perfect).r_squared, std::optional<std::string>("1"));
  const std::vector<P> inverse = {{Ratio(1), Ratio(3)}, {Ratio(2), Ratio(2)}, {Ratio(3), Ratio(1)}};
  EXPECT_EQ(pearson_correlation(inverse).r, Decimal::parse("-1.000000"));
  // r^2 = 1/2: r = 0.70710678... rounds to 0.707107.
  const std::vector<P> half = {{Ratio(0), Ratio(0)}, {Ratio(0), Ratio(1)}, {Ratio(1), Ratio(1)}, {Ratio(1), Ratio(2)}};
  const Correlation c = pearson_correlation(half);
  EXPECT_EQ(c.r_squared, std::optional<std::string>("1/2"));
  EXPECT_EQ(c.r, Decimal::parse("0.707107"));
  // Fewer than two points, or no variation: null.
  EXPECT_FALSE(pearson_correlation(std::vector<P>{{Ratio(1), Ratio(1)}}).r.has_value());
  EXPECT_FALSE(pearson_correlation(std::vector<P>{{Ratio(1), Ratio(1)}, {Ratio(1), Ratio(2)}}).r.has_value());
  EXPECT_EQ(pearson_correlation(std::vector<P>{}).points, 0);
}

TEST(CorrelationTest, AgreesWithFloatingPointOnRandomData) {
  unsigned state = 7;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<std::int64_t>((state >> 8) % 1000);
  };
  for (int round = 0; round < 50; ++round) {
    std::vector<std::pair<Ratio, Ratio>> points;
    double sx = 0, sy = 0;
    std::vector<std::pair<double, double>> fp;
    for (int i = 0; i < 2 + round % 9; ++i) {
      const std::int64_t a = next(), b = next() + 1, c = next();
      points.emplace_back(Ratio(a, b), Ratio(c, 100));
      fp.emplace_back(static_cast<double>(a) / static_cast<double>(b), static_cast<double>(c) / 100.0);
      sx += fp.back().first;
      sy += fp.back().second;
    }
    sx /= static_cast<double>(fp.size());
    sy /= static_cast<double>(fp.size());
    double sxy = 0, sxx = 0, syy = 0;
    for (const auto& [x, y] : fp) {
      sxy += (x - sx) * (y - sy);
      sxx += (x - sx) * (x - sx);
      syy += (y - sy) * (y - sy);
    }
    const Correlation c = pearson_correlation(points);
    if (!c.r) continue;
    EXPECT_NEAR(std::stod(c.r->to_string()), sxy / std::sqrt(sxx * syy), 1e-6) << round;
  }
}

TEST_F(DepartmentReportTest, TablesCsvAndJson) {
  const DepartmentReport r = db->report_departments(Period::parse("2024-Q1"), d("2024-03-31"));
  const auto tables = report_tables(r, Lang::en);
  ASSERT_EQ(tables.size(), 1u);
  const std::string csv = to_csv(tables[0]);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "department,name,contracts_due,executed,execution_rate,employees,scored,average_score,average_score_10");
  EXPECT_NE(csv.find("MKT,市场部,25,23,0.920000,5,5,86.00,8.600\r\n"), std::string::npos);
  EXPECT_NE(csv.find("HR,人力资源部,0,0,,1,0,,\r\n"), std::string::npos);
  const std::string text = to_text(tables);
  EXPECT_NE(text.find("correlation between execution rate and average score over 3 departments: r = 0.996616"),
            std::string::npos);
  const std::string zh = to_text(report_tables(r, Lang::zh_CN));
  EXPECT_NE(zh.find("部门合同执行率与平均绩效"), std::string::npos);
  const std::string json = to_json(r);
  EXPECT_NE(json.find(R"("department":"MKT","name":"市场部","contracts_due":25,"executed":23,"execution_rate":"0.920000","execution_ratio":"23/25")"),
            std::string::npos);
  EXPECT_NE(json.find(R"("average_score":"86.00","average_score_10":"8.600")"), std::string::npos);
  EXPECT_NE(json.find(R"("correlation":{"points":3,"r":"0.996616","r_squared":"147/148"})"), std::string::npos);
}

}  // namespace
