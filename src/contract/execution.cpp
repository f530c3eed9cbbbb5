// The execution summary: collections, instalments, delivery and the rest, as
// of a date, folded from a contract's events.
#include "pactum/contract/execution.hpp"

#include <algorithm>
#include <vector>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

struct Delta {
  Date effective;
  std::int64_t seq;
  std::int64_t units;
};

// Collected units at the end of `day`: the sum of deltas effective on or before it.
std::int64_t collected_on(const std::vector<Delta>& deltas, Date day) {
  std::int64_t sum = 0;
  for (const Delta& d : deltas) {
    if (d.effective > day) break;
    if (__builtin_add_overflow(sum, d.units, &sum)) detail::throw_money_overflow("add");
  }
  return sum;
}

std::int64_t clamp_units(std::int64_t value, std::int64_t low, std::int64_t high) {
  return std::max(low, std::min(value, high));
}

}  // namespace

ExecutionSummary summarize_execution(const Contract& contract, std::span<const Event> events, Date as_of) {
  const Currency currency = contract.amount.currency();
  ExecutionSummary s;
  s.contract = contract.id;
  s.as_of = as_of;
  s.amount = contract.amount;
  s.delivery_due = contract.delivery_due;

  std::vector<Delta> deltas;
  std::optional<std::pair<Date, std::int64_t>> first_delivery;  // (effective, seq)
  std::int64_t satisfaction_sum = 0;
  for (const Event& e : events) {
    if (e.effective > as_of) continue;
    switch (e.type) {
      case EventType::payment_received:
      case EventType::payment_reversed:
        if (e.amount) deltas.push_back({e.effective, e.seq, e.amount->units()});
        break;
      case EventType::delivered:
        if (e.value.value_or(0) == 1) {
          if (!first_delivery || std::make_pair(e.effective, e.seq) < *first_delivery) {
            first_delivery = std::make_pair(e.effective, e.seq);
          }
        } else {
          ++s.failed_deliveries;
        }
        break;
      case EventType::satisfaction:
        ++s.satisfaction_count;
        satisfaction_sum += e.value.value_or(0);
        break;
      case EventType::dispute: ++s.disputes; break;
      case EventType::breach: ++s.breaches; break;
      case EventType::amended: ++s.amendments; break;
      default: break;
    }
  }
  std::sort(deltas.begin(), deltas.end(), [](const Delta& a, const Delta& b) {
    return a.effective != b.effective ? a.effective < b.effective : a.seq < b.seq;
  });

  const std::int64_t collected = collected_on(deltas, as_of);
  s.collected = Money::from_units(collected, currency);
  s.outstanding = s.amount - s.collected;
  s.collection_ratio = Ratio(collected, contract.amount.units());
  s.collection_rate = s.collection_ratio.round(6);

  // Collected at the end of each day with a delta, in date order.
  std::vector<std::pair<Date, std::int64_t>> by_day;
  {
    std::int64_t running = 0;
    for (const Delta& d : deltas) {
      running += d.units;  // cannot overflow: collected_on() summed the same prefix
      if (!by_day.empty() && by_day.back().first == d.effective) {
        by_day.back().second = running;
      } else {
        by_day.emplace_back(d.effective, running);
      }
    }
  }

  std::int64_t before = 0;  // cumulative instalment amounts before this one
  int position = 0;
  for (const Installment& inst : contract.installments) {
    InstallmentStatus st;
    st.position = ++position;
    st.due = inst.due;
    st.amount = inst.amount;
    std::int64_t through = 0;
    if (__builtin_add_overflow(before, inst.amount.units(), &through)) detail::throw_money_overflow("add");
    st.paid = Money::from_units(clamp_units(collected - before, 0, inst.amount.units()), currency);
    const std::int64_t by_due = collected_on(deltas, std::min(inst.due, as_of));
    st.paid_by_due = Money::from_units(clamp_units(by_due - before, 0, inst.amount.units()), currency);
    // The as-of date is the end of that day: a due date on it has passed.
    st.overdue = inst.due <= as_of && by_due < through;
    if (st.overdue) ++s.overdue_installments;
    for (const auto& [day, total] : by_day) {
      if (total >= through) {
        if (!st.paid_in_full_on) st.paid_in_full_on = day;
      } else {
        st.paid_in_full_on.reset();
      }
    }
    s.installments.push_back(st);
    before = through;
  }

  if (first_delivery) s.delivered_on = first_delivery->first;
  if (contract.delivery_due) {
    if (s.delivered_on) {
      s.delivery_late_days = days_between(*contract.delivery_due, *s.delivered_on);
    } else {
      s.delivery_late_days = std::max<std::int64_t>(0, days_between(*contract.delivery_due, as_of));
    }
  }
  if (s.satisfaction_count > 0) {
    s.satisfaction_average = Ratio(satisfaction_sum, s.satisfaction_count).round(2);
  }
  return s;
}

// ---- The rules of execution events ------------------------------------------------

void require_execution_status(const std::string& contract, ContractStatus status, EventType type) {
  const EventTypeInfo* info = event_type_info(type);
  const bool open_only = info != nullptr && info->open_only;
  if (!was_activated(status)) {
    raise(Errc::invalid_state, "event.not_activated",
          {{"contract", contract}, {"status", contract_status_name(status)}, {"event", event_type_name(type)}});
  }
  if (open_only && is_closed(status) && status != ContractStatus::expired) {
    raise(Errc::invalid_state, "event.contract_closed",
          {{"contract", contract}, {"status", contract_status_name(status)}, {"event", event_type_name(type)}});
  }
}

const EventTypeInfo& require_fact_type(EventType type) {
  const EventTypeInfo* info = event_type_info(type);
  if (info == nullptr || info->shape != EventShape::reason) {
    raise(Errc::invalid_argument, "event.not_a_fact", {{"type", event_type_name(type)}});
  }
  return *info;
}

void require_on_or_after_signing(const std::string& contract, Date signed_on, Date on, EventType type) {
  if (on < signed_on) {
    raise(Errc::invalid_argument, "contract.before_signing",
          {{"event", event_type_name(type)}, {"on", on.to_string()}, {"signed", signed_on.to_string()}, {"contract", contract}});
  }
}

void require_on_or_after_activation(const std::string& contract, const std::optional<Date>& activated_on, Date on,
                                    EventType type) {
  if (activated_on && on < *activated_on) {
    raise(Errc::invalid_argument, "contract.before_activation",
          {{"event", event_type_name(type)}, {"on", on.to_string()}, {"activated", activated_on->to_string()}, {"contract", contract}});
  }
}

void require_satisfaction_score(std::int64_t score) {
  if (score < 0 || score > 100) raise(Errc::invalid_argument, "event.bad_score", {{"score", std::to_string(score)}});
}

bool check_clock_advance(const std::optional<Date>& clock, Date date) {
  if (!clock) return false;
  if (date < *clock) {
    raise(Errc::invalid_argument, "event.clock_backwards", {{"clock", clock->to_string()}, {"date", date.to_string()}});
  }
  return date == *clock;
}

}  // namespace pactum
