// The article's reports (docs/reports.md): departments (execution rate
// against average score, and their correlation), employees (signed amount,
// collection rate, score, ranks, a classification within the position group
// by a decision table, with a recommended action) and the forecast (contracts expiring, contracts collecting too
// slowly, instalments falling due per month).
//
// Each report is a plain struct: the C API writes it as JSON, Python as a
// list of dicts with .to_pandas(), and report_table() lays it out as a
// table of text cells for CSV and the text writer (pactum/report/table.hpp).
// Degenerate data is reported, not refused: a department without contracts
// due has a null execution rate, an employee without a template a null
// score, a correlation over fewer than two departments with both figures is
// null.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"

namespace pactum {

// ---- Department report ------------------------------------------------------------

struct DepartmentReportRow {
  std::string department;  // code
  std::string name;
  // Contracts of the department (labour excepted) whose delivery due date
  // lies in [period start, cutoff] and that were activated by the as-of date;
  // those executed as agreed (docs/reports.md, "Execution rate").
  std::int64_t contracts_due = 0;
  std::int64_t executed = 0;
  // executed / contracts_due exactly, and rounded half-even to 6 decimals;
  // null without contracts due.
  std::optional<Ratio> execution_ratio;
  std::optional<Decimal> execution_rate;
  // Employees posted in the department on the cutoff date, and those of them
  // with a score.
  std::int64_t employees = 0;
  std::int64_t scored = 0;
  // The mean of their scores exactly, rounded half-even to 2 decimals, and
  // its tenth (the 10-point figure) rounded half-even to 3 decimals; null
  // when nobody has a score.
  std::optional<Ratio> average_score_ratio;
  std::optional<Decimal> average_score;
  std::optional<Decimal> average_score_10;

  friend bool operator==(const DepartmentReportRow&, const DepartmentReportRow&) = default;
};

// Pearson's correlation coefficient across departments between the exact
// execution ratio and the exact average score, over the departments that
// have both. Computed in exact rational arithmetic: r = sign(Sxy) x
// sqrt(Sxy^2 / (Sxx Syy)), rounded half-even to 6 decimals by an integer
// square root with exact comparisons (no floating point). Null over fewer
// than two points or when either figure does not vary.
struct Correlation {
  std::int64_t points = 0;
  std::optional<Decimal> r;
  // r^2 exactly, as "n/d" text (its terms may exceed 64 bits).
  std::optional<std::string> r_squared;

  friend bool operator==(const Correlation&, const Correlation&) = default;
};

struct DepartmentReport {
  Period period = Period::parse("2024-01");
  Date as_of;
  Date cutoff;  // min(as_of, period end)
  std::vector<DepartmentReportRow> departments;  // by code
  Correlation correlation;

  friend bool operator==(const DepartmentReport&, const DepartmentReport&) = default;
};

// Pearson's r over (x, y) pairs, as described under Correlation.
Correlation pearson_correlation(std::span<const std::pair<Ratio, Ratio>> points);

// ---- Employee report ----------------------------------------------------------------

// The label of a class code and of an action code in `lang` (the catalog's
// report.class_<code> and report.action_<code>; a code a host's table
// introduced without a label shows as itself).
std::string class_label(std::string_view code, Lang lang);
std::string action_label(std::string_view code, Lang lang);

struct EmployeeReportRow {
  std::string employee;
  std::string name;
  std::string department;  // posting on the cutoff date
  std::string position;
  std::string group;       // the position group the employee is compared in
  // The receivable contracts (money the company is paid: procurement and
  // labour excepted, see money_direction) the employee signed in the period
  // and that were activated by the as-of date: their count and amount (the
  // contribution axis; a contract handed over stays with its signer).
  std::int64_t contracts = 0;
  Money signed_amount;  // Σ reporting amounts
  // The execution axis, as the KPI collection_rate reads it (docs/kpi.md,
  // scope `active`): the receivable contracts the employee held on
  // the cutoff that were in force at some time in the period, Σ min(collected
  // as of the cutoff, amount), each weighted by its reporting amount: the
  // collected part, and its ratio to their amounts (null without such a
  // contract).
  Money collected;
  std::optional<Ratio> collection_ratio;
  std::optional<Decimal> collection_rate;  // 6 decimals, half-even
  // The scorecard total and its tenth, and its coverage; null without a
  // template.
  std::optional<Decimal> score;
  std::optional<Decimal> score_10;
  std::optional<Decimal> coverage;
  // Standard competition ranks (1, 2, 2, 4), highest first, among the
  // company's employees with a value (everyone has a signed amount).
  std::optional<std::int64_t> signed_rank;
  std::optional<std::int64_t> collection_rank;
  std::optional<std::int64_t> score_rank;
  // The classification within the group (docs/reports.md): the axes, the
  // stable class and action codes and the rule of the table that gave them;
  // null for an employee without a score, or in a group of buyers (see
  // EmployeeReport::unclassified_groups): not classified.
  std::optional<bool> score_top_half;
  std::optional<bool> high_signing;
  std::optional<bool> high_execution;
  std::optional<std::string> classification;  // class code, e.g. high_contribution_high_performance
  std::optional<std::string> action;          // action code, e.g. promote
  std::optional<std::string> classification_rule;

