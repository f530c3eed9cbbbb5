// The employee report: the article's two examples from contracts and events
// (1.5M rank 2, 100% rank 1, 9.2 rank 1 -> high contribution & high
// performance, promotion candidate; 1.2M rank 3, 70% rank 15, 7.5 rank 10 ->
// high signing & low execution, coaching; 20 people compared within their
// position by the default classification table), competition ranks, given
// cut-offs, and employees without contracts or without a template.
#include <gtest/gtest.h>

#include "pactum/report/table.hpp"
#include "report/report_support.hpp"
#include "support/dump.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::report_test;

namespace {

const EmployeeReportRow& person(const EmployeeReport& r, const std::string& id) {
  for (const EmployeeReportRow& e : r.employees) {
    if (e.employee == id) return e;
  }
  throw std::runtime_error("no employee " + id);
}

class EmployeeReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db = new Database(":memory:");
    build_employee_fixture(*db);
  }
  static void TearDownTestSuite() {
    delete db;
    db = nullptr;
  }
  static Database* db;
};

Database* EmployeeReportTest::db = nullptr;

TEST_F(EmployeeReportTest, ReproducesTheArticlesEmployeeExamples) {
  const EmployeeReport r = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  ASSERT_EQ(r.employees.size(), 20u);

  const EmployeeReportRow& star = person(r, "E02");
  EXPECT_EQ(star.signed_amount, cny("1500000.00"));
  EXPECT_EQ(star.signed_rank, 2);
  EXPECT_EQ(star.collection_rate, Decimal::parse("1.000000"));
  EXPECT_EQ(star.collection_rank, 1);
  EXPECT_EQ(star.score, Decimal::parse("92.00"));
  EXPECT_EQ(star.score_10, Decimal::parse("9.200"));
  EXPECT_EQ(star.score_rank, 1);
  EXPECT_EQ(star.coverage, Decimal(100));
  EXPECT_EQ(star.group, "sales");
  EXPECT_EQ(star.score_top_half, true);
  EXPECT_EQ(star.high_signing, true);
  EXPECT_EQ(star.high_execution, true);
  EXPECT_EQ(star.classification, std::optional<std::string>("high_contribution_high_performance"));
  EXPECT_EQ(star.action, std::optional<std::string>("promote"));
  EXPECT_EQ(star.classification_rule, std::optional<std::string>("promote"));
  EXPECT_EQ(action_label(*star.action, Lang::en), "promotion candidate: recognise and retain");

  const EmployeeReportRow& signer = person(r, "E03");
  EXPECT_EQ(signer.signed_amount, cny("1200000.00"));
  EXPECT_EQ(signer.signed_rank, 3);
  EXPECT_EQ(signer.collection_rate, Decimal::parse("0.700000"));
  EXPECT_EQ(signer.collection_rank, 15);
  EXPECT_EQ(signer.score, Decimal::parse("75.00"));
  EXPECT_EQ(signer.score_10, Decimal::parse("7.500"));
  EXPECT_EQ(signer.score_rank, 10);
  EXPECT_EQ(signer.classification, std::optional<std::string>("high_signing_low_execution"));
  EXPECT_EQ(signer.action, std::optional<std::string>("coach_execution"));
  EXPECT_EQ(class_label(*signer.classification, Lang::zh_CN), "高签约低执行");

  // No cut-offs given: the top half of the group decides.
  EXPECT_FALSE(r.signed_cutoff.has_value());
  EXPECT_EQ(r.classification_table, "default");
  EXPECT_EQ(r.classification_version, 1);
  // The laws of the default table, here: no promotion below 80 or outside
  // the top half, no improvement plan at or above 80.
  for (const EmployeeReportRow& e : r.employees) {
    if (e.action == std::optional<std::string>("promote")) {
      EXPECT_GE(*e.score, Decimal(80)) << e.employee;
      EXPECT_TRUE(*e.score_top_half) << e.employee;
    }
    if (e.action == std::optional<std::string>("improvement_plan")) {
      EXPECT_LT(*e.score, Decimal(80)) << e.employee;
    }
  }
}

