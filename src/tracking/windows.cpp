// The tracking fold of one contract: the facts the reports read and the
// reminder windows the reminder index stores (windows.hpp).
#include "windows.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace pactum::tracking {

namespace {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) detail::throw_money_overflow("add");
  return out;
}

std::optional<Date> earliest(std::optional<Date> a, std::optional<Date> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

[[noreturn]] void bad_steps(std::string_view text) {
  raise(Errc::corrupt, "tracking.bad_index", {{"detail", std::string(text.substr(0, 80))}});
}

}  // namespace

std::int64_t value_on(const Steps& steps, Date day) noexcept {
  // Steps are few per contract: a linear scan beats a binary search here.
  std::int64_t value = 0;
  for (const auto& [from, v] : steps) {
    if (from > day) break;
    value = v;
  }
  return value;
}

std::string encode_steps(const Steps& steps) {
  std::string out;
  out.reserve(steps.size() * 20);
  for (const auto& [day, value] : steps) {
    if (!out.empty()) out += ';';
    out += day.to_string();
    out += '=';
    out += std::to_string(value);
  }
  return out;
}

Steps decode_steps(std::string_view text) {
  Steps out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(';', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(at, end - at);
    if (item.size() < 12 || item[10] != '=') bad_steps(text);
    const auto day = Date::try_parse(item.substr(0, 10));
    if (!day) bad_steps(text);
    std::int64_t value = 0;
    const std::string_view number = item.substr(11);
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || ptr != number.data() + number.size()) bad_steps(text);
    out.emplace_back(*day, value);
    at = end + 1;
  }
  return out;
}

std::optional<Date> covered_from(const Steps& collections, std::int64_t threshold) {
  // Thresholds are positive (contract and instalment amounts are).
  std::optional<Date> from;
  for (const auto& [day, value] : collections) {
    if (value >= threshold) {
      if (!from) from = day;
    } else {
      from.reset();
    }
  }
  return from;
}

Coverage::Coverage(const Steps& collections) : steps_(collections), floor_from_(collections.size()) {
  std::int64_t floor = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = collections.size(); i-- > 0;) {
    floor = std::min(floor, collections[i].second);
    floor_from_[i] = floor;
  }
}

std::optional<Date> Coverage::from(std::int64_t threshold) const {
  // The first step from which every value reaches the threshold.
  const auto it = std::lower_bound(floor_from_.begin(), floor_from_.end(), threshold);
  if (it == floor_from_.end()) return std::nullopt;
  return steps_[static_cast<std::size_t>(it - floor_from_.begin())].first;
}

ContractFacts contract_facts(const TrackingInput& input) {
  const Contract& c = input.contract;
  ContractFacts f;
  f.contract = c.id;
  f.type = c.type;
  f.department = c.department;
  f.owner = c.owner;
  f.key_account = c.key_account;
  f.signed_on = c.signed_on;
  f.activated_on = c.activated_on;
  f.closed_on = c.closed_on;
  f.end = c.end;
  f.delivery_due = c.delivery_due;
  f.currency = c.amount.currency();
  f.amount = c.amount.units();
  f.reporting_amount = c.reporting_amount.units();
  f.exchange_rate = c.exchange_rate;

  struct Delta {
    Date effective;
    std::int64_t seq;
    std::int64_t units;
  };
  std::vector<Delta> deltas;
  for (const Event& e : input.events) {
    switch (e.type) {
      case EventType::payment_received:
      case EventType::payment_reversed:
        if (e.amount) deltas.push_back({e.effective, e.seq, e.amount->units()});
        if (e.type == EventType::payment_reversed) f.reversed = true;
        break;
      case EventType::delivered:
        if (e.value.value_or(0) == 1) f.delivered_on = earliest(f.delivered_on, e.effective);
        break;
      case EventType::renewed: f.renewed_on = earliest(f.renewed_on, e.effective); break;
      default: break;
    }
  }
  std::sort(deltas.begin(), deltas.end(), [](const Delta& a, const Delta& b) {
    return a.effective != b.effective ? a.effective < b.effective : a.seq < b.seq;
  });
  std::int64_t running = 0;
  for (const Delta& d : deltas) {
    running = checked_add(running, d.units);
    if (!f.collections.empty() && f.collections.back().first == d.effective) {
      f.collections.back().second = running;
    } else {
      f.collections.emplace_back(d.effective, running);
    }
  }
  f.collected_full_on = covered_from(f.collections, f.amount);

  std::int64_t through = 0;
  for (const Installment& i : c.installments) {
    through = checked_add(through, i.amount.units());
    f.schedule.emplace_back(i.due, through);
    if (!f.late_due && value_on(f.collections, i.due) < through) f.late_due = i.due;
  }
  return f;
}