  friend bool operator==(const EmployeeReportRow&, const EmployeeReportRow&) = default;
};

struct EmployeeReportOptions {
  // Only the employees posted in this department (and/or position) on the
  // cutoff date. The comparison of the classification still runs over the
  // whole company's groups: a filter narrows the rows, not the verdicts.
  std::optional<std::string> department;
  std::optional<std::string> position;
  // The cut-offs of "high" for every group; default: the top half of each
  // group.
  std::optional<Money> signed_cutoff;
  std::optional<Decimal> collection_cutoff;  // a rate in [0, 1]
};

struct EmployeeReport {
  Period period = Period::parse("2024-01");
  Date as_of;
  Date cutoff;  // min(as_of, period end)
  Currency currency;  // the reporting currency
  // The cut-offs given (null: the groups' top halves).
  std::optional<Ratio> signed_cutoff;  // in the reporting currency
  std::optional<Ratio> collection_cutoff;
  // The classification table used.
  std::string classification_table;
  int classification_version = 0;
  // Groups of buyers: scored employees who sign or hold payable contracts
  // (procurement) and none of whom signs or holds a receivable one. Signing
  // and collection say nothing of them, so they are not classified; their
  // scores and ranks stand. Sorted.
  std::vector<std::string> unclassified_groups;
  Lang lang = Lang::en;  // of the labels in the text and HTML forms
  std::vector<EmployeeReportRow> employees;  // by employee id

  friend bool operator==(const EmployeeReport&, const EmployeeReport&) = default;
};

// Standard competition ranks of `values`, highest first (1, 2, 2, 4); null
// values get no rank.
std::vector<std::optional<std::int64_t>> competition_ranks(std::span<const std::optional<Ratio>> values);
// The median of `values` (the mean of the two middle ones for an even
// count); null when empty.
std::optional<Ratio> median(std::vector<Ratio> values);

// ---- Forecast -----------------------------------------------------------------------

struct ForecastOptions {
  int months = 3;                            // the horizon, 1..120
  Decimal threshold = Decimal::parse("0.5");  // "collecting below", in (0, 1]
};

struct ForecastContract {
  std::int64_t id = 0;
  std::string number;
  std::string type;
  std::string owner;
  std::string department;
  std::string counterparty;
  bool key_account = false;
  Money amount;  // contract currency

  friend bool operator==(const ForecastContract&, const ForecastContract&) = default;
};

struct ExpiringContract {
  ForecastContract contract;
  Date end;
  std::int64_t days_left = 0;  // end - as_of

  friend bool operator==(const ExpiringContract&, const ExpiringContract&) = default;
};

struct UnderCollectedContract {
  ForecastContract contract;
  Money collected;    // as of the as-of date (contract currency)
  Money outstanding;  // amount - collected
  Ratio collection_ratio;
  Decimal collection_rate;  // 6 decimals
  // Unpaid as of the as-of date among the instalments due by the horizon's
  // end (overdue ones included), and the earliest such due date.
  Money due_by_horizon;
  Date earliest_unpaid_due;

  friend bool operator==(const UnderCollectedContract&, const UnderCollectedContract&) = default;
};

// Instalments of activated contracts falling due in one month of the
// horizon: month k covers (as_of + (k-1) months, as_of + k months].
// Receivables (money to collect) and payables (procurement: money to pay)
// apart; labour contracts in neither.
struct InstallmentMonth {
  int month = 1;
  Date from;  // first day
  Date to;    // last day
  std::int64_t installments = 0;  // receivables
  std::int64_t contracts = 0;
  // In the reporting currency (each instalment converted at its contract's
  // rate, rounded half-even to the minor unit): the amounts due, and the
  // part not paid as of the as-of date.
  Money amount;
  Money unpaid;
  // The same for payables.
  std::int64_t payable_installments = 0;
  std::int64_t payable_contracts = 0;
  Money payable_amount;
  Money payable_unpaid;

  friend bool operator==(const InstallmentMonth&, const InstallmentMonth&) = default;
};

struct Forecast {
  Date as_of;
  int months = 3;
  Date horizon_end;  // as_of + months
  Decimal threshold;
  Currency currency;  // the reporting currency
  // Activated contracts in force on the as-of date (not closed, not renewed)
  // whose end date lies in (as_of, horizon_end], by end date then id.
  std::vector<ExpiringContract> expiring;
  std::int64_t key_accounts = 0;  // among them
  // Receivables (money_direction(): receivable) activated by the as-of date
  // whose collection rate then is below the threshold and that have money
  // unpaid among the instalments due by the horizon's end; by earliest
  // unpaid due date, then id: "collect".
  std::vector<UnderCollectedContract> under_collected;
  // The same for payables (procurement): money we owe suppliers, "pay".
  std::vector<UnderCollectedContract> payables;
  std::vector<InstallmentMonth> installments;  // one per month of the horizon

  friend bool operator==(const Forecast&, const Forecast&) = default;
};

// ---- JSON (C API, command line) ---------------------------------------------------
// Documents with "version": 1; money as decimal strings with the currency's
// minor digits, rates and ratios as "0.920000" and "23/25", dates ISO.
std::string to_json(const DepartmentReport& report);
std::string to_json(const EmployeeReport& report);
std::string to_json(const Forecast& forecast);

// Strict option documents (C API): malformed JSON, a duplicate or unknown
// member, a member of the wrong type, a JSON number for an amount or rate, or
// a "version" other than 1 is a ValidationError naming it.
// {"version":1,"department":"SD","position":"sales",
//  "signed_cutoff":"800000.00","collection_cutoff":"0.8"}, all optional;
// the amount is in `reporting`.
EmployeeReportOptions employee_report_options_from_json(std::string_view json, Currency reporting);
// {"version":1,"months":3,"threshold":"0.5"}, both optional.
ForecastOptions forecast_options_from_json(std::string_view json);

}  // namespace pactum
