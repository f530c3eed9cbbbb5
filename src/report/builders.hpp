// Internal: the reports assembled from what the store reads (the tracking
// folds of contracts, the directory, the scorecards). Pure functions: no
// storage, no clock. src/store/reports.cpp feeds them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../tracking/windows.hpp"
#include "pactum/org/directory.hpp"
#include "pactum/report/classification.hpp"
#include "pactum/report/html.hpp"
#include "pactum/report/report.hpp"

namespace pactum::report {

// The execution rule of docs/reports.md: delivered (accepted) on or before
// the delivery due date and, except for procurement contracts, every
// instalment due by the cutoff paid in full by its due date.
bool executed_as_agreed(std::string_view type, Date delivery_due, std::optional<Date> delivered_on,
                        std::optional<Date> late_due, Date cutoff);

struct DueContract {
  std::string department;
  bool executed = false;
};

// An employee posted on the cutoff date, with the scorecard total (null
// without a template).
struct Person {
  std::string employee;
  std::string name;
  std::string department;
  std::string position;
  std::string group;  // the position group (the position unless the host grouped it)
  std::optional<Decimal> score;
  std::optional<Decimal> score_10;
  std::optional<Decimal> coverage;
};

DepartmentReport build_department_report(const Period& period, Date as_of, const std::vector<Department>& departments,
                                         const std::vector<DueContract>& due, const std::vector<Person>& people);

// A contract the employee report reads (labour excepted): who signed it and
// whether that was in the period (the contribution axis), who held it on the
// cutoff and whether it was in force in the period (the execution axis), its
// reporting amount and the part of it collected as of the cutoff.
struct ReportContract {
  std::string type;  // only receivable contracts count (money_direction)
  std::string signer;
  bool signed_in_period = false;
  std::string holder;
  bool in_force = false;
  std::int64_t reporting_amount = 0;
  std::int64_t collected = 0;
};

// Σ min(collected, amount) / amount x reporting amount for one contract.
std::int64_t collected_reporting_units(const tracking::ContractFacts& facts, Date cutoff);

// A ValidationError (or a currency error) for cut-offs out of range or in
// another currency than `reporting`.
void validate_employee_report_options(const EmployeeReportOptions& options, Currency reporting);

// The report over `people` (every employee of the company posted on the
// cutoff: the classification compares each with their whole group), whose
// rows are then those the options' department and position keep.
EmployeeReport build_employee_report(const Period& period, Date as_of, Currency reporting,
                                     const std::vector<Person>& people, const std::vector<ReportContract>& contracts,
                                     const EmployeeReportOptions& options, const ClassificationTable& table, Lang lang);

// A contract the forecast may list: its identity and its fold.
struct TrackedContract {
  ForecastContract contract;
  tracking::ContractFacts facts;
};

// An instalment falling due in the horizon.
struct DueInstallment {
  std::int64_t contract = 0;
  int position = 0;  // 1-based
  Date due;
  std::int64_t amount = 0;  // units of the contract's currency
};

// A ValidationError unless 1 <= months <= 120 and 0 < threshold <= 1.
void validate_forecast_options(const ForecastOptions& options);

// `contracts`: every activated contract the forecast may need (those ending
// in the horizon, those not collected in full, those with instalments in
// `installments`), in any order.
Forecast build_forecast(Date as_of, const ForecastOptions& options, Currency reporting,
                        const std::vector<TrackedContract>& contracts, const std::vector<DueInstallment>& installments);

// ---- Collection trend ------------------------------------------------------------

// The types a collection trend counts: each checked (validate_contract_type),
// sorted, once.
std::vector<std::string> trend_types(std::vector<std::string> types);

// A contract activated by the as-of date, as the trend reads it: its amount
// and reporting amount (units), and its collection and schedule steps
// (cumulative, units of the contract's currency).
struct TrendContract {
  std::int64_t amount = 0;
  std::int64_t reporting_amount = 0;
  tracking::Steps collections;
  tracking::Steps schedule;
};

// The collection trend (docs/reports.md, "Collection trend"), built one
// contract at a time: the months of `period` up to min(as_of, period end)
// with what fell due and what was collected in each, in the reporting
// currency. `types` as trend_types returns them.
class CollectionTrendBuilder {
 public:
  CollectionTrendBuilder(const Period& period, Date as_of, Currency reporting, std::vector<std::string> types);
  // False when the trend has no month (the period starts after the as-of date).
  bool has_months() const noexcept { return !months_.empty(); }
  // Whether the trend counts contracts of `type`.
  bool counts(const std::string& type) const;
  // Adds a counted contract.
  void add(const TrendContract& contract);
  CollectionTrend finish() const;

 private:
  struct Month {
    Date from;
    Date to;
    std::int64_t due = 0;
    std::int64_t collected = 0;
  };
  CollectionTrend trend_;
  std::vector<Month> months_;
};

// ---- Labels -------------------------------------------------------------------------

// The longest label value, in bytes.
inline constexpr std::size_t kMaxLabelBytes = 4096;
// A label name: 1 to 64 ASCII letters, digits, '.', '_' or '-'
// (store.label_bad_name).
void check_label_name(const std::string& name);
// A label's value: UTF-8, at most kMaxLabelBytes (store.label_too_long).
void check_label_value(const std::string& name, const std::string& value);

}  // namespace pactum::report