std::int64_t installment_paid(const ContractFacts& facts, int installment, Date day) {
  const std::size_t k = static_cast<std::size_t>(installment);
  if (k < 1 || k > facts.schedule.size()) return 0;
  const std::int64_t before = k > 1 ? facts.schedule[k - 2].second : 0;
  const std::int64_t amount = facts.schedule[k - 1].second - before;
  const std::int64_t collected = value_on(facts.collections, day);
  return std::clamp<std::int64_t>(collected - before, 0, amount);
}

std::vector<ReminderWindow> reminder_windows(const ContractFacts& f, std::span<const TrackedStep> steps,
                                             const ReminderLeads& leads) {
  std::vector<ReminderWindow> out;
  // Keeps the window unless it can never hold.
  auto keep = [&](ReminderWindow w, std::optional<Date> last_day) {
    if (w.never) return;
    if (w.settled_on && *w.settled_on <= w.open_from) return;
    if (last_day && w.open_from > *last_day) return;
    out.push_back(std::move(w));
  };
  // A reminder triggering after the end of the calendar never opens: its
  // window opens after the last date (and is not kept).
  auto window = [&](ReminderKind kind, Date due, Date lower) {
    ReminderWindow w;
    w.key.kind = kind;
    w.key.contract = f.contract;
    w.key.due = due;
    const std::optional<Date> trigger = reminder_trigger(kind, due, leads.days(kind));
    w.trigger = trigger.value_or(Date::last());
    w.open_from = std::max(w.trigger, lower);
    w.never = !trigger;
    return w;
  };

  if (f.activated_on) {
    const Date act = *f.activated_on;
    if (f.end) {
      ReminderWindow w = window(ReminderKind::expiry, *f.end, act);
      w.settled_on = earliest(f.closed_on, f.renewed_on);
      keep(std::move(w), std::nullopt);
    }
    const std::int64_t final_collected = f.collections.empty() ? 0 : f.collections.back().second;
    const std::optional<Date> final_on =
        f.collections.empty() ? std::nullopt : std::optional<Date>(f.collections.back().first);
    const Coverage coverage(f.collections);
    std::int64_t before = 0;
    for (std::size_t k = 0; k < f.schedule.size(); ++k) {
      const auto& [due, through] = f.schedule[k];
      const std::int64_t amount = through - before;
      const std::int64_t unpaid = amount - std::clamp<std::int64_t>(final_collected - before, 0, amount);
      for (ReminderKind kind : {ReminderKind::payment_due, ReminderKind::payment_overdue}) {
        ReminderWindow w = window(kind, due, act);
        w.key.installment = static_cast<int>(k + 1);
        w.settled_on = coverage.from(through);
        w.exact = !f.reversed;
        w.installment_amount = amount;
        w.unpaid_final = unpaid;
        w.payments_final_on = final_on;
        keep(std::move(w), kind == ReminderKind::payment_due ? std::optional<Date>(due) : std::nullopt);
      }
      before = through;
    }
    if (f.delivery_due) {
      for (ReminderKind kind : {ReminderKind::delivery_due, ReminderKind::delivery_late}) {
        ReminderWindow w = window(kind, *f.delivery_due, act);
        w.settled_on = earliest(f.delivered_on, f.closed_on);
        keep(std::move(w), kind == ReminderKind::delivery_due ? f.delivery_due : std::nullopt);
      }
    }
  }

  for (const TrackedStep& s : steps) {
    if (!s.opened_on) continue;
    ReminderWindow w = window(ReminderKind::approval_overdue, s.due_on, *s.opened_on);
    w.key.round = s.round;
    w.key.step = s.step;
    w.settled_on = s.closed_on;
    keep(std::move(w), std::nullopt);
  }
  return out;
}

}  // namespace pactum::tracking
