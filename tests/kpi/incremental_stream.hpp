// Random event streams held in memory for the incremental engine's property
// tests: contracts (CNY and USD, instalments, delivery dates, cost
// attributes), activations, payments, reversals, deliveries (some refused),
// surveys, disputes, breaches, amendments (amount and schedule, schedule,
// delivery date, attributes), handovers to other employees, completions,
// terminations and expiries, clock advances, period closes and reopens —
// many of them back-dated, some dated after the clock. The stream keeps the
// log as the store would (pactum::Event) and the contracts under their
// current terms, so the reference evaluator can be asked about any scorecard.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "kpi/incremental.hpp"
#include "kpi/scoring.hpp"
#include "pactum/core/error.hpp"
#include "pactum/kpi/scorecard.hpp"

namespace pactum::kpi_stream {

inline const Currency kCny = Currency::of("CNY");
inline const Currency kUsd = Currency::of("USD");
inline const Currency kEur = Currency::of("EUR");
inline const Decimal kUsdRate = Decimal::parse("7.1");

// Who works where, and the templates of the positions (key_sales: a template
// with a grace window, a 50% collection threshold, 2 days of tolerated
// lateness, caps, year-to-date signing, no reweighting, a breach after 10
// days without the quality trigger, and indicators in scopes other than
// their metrics' defaults; hr: no template).
struct Company {
  std::vector<std::string> employees;
  std::map<std::string, std::string> position;
  std::map<std::string, std::optional<KpiTemplate>> templates;

  Company() {
    const char* positions[] = {"sales", "sales", "sales", "sales", "key_sales", "key_sales",
                               "procurement", "procurement", "rnd", "rnd", "hr", "sales"};
    for (int i = 0; i < 12; ++i) {
      const std::string id = "E" + std::to_string(10 + i);
      employees.push_back(id);
      position[id] = positions[i];
    }
    templates["sales"] = KpiTemplate::builtin("sales");
    templates["procurement"] = KpiTemplate::builtin("procurement");
    templates["rnd"] = KpiTemplate::builtin("rnd");
    templates["hr"] = std::nullopt;
    KpiTemplate key = KpiTemplate::builtin("sales");
    key.id = "key_sales";
    key.collection_grace_days = 10;
    key.to_date_from = PeriodKind::year;
    key.no_data = NoDataPolicy::zero;
    key.indicators[0].weight = Decimal(30);  // signed_amount, year to date
    key.indicators[1].weight = Decimal(20);  // collection_rate, active
    key.indicators[2].scope = KpiScope::signed_in;  // satisfaction of the contracts signed in the period
    key.indicators[3].scope = KpiScope::active;     // execution cycle of the contracts in force
    IndicatorDefinition schedule;
    schedule.name = "on_schedule";
    schedule.metric = KpiMetric::collection_on_schedule;
    schedule.types = {"sales"};
    schedule.weight = Decimal(10);
    schedule.normalisation = Normalisation::rate;
    key.indicators.push_back(schedule);
    IndicatorDefinition fulfilment;
    fulfilment.name = "fulfilment";
    fulfilment.metric = KpiMetric::fulfilment_rate;
    fulfilment.types = {"sales", "labour"};
    fulfilment.weight = Decimal(10);
    fulfilment.normalisation = Normalisation::rate;
    fulfilment.scope = KpiScope::to_date;
    key.indicators.push_back(fulfilment);
    for (RuleDefinition& r : key.rules) {
      if (r.kind == RuleKind::collection_80) r.threshold = Decimal::parse("0.5");
      if (r.kind == RuleKind::late_delivery) r.days = 2;
      if (r.kind == RuleKind::breach) {
        r.cap = Decimal::parse("20");
        r.days = 10;
        r.on_quality = false;
      }
      if (r.kind == RuleKind::installment_overdue) r.cap = Decimal::parse("6");
      if (r.kind == RuleKind::early_delivery) r.types = {"sales", "labour"};
    }
    key.validate();
    templates["key_sales"] = key;
  }

  const std::optional<KpiTemplate>& template_of(const std::string& employee) const {
    return templates.at(position.at(employee));
  }
};

// Every canonical period from `from` to `to` (years inclusive).
inline std::vector<Period> canonical_periods(int from, int to) {
  std::vector<Period> out;
  for (int y = from; y <= to; ++y) {
    out.push_back(Period::year_of(Date::from_ymd(y, 1, 1)));
    for (int q = 0; q < 4; ++q) out.push_back(Period::quarter_of(Date::from_ymd(y, 1 + 3 * q, 1)));
    for (int m = 1; m <= 12; ++m) out.push_back(Period::month_of(Date::from_ymd(y, m, 1)));
  }
  return out;
}

struct Payment {
  std::int64_t seq = 0;
  std::int64_t contract = 0;
  std::int64_t amount = 0;
  Date on;
  bool reversed = false;
};

class Stream {
 public:
  Stream(unsigned seed, const Company& company) : rng_(seed), company_(company) {}

