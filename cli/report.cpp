// `pactum report`: the department, employee and forecast reports (--db FILE).
//   report departments [--period P] [--as-of DATE] [--format text|json|csv]
//   report employees   [--period P] [--as-of DATE] [--department CODE] [--position P]
//                      [--signed-cutoff AMOUNT] [--collection-cutoff RATE] [--format text|json|csv]
//   report forecast    [--as-of DATE] [--months N] [--threshold RATE]
//                      [--format text|json|csv [--section expiring|under_collected|payables|installments]]
//   report collections [--period P] [--as-of DATE] [--types T,T] [--format text|json|csv]
//   report all         [--period P] [--as-of DATE] [every option above] [--format text|html]
// Every report also takes --format html: one self-contained page with its
// charts (`all`: every section). The period defaults to the quarter of the
// as-of date, the as-of date to the database clock. CSV writes one table: the
// forecast's is chosen by --section (default expiring).
#include <charconv>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "pactum/report/html.hpp"
#include "pactum/report/table.hpp"
#include "pactum/store/database.hpp"

namespace pactum::cli {

namespace {

[[noreturn]] void usage(const Invocation& inv) { throw UsageError{inv.text("cli.report_usage")}; }

Database open_existing(const Invocation& inv, const char* command) {
  if (!inv.db) throw UsageError{inv.text("cli.report_needs_db", {{"command", command}})};
  if (*inv.db != ":memory:" && !std::filesystem::exists(*inv.db)) {
    raise(Errc::not_found, "cli.report_no_database", {{"path", *inv.db}});
  }
  OpenOptions options;
  options.lang = inv.lang;
  return Database(*inv.db, options);
}

template <class Report>
void print(const Invocation& inv, const Report& report, const std::string& format, const std::string& section) {
  std::ostream& out = *inv.out;
  if (format == "json") {
    out << to_json(report) << "\n";
    return;
  }
  const std::vector<ReportTable> tables = report_tables(report, inv.lang);
  if (format == "text") {
    out << to_text(tables);
    return;
  }
  for (const ReportTable& t : tables) {
    if (section.empty() || t.name == section) {
      out << to_csv(t);
      return;
    }
  }
}

int months_arg(const Invocation& inv, const std::string& text) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw UsageError{inv.text("cli.report_bad_months", {{"months", text}})};
  }
  return value;
}

// "sales,project" -> {"project", "sales"} (the library checks each type).
std::vector<std::string> types_arg(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = text.find(',', from);
    out.push_back(text.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
    if (comma == std::string::npos) return out;
    from = comma + 1;
  }
}

}  // namespace

int run_report(Invocation& inv) {
  const auto period_text = take_option(inv.args, "period");
  const auto as_of_text = take_option(inv.args, "as-of");
  const std::string format = take_option(inv.args, "format").value_or("text");
  const auto department = take_option(inv.args, "department");
  const auto position = take_option(inv.args, "position");
  const auto signed_cutoff = take_option(inv.args, "signed-cutoff");
  const auto collection_cutoff = take_option(inv.args, "collection-cutoff");
  const auto months = take_option(inv.args, "months");
  const auto threshold = take_option(inv.args, "threshold");
  const auto section = take_option(inv.args, "section");
  const auto types = take_option(inv.args, "types");
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) usage(inv);
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  const std::string which = inv.args[0];
  if (which != "departments" && which != "employees" && which != "forecast" && which != "collections" &&
      which != "all") {
    usage(inv);
  }
  if (format != "text" && format != "json" && format != "csv" && format != "html") {
    throw UsageError{inv.text("cli.report_bad_format", {{"format", format}})};
  }
  const bool is_all = which == "all";
  if (is_all && format != "text" && format != "html") {
    throw UsageError{inv.text("cli.report_all_format", {{"format", format}})};
  }
  if (format == "html" && section) {
    throw UsageError{inv.text("cli.report_option_not_for", {{"option", "--section"}, {"report", "html"}})};
  }
  if (types && which != "collections" && !is_all) {
    throw UsageError{inv.text("cli.report_option_not_for", {{"option", "--types"}, {"report", which}})};
  }
  const bool is_forecast = which == "forecast";
  if (is_forecast && period_text) throw UsageError{inv.text("cli.report_option_not_for", {{"option", "--period"}, {"report", which}})};
  if (!is_forecast && !is_all && (months || threshold || section)) {
    throw UsageError{inv.text("cli.report_option_not_for",
                              {{"option", months ? "--months" : threshold ? "--threshold" : "--section"}, {"report", which}})};
  }
  if (which != "employees" && !is_all && (department || position || signed_cutoff || collection_cutoff)) {
    throw UsageError{inv.text("cli.report_option_not_for", {{"option", department ? "--department" : position ? "--position" : signed_cutoff ? "--signed-cutoff" : "--collection-cutoff"}, {"report", which}})};
  }
  if (section && *section != "expiring" && *section != "under_collected" && *section != "payables" &&
      *section != "installments") {
    throw UsageError{inv.text("cli.report_bad_section", {{"section", *section}})};
  }
  const std::optional<Date> as_of = as_of_text ? std::optional<Date>(Date::parse(*as_of_text)) : std::nullopt;
  const std::optional<Period> given = period_text ? std::optional<Period>(Period::parse(*period_text)) : std::nullopt;
  Database db = open_existing(inv, "report");
  const Date day = as_of ? *as_of : db.today();
  const Period period = given ? *given : Period::quarter_of(day);
  if (format == "html" || is_all) {
    HtmlReportOptions o;
    if (!is_all) o.sections = {parse_html_section(which)};
    o.employees.department = department;
    o.employees.position = position;
    if (signed_cutoff) o.employees.signed_cutoff = Money::parse(*signed_cutoff, db.reporting_currency());
    if (collection_cutoff) o.employees.collection_cutoff = Decimal::parse(*collection_cutoff);
    if (months) o.forecast.months = months_arg(inv, *months);
    if (threshold) o.forecast.threshold = Decimal::parse(*threshold);
    if (types) o.collections.types = types_arg(*types);
    if (format == "html") {
      *inv.out << db.report_html(period, day, o);
      return kExitOk;
    }
    std::vector<ReportTable> tables = report_tables(db.report_departments(period, day), inv.lang);
    for (ReportTable& t : report_tables(db.report_employees(period, day, o.employees), inv.lang)) tables.push_back(t);
    for (ReportTable& t : report_tables(db.collection_trend(period, day, o.collections), inv.lang)) tables.push_back(t);
    for (ReportTable& t : report_tables(db.forecast(day, o.forecast), inv.lang)) tables.push_back(t);
    *inv.out << to_text(tables);
    return kExitOk;
  }
  if (which == "collections") {
    CollectionTrendOptions o;
    if (types) o.types = types_arg(*types);
    print(inv, db.collection_trend(period, day, o), format, "");
    return kExitOk;
  }
  if (which == "departments") {
    print(inv, db.report_departments(period, day), format, "");
  } else if (which == "employees") {
    EmployeeReportOptions o;
    o.department = department;
    o.position = position;
    if (signed_cutoff) o.signed_cutoff = Money::parse(*signed_cutoff, db.reporting_currency());
    if (collection_cutoff) o.collection_cutoff = Decimal::parse(*collection_cutoff);
    print(inv, db.report_employees(period, day, o), format, "");
  } else {
    ForecastOptions o;
    if (months) o.months = months_arg(inv, *months);
    if (threshold) o.threshold = Decimal::parse(*threshold);
    print(inv, db.forecast(day, o), format, section.value_or("expiring"));
  }
  return kExitOk;
}

}  // namespace pactum::cli
