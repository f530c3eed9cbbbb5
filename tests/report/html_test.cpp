// The HTML report: charts drawn from the exact report figures, a page that
// loads nothing and is byte-identical for the same data; the monthly
// collection trend; the option documents; labels.
#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "pactum/report/html.hpp"
#include "report/report_support.hpp"
#include "support/temp_dir.hpp"

using namespace pactum;
using namespace pactum::report_test;

namespace {

const Period kQ1 = Period::parse("2024-Q1");

struct Point {
  std::string tip;
  std::string cx;
  std::string cy;
};

// The value of attribute `name` inside the tag text `tag`; empty when absent.
std::string attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string::npos) return {};
  const std::size_t from = at + key.size();
  return tag.substr(from, tag.find('"', from) - from);
}

// Each element that opens with `open` and is followed by a <title>: the
// opening tag's text and the title, in page order.
std::vector<std::pair<std::string, std::string>> titled(const std::string& text, const std::string& open) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    const std::size_t tag_end = text.find('>', at);
    const std::string tag = text.substr(at, tag_end - at);
    const std::string title_open = "<title>";
    if (text.compare(tag_end + 1, title_open.size(), title_open) != 0) continue;
    const std::size_t title_from = tag_end + 1 + title_open.size();
    out.emplace_back(tag, text.substr(title_from, text.find("</title>", title_from) - title_from));
  }
  return out;
}

// The departments' points: (title, cx, cy) in page order.
std::vector<Point> points(const std::string& page) {
  std::vector<Point> out;
  for (const auto& [tag, title] : titled(page, "<circle class=\"point\"")) {
    if (attribute(tag, "r") != "6") continue;
    out.push_back({title, attribute(tag, "cx"), attribute(tag, "cy")});
  }
  return out;
}

// The bars of one chart: title -> height.
std::map<std::string, std::string> bars(const std::string& page, const std::string& chart) {
  const std::size_t from = page.find("<svg id=\"" + chart + "\"");
  const std::size_t to = page.find("</svg>", from);
  const std::string svg = page.substr(from, to - from);
  std::map<std::string, std::string> out;
  for (const auto& [tag, title] : titled(svg, "<rect class=\"bar ")) out[title] = attribute(tag, "height");
  return out;
}

Ratio coordinate(const std::string& text) { return Ratio(Decimal::parse(text)); }

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

Contract sign_sale(Database& db, const std::string& owner, const Money& amount, Date signed_on,
                   std::vector<Installment> schedule, const std::string& type = "sales") {
  ContractSpec s;
  s.type = type;
  s.owner = owner;
  s.amount = amount;
  s.signed_on = signed_on;
  s.end = d("2024-12-31");
  s.counterparty = "华东机械";
  s.installments = std::move(schedule);
  const Contract c = db.create_contract(s);
  db.activate(c.id, signed_on);
  return c;
}

TEST(HtmlReportTest, ScatterPlacesEachDepartmentAtItsExecutionRateAndScore) {
  Database db(":memory:");
  build_department_fixture(db);
  const DepartmentReport r = db.report_departments(kQ1, d("2024-03-31"));
  HtmlReport report;
  report.departments = r;
  const std::string page = to_html(report, Lang::en);
  const std::vector<Point> p = points(page);
  // HR has neither figure: three points, by department code (MKT, RD, SD).
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].tip, "市场部: execution rate 92.0%, average score 86.00");
  EXPECT_EQ(p[1].tip, "研发部: execution rate 85.0%, average score 78.00");
  EXPECT_EQ(p[2].tip, "销售部: execution rate 88.0%, average score 82.00");
  // Higher rate further right, higher score further up (smaller y).
  EXPECT_GT(coordinate(p[0].cx), coordinate(p[2].cx));
  EXPECT_GT(coordinate(p[2].cx), coordinate(p[1].cx));
  EXPECT_LT(coordinate(p[0].cy), coordinate(p[2].cy));
  EXPECT_LT(coordinate(p[2].cy), coordinate(p[1].cy));
  // Equal steps in rate are equal steps on the axis: 92 - 88 = 4 and 88 - 85
  // = 3 points; scores 86 - 82 = 82 - 78.
  // (Coordinates carry one decimal: allow for its rounding.)
  const Ratio dx_high = coordinate(p[0].cx) - coordinate(p[2].cx);
  const Ratio dx_low = coordinate(p[2].cx) - coordinate(p[1].cx);
  const Ratio skew = dx_high * Ratio(3) - dx_low * Ratio(4);
  EXPECT_LE(max(skew, -skew), Ratio(1));
  const Ratio dy = (coordinate(p[2].cy) - coordinate(p[0].cy)) - (coordinate(p[1].cy) - coordinate(p[2].cy));
  EXPECT_LE(max(dy, -dy), Ratio(2, 10));
  EXPECT_NE(page.find("r = " + r.correlation.r->to_string()), std::string::npos);
  // The department table shows every department, HR with dashes.
  EXPECT_NE(page.find("<td>HR</td><td>人力资源部</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">–</td>"),
            std::string::npos);
}