  Date clock() const { return clock_; }
  const std::vector<Event>& log() const { return log_; }
  const std::map<std::int64_t, Contract>& contracts() const { return contracts_; }

  // One step of history: appends its events to the log and returns them as
  // the engine reads them (a created event with the terms of that moment).
  std::vector<kpi_engine::EngineEvent> step() {
    std::vector<kpi_engine::EngineEvent> out;
    const int what = pick(0, 99);
    if (contracts_.empty() || what < 9) {
      create(out);
    } else if (what < 14) {
      activate(out);
    } else if (what < 40) {
      pay(out);
    } else if (what < 46) {
      reverse(out);
    } else if (what < 55) {
      deliver(out);
    } else if (what < 63) {
      survey(out);
    } else if (what < 66) {
      dispute_or_breach(out, EventType::dispute);
    } else if (what < 69) {
      dispute_or_breach(out, EventType::breach);
    } else if (what < 75) {
      amend(out);
    } else if (what < 78) {
      advance(out);
    } else if (what < 80) {
      close_or_reopen(out);
    } else if (what < 82) {
      hand_over(out);
    } else if (what < 85) {
      end_contract(out);
    } else if (what < 90) {
      pay(out);
    } else {
      deliver(out);
    }
    return out;
  }

  // Any event already in the log, as the engine reads it (for duplicate
  // deliveries).
  kpi_engine::EngineEvent replayed(std::size_t index, bool current_terms) const {
    const Event& e = log_[index];
    return to_engine(e, current_terms);
  }

  // The whole log as a replay reads it: created events with the contracts'
  // current terms, as the store's rows hold them.
  std::vector<kpi_engine::EngineEvent> replay() const {
    std::vector<kpi_engine::EngineEvent> out;
    for (const Event& e : log_) out.push_back(to_engine(e, true));
    return out;
  }

  // The reference evaluator's input for `employee` and `period` as of the clock.
  ScoringInput input(const std::string& employee, const Period& period) const {
    ScoringInput in = input(employee);
    for_period(in, period, in.events.size());
    return in;
  }

  // The same without a period: the employee's contracts and their events.
  ScoringInput input(const std::string& employee) const {
    ScoringInput in;
    in.employee = employee;
    in.position = company_.position.at(employee);
    in.as_of = clock_;
    in.currency = kCny;
    in.kpi_template = company_.template_of(employee);
    if (auto mine = owned_.find(employee); mine != owned_.end()) {
      for (std::int64_t id : mine->second) {
        in.contracts.push_back(contracts_.at(id));
        for (std::size_t i : events_of_.at(id)) in.events.push_back(log_[i]);
      }
    }
    return in;
  }

  // Turns an input of input(employee) holding `contract_events` events of
  // contracts into the input of `period`: its period and its closes and
  // reopens (those of another period go).
  void for_period(ScoringInput& in, const Period& period, std::size_t contract_events) const {
    in.period = period;
    in.events.resize(contract_events);
    for (const auto& [i, p] : period_events_) {
      if (p == period) in.events.push_back(log_[i]);
    }
  }

  std::string number(std::int64_t id) const { return contracts_.at(id).number; }

  // The canonical periods that may hold a scorecard with contracts: from
  // the first signing date's year to the clock's.
  std::vector<Period> periods() const {
    std::vector<Period> out;
    const Date from = first_signed_.value_or(clock_);
    for (const Period& p : canonical_periods(from.year(), clock_.year())) {
      if (p.end() >= from && p.start() <= clock_.add_days(20)) out.push_back(p);
    }
    return out;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::int64_t pick64(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_); }
  bool chance(int percent) { return pick(0, 99) < percent; }

  Event& push(EventType type, std::optional<std::int64_t> contract, Date effective) {
    Event e;
    e.seq = static_cast<std::int64_t>(log_.size()) + 1;
    e.type = type;
    e.contract = contract;
    e.effective = effective;
    e.source = "test";
    log_.push_back(std::move(e));
    if (contract) events_of_[*contract].push_back(log_.size() - 1);
    return log_.back();
  }

