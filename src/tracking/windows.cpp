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

// The due date of the first instalment (in schedule order) not paid in full
// by the collections of its due date: one pass with a cursor over the
// collections while due dates go up (they do: the schedule is in due-date
// order), a fresh look-up otherwise.
std::optional<Date> first_late_due(const Steps& collections, const Steps& schedule) {
  std::size_t at = 0;
  std::int64_t collected = 0;
  Date last_due = Date::first();
  for (const auto& [due, through] : schedule) {
    if (due < last_due) {
      at = 0;
      collected = 0;
    }
    last_due = due;
    while (at < collections.size() && collections[at].first <= due) collected = collections[at++].second;
    if (collected < through) return due;
  }
  return std::nullopt;
}

// The first day from which the collections keep their final value (null:
// no payment ever).
std::optional<Date> final_run_start(const Steps& collections) {
  if (collections.empty()) return std::nullopt;
  std::size_t i = collections.size() - 1;
  while (i > 0 && collections[i - 1].second == collections.back().second) --i;
  return collections[i].first;
}

// The lowest and highest value either collection takes from the first day
// on which the two differ; nullopt when they agree on every day.
std::optional<std::pair<std::int64_t, std::int64_t>> moved_range(const Steps& a, const Steps& b) {
  std::size_t i = 0;
  std::size_t j = 0;
  std::int64_t va = 0;
  std::int64_t vb = 0;
  bool differ = false;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  while (i < a.size() || j < b.size()) {
    const Date day = i == a.size() ? b[j].first : j == b.size() ? a[i].first : std::min(a[i].first, b[j].first);
    if (i < a.size() && a[i].first == day) va = a[i++].second;
    if (j < b.size() && b[j].first == day) vb = b[j++].second;
    differ = differ || va != vb;
    if (differ) {
      lo = std::min({lo, va, vb});
      hi = std::max({hi, va, vb});
    }
  }
  if (!differ) return std::nullopt;
  return std::make_pair(lo, hi);
}

