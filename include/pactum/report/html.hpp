// The HTML report (docs/reports-html.md): one self-contained page — inline
// CSS and inline SVG charts, no script, no network resource — with the
// department scatter (execution rate against average score), the score
// distribution, the monthly collection trend, the ranking table and the
// forecast, in English or Simplified Chinese.
//
// The page is a pure function of the reports it is given: no clock, no host
// locale, stable ordering, every number formatted from exact values (chart
// coordinates included), so the same data gives byte-identical pages.
//
// Also here: the monthly collection trend the third chart draws.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"
#include "pactum/report/report.hpp"
#include "pactum/report/table.hpp"

namespace pactum {

// ---- Collection trend ---------------------------------------------------------------

// Which contracts the trend counts: those of `types`; empty: every type
// except labour and procurement (money the company receives).
struct CollectionTrendOptions {
  std::vector<std::string> types;
};

// One calendar month of the period, up to the cutoff. Amounts are in the
// reporting currency: each contract's figure of the month converted at its
// contract's rate (reporting amount / amount) and rounded half-even to the
// minor unit, then summed.
struct CollectionMonth {
  std::string month;  // "2024-01"
  Date from;          // the month's first day in the period
  Date to;            // its last day in the period, at most the cutoff
  // Instalments falling due in [from, to] of contracts activated by the
  // as-of date, and payments less reversals effective in [from, to].
  Money due;
  Money collected;
  // Since the period's start, and cumulative collected / cumulative due
  // (exactly, and rounded half-even to 6 decimals; null while nothing fell due).
  Money due_to_date;
  Money collected_to_date;
  std::optional<Ratio> collection_ratio;
  std::optional<Decimal> collection_rate;

  friend bool operator==(const CollectionMonth&, const CollectionMonth&) = default;
};

struct CollectionTrend {
  Period period = Period::parse("2024-01");
  Date as_of;
  Date cutoff;        // min(as_of, period end)
  Currency currency;  // the reporting currency
  std::vector<std::string> types;  // the types counted; empty: all but labour and procurement
  std::vector<CollectionMonth> months;
  std::int64_t contracts = 0;  // contracts with a figure in the trend

  friend bool operator==(const CollectionTrend&, const CollectionTrend&) = default;
};

// {"version":1,"report":"collections","period":"2024","as_of":..,"cutoff":..,
//  "currency":"CNY","types":[],"contracts":120,"months":[{"month":"2024-01",
//  "from":..,"to":..,"due":"840000.00","collected":"800000.00",
//  "due_to_date":..,"collected_to_date":..,"collection_rate":"0.952381",
//  "collection_ratio":"20/21"}]}
std::string to_json(const CollectionTrend& trend);
// One table: collections.
std::vector<ReportTable> report_tables(const CollectionTrend& trend, Lang lang);
// {"version":1,"types":["sales","project"]}, optional members; strict as the
// other option documents.
CollectionTrendOptions collection_trend_options_from_json(std::string_view json);

// ---- The HTML page -------------------------------------------------------------------

enum class HtmlSection : unsigned char {
  departments,  // the scatter and the department table
  employees,    // the score distribution and the ranking table
  collections,  // the monthly collection trend chart and its table
  forecast,     // instalments per month (chart) and the forecast tables
};
// "departments", "employees", "collections", "forecast"; anything else is a
// ValidationError naming the text.
HtmlSection parse_html_section(std::string_view name);
const char* html_section_name(HtmlSection section) noexcept;

// What the page shows: every report given, in the order above.
struct HtmlReport {
  std::optional<DepartmentReport> departments;
  std::optional<EmployeeReport> employees;
  std::optional<CollectionTrend> collections;
  std::optional<Forecast> forecast;
  // The page title; empty: "Contracts and performance, PERIOD".
  std::string title;
};

// The page (UTF-8, HTML5). A report without data draws an empty chart with
// a note, never an error.
std::string to_html(const HtmlReport& report, Lang lang);

// Database::report_html: which sections, and the options of their reports.
struct HtmlReportOptions {
  // Empty: every section.
  std::vector<HtmlSection> sections;
  std::string title;
  EmployeeReportOptions employees;
  ForecastOptions forecast;
  CollectionTrendOptions collections;
};

// {"version":1,"sections":["departments","employees"],"title":"...",
//  "months":3,"threshold":"0.5","department":"SD","position":"sales",
//  "signed_cutoff":"800000.00","collection_cutoff":"0.8","types":["sales"]},
// every member optional; strict as the other option documents (the amount
// is in `reporting`).
HtmlReportOptions html_report_options_from_json(std::string_view json, Currency reporting);

}  // namespace pactum