  kpi_engine::EngineEvent to_engine(const Event& e, bool current_terms) const {
    const Currency currency = e.contract ? contracts_.at(*e.contract).amount.currency() : kCny;
    kpi_engine::EngineEvent out = kpi_engine::engine_event(e, currency);
    if (e.type == EventType::created) {
      out.terms = std::make_shared<kpi_engine::ContractTerms>(
          kpi_engine::terms_of(current_terms ? contracts_.at(*e.contract) : created_terms_.at(*e.contract)));
    }
    return out;
  }

  // A date in [from, clock + ahead] (at least `from`).
  Date around(Date from, int back, int ahead) {
    const Date lo = std::max(from, clock_.add_days(-back));
    const Date hi = std::max(lo, clock_.add_days(ahead));
    return lo.add_days(pick64(0, days_between(lo, hi)));
  }

  const Contract& any_contract() {
    auto it = contracts_.begin();
    std::advance(it, pick(0, static_cast<int>(contracts_.size()) - 1));
    return it->second;
  }

  std::vector<Installment> schedule(Currency currency, std::int64_t amount, Date signed_on) {
    const int parts = pick(1, 4);
    std::vector<Installment> out;
    std::int64_t left = amount;
    Date due = signed_on;
    for (int k = 0; k < parts; ++k) {
      const std::int64_t piece = k + 1 == parts ? left : std::max<std::int64_t>(1, left / pick(2, 4));
      left -= piece;
      due = due.add_days(pick(0, 50));
      out.push_back({due, Money::from_units(piece, currency)});
      if (left == 0) break;
    }
    return out;
  }

  std::optional<AttributeValue> money_attribute(Currency contract_currency) {
    const std::int64_t units = pick64(0, 500000) * 10000;
    const int which = pick(0, 99);
    const Currency c = which < 70 ? kCny : which < 97 ? contract_currency : kEur;
    return AttributeValue(Money::from_units(units, c));
  }

  void create(std::vector<kpi_engine::EngineEvent>& out) {
    Contract c;
    c.id = static_cast<std::int64_t>(contracts_.size()) + 1;
    c.number = "HT-" + std::to_string(c.id);
    const char* types[] = {"sales", "sales", "sales", "sales", "procurement", "procurement", "project", "patent", "labour"};
    c.type = types[pick(0, 8)];
    c.owner = company_.employees[static_cast<std::size_t>(pick(0, static_cast<int>(company_.employees.size()) - 1))];
    c.signer = c.owner;
    const Currency currency = chance(85) ? kCny : kUsd;
    const std::int64_t amount = pick64(1, 1000000) * (chance(20) ? 1 : 10000);
    c.amount = Money::from_units(amount, currency);
    c.exchange_rate = currency == kCny ? Decimal(1) : kUsdRate;
    c.reporting_amount = scoring::to_reporting(c.amount, c.exchange_rate, kCny);
    c.signed_on = around(Date::parse("2023-01-01"), 150, 20);
    if (chance(75)) c.delivery_due = c.signed_on.add_days(pick(0, 120));
    c.installments = schedule(currency, amount, c.signed_on);
    if (c.type == "procurement" || chance(5)) {
      if (chance(85)) c.attributes["budget"] = *money_attribute(currency);
      if (chance(85)) c.attributes["actual"] = *money_attribute(currency);
    }
    contracts_[c.id] = c;
    created_terms_[c.id] = c;
    owned_[c.owner].push_back(c.id);
    if (!first_signed_ || c.signed_on < *first_signed_) first_signed_ = c.signed_on;
    Event& e = push(EventType::created, c.id, c.signed_on);
    e.amount = c.amount;
    out.push_back(to_engine(e, false));
    if (chance(85)) {
      Event& a = push(EventType::activated, c.id, around(c.signed_on, 10, 10));
      activated_.push_back(c.id);
      out.push_back(to_engine(a, false));
    }
  }

  void activate(std::vector<kpi_engine::EngineEvent>& out) {
    const Contract& c = any_contract();
    if (std::find(activated_.begin(), activated_.end(), c.id) != activated_.end()) return;
    activated_.push_back(c.id);
    out.push_back(to_engine(push(EventType::activated, c.id, around(c.signed_on, 60, 15)), false));
  }

  const Contract* active_contract() {
    if (activated_.empty()) return nullptr;
    return &contracts_.at(activated_[static_cast<std::size_t>(pick(0, static_cast<int>(activated_.size()) - 1))]);
  }

  std::int64_t collected(std::int64_t id) const {
    std::int64_t sum = 0;
    for (const Payment& p : payments_) {
      if (p.contract == id && !p.reversed) sum += p.amount;
    }
    return sum;
  }

