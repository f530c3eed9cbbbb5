// The reference evaluator: a scorecard straight from the rule book
// (docs/kpi.md). It favours being obviously right over being fast; the
// incremental engine is tested against it.
#include <algorithm>
#include <deque>
#include <map>
#include <memory>

#include "kpi_json.hpp"
#include "pactum/core/error.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "scoring.hpp"

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

}  // namespace scoring

namespace {

using scoring::checked_add;
using scoring::ContractFacts;
using scoring::FactEvent;

FactEvent fact(const Event& e, std::int64_t number = 0) { return FactEvent{e.seq, e.effective, number}; }

bool before(const Event& a, const Event& b) {
  return a.effective != b.effective ? a.effective < b.effective : a.seq < b.seq;
}

Ratio clamp01(const Ratio& r) { return max(Ratio(0), min(Ratio(1), r)); }

// ---- Terms in force -------------------------------------------------------------
// An amended event's payload records each changed field as {"from", "to"}
// (src/store/contracts.cpp). The terms a scorecard reads are the original
// terms (every amendment undone, latest first) with the amendments that count
// (applied and effective by the cutoff) redone in sequence order.

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

Money scoring::to_reporting(const Money& amount, const Decimal& rate, Currency reporting) {
  if (amount.currency() == reporting) return amount;
  const int drop = Money::kScale - std::min(reporting.exponent(), Money::kScale);
  const Ratio exact = Ratio(amount.units()) * Ratio(rate) / Ratio(pow10(drop));
  const Decimal minor = exact.round(0, Rounding::half_even);
  std::int64_t units = 0;
  if (__builtin_mul_overflow(minor.coefficient(), pow10(drop), &units)) detail::throw_money_overflow("convert");
  return Money::from_units(units, reporting);
}

namespace {

using scoring::to_reporting;

void apply_side(Contract& c, const kpi_json::json& diff, const char* side, Currency reporting) {
  const Currency currency = c.amount.currency();
  if (auto it = diff.find("amount"); it != diff.end() && it->contains(side)) {
    c.amount = Money::parse((*it)[side].get<std::string>(), currency);
    c.reporting_amount = to_reporting(c.amount, c.exchange_rate, reporting);
  }
  if (auto it = diff.find("delivery_due"); it != diff.end() && it->contains(side)) {
    const std::string text = (*it)[side].get<std::string>();
    c.delivery_due = text == "null" ? std::nullopt : std::optional<Date>(Date::parse(text));
  }
  if (auto it = diff.find("installments"); it != diff.end() && it->contains(side)) {
    c.installments.clear();
    for (const auto& pair : (*it)[side]) {
      c.installments.push_back({Date::parse(pair.at(0).get<std::string>()), Money::parse(pair.at(1).get<std::string>(), currency)});
    }
  }
  if (auto it = diff.find("attributes"); it != diff.end() && it->is_object()) {
    for (auto a = it->begin(); a != it->end(); ++a) {
      if (!a->contains(side)) continue;
      const auto& value = (*a)[side];
      if (value.is_null()) {
        c.attributes.erase(a.key());
      } else {
        c.attributes[a.key()] = AttributeValue::parse(parse_attribute_type(value.at(0).get<std::string>()),
                                                      value.at(1).get<std::string>());
      }
    }
  }
}

// `current` with only the amendments for which `counts` holds.
template <class Counts>
Contract terms_in_force(const Contract& current, const std::vector<const Event*>& events, Counts&& counts,
                        Currency reporting) {
  std::vector<const Event*> amendments;
  bool all_count = true;
  for (const Event* e : events) {
    if (e->type != EventType::amended) continue;
    amendments.push_back(e);
    all_count = all_count && counts(*e);
  }
  if (all_count) return current;
  std::sort(amendments.begin(), amendments.end(), [](const Event* a, const Event* b) { return a->seq < b->seq; });
  std::vector<kpi_json::json> diffs;
  for (const Event* e : amendments) {
    kpi_json::json diff = e->payload.empty() ? kpi_json::json::object() : kpi_json::json::parse(e->payload);
    diffs.push_back(diff.is_object() ? std::move(diff) : kpi_json::json::object());
  }
  Contract c = current;
  for (std::size_t i = diffs.size(); i-- > 0;) apply_side(c, diffs[i], "from", reporting);
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    if (counts(*amendments[i])) apply_side(c, diffs[i], "to", reporting);
  }
  return c;
}

bool has_type(const std::vector<std::string>& types, const std::string& type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

Ratio money_ratio(std::int64_t units) { return Ratio(units, Money::kUnitsPerOne); }

// A template parameter given per `per`, scaled to the period; money rounded
// half-even to the reporting currency's minor unit.
Ratio scaled(const Decimal& value, const std::optional<PeriodKind>& per, const Period& period, bool money,
             Currency currency) {
  Ratio r(value);
  if (per) {
    const Ratio per_months = *per == PeriodKind::month ? Ratio(1) : *per == PeriodKind::quarter ? Ratio(3) : Ratio(12);
    r = r * period.months() / per_months;
  }
  if (money) {
    const int exponent = std::min(currency.exponent(), Money::kScale);
    r = Ratio(r.round(exponent, Rounding::half_even));
  }
  return r;
}

std::optional<std::int64_t> reporting_units(const Contract& c, const AttributeValue& v, Currency reporting) {
  return scoring::attribute_reporting_units(v, c.amount.currency(), c.exchange_rate, c.number, reporting);
}

struct Computed {
  std::optional<Ratio> value;
  std::vector<std::string> contracts;
};

Computed compute_metric(KpiMetric metric, const std::vector<const ContractFacts*>& facts, const Period& period,
                        Date cutoff, Currency reporting) {
  Computed out;
  if (facts.empty()) return out;
  auto all_numbers = [&] {
    for (const ContractFacts* f : facts) out.contracts.push_back(f->contract->number);
  };
  switch (metric) {
    case KpiMetric::signed_amount: {
      std::int64_t sum = 0;
      for (const ContractFacts* f : facts) sum = checked_add(sum, f->contract->reporting_amount.units());
      out.value = money_ratio(sum);
      all_numbers();
      break;
    }
    case KpiMetric::collection_rate: {
      std::int64_t collected = 0;
      std::int64_t amount = 0;
      for (const ContractFacts* f : facts) {
        const Contract& c = *f->contract;
        collected = checked_add(collected, scoring::reporting_collected(c.amount, c.reporting_amount, f->collected, reporting));
        amount = checked_add(amount, c.reporting_amount.units());
      }
      if (amount > 0) out.value = Ratio(collected, amount);
      all_numbers();
      break;
    }
    case KpiMetric::satisfaction: {
      std::int64_t sum = 0;
      std::int64_t n = 0;
      for (const ContractFacts* f : facts) {
        if (!f->latest_survey) continue;
        sum += f->latest_survey->number;
        ++n;
        out.contracts.push_back(f->contract->number);
      }
      if (n > 0) out.value = Ratio(sum, n);
      break;
    }
    case KpiMetric::cycle_days: {
      std::int64_t sum = 0;
      std::int64_t n = 0;
      for (const ContractFacts* f : facts) {
        if (!f->first_delivery) continue;
        sum = checked_add(sum, days_between(f->contract->signed_on, f->first_delivery->effective));
        ++n;
        out.contracts.push_back(f->contract->number);
      }
      if (n > 0) out.value = Ratio(sum, n);
      break;
    }
    case KpiMetric::contract_count:
      out.value = Ratio(static_cast<std::int64_t>(facts.size()));
      all_numbers();
      break;
    case KpiMetric::change_rate:
    case KpiMetric::dispute_rate: {
      std::int64_t hits = 0;
      for (const ContractFacts* f : facts) {
        if (metric == KpiMetric::change_rate ? f->amended : f->disputed) ++hits;
      }
      out.value = Ratio(hits, static_cast<std::int64_t>(facts.size()));
      all_numbers();
      break;
    }
    case KpiMetric::fulfilment_rate: {
      std::int64_t due = 0;
      std::int64_t on_time = 0;
      for (const ContractFacts* f : facts) {
        const auto& d = f->contract->delivery_due;
        if (!d || *d < period.start() || *d > cutoff) continue;
        ++due;
        if (f->first_delivery && f->first_delivery->effective <= *d) ++on_time;
        out.contracts.push_back(f->contract->number);
      }
      if (due > 0) out.value = Ratio(on_time, due);
      break;
    }
    case KpiMetric::cost_reduction_rate: {
      std::int64_t budget = 0;
      std::int64_t actual = 0;
      for (const ContractFacts* f : facts) {
        const Contract& c = *f->contract;
        auto b = c.attributes.find("budget");
        auto a = c.attributes.find("actual");
        if (b == c.attributes.end() || a == c.attributes.end()) continue;
        const auto bu = reporting_units(c, b->second, reporting);
        const auto au = reporting_units(c, a->second, reporting);
        if (!bu || !au || *bu <= 0) continue;
        budget = checked_add(budget, *bu);
        actual = checked_add(actual, *au);
        out.contracts.push_back(c.number);
      }
      if (budget > 0) out.value = Ratio(budget - actual, budget);
      break;
    }
  }
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
      const Ratio rate = clamp01(s.metric == KpiMetric::satisfaction ? v / Ratio(100) : v);
      return weight * (s.normalisation == Normalisation::rate ? rate : Ratio(1) - rate);
    }
  }
  return Ratio(0);
}

