// The collection trend and report labels (builders.hpp).
#include <algorithm>

#include "builders.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/core/text.hpp"

namespace pactum::report {

namespace {

// units x reporting / amount, rounded half-even to the reporting currency's
// minor unit (in 10^-4 units).
std::int64_t to_reporting(std::int64_t units, std::int64_t amount, std::int64_t reporting, Currency currency) {
  if (units == 0) return 0;
  if (amount == reporting) return units;
  const Money m = Money::from_units(reporting, currency).times(Ratio(units, amount));
  return m.rounded_to_minor().units();
}

}  // namespace

std::vector<std::string> trend_types(std::vector<std::string> types) {
  for (const std::string& t : types) validate_contract_type(t);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return types;
}

CollectionTrendBuilder::CollectionTrendBuilder(const Period& period, Date as_of, Currency reporting,
                                               std::vector<std::string> types) {
  trend_.period = period;
  trend_.as_of = as_of;
  trend_.cutoff = std::min(as_of, period.end());
  trend_.currency = reporting;
  trend_.types = std::move(types);
  for (std::optional<Date> from = period.start(); from && *from <= trend_.cutoff; from = from->end_of_month().try_add_days(1)) {
    months_.push_back({*from, std::min(from->end_of_month(), trend_.cutoff)});
  }
}

bool CollectionTrendBuilder::counts(const std::string& type) const {
  if (trend_.types.empty()) return type != "labour" && type != "procurement";
  return std::binary_search(trend_.types.begin(), trend_.types.end(), type);
}

void CollectionTrendBuilder::add(const TrendContract& c) {
  bool any = false;
  for (Month& m : months_) {
    // Up to the day before the month (nothing before the calendar).
    const std::optional<Date> before = m.from.try_add_days(-1);
    auto until_before = [&](const tracking::Steps& steps) { return before ? tracking::value_on(steps, *before) : 0; };
    const std::int64_t due = tracking::value_on(c.schedule, m.to) - until_before(c.schedule);
    const std::int64_t got = tracking::value_on(c.collections, m.to) - until_before(c.collections);
    if (due == 0 && got == 0) continue;
    any = true;
    m.due = detail::add_units(m.due, to_reporting(due, c.amount, c.reporting_amount, trend_.currency));
    m.collected = detail::add_units(m.collected, to_reporting(got, c.amount, c.reporting_amount, trend_.currency));
  }
  trend_.contracts += any ? 1 : 0;
}

CollectionTrend CollectionTrendBuilder::finish() const {
  CollectionTrend trend = trend_;
  Money due_to_date = Money::zero(trend.currency);
  Money collected_to_date = Money::zero(trend.currency);
  for (const Month& m : months_) {
    CollectionMonth out;
    const std::string from = m.from.to_string();
    out.month = from.substr(0, 7);
    out.from = m.from;
    out.to = m.to;
    out.due = Money::from_units(m.due, trend.currency);
    out.collected = Money::from_units(m.collected, trend.currency);
    due_to_date += out.due;
    collected_to_date += out.collected;
    out.due_to_date = due_to_date;
    out.collected_to_date = collected_to_date;
    if (due_to_date.is_positive()) {
      out.collection_ratio = ratio(collected_to_date, due_to_date);
      out.collection_rate = out.collection_ratio->round(6);
    }
    trend.months.push_back(std::move(out));
  }
  return trend;
}

// ---- Labels -------------------------------------------------------------------------

void check_label_name(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                           ch == '_' || ch == '-';
                  });
  if (!ok) {
    require_utf8(name, "label");
    raise(Errc::invalid_argument, "store.label_bad_name", {{"name", name}});
  }
}

void check_label_value(const std::string& name, const std::string& value) {
  require_utf8(value, "label value");
  if (value.size() > kMaxLabelBytes) {
    raise(Errc::invalid_argument, "store.label_too_long",
          {{"name", name}, {"bytes", std::to_string(value.size())}, {"limit", std::to_string(kMaxLabelBytes)}});
  }
}

}  // namespace pactum::report