  void pay(std::vector<kpi_engine::EngineEvent>& out) {
    const Contract* c = active_contract();
    if (c == nullptr) return;
    const std::int64_t outstanding = c->amount.units() - collected(c->id);
    if (outstanding <= 0) return;
    const std::int64_t amount = chance(30) ? outstanding : pick64(1, outstanding);
    Event& e = push(EventType::payment_received, c->id, around(c->signed_on, 90, 12));
    e.amount = Money::from_units(amount, c->amount.currency());
    payments_.push_back({e.seq, c->id, amount, e.effective, false});
    out.push_back(to_engine(e, false));
  }

  void reverse(std::vector<kpi_engine::EngineEvent>& out) {
    if (payments_.empty()) return;
    Payment& p = payments_[static_cast<std::size_t>(pick(0, static_cast<int>(payments_.size()) - 1))];
    if (p.reversed) return;
    p.reversed = true;
    Event& e = push(EventType::payment_reversed, p.contract, around(p.on, 40, 10));
    e.amount = Money::from_units(-p.amount, contracts_.at(p.contract).amount.currency());
    e.ref = p.seq;
    out.push_back(to_engine(e, false));
  }

  void deliver(std::vector<kpi_engine::EngineEvent>& out) {
    const Contract* c = active_contract();
    if (c == nullptr) return;
    Event& e = push(EventType::delivered, c->id, around(c->signed_on, 60, 10));
    e.value = chance(80) ? 1 : 0;
    out.push_back(to_engine(e, false));
  }

  void survey(std::vector<kpi_engine::EngineEvent>& out) {
    const Contract* c = active_contract();
    if (c == nullptr) return;
    Event& e = push(EventType::satisfaction, c->id, around(c->signed_on, 60, 10));
    e.value = pick(0, 100);
    out.push_back(to_engine(e, false));
  }

  void dispute_or_breach(std::vector<kpi_engine::EngineEvent>& out, EventType type) {
    const Contract* c = active_contract();
    if (c == nullptr) return;
    Event& e = push(type, c->id, around(c->signed_on, 60, 10));
    e.reason = "reason";
    out.push_back(to_engine(e, false));
  }

  static std::string schedule_json(const std::vector<Installment>& list) {
    std::string s = "[";
    for (const Installment& i : list) {
      if (s.size() > 1) s += ",";
      s += "[\"" + i.due.to_string() + "\",\"" + i.amount.to_string() + "\"]";
    }
    return s + "]";
  }

  static std::string attribute_json(const std::optional<AttributeValue>& v) {
    if (!v) return "null";
    return std::string("[\"") + attribute_type_name(v->type()) + "\",\"" + v->to_string() + "\"]";
  }

  void amend(std::vector<kpi_engine::EngineEvent>& out) {
    Contract& c = contracts_.at(any_contract().id);
    const Currency currency = c.amount.currency();
    std::string payload = "{\"counterparty\":{\"from\":\"A\",\"to\":\"B\"}";
    const int kind = pick(0, 3);
    if (kind == 0) {
      const std::int64_t floor = std::max<std::int64_t>(1, collected(c.id));
      const std::int64_t amount = pick64(floor, std::max(floor, c.amount.units() * 2));
      const Money to = Money::from_units(amount, currency);
      std::vector<Installment> s = schedule(currency, amount, c.signed_on);
      if (!(to == c.amount)) {
        payload += ",\"amount\":{\"from\":\"" + c.amount.to_string() + "\",\"to\":\"" + to.to_string() + "\"}";
      }
      payload += ",\"installments\":{\"from\":" + schedule_json(c.installments) + ",\"to\":" + schedule_json(s) + "}";
      c.amount = to;
      c.reporting_amount = scoring::to_reporting(to, c.exchange_rate, kCny);
      c.installments = s;
    } else if (kind == 1) {
      std::vector<Installment> s = schedule(currency, c.amount.units(), c.signed_on);
      payload += ",\"installments\":{\"from\":" + schedule_json(c.installments) + ",\"to\":" + schedule_json(s) + "}";
      c.installments = s;
    } else if (kind == 2) {
      const Date due = c.signed_on.add_days(pick(0, 150));
      payload += ",\"delivery_due\":{\"from\":\"" + (c.delivery_due ? c.delivery_due->to_string() : std::string("null")) +
                 "\",\"to\":\"" + due.to_string() + "\"}";
      c.delivery_due = due;
    } else {
      std::string attrs;
      for (const char* name : {"budget", "actual"}) {
        if (chance(40)) continue;
        auto it = c.attributes.find(name);
        const std::optional<AttributeValue> from =
            it == c.attributes.end() ? std::nullopt : std::optional<AttributeValue>(it->second);
        const std::optional<AttributeValue> to = chance(15) ? std::nullopt : money_attribute(currency);
        if (!from && !to) continue;
        if (!attrs.empty()) attrs += ",";
        attrs += std::string("\"") + name + "\":{\"from\":" + attribute_json(from) + ",\"to\":" + attribute_json(to) + "}";
        if (to) {
          c.attributes[name] = *to;
        } else {
          c.attributes.erase(name);
        }
      }
      if (!attrs.empty()) payload += ",\"attributes\":{" + attrs + "}";
    }
    payload += "}";
    Event& e = push(EventType::amended, c.id, around(c.signed_on, 60, 20));
    e.reason = "change";
    e.payload = payload;
    out.push_back(to_engine(e, false));
  }