Decimal two_places(const Decimal& d) { return d.rescaled(2, Rounding::half_even); }

}  // namespace

// ---- Per-contract arithmetic ---------------------------------------------------------

std::int64_t scoring::reporting_collected(const Money& amount, const Money& reporting_amount, std::int64_t collected,
                                          Currency reporting) {
  const std::int64_t whole = amount.units();
  const std::int64_t part = std::clamp<std::int64_t>(collected, 0, whole);
  const std::int64_t reporting_whole = reporting_amount.units();
  if (part == whole) return reporting_whole;
  if (amount.currency() == reporting && reporting_whole == whole) return part;
  return reporting_amount.times(Ratio(part, whole), Rounding::half_even).units();
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

IndicatorScore scoring::indicator_frame(const IndicatorDefinition& def, const Period& period, Currency currency) {
  IndicatorScore s;
  s.name = def.name;
  s.metric = def.metric;
  s.normalisation = def.normalisation;
  s.weight = def.weight;
  const bool money = is_money_metric(def.metric);
  if (def.target) s.target = scaled(*def.target, def.per, period, money, currency);
  if (def.floor) s.floor = scaled(*def.floor, def.per, period, money, currency);
  if (def.ceiling) s.ceiling = scaled(*def.ceiling, def.per, period, money, currency);
  return s;
}

Decimal scoring::indicator_points(const IndicatorScore& s) {
  if (!s.value) return Decimal::from_coefficient(0, 2);
  return normalise(s, Ratio(s.weight)).round(2, Rounding::half_even);
}

bool scoring::rule_applies(const RuleDefinition& rule, const KpiTemplate& t, const std::string& type) {
  return rule.types.empty() ? has_type(t.indicator_types(), type) : has_type(rule.types, type);
}

Decimal scoring::rule_points(const RuleDefinition& rule) { return two_places(rule.points); }

Decimal scoring::capped(const RuleDefinition& rule, const Decimal& sum) {
  if (!rule.cap) return sum;
  const Decimal cap = two_places(*rule.cap);
  const Decimal bound = sum.is_negative() ? -cap : cap;
  return (sum.is_negative() ? sum < bound : bound < sum) ? bound : sum;
}

// ---- Period events -------------------------------------------------------------------

std::string period_event_payload(const Period& period) {
  kpi_json::ordered_json j;
  j["period"] = period.to_string();
  return j.dump();
}

std::optional<Period> period_of_event(const Event& event) {
  if (event.type != EventType::period_closed && event.type != EventType::period_reopened) return std::nullopt;
  try {
    const auto j = kpi_json::json::parse(event.payload);
    if (!j.is_object() || !j.contains("period") || !j["period"].is_string()) return std::nullopt;
    return Period::parse(j["period"].get<std::string>());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::int64_t> closing_seq(const Period& period, std::span<const Event> events) {
  const Event* latest = nullptr;
  for (const Event& e : events) {
    const auto p = period_of_event(e);
    if (!p || !(*p == period)) continue;
    if (latest == nullptr || latest->seq < e.seq) latest = &e;
  }
  if (latest != nullptr && latest->type == EventType::period_closed) return latest->seq;
  return std::nullopt;
}

// ---- The evaluator --------------------------------------------------------------------

Scorecard evaluate_scorecard(const ScoringInput& in) {
  Scorecard sc;
  sc.employee = in.employee;
  sc.position = in.position;
  sc.period = in.period;
  sc.as_of = in.as_of;
  sc.currency = in.currency;
  sc.cutoff = std::min(in.as_of, in.period.end());
  const int grace = in.kpi_template ? in.kpi_template->collection_grace_days : 0;
  sc.collection_cutoff = std::min(in.as_of, in.period.end().add_days_clamped(grace));
  sc.closed_seq = closing_seq(in.period, in.events);
  sc.closed = sc.closed_seq.has_value();
  const auto applied = [&](const Event& e) { return !sc.closed_seq || e.seq < *sc.closed_seq; };
  const Date start = in.period.start();

  // The employee's contracts signed in the period, by id, with their events
  // in effective-date order.
  std::vector<const Contract*> signed_in;
  for (const Contract& c : in.contracts) {
    if (c.owner == in.employee && in.period.contains(c.signed_on)) signed_in.push_back(&c);
  }
  std::sort(signed_in.begin(), signed_in.end(), [](const Contract* a, const Contract* b) { return a->id < b->id; });
  std::map<std::int64_t, std::vector<const Event*>> events_of;
  for (const Event& e : in.events) {
    if (e.contract) events_of[*e.contract].push_back(&e);
  }
  for (auto& [id, list] : events_of) {
    std::sort(list.begin(), list.end(), [](const Event* a, const Event* b) { return before(*a, *b); });
  }

  std::vector<ContractFacts> facts;
  std::deque<Contract> terms;  // the terms in force of each contract in scope
  for (const Contract* c : signed_in) {
    const auto& list = events_of[c->id];
    bool active = false;
    bool active_unfrozen = false;
    for (const Event* e : list) {
      if (e->type != EventType::activated || e->effective > in.as_of) continue;
      active_unfrozen = true;
      if (applied(*e)) active = true;
    }
    if (sc.closed && active_unfrozen) {
      for (const Event* e : list) {
        if (applied(*e) || e->effective < start || e->effective > sc.collection_cutoff) continue;
        switch (e->type) {
          case EventType::created:
          case EventType::activated:
          case EventType::payment_received:
          case EventType::payment_reversed:
          case EventType::delivered:
          case EventType::satisfaction:
          case EventType::dispute:
          case EventType::breach:
          case EventType::amended: sc.post_close.push_back({e->seq, e->type, c->number, e->effective}); break;
          default: break;
        }
      }
    }
    if (!active) continue;
    sc.contracts.push_back(c->number);
    ContractFacts f;
    terms.push_back(terms_in_force(
        *c, list, [&](const Event& e) { return applied(e) && e.effective <= sc.cutoff; }, in.currency));
    f.contract = &terms.back();
    for (const Event* e : list) {
      if (!applied(*e)) continue;
      const bool in_window = start <= e->effective && e->effective <= sc.cutoff;
      switch (e->type) {
        case EventType::payment_received:
        case EventType::payment_reversed:
          if (e->amount && e->effective <= sc.collection_cutoff) {
            f.deltas.push_back(fact(*e, e->amount->units()));
            f.collected = checked_add(f.collected, e->amount->units());
          }
          break;
        case EventType::delivered:
          if (in_window && e->value.value_or(0) == 1 && !f.first_delivery) f.first_delivery = fact(*e);
          break;
        case EventType::satisfaction:
          if (in_window) f.latest_survey = fact(*e, e->value.value_or(0));
          break;
        case EventType::amended: f.amended = f.amended || in_window; break;
        case EventType::dispute: f.disputed = f.disputed || in_window; break;
        case EventType::breach:
          if (in_window) f.breaches.push_back(fact(*e));
          break;
        default: break;
      }
    }
    facts.push_back(std::move(f));
  }
  std::sort(sc.post_close.begin(), sc.post_close.end(),
            [](const PostCloseEvent& a, const PostCloseEvent& b) { return a.seq < b.seq; });

  if (in.kpi_template) scoring::score_contracts(sc, *in.kpi_template, facts);
  return sc;
}

void scoring::score_contracts(Scorecard& sc, const KpiTemplate& t, const std::vector<ContractFacts>& facts) {
  sc.template_id = t.id;
  sc.template_version = t.version;
  const Date start = sc.period.start();

  Decimal total = Decimal::from_coefficient(0, 2);
  for (const IndicatorDefinition& def : t.indicators) {
    IndicatorScore s = indicator_frame(def, sc.period, sc.currency);
    std::vector<const ContractFacts*> scope;
    for (const ContractFacts& f : facts) {
      if (has_type(def.types, f.contract->type)) scope.push_back(&f);
    }
    Computed computed = compute_metric(def.metric, scope, sc.period, sc.cutoff, sc.currency);
    s.value = computed.value;
    s.contracts = std::move(computed.contracts);
    s.no_data = !s.value.has_value();
    s.points = indicator_points(s);
    total += s.points;
    sc.indicators.push_back(std::move(s));
  }

  for (const RuleDefinition& rule : t.rules) {
    if (!rule.enabled) continue;
    const Decimal points = rule_points(rule);
    std::vector<RuleHit> hits;
    auto hit = [&](const Contract& c, const FactEvent* e, RuleHitKind kind, const Decimal& p) {
      RuleHit h;
      h.rule = rule.kind;
      h.kind = kind;
      h.points = p;
      h.contract = c.number;
      if (e != nullptr) {
        h.event = e->seq;
        h.date = e->effective;
      }
      hits.push_back(std::move(h));
      return &hits.back();
    };
    for (const ContractFacts& f : facts) {
      const Contract& c = *f.contract;
      if (!rule_applies(rule, t, c.type)) continue;
      switch (rule.kind) {
        case RuleKind::collection_80: {
          const Ratio threshold(rule.threshold);
          std::int64_t running = 0;
          std::optional<std::int64_t> in_force;
          for (const FactEvent& e : f.deltas) {
            running = checked_add(running, e.number);
            const bool reached = !(Ratio(running, c.amount.units()) < threshold);
            if (reached && !in_force) {
              hit(c, &e, RuleHitKind::hit, points);
              in_force = e.seq;
            } else if (!reached && in_force) {
              hit(c, &e, RuleHitKind::retraction, -points)->retracts = *in_force;
              in_force.reset();
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
            if (inst.due < start || inst.due > sc.cutoff) continue;
            if (f.collected_on(inst.due) >= through) continue;
            RuleHit* h = hit(c, nullptr, RuleHitKind::hit, points);
            h->date = inst.due;
            h->installment = position;
          }
          break;
        }
        case RuleKind::late_delivery:
          if (f.first_delivery && c.delivery_due &&
              days_between(*c.delivery_due, f.first_delivery->effective) > rule.days) {
            hit(c, &*f.first_delivery, RuleHitKind::hit, points);
          }
          break;
        case RuleKind::early_delivery:
          if (f.first_delivery && c.delivery_due && f.first_delivery->effective < *c.delivery_due) {
            hit(c, &*f.first_delivery, RuleHitKind::hit, points);
          }
          break;
        case RuleKind::breach:
          for (const FactEvent& e : f.breaches) hit(c, &e, RuleHitKind::hit, points);
          break;
      }
    }
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
    total += sum;
    for (RuleHit& h : hits) sc.rules.push_back(std::move(h));
  }
  sc.total = two_places(total);
  sc.total_10 = Decimal::from_coefficient(sc.total->coefficient(), 3);
}

}  // namespace pactum
