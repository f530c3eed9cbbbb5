// The rule book of a scorecard (docs/kpi.md): from the facts of an
// employee's contracts to scopes, indicator values, points, rule hits,
// coverage and the total. The reference evaluator and the incremental
// engine gather the facts; everything they then compute is here, once.
#include "scoring.hpp"

#include <algorithm>

#include "pactum/contract/amendment.hpp"
#include "pactum/core/error.hpp"

namespace pactum {

namespace scoring {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) detail::throw_money_overflow("add");
  return out;
}

std::int64_t ContractFacts::collected_on(Date day) const {
  std::int64_t sum = 0;
  for (const FactEvent& e : deltas) {
    if (e.effective > day) break;
    sum = checked_add(sum, e.number);
  }
  return sum;
}

const std::string& ContractFacts::owner_on(Date day) const {
  const std::string* who = &signer;
  for (const Handover& h : handovers) {
    if (h.on > day) break;
    who = &h.to;
  }
  return *who;
}

}  // namespace scoring

namespace {

using scoring::checked_add;
using scoring::ContractFacts;
using scoring::FactEvent;

Ratio clamp01(const Ratio& r) { return max(Ratio(0), min(Ratio(1), r)); }

bool has_type(const std::vector<std::string>& types, const std::string& type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool within(Date day, Date from, Date to) { return from <= day && day <= to; }

Ratio money_ratio(std::int64_t units) { return Ratio(units, Money::kUnitsPerOne); }

Ratio months_of(PeriodKind per) {
  return per == PeriodKind::month ? Ratio(1) : per == PeriodKind::quarter ? Ratio(3) : Ratio(12);
}

// A template parameter given per `per`, scaled to `months`; money rounded
// half-even to the reporting currency's minor unit.
Ratio scaled(const Decimal& value, const std::optional<PeriodKind>& per, const Ratio& months, bool money,
             Currency currency) {
  Ratio r(value);
  if (per) r = r * months / months_of(*per);
  if (money) {
    const int exponent = std::min(currency.exponent(), Money::kScale);
    r = Ratio(r.round(exponent, Rounding::half_even));
  }
  return r;
}

Decimal two_places(const Decimal& d) { return d.rescaled(2, Rounding::half_even); }

// What the scorecard reads: the employee, the window and the dates.
struct View {
  const std::string& employee;
  Date start;
  Date end;
  Date cutoff;
  Date to_date_from;
};

// Whether contract `f` is in `scope` (for the event scope: whether it may
// have events that count; each metric then checks who owned it when).
bool in_scope(const ContractFacts& f, KpiScope scope, const View& v) {
  if (!f.activated) return false;
  const Date signed_on = f.contract->signed_on;
  switch (scope) {
    case KpiScope::signed_in: return f.signer == v.employee && within(signed_on, v.start, v.end);
    case KpiScope::to_date: return f.signer == v.employee && within(signed_on, v.to_date_from, v.end);
    case KpiScope::active:
      return *f.activated <= v.cutoff && !(f.closed && *f.closed < v.start) && f.owner_on(v.cutoff) == v.employee;
    case KpiScope::event: return *f.activated <= v.cutoff;
  }
  return false;
}

// In the event scope, an event counts for whoever owned the contract on its
// date; in the other scopes the scope has chosen the contract already.
bool counts_for(const ContractFacts& f, KpiScope scope, Date day, const View& v) {
  return scope != KpiScope::event || f.owner_on(day) == v.employee;
}

struct Computed {
  std::optional<Ratio> value;
  std::vector<std::size_t> contracts;  // indices into the facts
};

std::optional<std::int64_t> reporting_units(const Contract& c, const AttributeValue& a, Currency reporting) {
  return scoring::attribute_reporting_units(a, c.amount.currency(), c.exchange_rate, c.number, reporting);
}

// ---- The metric registry ------------------------------------------------------------
// One fold per metric over the facts of the contracts in scope, shared by the
// reference evaluator and the engine; each returns the value (nullopt: no
// data) and the contracts it read.

using FoldFacts = const std::vector<ContractFacts>&;
using InScope = const std::vector<std::size_t>&;

Computed fold_signed_amount(KpiScope, FoldFacts facts, InScope scope_of, const View&, Currency) {
  Computed out;
  std::int64_t sum = 0;
  for (std::size_t i : scope_of) sum = checked_add(sum, facts[i].contract->reporting_amount.units());
  out.value = money_ratio(sum);
  out.contracts = scope_of;
  return out;
}

Computed fold_contract_count(KpiScope, FoldFacts, InScope scope_of, const View&, Currency) {
  Computed out;
  out.value = Ratio(static_cast<std::int64_t>(scope_of.size()));
  out.contracts = scope_of;
  return out;
}

Computed fold_collection_rate(KpiScope, FoldFacts facts, InScope scope_of, const View&, Currency reporting) {
  Computed out;
  std::int64_t part = 0;
  std::int64_t whole = 0;
  for (std::size_t i : scope_of) {
    const Contract& c = *facts[i].contract;
    part = checked_add(part, scoring::reporting_collected(c.amount, c.reporting_amount, facts[i].collected, reporting));
    whole = checked_add(whole, c.reporting_amount.units());
  }
  if (whole > 0) out.value = Ratio(part, whole);
  out.contracts = scope_of;
  return out;
}

Computed fold_collection_on_schedule(KpiScope, FoldFacts facts, InScope scope_of, const View& v, Currency reporting) {
  Computed out;
  std::int64_t part = 0;
  std::int64_t whole = 0;
  for (std::size_t i : scope_of) {
    const Contract& c = *facts[i].contract;
    std::int64_t due = 0;
    for (const Installment& inst : c.installments) {
      if (inst.due <= v.cutoff) due = checked_add(due, inst.amount.units());
    }
    if (due <= 0) continue;
    const Money due_money = Money::from_units(due, c.amount.currency());
    const Money due_reporting = scoring::to_reporting(due_money, c.exchange_rate, reporting);
    part = checked_add(part, scoring::reporting_collected(due_money, due_reporting, facts[i].collected, reporting));
    whole = checked_add(whole, due_reporting.units());
    out.contracts.push_back(i);
  }
  if (whole > 0) out.value = Ratio(part, whole);
  return out;
}

// The share of the contracts in scope for which `hit` holds.
template <bool ContractFacts::*Hit>
Computed fold_share(KpiScope, FoldFacts facts, InScope scope_of, const View&, Currency) {
  Computed out;
  std::int64_t hits = 0;
  for (std::size_t i : scope_of) {
    if (facts[i].*Hit) ++hits;
  }
  out.value = Ratio(hits, static_cast<std::int64_t>(scope_of.size()));
  out.contracts = scope_of;
  return out;
}

Computed fold_satisfaction(KpiScope scope, FoldFacts facts, InScope scope_of, const View& v, Currency) {
  Computed out;
  std::int64_t sum = 0;
  std::int64_t n = 0;
  for (std::size_t i : scope_of) {
    const ContractFacts& f = facts[i];
    // The latest survey in the window (that counts for the employee).
    const FactEvent* latest = nullptr;
    for (const FactEvent& s : f.surveys) {
      if (counts_for(f, scope, s.effective, v)) latest = &s;
    }
    if (latest == nullptr) continue;
    sum += latest->number;
    ++n;
    out.contracts.push_back(i);
  }
  if (n > 0) out.value = Ratio(sum, n);
  return out;
}

Computed fold_cycle_days(KpiScope scope, FoldFacts facts, InScope scope_of, const View& v, Currency) {
  Computed out;
  std::int64_t sum = 0;
  std::int64_t n = 0;
  for (std::size_t i : scope_of) {
    const ContractFacts& f = facts[i];
    if (!f.first_delivery || !within(f.first_delivery->effective, v.start, v.cutoff)) continue;
    if (!counts_for(f, scope, f.first_delivery->effective, v)) continue;
    sum = checked_add(sum, days_between(f.contract->signed_on, f.first_delivery->effective));
    ++n;
    out.contracts.push_back(i);
  }
  if (n > 0) out.value = Ratio(sum, n);
  return out;
}

Computed fold_fulfilment_rate(KpiScope scope, FoldFacts facts, InScope scope_of, const View& v, Currency) {
  Computed out;
  std::int64_t due = 0;
  std::int64_t on_time = 0;
  for (std::size_t i : scope_of) {
    const ContractFacts& f = facts[i];
    const auto& d = f.contract->delivery_due;
    if (!d || !within(*d, v.start, v.cutoff) || !counts_for(f, scope, *d, v)) continue;
    ++due;
    if (f.first_delivery && f.first_delivery->effective <= *d) ++on_time;
    out.contracts.push_back(i);
  }
  if (due > 0) out.value = Ratio(on_time, due);
  return out;
}

Computed fold_cost_reduction_rate(KpiScope scope, FoldFacts facts, InScope scope_of, const View& v, Currency reporting) {
  Computed out;
  std::int64_t budget = 0;
  std::int64_t actual = 0;
  for (std::size_t i : scope_of) {
    const ContractFacts& f = facts[i];
    if (scope == KpiScope::event) {
      // Read when the contract is completed: its actual cost is known.
      if (!f.completed || !within(*f.completed, v.start, v.cutoff) || !counts_for(f, scope, *f.completed, v)) continue;
    }
    const Contract& c = *f.contract;
    auto b = c.attributes.find("budget");
    auto a = c.attributes.find("actual");
    if (b == c.attributes.end() || a == c.attributes.end()) continue;
    const auto bu = reporting_units(c, b->second, reporting);
    const auto au = reporting_units(c, a->second, reporting);
    if (!bu || !au || *bu <= 0) continue;
    budget = checked_add(budget, *bu);
    actual = checked_add(actual, *au);
    out.contracts.push_back(i);
  }
  if (budget > 0) out.value = Ratio(budget - actual, budget);
  return out;
}

using Fold = Computed (*)(KpiScope, FoldFacts, InScope, const View&, Currency);

struct MetricEntry {
  scoring::MetricInfo info;
  Fold fold;
};

// The registry, in the order of the KpiMetric enumeration (checked by
// tests/kpi/metric_registry_test.cpp against the enumeration, the template
// schema and the message catalog).
using S = KpiScope;
constexpr MetricEntry kMetricTable[] = {
    {{KpiMetric::signed_amount, "signed_amount", S::signed_in, false, 1, true, true,
      "the reporting amount of each contract signed"},
     fold_signed_amount},
    {{KpiMetric::collection_rate, "collection_rate", S::active, true, 1, false, false,
      "collected (capped at the amount) and the amount of each contract in force"},
     fold_collection_rate},
    {{KpiMetric::satisfaction, "satisfaction", S::event, true, 100, false, false,
      "the latest satisfaction score of each surveyed contract"},
     fold_satisfaction},
    {{KpiMetric::cycle_days, "cycle_days", S::event, false, 1, false, false,
      "the signing date and the first accepted delivery"},
     fold_cycle_days},
    {{KpiMetric::contract_count, "contract_count", S::signed_in, false, 1, false, true, "the contracts signed"},
     fold_contract_count},
    {{KpiMetric::change_rate, "change_rate", S::active, true, 1, false, false, "whether each contract was amended"},
     fold_share<&ContractFacts::amended>},
    {{KpiMetric::fulfilment_rate, "fulfilment_rate", S::event, true, 1, false, false,
      "the delivery due date and the first accepted delivery"},
     fold_fulfilment_rate},
    {{KpiMetric::cost_reduction_rate, "cost_reduction_rate", S::event, true, 1, false, false,
      "the budget and actual attributes (of completed contracts in the event scope)"},
     fold_cost_reduction_rate},
    {{KpiMetric::dispute_rate, "dispute_rate", S::active, true, 1, false, false, "whether each contract was disputed"},
     fold_share<&ContractFacts::disputed>},
    {{KpiMetric::collection_on_schedule, "collection_on_schedule", S::active, true, 1, false, false,
      "collected (capped at what fell due by the cutoff) and the instalments due by then"},
     fold_collection_on_schedule},
};

const MetricEntry& entry_of(KpiMetric metric) noexcept { return kMetricTable[static_cast<std::size_t>(metric)]; }

}  // namespace

std::size_t scoring::metric_count() noexcept { return std::size(kMetricTable); }

const scoring::MetricInfo* scoring::metric_info(KpiMetric metric) noexcept {
  const auto i = static_cast<std::size_t>(metric);
  if (i >= std::size(kMetricTable) || kMetricTable[i].info.metric != metric) return nullptr;
  return &kMetricTable[i].info;
}

const scoring::MetricInfo* scoring::find_metric(std::string_view name) noexcept {
  for (const MetricEntry& m : kMetricTable) {
    if (name == m.info.name) return &m.info;
  }
  return nullptr;
}

namespace {

Computed compute_metric(KpiMetric metric, KpiScope scope, const std::vector<ContractFacts>& facts,
                        const std::vector<std::size_t>& scope_of, const View& v, Currency reporting) {
  const MetricEntry& m = entry_of(metric);
  Computed out;
  // Amounts and counts are 0 over no contracts (signing nothing is a
  // result); every other metric has no data then.
  if (scope_of.empty()) {
    if (m.info.zero_without_contracts) out.value = Ratio(0);
    return out;
  }
  out = m.fold(scope, facts, scope_of, v, reporting);
  if (!out.value) out.contracts.clear();
  return out;
}

Ratio normalise(const IndicatorScore& s, const Ratio& weight) {
  const Ratio& v = *s.value;
  switch (s.normalisation) {
    case Normalisation::target:
      if (v < Ratio(0)) return Ratio(0);
      if (!(Ratio(0) < *s.target)) return weight;
      return weight * min(Ratio(1), v / *s.target);
    case Normalisation::target_lower:
      if (v <= *s.target) return weight;
      return weight * (*s.target / v);
    case Normalisation::linear:
      if (v <= *s.floor) return Ratio(0);
      if (*s.ceiling <= v) return weight;
      return weight * ((v - *s.floor) / (*s.ceiling - *s.floor));
    case Normalisation::rate:
    case Normalisation::inverse_rate: {
      const Ratio rate = clamp01(v / Ratio(entry_of(s.metric).info.rate_scale));
      return weight * (s.normalisation == Normalisation::rate ? rate : Ratio(1) - rate);
    }
  }
  return Ratio(0);
}

// The hits of one rule, contract by contract (facts order), before sorting.
class Hits {
 public:
  Hits(const RuleDefinition& rule, std::vector<RuleHit>& out, std::vector<bool>& read)
      : rule_(rule), points_(scoring::rule_points(rule)), out_(out), read_(read) {}