  // Hands a contract over to another employee, on or after its signing date
  // and its latest handover.
  void hand_over(std::vector<kpi_engine::EngineEvent>& out) {
    Contract& c = contracts_.at(any_contract().id);
    const std::string& to = company_.employees[static_cast<std::size_t>(pick(0, static_cast<int>(company_.employees.size()) - 1))];
    if (to == c.owner) return;
    Date from = c.signed_on;
    if (auto it = handed_on_.find(c.id); it != handed_on_.end()) from = std::max(from, it->second);
    const Date on = around(from, 40, 15);
    Event& e = push(EventType::reassigned, c.id, on);
    e.reason = "handover";
    e.payload = reassignment_payload({c.owner, to});
    handed_on_[c.id] = on;
    c.owner = to;
    auto& mine = owned_[to];
    if (std::find(mine.begin(), mine.end(), c.id) == mine.end()) mine.push_back(c.id);
    out.push_back(to_engine(e, false));
  }

  // Completes, terminates or expires an activated contract (sometimes one
  // already ended: an expired contract completed later).
  void end_contract(std::vector<kpi_engine::EngineEvent>& out) {
    const Contract* c = active_contract();
    if (c == nullptr) return;
    const int kind = pick(0, 2);
    const EventType type = kind == 0 ? EventType::completed : kind == 1 ? EventType::terminated : EventType::expired;
    Event& e = push(type, c->id, around(c->signed_on, 60, 10));
    if (type == EventType::terminated) e.reason = "ended";
    out.push_back(to_engine(e, false));
  }

  void advance(std::vector<kpi_engine::EngineEvent>& out) {
    clock_ = clock_.add_days(pick(1, 5));
    out.push_back(to_engine(push(EventType::clock_advanced, std::nullopt, clock_), false));
  }

  void close_or_reopen(std::vector<kpi_engine::EngineEvent>& out) {
    if (!closed_.empty() && chance(40)) {
      auto it = closed_.begin();
      std::advance(it, pick(0, static_cast<int>(closed_.size()) - 1));
      Event& e = push(EventType::period_reopened, std::nullopt, clock_);
      e.payload = period_event_payload(*it);
      period_events_.emplace_back(log_.size() - 1, *it);
      e.reason = "correction";
      closed_.erase(it);
      out.push_back(to_engine(e, false));
      return;
    }
    const Date past = clock_.add_days(-pick(1, 200));
    const int kind = pick(0, 2);
    const Period p = kind == 0 ? Period::month_of(past) : kind == 1 ? Period::quarter_of(past) : Period::year_of(past);
    if (p.end() >= clock_) return;
    if (std::find(closed_.begin(), closed_.end(), p) != closed_.end()) return;
    Event& e = push(EventType::period_closed, std::nullopt, clock_);
    e.payload = period_event_payload(p);
    period_events_.emplace_back(log_.size() - 1, p);
    closed_.push_back(p);
    out.push_back(to_engine(e, false));
  }

  std::mt19937_64 rng_;
  const Company& company_;
  Date clock_ = Date::parse("2023-03-01");
  std::vector<Event> log_;
  std::map<std::int64_t, std::vector<std::size_t>> events_of_;
  std::vector<std::pair<std::size_t, Period>> period_events_;  // closes and reopens, with their period
  std::map<std::int64_t, Contract> contracts_;
  std::map<std::int64_t, Contract> created_terms_;
  std::map<std::string, std::vector<std::int64_t>> owned_;  // signed or handed to them
  std::map<std::int64_t, Date> handed_on_;                   // the latest handover of each contract
  std::optional<Date> first_signed_;
  std::vector<std::int64_t> activated_;
  std::vector<Payment> payments_;
  std::vector<Period> closed_;
};

}  // namespace pactum::kpi_stream