TEST(HtmlReportTest, ScoreDistributionCountsEveryScoredEmployeeInItsBand) {
  Database db(":memory:");
  build_employee_fixture(db);
  const EmployeeReport r = db.report_employees(kQ1, d("2024-03-31"));
  std::map<std::int64_t, std::int64_t> expected;
  for (const EmployeeReportRow& e : r.employees) {
    ASSERT_TRUE(e.score.has_value());
    ++expected[(Ratio(*e.score) / Ratio(10)).round(0, Rounding::floor).coefficient()];
  }
  HtmlReport report;
  report.employees = r;
  const std::string page = to_html(report, Lang::en);
  const std::map<std::string, std::string> drawn = bars(page, "chart-scores");
  std::int64_t total = 0;
  for (const auto& [band, n] : expected) {
    const std::string title = std::to_string(band * 10) + "–" + std::to_string(band * 10 + 10) + " · employees: " +
                              std::to_string(n);
    EXPECT_TRUE(drawn.contains(title)) << title;
    total += n;
  }
  EXPECT_EQ(total, 20);
  // Bars are as tall as their counts say: the tallest band has the tallest bar.
  const auto most = std::max_element(expected.begin(), expected.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
  const std::string tallest = std::to_string(most->first * 10) + "–" + std::to_string(most->first * 10 + 10) +
                              " · employees: " + std::to_string(most->second);
  for (const auto& [title, height] : drawn) EXPECT_LE(coordinate(height), coordinate(drawn.at(tallest)));
  // The ranking lists E02 (score 92.00) first, with rank 1.
  const std::size_t ranking = page.find("<table class=\"ranking\">");
  ASSERT_NE(ranking, std::string::npos);
  const std::size_t first_row = page.find("<tbody>", ranking);
  const std::string first = "<tbody>\n<tr><td class=\"num\">1</td><td>E02</td><td>员工E02</td><td>SD</td>";
  EXPECT_EQ(page.substr(first_row, first.size()), first);
  EXPECT_NE(page.find("<td class=\"num\">1,500,000.00</td>"), std::string::npos);
}

TEST(HtmlReportTest, CollectionTrendAddsPaymentsLessReversalsPerMonth) {
  Database db(":memory:");
  db.add_department({"SD", "销售部", std::nullopt, std::nullopt});
  db.add_employee({"E1", "张三", "SD", "sales", d("2020-01-01"), std::nullopt});
  db.set_exchange_rate("USD", Decimal::parse("7.10"), d("2024-01-01"));
  const Contract a = sign_sale(db, "E1", cny("1000.00"), d("2024-01-05"),
                               {{d("2024-01-31"), cny("300.00")}, {d("2024-02-29"), cny("700.00")}});
  db.record_payment(a.id, cny("300.00"), d("2024-01-31"), "A1");
  db.record_payment(a.id, cny("500.00"), d("2024-02-20"), "A2");
  db.reverse_payment("A2", d("2024-03-02"));
  db.record_payment(a.id, cny("700.00"), d("2024-03-10"), "A3");
  const Contract b = sign_sale(db, "E1", Money::parse("100.00", "USD"), d("2024-02-01"),
                               {{d("2024-03-15"), Money::parse("100.00", "USD")}});
  db.record_payment(b.id, Money::parse("40.00", "USD"), d("2024-03-15"), "B1");
  // A procurement contract is money paid out: not in the default trend.
  const Contract p = sign_sale(db, "E1", cny("5000.00"), d("2024-01-10"), {{d("2024-01-20"), cny("5000.00")}},
                               "procurement");
  db.record_payment(p.id, cny("5000.00"), d("2024-01-20"), "P1");

  const CollectionTrend t = db.collection_trend(kQ1, d("2024-03-31"));
  ASSERT_EQ(t.months.size(), 3u);
  EXPECT_EQ(t.contracts, 2);
  EXPECT_EQ(t.months[0].month, "2024-01");
  EXPECT_EQ(t.months[0].due, cny("300.00"));
  EXPECT_EQ(t.months[0].collected, cny("300.00"));
  EXPECT_EQ(t.months[1].due, cny("700.00"));
  EXPECT_EQ(t.months[1].collected, cny("500.00"));
  // March: the USD instalment at 7.10; 700 paid, 500 reversed, 40 USD paid.
  EXPECT_EQ(t.months[2].due, cny("710.00"));
  EXPECT_EQ(t.months[2].collected, cny("484.00"));
  EXPECT_EQ(t.months[2].due_to_date, cny("1710.00"));
  EXPECT_EQ(t.months[2].collected_to_date, cny("1284.00"));
  EXPECT_EQ(*t.months[2].collection_ratio, Ratio(128400, 171000));
  EXPECT_EQ(t.months[2].collection_rate->to_string(), "0.750877");

  // As of 2024-02-15: January, and February up to the 15th.
  const CollectionTrend early = db.collection_trend(kQ1, d("2024-02-15"));
  ASSERT_EQ(early.months.size(), 2u);
  EXPECT_EQ(early.months[1].to, d("2024-02-15"));
  EXPECT_TRUE(early.months[1].due.is_zero());
  EXPECT_TRUE(early.months[1].collected.is_zero());

  CollectionTrendOptions procurement;
  procurement.types = {"procurement"};
  const CollectionTrend out = db.collection_trend(kQ1, d("2024-03-31"), procurement);
  EXPECT_EQ(out.contracts, 1);
  EXPECT_EQ(out.months[0].collected, cny("5000.00"));
  EXPECT_TRUE(out.months[1].collected.is_zero());

  // The chart draws each month's two bars; the table shows the cumulative rate.
  HtmlReport report;
  report.collections = t;
  const std::string page = to_html(report, Lang::en);
  const auto drawn = bars(page, "chart-collections");
  EXPECT_TRUE(drawn.contains("2024-02 · due: 700"));
  EXPECT_TRUE(drawn.contains("2024-03 · collected: 484"));
  EXPECT_NE(page.find("<td class=\"num\">75.1%</td>"), std::string::npos);
  EXPECT_NE(to_json(t).find("\"collection_ratio\":\"214/285\""), std::string::npos);
  EXPECT_NE(to_json(t).find("\"collection_rate\":\"0.750877\""), std::string::npos);
}

TEST(HtmlReportTest, PageIsSelfContainedEscapedAndByteIdentical) {
  auto build = [](Database& db) {
    build_department_fixture(db);
    db.add_department({"LAB", "R&D <lab> \"x\"", std::nullopt, std::nullopt});
    db.advance_to(d("2024-03-31"));
  };
  Database one(":memory:");
  Database two(":memory:");
  build(one);
  build(two);
  const std::string a = one.report_html(kQ1, d("2024-03-31"));
  const std::string b = two.report_html(kQ1, d("2024-03-31"));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_EQ(count(a, "<svg "), 4u);
  for (const char* id : {"chart-departments", "chart-scores", "chart-collections", "chart-installments"}) {
    EXPECT_NE(a.find(std::string("<svg id=\"") + id + "\""), std::string::npos) << id;
  }
  for (const char* loader : {"http:", "https:", "<script", "<link", "<img", "<iframe", "url(", "@import", "src="}) {
    EXPECT_EQ(a.find(loader), std::string::npos) << loader;
  }
  EXPECT_NE(a.find("R&amp;D &lt;lab&gt; &quot;x&quot;"), std::string::npos);
  EXPECT_EQ(a.find("<lab>"), std::string::npos);
}

TEST(HtmlReportTest, SectionsTitleAndLanguage) {
  OpenOptions chinese;
  chinese.lang = Lang::zh_CN;
  Database db(":memory:", chinese);
  build_department_fixture(db);
  HtmlReportOptions o;
  o.sections = {HtmlSection::departments};
  o.title = "一季度 <经营> 报告";
  const std::string page = db.report_html(kQ1, d("2024-03-31"), o);
  EXPECT_EQ(count(page, "<svg "), 1u);
  EXPECT_EQ(page.find("chart-scores"), std::string::npos);
  EXPECT_NE(page.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(page.find("<title>一季度 &lt;经营&gt; 报告</title>"), std::string::npos);
  EXPECT_NE(page.find("合同执行率(%)"), std::string::npos);
  EXPECT_NE(page.find("市场部:执行率 92.0%,平均得分 86.00"), std::string::npos);
}

TEST(HtmlReportTest, EmptyDatabaseDrawsEmptyChartsWithANote) {
  Database db(":memory:");
  const std::string page = db.report_html(kQ1, d("2024-03-31"));
  EXPECT_EQ(count(page, "<svg "), 4u);
  EXPECT_EQ(count(page, ">no data</text>"), 4u);
  EXPECT_EQ(page.find("<circle"), std::string::npos);
}

TEST(HtmlReportTest, OptionDocumentsAreStrict) {
  const Currency cny_currency = Currency::of("CNY");
  const HtmlReportOptions o = html_report_options_from_json(
      R"({"version":1,"sections":["employees","forecast"],"title":"T","months":6,"threshold":"0.4",)"
      R"("department":"SD","signed_cutoff":"800000.00","types":["sales","project"]})",
      cny_currency);
  EXPECT_EQ(o.sections, (std::vector<HtmlSection>{HtmlSection::employees, HtmlSection::forecast}));
  EXPECT_EQ(o.forecast.months, 6);
  EXPECT_EQ(o.forecast.threshold, Decimal::parse("0.4"));
  EXPECT_EQ(*o.employees.signed_cutoff, cny("800000.00"));
  EXPECT_EQ(o.collections.types, (std::vector<std::string>{"project", "sales"}));
  const char* bad[] = {
      R"({"version":2})",
      R"({"version":1,"sections":["charts"]})",
      R"({"version":1,"sections":["forecast","forecast"]})",
      R"({"version":1,"sections":"forecast"})",
      R"({"version":1,"months":0})",
      R"({"version":1,"months":"3"})",
      R"({"version":1,"threshold":0.5})",
      R"({"version":1,"types":["Sales!"]})",
      R"({"version":1,"colour":"red"})",
      R"({"version":1,"title":"a","title":"b"})",
      "{\"version\":1,\"title\":\"\xff\"}",
      "not json",
  };
  for (const char* text : bad) {
    try {
      html_report_options_from_json(text, cny_currency);
      ADD_FAILURE() << text;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), Errc::invalid_argument) << text;
      EXPECT_FALSE(e.message(Lang::zh_CN).empty());
    }
  }
  EXPECT_EQ(collection_trend_options_from_json(R"({"version":1})").types.size(), 0u);
  EXPECT_THROW(collection_trend_options_from_json(R"({"version":1,"months":3})"), ValidationError);
  EXPECT_THROW(parse_html_section("Departments"), ValidationError);
  EXPECT_EQ(parse_html_section("collections"), HtmlSection::collections);
}

TEST(LabelsTest, SetReadListReplaceAndRefuse) {
  test::TempDir dir;
  const std::string path = dir.file("labels.db");
  {
    Database db(path);
    EXPECT_FALSE(db.label("origin").has_value());
    db.set_label("origin", "ERP 导入 2024");
    db.set_label("tenant", "acme");
    db.set_label("origin", "ERP 导入 2025");
    EXPECT_THROW(db.set_label("bad name", "x"), ValidationError);
    EXPECT_THROW(db.set_label("", "x"), ValidationError);
    EXPECT_THROW(db.set_label("tenant", std::string(4097, 'x')), ValidationError);
    EXPECT_THROW(db.set_label("tenant", "\xff"), ValidationError);
    EXPECT_THROW(db.label("bad name"), ValidationError);
  }
  Database again(path);
  EXPECT_EQ(again.labels(), (std::vector<std::pair<std::string, std::string>>{{"origin", "ERP 导入 2025"},
                                                                              {"tenant", "acme"}}));
  EXPECT_EQ(*again.label("tenant"), "acme");
  // A label of exactly the limit is accepted.
  again.set_label("tenant", std::string(4096, 'y'));
  EXPECT_EQ(again.label("tenant")->size(), 4096u);
}

}  // namespace