TEST_F(EmployeeReportTest, EveryRankFollowsTheStandardCompetitionRule) {
  const EmployeeReport r = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  // Each rank is 1 + the number of people strictly above.
  for (const EmployeeReportRow& e : r.employees) {
    std::int64_t above_signed = 0, above_collection = 0, above_score = 0;
    for (const EmployeeReportRow& o : r.employees) {
      above_signed += o.signed_amount > e.signed_amount ? 1 : 0;
      above_collection += *o.collection_ratio > *e.collection_ratio ? 1 : 0;
      above_score += *o.score > *e.score ? 1 : 0;
    }
    EXPECT_EQ(e.signed_rank, above_signed + 1) << e.employee;
    EXPECT_EQ(e.collection_rank, above_collection + 1) << e.employee;
    EXPECT_EQ(e.score_rank, above_score + 1) << e.employee;
  }
  // E08 and E11 both score 80.00: they share rank 7, and the next is 9.
  EXPECT_EQ(person(r, "E08").score_rank, 7);
  EXPECT_EQ(person(r, "E11").score_rank, 7);
  EXPECT_EQ(person(r, "E09").score_rank, 9);
}

TEST_F(EmployeeReportTest, EveryScoreIsTheScorecardTotal) {
  const EmployeeReport r = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  for (const Seller& s : sellers()) {
    const Scorecard card = db->scorecard(s.id, Period::parse("2024-Q1"), d("2024-03-31"));
    EXPECT_EQ(person(r, s.id).score, card.total) << s.id;
    // score = 40 x min(1, amount / 1M) + 30 x paid + satisfaction / 5 + 5 (cycle) + 5 when paid >= 80%
    const std::int64_t hundredths = std::min<std::int64_t>(4000, s.amount * 4000 / 1000000) + 30 * s.percent +
                                    s.satisfaction * 20 + 500 + (s.percent >= 80 ? 500 : 0);
    EXPECT_EQ(card.total, Decimal::from_coefficient(hundredths, 2).rescaled(2)) << s.id;
  }
}

TEST_F(EmployeeReportTest, GivenCutOffsReplaceTheGroupsTopHalf) {
  EmployeeReportOptions o;
  o.signed_cutoff = cny("1500000.00");
  o.collection_cutoff = Decimal::parse("0.7");
  const EmployeeReport r = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), o);
  EXPECT_EQ(r.signed_cutoff, Ratio(1500000));
  auto class_of = [&](const char* id) { return person(r, id).classification.value_or("none"); };
  EXPECT_EQ(class_of("E02"), "high_contribution_high_performance");
  EXPECT_EQ(class_of("E03"), "low_signing_high_execution");  // 0.7 is at the cut-off
  EXPECT_EQ(class_of("E20"), "low_signing_low_execution");
  EXPECT_EQ(class_of("E01"), "high_contribution_high_performance");
}

TEST_F(EmployeeReportTest, AFilterNarrowsTheRowsNotTheVerdicts) {
  const EmployeeReport all = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  EmployeeReportOptions o;
  o.position = "sales";
  o.department = "SD";
  const EmployeeReport some = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), o);
  ASSERT_EQ(some.employees.size(), all.employees.size());
  for (std::size_t i = 0; i < all.employees.size(); ++i) EXPECT_EQ(some.employees[i], all.employees[i]);
}

TEST_F(EmployeeReportTest, BadCutOffsAreRefused) {
  EmployeeReportOptions o;
  o.collection_cutoff = Decimal::parse("1.5");
  EXPECT_THROW(db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), o), ValidationError);
  o.collection_cutoff = Decimal::parse("-0.1");
  EXPECT_THROW(db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), o), ValidationError);
  EmployeeReportOptions m;
  m.signed_cutoff = Money::parse("100.00", "USD");
  try {
    db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), m);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::currency_mismatch);
  }
  m.signed_cutoff = cny("-1.00");
  EXPECT_THROW(db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"), m), ValidationError);
}

