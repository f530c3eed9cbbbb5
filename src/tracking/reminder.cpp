// Reminder kinds, lead times, ids, texts, and the reference fold: the
// conditions of docs/reports.md read literally from a contract's events.
#include "pactum/tracking/reminder.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <tuple>

#include "pactum/contract/execution.hpp"

namespace pactum {

namespace {

struct KindInfo {
  ReminderKind kind;
  const char* name;
  bool ahead;
};

constexpr KindInfo kKinds[] = {
    {ReminderKind::expiry, "expiry", true},
    {ReminderKind::payment_due, "payment_due", true},
    {ReminderKind::payment_overdue, "payment_overdue", false},
    {ReminderKind::delivery_due, "delivery_due", true},
    {ReminderKind::delivery_late, "delivery_late", false},
    {ReminderKind::approval_overdue, "approval_overdue", false},
};

const KindInfo* info(ReminderKind kind) noexcept {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

bool is_payment_kind(ReminderKind kind) noexcept {
  return kind == ReminderKind::payment_due || kind == ReminderKind::payment_overdue;
}

[[noreturn]] void bad_id(std::string_view id) {
  raise(Errc::invalid_argument, "tracking.bad_reminder_id", {{"id", std::string(id)}});
}

// A positive decimal integer without sign or leading zeros.
std::int64_t positive_integer(std::string_view text, std::string_view id, std::int64_t max) {
  if (text.empty() || text.size() > 19 || text[0] == '0') bad_id(id);
  for (char ch : text) {
    if (ch < '0' || ch > '9') bad_id(id);
  }
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > max) bad_id(id);
  return value;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, at - start));
    start = at + 1;
  }
}

}  // namespace

const char* reminder_kind_name(ReminderKind kind) noexcept {
  const KindInfo* k = info(kind);
  return k != nullptr ? k->name : "unknown";
}

