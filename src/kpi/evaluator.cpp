// The reference evaluator: a scorecard straight from the rule book
// (docs/kpi.md). It gathers each contract's facts from the event log and
// hands them to the rule book (scoring.cpp); it favours being obviously
// right over being fast, and the incremental engine is tested against it.
#include <algorithm>
#include <deque>
#include <map>

#include "kpi_json.hpp"
#include "pactum/contract/amendment.hpp"
#include "pactum/core/error.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "scoring.hpp"

namespace pactum {

namespace {

using scoring::checked_add;
using scoring::ContractFacts;
using scoring::FactEvent;

FactEvent fact(const Event& e, std::int64_t number = 0) { return FactEvent{e.seq, e.effective, number}; }

bool before(const Event& a, const Event& b) {
  return a.effective != b.effective ? a.effective < b.effective : a.seq < b.seq;
}

// ---- Terms in force -------------------------------------------------------------
// An amended event's payload is a TermsDiff (pactum/contract/amendment.hpp).
// The terms a scorecard reads are the original terms (every amendment
// undone, latest first) with the amendments that count (applied and
// effective by the cutoff) redone in sequence order.

using scoring::to_reporting;

// `c` with one side of `diff` (`to`: after, else before) in the fields a
// scorecard reads.
void apply_side(Contract& c, const TermsDiff& diff, bool to, Currency reporting) {
  if (diff.amount) {
    c.amount = to ? diff.amount->to : diff.amount->from;
    c.reporting_amount = to_reporting(c.amount, c.exchange_rate, reporting);
  }
  if (diff.delivery_due) c.delivery_due = to ? diff.delivery_due->to : diff.delivery_due->from;
  if (diff.installments) c.installments = to ? diff.installments->to : diff.installments->from;
  for (const auto& [name, change] : diff.attributes) {
    const std::optional<AttributeValue>& value = to ? change.to : change.from;
    if (value) {
      c.attributes.insert_or_assign(name, *value);
    } else {
      c.attributes.erase(name);
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
  std::vector<TermsDiff> diffs;
  for (const Event* e : amendments) diffs.push_back(terms_diff_from_json(e->payload, current.amount.currency()));
  Contract c = current;
  for (std::size_t i = diffs.size(); i-- > 0;) apply_side(c, diffs[i], false, reporting);
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    if (counts(*amendments[i])) apply_side(c, diffs[i], true, reporting);
  }
  return c;
}

}  // namespace

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

namespace {

void earliest(std::optional<Date>& slot, Date day) {
  if (!slot || day < *slot) slot = day;
}

// Who signed `c`: the contract says so, or the first handover's giver, or
// its owner when it was never handed over.
std::string signer_of(const Contract& c, const std::vector<const Event*>& events) {
  if (!c.signer.empty()) return c.signer;
  const Event* first = nullptr;
  for (const Event* e : events) {
    if (e->type == EventType::reassigned && (first == nullptr || e->seq < first->seq)) first = e;
  }
  if (first != nullptr) {
    if (auto r = reassignment_of(*first)) return r->from;
  }
  return c.owner;
}

// A contract's own fact (the event registry's contract_fact).
bool post_close_type(EventType type) {
  const EventTypeInfo* info = event_type_info(type);
  return info != nullptr && info->contract_fact;
}

}  // namespace

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
  const Date cutoff = sc.cutoff;

  // The employee's contracts by id, each with its events in effective-date
  // order.
  std::vector<const Contract*> mine;
  for (const Contract& c : in.contracts) mine.push_back(&c);
  std::sort(mine.begin(), mine.end(), [](const Contract* a, const Contract* b) { return a->id < b->id; });
  mine.erase(std::unique(mine.begin(), mine.end(), [](const Contract* a, const Contract* b) { return a->id == b->id; }),
             mine.end());
  std::map<std::int64_t, std::vector<const Event*>> events_of;
  for (const Event& e : in.events) {
    if (e.contract) events_of[*e.contract].push_back(&e);
  }
  for (auto& [id, list] : events_of) {
    std::sort(list.begin(), list.end(), [](const Event* a, const Event* b) { return before(*a, *b); });
  }

  std::vector<ContractFacts> facts;
  std::deque<Contract> terms;  // the terms in force of each contract read
  for (const Contract* c : mine) {
    const auto& list = events_of[c->id];
    ContractFacts f;
    f.signer = signer_of(*c, list);
    bool activated_unfrozen = false;
    for (const Event* e : list) {
      if (e->type == EventType::activated && e->effective <= in.as_of) activated_unfrozen = true;
    }
    if (sc.closed && activated_unfrozen) {
      for (const Event* e : list) {
        if (applied(*e) || e->effective < start || e->effective > sc.collection_cutoff || !post_close_type(e->type)) continue;
        sc.post_close.push_back({e->seq, e->type, c->number, e->effective});
      }
    }
    terms.push_back(terms_in_force(
        *c, list, [&](const Event& e) { return applied(e) && e.effective <= cutoff; }, in.currency));
    f.contract = &terms.back();
    for (const Event* e : list) {
      if (!applied(*e)) continue;
      const Date day = e->effective;
      const bool in_window = start <= day && day <= cutoff;
      switch (e->type) {
        case EventType::activated:
          if (day <= in.as_of) earliest(f.activated, day);
          break;
        case EventType::completed:
        case EventType::terminated:
        case EventType::expired:
          if (day > cutoff) break;
          earliest(f.closed, day);
          if (e->type == EventType::completed) earliest(f.completed, day);
          if (e->type == EventType::terminated) earliest(f.terminated, day);
          break;
        case EventType::reassigned:
          if (day > cutoff) break;
          if (auto r = reassignment_of(*e)) f.handovers.push_back({day, e->seq, r->to});
          break;
        case EventType::payment_received:
        case EventType::payment_reversed:
          if (e->amount && day <= sc.collection_cutoff) {
            f.deltas.push_back(fact(*e, e->amount->units()));
            f.collected = checked_add(f.collected, e->amount->units());
          }
          break;
        case EventType::delivered:
          if (day > cutoff) break;
          if (e->value.value_or(0) == 1) {
            if (!f.first_delivery) f.first_delivery = fact(*e);
          } else if (!f.first_refusal) {
            f.first_refusal = fact(*e);
          }
          break;
        case EventType::satisfaction:
          if (in_window) f.surveys.push_back(fact(*e, e->value.value_or(0)));
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

}  // namespace pactum
