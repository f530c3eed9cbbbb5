// The forecast: contracts expiring in the horizon, contracts collecting too
// slowly, instalments falling due per month.
#include <algorithm>
#include <map>
#include <set>

#include "builders.hpp"

namespace pactum::report {

namespace {

bool on_or_before(const std::optional<Date>& d, Date day) { return d && *d <= day; }

// `units` of the contract's currency in the reporting currency: times the
// contract's rate, rounded half-even to the reporting currency's minor unit.
Money in_reporting(std::int64_t units, const tracking::ContractFacts& f, Currency reporting) {
  return Money::from_units(units, reporting).times(f.exchange_rate).rounded_to_minor();
}

}  // namespace

void validate_forecast_options(const ForecastOptions& options) {
  if (options.months < 1 || options.months > 120) {
    raise(Errc::invalid_argument, "report.bad_months", {{"months", std::to_string(options.months)}});
  }
  if (!options.threshold.is_negative() && !options.threshold.is_zero() && options.threshold <= Decimal(1)) return;
  raise(Errc::invalid_argument, "report.bad_threshold", {{"threshold", options.threshold.to_string()}});
}

Forecast build_forecast(Date as_of, const ForecastOptions& options, Currency reporting,
                        const std::vector<TrackedContract>& contracts, const std::vector<DueInstallment>& installments) {
  validate_forecast_options(options);
  Forecast out;
  out.as_of = as_of;
  out.months = options.months;
  // A horizon reaching past the end of the calendar ends on 9999-12-31.
  out.horizon_end = as_of.try_add_months(options.months).value_or(Date::last());
  out.threshold = options.threshold;
  out.currency = reporting;
  const Ratio threshold(options.threshold);

  std::map<std::int64_t, const TrackedContract*> by_id;
  for (const TrackedContract& t : contracts) {
    const tracking::ContractFacts& f = t.facts;
    if (!on_or_before(f.activated_on, as_of)) continue;
    by_id.emplace(f.contract, &t);

    // Expiring: in force on the as-of date, ending in the horizon.
    if (f.end && *f.end > as_of && *f.end <= out.horizon_end && !on_or_before(f.closed_on, as_of) &&
        !on_or_before(f.renewed_on, as_of)) {
      ExpiringContract e;
      e.contract = t.contract;
      e.end = *f.end;
      e.days_left = days_between(as_of, *f.end);
      if (e.contract.key_account) ++out.key_accounts;
      out.expiring.push_back(std::move(e));
    }

    // Under-collected: below the threshold, with money due by the horizon
    // unpaid; receivables and payables apart, labour in neither.
    const MoneyDirection direction = money_direction(f.type);
    if (direction == MoneyDirection::none) continue;
    const std::int64_t collected = tracking::value_on(f.collections, as_of);
    const Ratio ratio(collected, f.amount);
    if (!(ratio < threshold)) continue;
    std::int64_t due_unpaid = 0;
    std::optional<Date> earliest;
    for (std::size_t k = 0; k < f.schedule.size(); ++k) {
      if (f.schedule[k].first > out.horizon_end) break;
      const std::int64_t before = k > 0 ? f.schedule[k - 1].second : 0;
      const std::int64_t amount = f.schedule[k].second - before;
      const std::int64_t unpaid = amount - std::clamp<std::int64_t>(collected - before, 0, amount);
      if (unpaid <= 0) continue;
      due_unpaid += unpaid;
      if (!earliest) earliest = f.schedule[k].first;
    }
    if (!earliest) continue;
    UnderCollectedContract u;
    u.contract = t.contract;
    u.collected = Money::from_units(collected, f.currency);
    u.outstanding = Money::from_units(f.amount - collected, f.currency);
    u.collection_ratio = ratio;
    u.collection_rate = ratio.round(6);
    u.due_by_horizon = Money::from_units(due_unpaid, f.currency);
    u.earliest_unpaid_due = *earliest;
    (direction == MoneyDirection::payable ? out.payables : out.under_collected).push_back(std::move(u));
  }
  std::sort(out.expiring.begin(), out.expiring.end(), [](const ExpiringContract& a, const ExpiringContract& b) {
    return a.end != b.end ? a.end < b.end : a.contract.id < b.contract.id;
  });
  for (auto* list : {&out.under_collected, &out.payables}) {
    std::sort(list->begin(), list->end(), [](const UnderCollectedContract& a, const UnderCollectedContract& b) {
      return a.earliest_unpaid_due != b.earliest_unpaid_due ? a.earliest_unpaid_due < b.earliest_unpaid_due
                                                            : a.contract.id < b.contract.id;
    });
  }

  // Instalments per month of the horizon.
  std::vector<std::set<std::int64_t>> contracts_of(static_cast<std::size_t>(options.months));  // at most
  std::vector<std::set<std::int64_t>> payables_of(static_cast<std::size_t>(options.months));   // at most
  // The months of the horizon that begin within the calendar.
  for (int k = 1; k <= options.months; ++k) {
    const std::optional<Date> before = as_of.try_add_months(k - 1);
    const std::optional<Date> from = before ? before->try_add_days(1) : std::nullopt;
    if (!from) break;
    InstallmentMonth m;
    m.month = k;
    m.from = *from;
    m.to = as_of.try_add_months(k).value_or(Date::last());
    m.amount = Money::zero(reporting).rounded_to_minor();
    m.unpaid = m.amount;
    m.payable_amount = m.amount;
    m.payable_unpaid = m.amount;
    out.installments.push_back(m);
  }
  for (const DueInstallment& i : installments) {
    if (i.due <= as_of || i.due > out.horizon_end) continue;
    const auto it = by_id.find(i.contract);
    if (it == by_id.end()) continue;
    const tracking::ContractFacts& f = it->second->facts;
    const MoneyDirection direction = money_direction(f.type);
    if (direction == MoneyDirection::none) continue;
    std::size_t k = 0;
    while (k + 1 < out.installments.size() && i.due > out.installments[k].to) ++k;
    InstallmentMonth& m = out.installments[k];
    const std::int64_t unpaid = i.amount - tracking::installment_paid(f, i.position, as_of);
    if (direction == MoneyDirection::payable) {
      ++m.payable_installments;
      payables_of[k].insert(i.contract);
      m.payable_amount += in_reporting(i.amount, f, reporting);
      m.payable_unpaid += in_reporting(unpaid, f, reporting);
    } else {
      ++m.installments;
      contracts_of[k].insert(i.contract);
      m.amount += in_reporting(i.amount, f, reporting);
      m.unpaid += in_reporting(unpaid, f, reporting);
    }
  }
  for (std::size_t k = 0; k < out.installments.size(); ++k) {
    out.installments[k].contracts = static_cast<std::int64_t>(contracts_of[k].size());
    out.installments[k].payable_contracts = static_cast<std::int64_t>(payables_of[k].size());
  }
  return out;
}

}  // namespace pactum::report
