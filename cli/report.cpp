// `pactum report`: the department, employee and forecast reports (--db FILE).
//   report departments [--period P] [--as-of DATE] [--format text|json|csv]
//   report employees   [--period P] [--as-of DATE] [--department CODE] [--position P]
//                      [--signed-cutoff AMOUNT] [--collection-cutoff RATE] [--format text|json|csv]
//   report forecast    [--as-of DATE] [--months N] [--threshold RATE]
//                      [--format text|json|csv [--section expiring|under_collected|installments]]
// The period defaults to the quarter of the as-of date, the as-of date to the
// database clock. CSV writes one table: the forecast's is chosen by --section
// (default expiring).
#include <charconv>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
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
  refuse_unknown_options(inv, inv.args);
  if (inv.args.empty()) usage(inv);
  if (inv.args.size() > 1) throw UsageError{inv.text("cli.unexpected_argument", {{"argument", inv.args[1]}})};
  const std::string which = inv.args[0];
  if (which != "departments" && which != "employees" && which != "forecast") usage(inv);
  if (format != "text" && format != "json" && format != "csv") {
    throw UsageError{inv.text("cli.report_bad_format", {{"format", format}})};
  }
  const bool is_forecast = which == "forecast";
  if (is_forecast && period_text) throw UsageError{inv.text("cli.report_option_not_for", {{"option", "--period"}, {"report", which}})};
  if (!is_forecast && (months || threshold || section)) {
    throw UsageError{inv.text("cli.report_option_not_for",
                              {{"option", months ? "--months" : threshold ? "--threshold" : "--section"}, {"report", which}})};
  }
  if (which != "employees" && (department || position || signed_cutoff || collection_cutoff)) {
    throw UsageError{inv.text("cli.report_option_not_for", {{"option", department ? "--department" : position ? "--position" : signed_cutoff ? "--signed-cutoff" : "--collection-cutoff"}, {"report", which}})};
  }
  if (section && *section != "expiring" && *section != "under_collected" && *section != "installments") {
    throw UsageError{inv.text("cli.report_bad_section", {{"section", *section}})};
  }
  const std::optional<Date> as_of = as_of_text ? std::optional<Date>(Date::parse(*as_of_text)) : std::nullopt;
  const std::optional<Period> given = period_text ? std::optional<Period>(Period::parse(*period_text)) : std::nullopt;
  Database db = open_existing(inv, "report");
  const Date day = as_of ? *as_of : db.today();
  const Period period = given ? *given : Period::quarter_of(day);
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