TEST(EmployeeReportEdgeTest, PeopleWithoutContractsOrTemplateAreReportedWithNulls) {
  test::TempDir dir;
  const std::string path = dir.file("people.db");
  Database db(path);
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_employee({"A", "甲", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"B", "乙", "SD", "assistant", d("2020-01-01"), std::nullopt});
  db.add_employee({"C", "丙", "SD", "sales", d("2020-01-01"), std::nullopt});
  ContractSpec s;
  s.type = "sales";
  s.owner = "B";
  s.amount = cny("1000.00");
  s.signed_on = d("2024-01-15");
  s.counterparty = "客户";
  db.activate(db.create_contract(s).id, d("2024-01-15"));
  s.type = "labour";
  s.owner = "C";
  db.activate(db.create_contract(s).id, d("2024-01-15"));  // labour contracts are not signing
  const EmployeeReport r = db.report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  ASSERT_EQ(r.employees.size(), 3u);
  const EmployeeReportRow& a = r.employees[0];
  EXPECT_EQ(a.contracts, 0);
  EXPECT_EQ(a.signed_amount, cny("0.00"));
  EXPECT_FALSE(a.collection_rate.has_value());
  EXPECT_FALSE(a.collection_rank.has_value());
  EXPECT_EQ(a.signed_rank, 2);
  // A template with nothing in it: nothing signed (0 of 40), no data for
  // the rest; a coverage of 40 is too little to judge.
  EXPECT_EQ(a.score, Decimal::parse("0.00"));
  EXPECT_EQ(a.coverage, Decimal(40));
  EXPECT_EQ(a.classification, std::optional<std::string>("insufficient_data"));
  EXPECT_EQ(a.action, std::optional<std::string>("collect_data"));
  const EmployeeReportRow& b = r.employees[1];
  EXPECT_EQ(b.contracts, 1);
  EXPECT_EQ(b.collection_rate, Decimal::parse("0.000000"));
  EXPECT_FALSE(b.score.has_value());  // no template for "assistant"
  EXPECT_FALSE(b.score_rank.has_value());
  EXPECT_FALSE(b.classification.has_value());  // no score: not classified
  EXPECT_FALSE(b.action.has_value());
  EXPECT_EQ(r.employees[2].contracts, 0);
  // Filters by department and position.
  EmployeeReportOptions only;
  only.position = "assistant";
  EXPECT_EQ(db.report_employees(Period::parse("2024-Q1"), d("2024-03-31"), only).employees.size(), 1u);
  only.position.reset();
  only.department = "XX";
  // A refusal changes nothing, not even the tracking index behind the last write.
  db.record_payment(ContractRef(std::int64_t{1}), cny("10.00"), d("2024-02-01"), "p1");
  const std::string before = test::logical_dump(path);
  EXPECT_THROW(db.report_employees(Period::parse("2024-Q1"), d("2024-03-31"), only), NotFoundError);
  EXPECT_EQ(test::logical_dump(path), before);
}

TEST(CompetitionRanksTest, TiesShareTheirRankAndNullsHaveNone) {
  const std::vector<std::optional<Ratio>> values = {Ratio(5), Ratio(9), std::nullopt, Ratio(7), Ratio(9), Ratio(5)};
  const auto ranks = competition_ranks(values);
  const std::vector<std::optional<std::int64_t>> want = {4, 1, std::nullopt, 3, 1, 4};
  EXPECT_EQ(ranks, want);
  EXPECT_TRUE(competition_ranks(std::vector<std::optional<Ratio>>{}).empty());
}

TEST(MedianTest, OddEvenAndEmpty) {
  EXPECT_EQ(median({Ratio(3), Ratio(1), Ratio(2)}), Ratio(2));
  EXPECT_EQ(median({Ratio(4), Ratio(1), Ratio(2), Ratio(3)}), Ratio(5, 2));
  EXPECT_FALSE(median({}).has_value());
}

TEST_F(EmployeeReportTest, TablesCsvAndJson) {
  const EmployeeReport r = db->report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  const auto tables = report_tables(r, Lang::en);
  // The CSV keeps the stable codes; the text shows the labels, and the
  // collection rate as a percentage.
  const std::string csv = to_csv(tables[0]);
  EXPECT_NE(csv.find("E02,员工E02,SD,1,1500000.00,2,1.000000,1,92.00,9.200,100,1,high_contribution_high_performance,"
                     "promote\r\n"),
            std::string::npos);
  const std::string text = to_text(tables);
  EXPECT_NE(text.find("high contribution & high performance  promotion candidate: recognise and retain"), std::string::npos);
  EXPECT_NE(text.find("100.00%"), std::string::npos);
  EXPECT_EQ(text.find("high_contribution_high_performance"), std::string::npos);
  EXPECT_NE(text.find("classes by table default version 1"), std::string::npos);
  const std::string zh = to_text(report_tables(r, Lang::zh_CN));
  EXPECT_NE(zh.find("高贡献高绩效"), std::string::npos);
  const std::string json = to_json(r);
  EXPECT_NE(json.find(R"("employee":"E03","name":"员工E03","department":"SD","position":"sales","group":"sales",)"
                      R"("contracts":1,"signed_amount":"1200000.00","collected":"840000.00","collection_rate":"0.700000",)"
                      R"("collection_ratio":"7/10","score":"75.00","score_10":"7.500","coverage":"100","signed_rank":3,)"
                      R"("collection_rank":15,"score_rank":10,"score_top_half":true,"high_signing":true,)"
                      R"("high_execution":false,"classification":"high_signing_low_execution",)"
                      R"("recommended_action":"coach_execution","classification_rule":"coach-execution")"),
            std::string::npos);
  EXPECT_NE(json.find(R"("signed_cutoff":null)"), std::string::npos);
  EXPECT_NE(json.find(R"("classification_table":"default","classification_version":1)"), std::string::npos);
}

}  // namespace