// The first index in [0, n) for which `holds` is false (it holds on a prefix).
template <class Holds>
std::size_t end_of_prefix(std::size_t n, Holds&& holds) {
  std::size_t low = 0;
  std::size_t high = n;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (holds(mid)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

// Appends `w` to `out` unless it can never hold (`last_day`: the last day it
// may hold on, for the ahead kinds).
void keep(std::vector<ReminderWindow>& out, ReminderWindow w, std::optional<Date> last_day) {
  if (w.never) return;
  if (w.settled_on && *w.settled_on <= w.open_from) return;
  if (last_day && w.open_from > *last_day) return;
  out.push_back(std::move(w));
}

// The window of `kind` due on `due`, open from its trigger but not before
// `lower`. A reminder triggering after the end of the calendar never opens:
// its window opens after the last date (and is not kept).
ReminderWindow window_of(const ContractFacts& f, const ReminderLeads& leads, ReminderKind kind, Date due, Date lower) {
  ReminderWindow w;
  w.key.kind = kind;
  w.key.contract = f.contract;
  w.key.due = due;
  const std::optional<Date> trigger = reminder_trigger(kind, due, leads.days(kind));
  w.trigger = trigger.value_or(Date::last());
  w.open_from = std::max(w.trigger, lower);
  w.never = !trigger;
  return w;
}

// The payment windows of the instalments [first, last) (0-based) of an
// activated contract, in instalment order, payment_due before
// payment_overdue.
void payment_windows(const ContractFacts& f, const ReminderLeads& leads, std::size_t first, std::size_t last,
                     std::vector<ReminderWindow>& out) {
  const Date act = *f.activated_on;
  const std::int64_t final_collected = f.collections.empty() ? 0 : f.collections.back().second;
  const std::optional<Date> final_from = final_run_start(f.collections);
  const Coverage coverage(f.collections);
  for (std::size_t k = first; k < last; ++k) {
    const auto& [due, through] = f.schedule[k];
    const std::int64_t before = k > 0 ? f.schedule[k - 1].second : 0;
    const std::int64_t amount = through - before;
    const std::int64_t paid = std::clamp<std::int64_t>(final_collected - before, 0, amount);
    const std::optional<Date> settled = coverage.from(through);
    // The instalment's paid part is final from the day it is paid in full,
    // on every day when nothing reaches it, and otherwise from the day the
    // collections take their final value.
    const std::optional<Date> paid_final_from = paid == amount ? settled : paid == 0 ? std::nullopt : final_from;
    for (ReminderKind kind : {ReminderKind::payment_due, ReminderKind::payment_overdue}) {
      ReminderWindow w = window_of(f, leads, kind, due, act);
      w.key.installment = static_cast<int>(k + 1);
      w.settled_on = settled;
      w.exact = !f.reversed;
      w.installment_amount = amount;
      w.unpaid_final = amount - paid;
      w.payments_final_on = paid_final_from;
      keep(out, std::move(w), kind == ReminderKind::payment_due ? std::optional<Date>(due) : std::nullopt);
    }
  }
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
  }
  f.late_due = first_late_due(f.collections, f.schedule);
  return f;
}

ContractFacts with_payments(ContractFacts f, std::span<const Event> events) {
  // What the events add to the collections of each day.
  Steps added;
  for (const Event& e : events) {
    if (e.type != EventType::payment_received && e.type != EventType::payment_reversed) continue;
    if (e.type == EventType::payment_reversed) f.reversed = true;
    if (e.amount) added.emplace_back(e.effective, e.amount->units());
  }
  if (added.empty()) return f;
  std::stable_sort(added.begin(), added.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // One pass over the days of either: a day's new total is its old one
  // plus everything added on it or before.
  Steps merged;
  merged.reserve(f.collections.size() + added.size());
  std::size_t i = 0;
  std::size_t j = 0;
  std::int64_t old_total = 0;
  std::int64_t shift = 0;
  while (i < f.collections.size() || j < added.size()) {
    const Date day = i == f.collections.size() ? added[j].first
                     : j == added.size()       ? f.collections[i].first
                                               : std::min(f.collections[i].first, added[j].first);
    if (i < f.collections.size() && f.collections[i].first == day) old_total = f.collections[i++].second;
    while (j < added.size() && added[j].first == day) shift = checked_add(shift, added[j++].second);
    merged.emplace_back(day, checked_add(old_total, shift));
  }
  f.collections = std::move(merged);
  f.collected_full_on = covered_from(f.collections, f.amount);
  f.late_due = first_late_due(f.collections, f.schedule);
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
  if (f.activated_on) {
    const Date act = *f.activated_on;
    if (f.end) {
      ReminderWindow w = window_of(f, leads, ReminderKind::expiry, *f.end, act);
      w.settled_on = earliest(f.closed_on, f.renewed_on);
      keep(out, std::move(w), std::nullopt);
    }
    payment_windows(f, leads, 0, f.schedule.size(), out);
    if (f.delivery_due) {
      for (ReminderKind kind : {ReminderKind::delivery_due, ReminderKind::delivery_late}) {
        ReminderWindow w = window_of(f, leads, kind, *f.delivery_due, act);
        w.settled_on = earliest(f.delivered_on, f.closed_on);
        keep(out, std::move(w), kind == ReminderKind::delivery_due ? f.delivery_due : std::nullopt);
      }
    }
  }

  for (const TrackedStep& s : steps) {
    if (!s.opened_on) continue;
    ReminderWindow w = window_of(f, leads, ReminderKind::approval_overdue, s.due_on, *s.opened_on);
    w.key.round = s.round;
    w.key.step = s.step;
    w.settled_on = s.closed_on;
    keep(out, std::move(w), std::nullopt);
  }
  return out;
}

void changed_payment_windows(const ContractFacts& before, const ContractFacts& after, const ReminderLeads& leads,
                             std::vector<ReminderWindow>& changed, std::vector<ReminderKey>& gone) {
  if (!after.activated_on || !before.activated_on) return;
  const Steps& schedule = after.schedule;
  std::size_t first = 0;
  std::size_t last = schedule.size();
  if (before.reversed == after.reversed) {
    // An instalment's windows read the collections only through the days
    // they reach its cumulative amount (`through`) and its share of the
    // final total: where both collections stay at or above `through` from
    // the first day they differ, or both at or below its start and below
    // `through`, nothing it shows moved. The rest is a run of instalments.
    const auto range = moved_range(before.collections, after.collections);
    if (!range) return;
    // Named copies: a lambda may not capture a structured binding (C++20 as clang 14 reads it).
    const std::int64_t lo = range->first;
    const std::int64_t hi = range->second;
    first = end_of_prefix(schedule.size(), [&](std::size_t k) { return schedule[k].second <= lo; });
    last = end_of_prefix(schedule.size(), [&](std::size_t k) {
      const std::int64_t start = k > 0 ? schedule[k - 1].second : 0;
      return start < hi || schedule[k].second <= hi;
    });
    if (first >= last) return;
  }
  std::vector<ReminderWindow> old_windows;
  std::vector<ReminderWindow> new_windows;
  payment_windows(before, leads, first, last, old_windows);
  payment_windows(after, leads, first, last, new_windows);
  // Both in (instalment, kind) order.
  auto order = [](const ReminderWindow& w) { return std::make_pair(w.key.installment, static_cast<int>(w.key.kind)); };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < old_windows.size() || j < new_windows.size()) {
    if (j == new_windows.size() || (i < old_windows.size() && order(old_windows[i]) < order(new_windows[j]))) {
      gone.push_back(old_windows[i++].key);
    } else if (i == old_windows.size() || order(new_windows[j]) < order(old_windows[i])) {
      changed.push_back(std::move(new_windows[j++]));
    } else {
      if (!(old_windows[i] == new_windows[j])) changed.push_back(std::move(new_windows[j]));
      ++i;
      ++j;
    }
  }
}

}  // namespace pactum::tracking