  RuleHit& add(std::size_t contract, const Contract& c, const FactEvent* e, RuleHitKind kind, bool negative = false) {
    RuleHit h;
    h.rule = rule_.kind;
    h.kind = kind;
    h.points = negative ? -points_ : points_;
    h.contract = c.number;
    if (e != nullptr) {
      h.event = e->seq;
      h.date = e->effective;
    }
    read_[contract] = true;
    out_.push_back(std::move(h));
    return out_.back();
  }

 private:
  const RuleDefinition& rule_;
  Decimal points_;
  std::vector<RuleHit>& out_;
  std::vector<bool>& read_;
};

// running / amount >= threshold (amount > 0), as !(Ratio(running, amount) <
// threshold) says, without normalising a ratio (a gcd) for every payment:
// positive denominators keep the order under cross-multiplication.
bool reaches(std::int64_t running, std::int64_t amount, const Ratio& threshold) {
  std::int64_t lhs = 0;
  std::int64_t rhs = 0;
  if (!__builtin_mul_overflow(running, threshold.denominator(), &lhs) &&
      !__builtin_mul_overflow(threshold.numerator(), amount, &rhs)) {
    return lhs >= rhs;
  }
  return !(Ratio(running, amount) < threshold);
}

void rule_hits(const RuleDefinition& rule, const KpiTemplate& t, const std::vector<ContractFacts>& facts,
               const View& v, std::vector<RuleHit>& hits, std::vector<bool>& read) {
  Hits add(rule, hits, read);
  // A hit counts for whoever owned the contract on its date, in the
  // scorecard whose window holds that date.
  auto mine = [&](const ContractFacts& f, Date day) { return within(day, v.start, v.cutoff) && f.owner_on(day) == v.employee; };
  // The contract types the rule watches: its own, else those of the
  // template's indicators; gathered once.
  const std::vector<std::string> types = rule.types.empty() ? t.indicator_types() : rule.types;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const ContractFacts& f = facts[i];
    const Contract& c = *f.contract;
    if (!f.activated || *f.activated > v.cutoff || !has_type(types, c.type)) continue;
    switch (rule.kind) {
      case RuleKind::collection_80: {
        if (c.amount.units() <= 0) break;
        const Ratio threshold(rule.threshold);
        std::int64_t running = 0;
        std::int64_t in_force = 0;  // the seq of the crossing in force (event seqs start at 1)
        for (const FactEvent& e : f.deltas) {
          if (e.effective > v.cutoff) break;
          running = checked_add(running, e.number);
          const bool reached = reaches(running, c.amount.units(), threshold);
          if (reached == (in_force != 0)) continue;
          if (reached) {
            if (mine(f, e.effective)) add.add(i, c, &e, RuleHitKind::hit);
            in_force = e.seq;
          } else {
            if (mine(f, e.effective)) add.add(i, c, &e, RuleHitKind::retraction, true).retracts = in_force;
            in_force = 0;
          }
        }
        break;
      }
      case RuleKind::installment_overdue: {
        std::int64_t through = 0;
        int position = 0;
        for (const Installment& inst : c.installments) {
          ++position;
          through = checked_add(through, inst.amount.units());
          if (!mine(f, inst.due)) continue;
          if (f.collected_on(inst.due) >= through) continue;
          RuleHit& h = add.add(i, c, nullptr, RuleHitKind::hit);
          h.date = inst.due;
          h.installment = position;
        }
        break;
      }
      case RuleKind::late_delivery:
        if (f.first_delivery && c.delivery_due && mine(f, f.first_delivery->effective) &&
            days_between(*c.delivery_due, f.first_delivery->effective) > rule.days) {
          add.add(i, c, &*f.first_delivery, RuleHitKind::hit);
        }
        break;
      case RuleKind::early_delivery:
        if (f.first_delivery && c.delivery_due && mine(f, f.first_delivery->effective) &&
            f.first_delivery->effective < *c.delivery_due) {
          add.add(i, c, &*f.first_delivery, RuleHitKind::hit);
        }
        break;
      case RuleKind::breach: {
        if (rule.on_event) {
          for (const FactEvent& e : f.breaches) {
            if (mine(f, e.effective)) add.add(i, c, &e, RuleHitKind::hit).trigger = BreachTrigger::event;
          }
        }
        if (rule.on_quality && f.first_refusal && mine(f, f.first_refusal->effective)) {
          add.add(i, c, &*f.first_refusal, RuleHitKind::hit).trigger = BreachTrigger::quality;
        }
        // A deadline past the end of the calendar (9999-12-31) never passes.
        const std::optional<Date> overdue_on =
            rule.on_overdue && c.delivery_due ? c.delivery_due->try_add_days(rule.days) : std::nullopt;
        if (overdue_on) {
          const Date deadline = *overdue_on;
          const bool delivered = f.first_delivery && f.first_delivery->effective <= deadline;
          const bool ended = (f.completed && *f.completed <= deadline) || (f.terminated && *f.terminated <= deadline);
          if (!delivered && !ended && mine(f, deadline)) {
            RuleHit& h = add.add(i, c, nullptr, RuleHitKind::hit);
            h.date = deadline;
            h.trigger = BreachTrigger::overdue;
          }
        }
        break;
      }
    }
  }
}

}  // namespace