// The reports read each total from the incremental engine when it holds the
// scorecard (a canonical period as of the database clock) and from the
// reference evaluator otherwise (inside a transaction): the same reports.
TEST(ReportScoresTest, TheEngineAndTheReferenceEvaluatorGiveTheSameReports) {
  for (const auto build : {&build_employee_fixture, &build_department_fixture}) {
    Database db(":memory:");
    build(db);
    if (db.today() < d("2024-03-31")) db.advance_to(d("2024-03-31"));
    const Period q1 = Period::parse("2024-Q1");
    const std::int64_t before = db.kpi_engine_stats().incremental_answers;
    const EmployeeReport fast = db.report_employees(q1, db.today());
    const DepartmentReport fast_departments = db.report_departments(q1, db.today());
    EXPECT_GT(db.kpi_engine_stats().incremental_answers, before);
    auto tx = db.transaction();
    const std::int64_t reference_before = db.kpi_engine_stats().reference_answers;
    const EmployeeReport reference = db.report_employees(q1, db.today());
    const DepartmentReport reference_departments = db.report_departments(q1, db.today());
    EXPECT_GT(db.kpi_engine_stats().reference_answers, reference_before);
    tx.rollback();
    EXPECT_EQ(fast, reference);
    EXPECT_EQ(fast_departments, reference_departments);
    EXPECT_FALSE(fast.employees.empty());
  }
}

// Buyers sign procurement contracts: money the company pays. Their spending
// is not contribution and paying a supplier is not execution, so their group
// is left unclassified (said in a note) while their scores stand; a
// salesperson's group is classified as before.
TEST(EmployeeReportEdgeTest, BuyersAreNotClassifiedOnSigningAndCollection) {
  Database db(":memory:");
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_department({"PD", "采购部", std::nullopt, std::nullopt});
  db.add_employee({"S1", "甲", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"S2", "乙", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.add_employee({"P1", "丙", "PD", "procurement", d("2020-01-01"), std::nullopt});
  db.add_employee({"P2", "丁", "PD", "procurement", d("2020-01-01"), std::nullopt});
  db.add_employee({"M1", "戊", "PD", "purchasing_manager", d("2020-01-01"), std::nullopt});  // no template
  auto sign = [&](const std::string& owner, const std::string& type, const char* amount) {
    ContractSpec s;
    s.type = type;
    s.owner = owner;
    s.amount = cny(amount);
    s.signed_on = d("2024-01-15");
    s.delivery_due = d("2024-02-15");
    s.installments = {{d("2024-02-01"), cny(amount)}};
    s.counterparty = "对方";
    const std::int64_t id = db.create_contract(s).id;
    db.activate(id, d("2024-01-15"));
    db.record_payment(id, cny(amount), d("2024-02-01"), owner + "-pay");
    db.record_delivery(id, true, EventOptions(d("2024-02-10")));
  };
  sign("S1", "sales", "500000.00");
  sign("S2", "sales", "100000.00");
  sign("P1", "procurement", "900000.00");
  sign("P2", "procurement", "200000.00");
  const EmployeeReport r = db.report_employees(Period::parse("2024-Q1"), d("2024-03-31"));
  EXPECT_EQ(r.unclassified_groups, std::vector<std::string>{"procurement"});
  for (const char* buyer : {"P1", "P2"}) {
    const EmployeeReportRow& p = person(r, buyer);
    EXPECT_EQ(p.contracts, 0) << buyer;  // no receivable signed
    EXPECT_FALSE(p.signed_rank.has_value()) << buyer;  // nor ranked on it
    EXPECT_FALSE(p.collection_ratio.has_value()) << buyer;
    EXPECT_TRUE(p.score.has_value()) << buyer;  // the procurement template scores them
    EXPECT_FALSE(p.classification.has_value()) << buyer;
    EXPECT_FALSE(p.high_signing.has_value()) << buyer;
  }
  // Someone without a score and without receivables is not ranked on signing either.
  EXPECT_FALSE(person(r, "M1").signed_rank.has_value());
  EXPECT_EQ(person(r, "S1").signed_rank, 1);
  EXPECT_EQ(person(r, "S2").signed_rank, 2);
  EXPECT_EQ(person(r, "S1").classification, std::optional<std::string>("high_contribution_high_performance"));
  EXPECT_TRUE(person(r, "S2").classification.has_value());
  const std::string text = to_text(report_tables(r, Lang::en));
  EXPECT_NE(text.find("not classified: procurement"), std::string::npos) << text;
  EXPECT_NE(to_text(report_tables(r, Lang::zh_CN)).find("未分类:procurement"), std::string::npos);
}