ReminderKind parse_reminder_kind(std::string_view name) {
  for (const KindInfo& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  raise(Errc::invalid_argument, "tracking.unknown_kind", {{"kind", std::string(name)}});
}

bool reminds_ahead(ReminderKind kind) noexcept {
  const KindInfo* k = info(kind);
  return k != nullptr && k->ahead;
}

int ReminderLeads::days(ReminderKind kind) const {
  switch (kind) {
    case ReminderKind::expiry: return expiry;
    case ReminderKind::payment_due: return payment_due;
    case ReminderKind::payment_overdue: return payment_overdue;
    case ReminderKind::delivery_due: return delivery_due;
    case ReminderKind::delivery_late: return delivery_late;
    case ReminderKind::approval_overdue: return approval_overdue;
  }
  raise(Errc::invalid_argument, "tracking.unknown_kind", {{"kind", std::to_string(static_cast<int>(kind))}});
}

void ReminderLeads::set(ReminderKind kind, int value) {
  validate_reminder_days(kind, value);
  switch (kind) {
    case ReminderKind::expiry: expiry = value; return;
    case ReminderKind::payment_due: payment_due = value; return;
    case ReminderKind::payment_overdue: payment_overdue = value; return;
    case ReminderKind::delivery_due: delivery_due = value; return;
    case ReminderKind::delivery_late: delivery_late = value; return;
    case ReminderKind::approval_overdue: approval_overdue = value; return;
  }
}

void validate_reminder_days(ReminderKind kind, int days) {
  if (info(kind) == nullptr) {
    raise(Errc::invalid_argument, "tracking.unknown_kind", {{"kind", std::to_string(static_cast<int>(kind))}});
  }
  const int low = reminds_ahead(kind) ? 0 : 1;
  if (days < low || days > kMaxReminderDays) {
    raise(Errc::invalid_argument, reminds_ahead(kind) ? "tracking.bad_lead_ahead" : "tracking.bad_lead_after",
          {{"kind", reminder_kind_name(kind)}, {"days", std::to_string(days)}, {"max", std::to_string(kMaxReminderDays)}});
  }
}

std::int64_t reminder_days(Date due, Date as_of) noexcept { return days_between(as_of, due); }

std::optional<Date> reminder_trigger(ReminderKind kind, Date due, int days) {
  if (reminds_ahead(kind)) return due.add_days_clamped(-static_cast<std::int64_t>(days));
  return due.try_add_days(days);
}

// ---- Ids ------------------------------------------------------------------------------

std::string ReminderKey::to_string() const {
  std::string out = reminder_kind_name(kind);
  out += ':';
  out += std::to_string(contract);
  out += ':';
  if (is_payment_kind(kind)) {
    out += std::to_string(installment);
    out += ':';
  } else if (kind == ReminderKind::approval_overdue) {
    out += std::to_string(round);
    out += '.';
    out += std::to_string(step);
    out += ':';
  }
  out += due.to_string();
  return out;
}

ReminderKey ReminderKey::parse(std::string_view id) {
  const std::vector<std::string_view> parts = split(id, ':');
  if (parts.size() < 3 || parts.size() > 4) bad_id(id);
  ReminderKey key;
  const KindInfo* found = nullptr;
  for (const KindInfo& k : kKinds) {
    if (parts[0] == k.name) found = &k;
  }
  if (found == nullptr) bad_id(id);
  key.kind = found->kind;
  const bool has_item = is_payment_kind(key.kind) || key.kind == ReminderKind::approval_overdue;
  if (parts.size() != (has_item ? 4u : 3u)) bad_id(id);
  key.contract = positive_integer(parts[1], id, std::numeric_limits<std::int64_t>::max());
  const auto due = Date::try_parse(parts.back());
  if (!due) bad_id(id);
  key.due = *due;
  if (is_payment_kind(key.kind)) {
    key.installment = static_cast<int>(positive_integer(parts[2], id, std::numeric_limits<int>::max()));
  } else if (key.kind == ReminderKind::approval_overdue) {
    const std::vector<std::string_view> rs = split(parts[2], '.');
    if (rs.size() != 2) bad_id(id);
    key.round = static_cast<int>(positive_integer(rs[0], id, std::numeric_limits<int>::max()));
    key.step = static_cast<int>(positive_integer(rs[1], id, std::numeric_limits<int>::max()));
  }
  return key;
}

// ---- Texts ----------------------------------------------------------------------------

std::string reminder_message(const Reminder& r, Lang lang) {
  MessageArgs args = {{"number", r.number},
                      {"counterparty", r.counterparty},
                      {"due", r.due.to_string()},
                      {"days", std::to_string(r.days < 0 ? -r.days : r.days)}};
  const char* key = "tracking.reminder_expiry";
  switch (r.kind) {
    case ReminderKind::expiry: key = r.days < 0 ? "tracking.reminder_expiry_passed" : "tracking.reminder_expiry"; break;
      // (the other kinds say "in N days" or "N days ago" by their kind)
    case ReminderKind::payment_due: key = "tracking.reminder_payment_due"; break;
    case ReminderKind::payment_overdue: key = "tracking.reminder_payment_overdue"; break;
    case ReminderKind::delivery_due: key = "tracking.reminder_delivery_due"; break;
    case ReminderKind::delivery_late: key = "tracking.reminder_delivery_late"; break;
    case ReminderKind::approval_overdue: key = "tracking.reminder_approval_overdue"; break;
  }
  if (r.installment) args.push_back({"installment", std::to_string(*r.installment)});
  if (r.unpaid) {
    args.push_back({"unpaid", r.unpaid->to_string()});
    args.push_back({"currency", std::string(r.unpaid->currency().code())});
  }
  if (r.round) args.push_back({"round", std::to_string(*r.round)});
  if (r.step) args.push_back({"step", std::to_string(*r.step)});
  return render_message(key, lang, args);
}

// ---- The reference fold ------------------------------------------------------------------

namespace {

Reminder base_reminder(const Contract& c, ReminderKind kind, Date due, Date trigger, Date as_of) {
  Reminder r;
  r.kind = kind;
  r.contract = c.id;
  r.number = c.number;
  r.type = c.type;
  r.owner = c.owner;
  r.department = c.department;
  r.counterparty = c.counterparty;
  r.key_account = c.key_account;
  r.due = due;
  r.trigger = trigger;
  r.days = reminder_days(due, as_of);
  return r;
}

}  // namespace

std::vector<Reminder> reference_reminders(const TrackingInput& input, Date as_of) {
  const Contract& c = input.contract;
  std::vector<Reminder> out;
  auto add = [&](Reminder r, ReminderKey key) {
    r.id = key.to_string();
    out.push_back(std::move(r));
  };
  auto key_of = [&](ReminderKind kind, Date due) {
    ReminderKey k;
    k.kind = kind;
    k.contract = c.id;
    k.due = due;
    return k;
  };

  const bool activated = c.activated_on && *c.activated_on <= as_of;
  const bool closed = c.closed_on && *c.closed_on <= as_of;
  bool renewed = false;
  for (const Event& e : input.events) {
    if (e.type == EventType::renewed && e.effective <= as_of) renewed = true;
  }

  if (activated) {
    const ExecutionSummary x = summarize_execution(c, input.events, as_of);
    // expiry: from the trigger date while in force, not renewed.
    if (c.end) {
      const Date trigger = *reminder_trigger(ReminderKind::expiry, *c.end, input.leads.expiry);  // ahead: always a date
      if (trigger <= as_of && !closed && !renewed) {
        add(base_reminder(c, ReminderKind::expiry, *c.end, trigger, as_of), key_of(ReminderKind::expiry, *c.end));
      }
    }
    // payment_due up to the due date, payment_overdue after it, while unpaid.
    for (const InstallmentStatus& i : x.installments) {
      const bool unpaid = i.paid < i.amount;
      if (!unpaid) continue;
      for (ReminderKind kind : {ReminderKind::payment_due, ReminderKind::payment_overdue}) {
        const std::optional<Date> trigger = reminder_trigger(kind, i.due, input.leads.days(kind));
        if (!trigger) continue;  // after the end of the calendar
        const bool in_time = kind == ReminderKind::payment_due ? (*trigger <= as_of && as_of <= i.due) : *trigger <= as_of;
        if (!in_time) continue;
        Reminder r = base_reminder(c, kind, i.due, *trigger, as_of);
        r.installment = i.position;
        r.installment_amount = i.amount;
        r.unpaid = i.amount - i.paid;
        ReminderKey k = key_of(kind, i.due);
        k.installment = i.position;
        add(std::move(r), k);
      }
    }
    // delivery_due up to the due date, delivery_late after it, until an
    // accepted delivery or the contract closes.
    if (c.delivery_due && !x.delivered_on && !closed) {
      for (ReminderKind kind : {ReminderKind::delivery_due, ReminderKind::delivery_late}) {
        const std::optional<Date> trigger = reminder_trigger(kind, *c.delivery_due, input.leads.days(kind));
        if (!trigger) continue;  // after the end of the calendar
        const bool in_time =
            kind == ReminderKind::delivery_due ? (*trigger <= as_of && as_of <= *c.delivery_due) : *trigger <= as_of;
        if (!in_time) continue;
        add(base_reminder(c, kind, *c.delivery_due, *trigger, as_of), key_of(kind, *c.delivery_due));
      }
    }
  }

  // approval_overdue: an opened step past its due date, still open.
  std::vector<TrackedStep> steps = input.steps;
  std::sort(steps.begin(), steps.end(),
            [](const TrackedStep& a, const TrackedStep& b) { return std::tie(a.round, a.step) < std::tie(b.round, b.step); });
  for (const TrackedStep& s : steps) {
    const std::optional<Date> trigger = reminder_trigger(ReminderKind::approval_overdue, s.due_on, input.leads.approval_overdue);
    const bool open = s.opened_on && *s.opened_on <= as_of && !(s.closed_on && *s.closed_on <= as_of);
    if (!open || !trigger || *trigger > as_of) continue;
    Reminder r = base_reminder(c, ReminderKind::approval_overdue, s.due_on, *trigger, as_of);
    r.round = s.round;
    r.step = s.step;
    ReminderKey k = key_of(ReminderKind::approval_overdue, s.due_on);
    k.round = s.round;
    k.step = s.step;
    add(std::move(r), k);
  }
  std::stable_sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::make_tuple(static_cast<int>(a.kind), a.installment.value_or(0), a.round.value_or(0), a.step.value_or(0)) <
           std::make_tuple(static_cast<int>(b.kind), b.installment.value_or(0), b.round.value_or(0), b.step.value_or(0));
  });
  return out;
}

void refuse_unknown_reminder(const std::string& id) { raise(Errc::not_found, "tracking.unknown_reminder", {{"id", id}}); }

}  // namespace pactum
