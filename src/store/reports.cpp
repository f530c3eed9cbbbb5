// Database: the department and employee reports and the forecast, read from
// the tracking index (tracking_contracts) and the scorecards.
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

#define PACTUM_TRACKED_COLUMNS                                                                                 \
  "SELECT f.contract, f.type, f.department, f.owner, f.key_account, f.signed_on, f.activated_on, f.closed_on, " \
  "f.renewed_on, f.end_on, f.delivery_due, f.delivered_on, f.late_due, f.currency, f.amount, f.reporting_amount, "   \
  "f.exchange_rate, f.reversed, f.collected_full_on, f.collections, f.schedule, c.number, c.counterparty "           \
  "FROM tracking_contracts f JOIN contracts c ON c.id = f.contract "

report::TrackedContract tracked_row(SQLite::Statement& st) {
  report::TrackedContract t;
  t.facts = facts_row(st);
  const tracking::ContractFacts& f = t.facts;
  t.contract.id = f.contract;
  t.contract.number = st.getColumn(21).getString();
  t.contract.type = f.type;
  t.contract.owner = f.owner;
  t.contract.department = f.department;
  t.contract.counterparty = st.getColumn(22).getString();
  t.contract.key_account = f.key_account;
  t.contract.amount = Money::from_units(f.amount, f.currency);
  return t;
}

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
  with_engine_snapshot(db.impl(), [&] {
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
    {
      auto st = impl_->statement(
          "SELECT department, type, delivery_due, delivered_on, late_due FROM tracking_contracts "
          "WHERE delivery_due >= ? AND delivery_due <= ? AND activated_on <= ? AND type <> ?");
      st->bind(1, period.start().to_string());
      st->bind(2, cutoff.to_string());
      st->bind(3, day.to_string());
      st->bind(4, std::string(store::kUntrackedType));
      while (st->executeStep()) {
        report::DueContract c;
        c.department = st->getColumn(0).getString();
        c.executed = report::executed_as_agreed(st->getColumn(1).getString(), Date::parse(st->getColumn(2).getString()),
                                                store::optional_date(st->getColumn(3)),
                                                store::optional_date(st->getColumn(4)), cutoff);
        due.push_back(std::move(c));
      }
    }
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
    // Who held each handed-over contract on the cutoff.
    std::map<std::int64_t, std::string> holders;
    {
      auto st = impl_->statement(
          "SELECT contract, to_owner FROM contract_handovers WHERE effective <= ? ORDER BY contract, effective, seq");
      st->bind(1, cutoff.to_string());
      while (st->executeStep()) holders[st->getColumn(0).getInt64()] = st->getColumn(1).getString();
    }
    std::vector<report::ReportContract> contracts;
    {
      auto st = impl_->statement(
          "SELECT f.contract, c.signer, f.signed_on, f.activated_on, f.closed_on, f.amount, f.reporting_amount, "
          "f.collections, f.type FROM tracking_contracts f JOIN contracts c ON c.id = f.contract "
          "WHERE f.activated_on IS NOT NULL AND f.type <> ?4 AND ((f.signed_on >= ?1 AND f.signed_on <= ?2 AND "
          "f.activated_on <= ?3) OR (f.activated_on <= ?5 AND (f.closed_on IS NULL OR f.closed_on >= ?1)))");
      st->bind(1, period.start().to_string());
      st->bind(2, period.end().to_string());
      st->bind(3, day.to_string());
      st->bind(4, std::string(store::kUntrackedType));
      st->bind(5, cutoff.to_string());
      while (st->executeStep()) {
        tracking::ContractFacts f;
        f.amount = st->getColumn(5).getInt64();
        f.reporting_amount = st->getColumn(6).getInt64();
        f.collections = tracking::decode_steps(st->getColumn(7).getString());
        const Date signed_on = Date::parse(st->getColumn(2).getString());
        const Date activated = Date::parse(st->getColumn(3).getString());
        const std::optional<Date> closed = store::optional_date(st->getColumn(4));
        report::ReportContract c;
        c.type = st->getColumn(8).getString();
        c.signer = st->getColumn(1).getString();
        c.signed_in_period = period.contains(signed_on) && activated <= day;
        const auto holder = holders.find(st->getColumn(0).getInt64());
        c.holder = holder != holders.end() ? holder->second : c.signer;
        c.in_force = activated <= cutoff && !(closed && *closed < period.start());
        c.reporting_amount = f.reporting_amount;
        c.collected = report::collected_reporting_units(f, cutoff);
        contracts.push_back(std::move(c));
      }
    }
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
    const std::string d = day.to_string();
    std::map<std::int64_t, report::TrackedContract> contracts;
    auto collect = [&](store::Statement st) {
      while (st->executeStep()) {
        const std::int64_t id = st->getColumn(0).getInt64();
        if (!contracts.contains(id)) contracts.emplace(id, store::tracked_row(*st));
      }
    };
    {
      auto st = impl_->statement(PACTUM_TRACKED_COLUMNS "WHERE f.end_on > ? AND f.end_on <= ? AND f.activated_on <= ?");
      st->bind(1, d);
      st->bind(2, horizon_end.to_string());
      st->bind(3, d);
      collect(std::move(st));
    }
    {
      auto st = impl_->statement(PACTUM_TRACKED_COLUMNS
                                 "WHERE f.activated_on <= ? AND (f.collected_full_on IS NULL OR f.collected_full_on > ?)");
      st->bind(1, d);
      st->bind(2, d);
      collect(std::move(st));
    }
    std::vector<report::DueInstallment> installments;
    {
      auto st = impl_->statement(
          "SELECT i.contract, i.position, i.due, i.amount FROM installments i "
          "JOIN tracking_contracts f ON f.contract = i.contract WHERE i.due > ? AND i.due <= ? AND f.activated_on <= ?");
      st->bind(1, d);
      st->bind(2, horizon_end.to_string());
      st->bind(3, d);
      while (st->executeStep()) {
        report::DueInstallment i;
        i.contract = st->getColumn(0).getInt64();
        i.position = st->getColumn(1).getInt();
        i.due = Date::parse(st->getColumn(2).getString());
        i.amount = st->getColumn(3).getInt64();
        installments.push_back(i);
      }
    }
    for (const report::DueInstallment& i : installments) {
      if (contracts.contains(i.contract)) continue;
      auto st = impl_->statement(PACTUM_TRACKED_COLUMNS "WHERE f.contract = ?");
      st->bind(1, static_cast<std::int64_t>(i.contract));
      if (st->executeStep()) contracts.emplace(i.contract, store::tracked_row(*st));
    }
    std::vector<report::TrackedContract> list;
    list.reserve(contracts.size());
    for (auto& [id, t] : contracts) list.push_back(std::move(t));
    return report::build_forecast(day, options, impl_->currency, list, installments);
  });
}

}  // namespace pactum
