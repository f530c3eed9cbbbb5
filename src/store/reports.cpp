// Database: the department and employee reports and the forecast, read from
// the tracking index (through TrackingRecords, backend_tracking.hpp) and the
// scorecards.
#include <map>
#include <unordered_map>

#include "../report/builders.hpp"
#include "contracts_internal.hpp"
#include "kpi_internal.hpp"
#include "pactum/core/text.hpp"
#include "tracking_internal.hpp"

namespace pactum {

namespace store {

namespace {

// The employees posted on the cutoff date (in `filter`) with their scores,
// coverage and position groups.
std::vector<report::Person> people(const Database& db, const Period& period, Date as_of, const ScorecardFilter& filter) {
  const Date cutoff = std::min(as_of, period.end());
  std::vector<Employee> staff;
  for (Employee& e : db.employees(filter.department, cutoff)) {
    if (!filter.position || e.position == *filter.position) staff.push_back(std::move(e));
  }
  const std::map<std::string, std::string> groups = db.position_groups();
  std::vector<std::string> ids;
  ids.reserve(staff.size());
  for (const Employee& e : staff) ids.push_back(e.id);
  // The totals alone from the incremental engine's sums where it holds the
  // scorecards (the reports read no explanation), else the whole scorecard's;
  // all read from one moment.
  std::vector<report::Person> out;
  out.reserve(staff.size());
  with_engine_snapshot(db.impl(), as_of, [&] {
    auto totals = engine_totals(db.impl(), ids, period, as_of);
    for (std::size_t i = 0; i < staff.size(); ++i) {
      Employee& e = staff[i];
      report::Person p;
      if (totals[i]) {
        p.score = std::move(totals[i]->total);
        if (p.score) {
          p.score_10 = Decimal::from_coefficient(p.score->coefficient(), 3);
          p.coverage = totals[i]->coverage;
        }
      } else {
        Scorecard card = db.scorecard(e.id, period, as_of);
        p.score = std::move(card.total);
        p.score_10 = std::move(card.total_10);
        if (p.score) p.coverage = card.coverage;
      }
      const auto grouped = groups.find(e.position);
      p.group = grouped != groups.end() ? grouped->second : e.position;
      p.employee = std::move(e.id);
      p.name = std::move(e.name);
      p.department = std::move(e.department);
      p.position = std::move(e.position);
      out.push_back(std::move(p));
    }
  });
  return out;
}

}  // namespace

}  // namespace store

DepartmentReport Database::report_departments(const Period& period, std::optional<Date> as_of) const {
  const Date day = as_of ? *as_of : today();
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] {
    const Date cutoff = std::min(day, period.end());
    std::vector<report::DueContract> due;
    impl_->storage().tracking().due_deliveries(
        period.start(), cutoff, day, store::kUntrackedType, [&](const store::DueDeliveryRecord& r) {
          due.push_back({r.department, report::executed_as_agreed(r.type, r.delivery_due, r.delivered_on, r.late_due,
                                                                  cutoff)});
        });
    return report::build_department_report(period, day, departments(cutoff), due,
                                           store::people(*this, period, day, ScorecardFilter{}));
  });
}

EmployeeReport Database::report_employees(const Period& period, std::optional<Date> as_of,
                                          const EmployeeReportOptions& options) const {
  const Date day = as_of ? *as_of : today();
  impl_->read([&] {
    if (options.department) require_utf8(*options.department, "department");
    if (options.position) require_utf8(*options.position, "position");
    report::validate_employee_report_options(options, impl_->currency);
    // Refused before the tracking index catches up: a refusal writes nothing.
    if (options.department) store::require_department(*impl_, *options.department);
  });
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] {
    const Date cutoff = std::min(day, period.end());
    // Everyone: the classification compares each employee with their whole
    // group, whatever rows the options keep.
    const std::vector<report::Person> staff = store::people(*this, period, day, ScorecardFilter{});
    store::TrackingRecords& records = impl_->storage().tracking();
    // Who held each handed-over contract on the cutoff.
    const std::map<std::int64_t, std::string> holders = records.holders_on(cutoff);
    std::vector<report::ReportContract> contracts;
    records.signed_or_in_force(
        period.start(), period.end(), day, cutoff, store::kUntrackedType, [&](const store::SignedContractRecord& r) {
          const tracking::ContractFacts& f = r.facts;
          const Date activated = *f.activated_on;
          report::ReportContract c;
          c.type = f.type;
          c.signer = r.signer;
          c.signed_in_period = period.contains(f.signed_on) && activated <= day;
          const auto holder = holders.find(f.contract);
          c.holder = holder != holders.end() ? holder->second : c.signer;
          c.in_force = activated <= cutoff && !(f.closed_on && *f.closed_on < period.start());
          c.reporting_amount = f.reporting_amount;
          c.collected = report::collected_reporting_units(f, cutoff);
          contracts.push_back(std::move(c));
        });
    return report::build_employee_report(period, day, impl_->currency, staff, contracts, options, classification_table(),
                                         impl_->lang);
  });
}

Forecast Database::forecast(std::optional<Date> as_of, const ForecastOptions& options) const {
  const Date day = as_of ? *as_of : today();
  impl_->read([&] { report::validate_forecast_options(options); });
  store::sync_tracking(*this, *impl_);
  return impl_->read([&] {
    const Date horizon_end = day.try_add_months(options.months).value_or(Date::last());
    store::TrackingRecords& records = impl_->storage().tracking();
    std::map<std::int64_t, report::TrackedContract> contracts;
    records.tracked_ending(day, horizon_end, day, contracts);
    records.tracked_uncollected(day, contracts);
    std::vector<report::DueInstallment> installments;
    records.installments_due(day, horizon_end, day, installments);
    for (const report::DueInstallment& i : installments) {
      if (contracts.contains(i.contract)) continue;
      if (auto t = records.tracked(i.contract)) contracts.emplace(i.contract, std::move(*t));
    }
    std::vector<report::TrackedContract> list;
    list.reserve(contracts.size());
    for (auto& [id, t] : contracts) list.push_back(std::move(t));
    return report::build_forecast(day, options, impl_->currency, list, installments);
  });
}

}  // namespace pactum