// ---- Per-contract arithmetic ---------------------------------------------------------

Money scoring::to_reporting(const Money& amount, const Decimal& rate, Currency reporting) {
  return to_reporting_currency(amount, rate, reporting);
}

std::int64_t scoring::reporting_collected(const Money& whole_money, const Money& reporting_whole, std::int64_t collected,
                                          Currency reporting) {
  const std::int64_t whole = whole_money.units();
  if (whole <= 0) return 0;
  const std::int64_t part = std::clamp<std::int64_t>(collected, 0, whole);
  const std::int64_t reporting_units = reporting_whole.units();
  if (part == whole) return reporting_units;
  if (whole_money.currency() == reporting && reporting_units == whole) return part;
  return reporting_whole.times(Ratio(part, whole), Rounding::half_even).units();
}

std::optional<std::int64_t> scoring::attribute_reporting_units(const AttributeValue& v, Currency contract_currency,
                                                               const Decimal& rate, const std::string& number,
                                                               Currency reporting) {
  if (v.type() != AttributeType::money) return std::nullopt;
  const Money& m = v.money();
  if (m.currency() == reporting) return m.units();
  if (m.currency() == contract_currency) {
    const Money converted = m.times(rate, Rounding::half_even);
    return Money::from_units(converted.units(), reporting).rounded_to_minor(Rounding::half_even).units();
  }
  raise(Errc::currency_mismatch, "kpi.attribute_currency",
        {{"contract", number}, {"currency", std::string(m.currency().code())}, {"reporting", std::string(reporting.code())}});
}

Date scoring::to_date_start(const Period& period, PeriodKind from) {
  switch (period.kind()) {
    case PeriodKind::month:
      return from == PeriodKind::year ? Period::year_of(period.start()).start() : Period::quarter_of(period.start()).start();
    case PeriodKind::quarter:
      return from == PeriodKind::year ? Period::year_of(period.start()).start() : period.start();
    default: return period.start();
  }
}

Ratio scoring::indicator_months(const IndicatorDefinition& def, const KpiTemplate& t, const Period& period) {
  if (def.effective_scope() != KpiScope::to_date) return period.months();
  const Date from = to_date_start(period, t.to_date_from);
  return from == period.start() ? period.months() : Period::range(from, period.end()).months();
}

IndicatorScore scoring::indicator_frame(const IndicatorDefinition& def, const Ratio& months, Currency currency) {
  IndicatorScore s;
  s.name = def.name;
  s.metric = def.metric;
  s.scope = def.effective_scope();
  s.normalisation = def.normalisation;
  s.weight = def.weight;
  const bool money = is_money_metric(def.metric);
  if (def.target) s.target = scaled(*def.target, def.per, months, money, currency);
  if (def.floor) s.floor = scaled(*def.floor, def.per, months, money, currency);
  if (def.ceiling) s.ceiling = scaled(*def.ceiling, def.per, months, money, currency);
  return s;
}

Decimal scoring::indicator_points(const IndicatorScore& s) {
  if (!s.value) return Decimal::from_coefficient(0, 2);
  return normalise(s, Ratio(s.weight)).round(2, Rounding::half_even);
}

Decimal scoring::rule_points(const RuleDefinition& rule) { return two_places(rule.points); }

Decimal scoring::capped(const RuleDefinition& rule, const Decimal& sum) {
  if (!rule.cap) return sum;
  const Decimal cap = two_places(*rule.cap);
  const Decimal bound = sum.is_negative() ? -cap : cap;
  return (sum.is_negative() ? sum < bound : bound < sum) ? bound : sum;
}

// ---- The rule book -------------------------------------------------------------------

void scoring::score_contracts(Scorecard& sc, const KpiTemplate& t, const std::vector<ContractFacts>& facts) {
  sc.template_id = t.id;
  sc.template_version = t.version;
  sc.no_data = t.no_data;
  const View v{sc.employee, sc.period.start(), sc.period.end(), sc.cutoff, to_date_start(sc.period, t.to_date_from)};
  std::vector<bool> read(facts.size(), false);

  Decimal points = Decimal::from_coefficient(0, 2);
  Decimal coverage;
  for (const IndicatorDefinition& def : t.indicators) {
    IndicatorScore s = indicator_frame(def, indicator_months(def, t, sc.period), sc.currency);
    std::vector<std::size_t> scope_of;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (has_type(def.types, facts[i].contract->type) && in_scope(facts[i], s.scope, v)) scope_of.push_back(i);
    }
    Computed computed = compute_metric(def.metric, s.scope, facts, scope_of, v, sc.currency);
    s.value = computed.value;
    for (std::size_t i : computed.contracts) {
      s.contracts.push_back(facts[i].contract->number);
      read[i] = true;
    }
    s.no_data = !s.value.has_value();
    s.points = indicator_points(s);
    points += s.points;
    if (s.value) coverage += s.weight;
    sc.indicators.push_back(std::move(s));
  }

  Decimal rules = Decimal::from_coefficient(0, 2);
  for (const RuleDefinition& rule : t.rules) {
    if (!rule.enabled) continue;
    std::vector<RuleHit> hits;
    rule_hits(rule, t, facts, v, hits, read);
    std::stable_sort(hits.begin(), hits.end(), [](const RuleHit& a, const RuleHit& b) {
      if (a.date != b.date) return a.date < b.date;
      return a.event < b.event;
    });
    Decimal sum = Decimal::from_coefficient(0, 2);
    for (const RuleHit& h : hits) sum += h.points;
    const Decimal bounded = capped(rule, sum);
    if (!(bounded == sum)) {
      RuleHit h;
      h.rule = rule.kind;
      h.kind = RuleHitKind::cap;
      h.points = bounded - sum;
      hits.push_back(h);
      sum = bounded;
    }
    rules += sum;
    for (RuleHit& h : hits) sc.rules.push_back(std::move(h));
  }

  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (read[i]) sc.contracts.push_back(facts[i].contract->number);
  }
  sc.coverage = coverage.normalized();
  sc.indicator_points = two_places(points);
  Decimal scaled_points = *sc.indicator_points;
  if (t.no_data == NoDataPolicy::reweight && !(coverage == Decimal(100))) {
    scaled_points = coverage.is_zero() ? Decimal::from_coefficient(0, 2)
                                       : (Ratio(points) * Ratio(100) / Ratio(coverage)).round(2, Rounding::half_even);
  }
  sc.scaled_points = scaled_points;
  sc.rule_total = two_places(rules);
  sc.total = two_places(scaled_points + rules);
  sc.total_10 = Decimal::from_coefficient(sc.total->coefficient(), 3);
}

}  // namespace pactum
