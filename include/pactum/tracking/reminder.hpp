// Reminders: what needs attention on a date — a contract about to end, an
// instalment about to fall due or overdue, a delivery due or late, an
// approval step past its deadline (docs/reports.md, "Reminders").
//
// reminders(as_of) is a pure function of the log, the acknowledgements and
// the date: every reminder whose trigger date is on or before the as-of date,
// whose condition still holds on it, and that was not acknowledged. A host
// that calls after days of downtime gets each one once; one whose condition
// ended meanwhile (an instalment paid) is gone.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// Stable codes (stored in the reminder index); new kinds are appended.
enum class ReminderKind : unsigned char {
  expiry = 1,            // the contract's end date approaches (and after it, until closed or renewed)
  payment_due = 2,       // an instalment falls due soon (up to its due date)
  payment_overdue = 3,   // an instalment's due date passed and it is not paid in full
  delivery_due = 4,      // the delivery due date approaches (up to that date)
  delivery_late = 5,     // the delivery due date passed without an accepted delivery
  approval_overdue = 6,  // an open approval step passed its due date
};

inline constexpr ReminderKind kReminderKinds[] = {
    ReminderKind::expiry,       ReminderKind::payment_due,   ReminderKind::payment_overdue,
    ReminderKind::delivery_due, ReminderKind::delivery_late, ReminderKind::approval_overdue,
};

// "expiry", "payment_due", ...; "unknown" for a code not in the list.
const char* reminder_kind_name(ReminderKind kind) noexcept;
// The inverse; anything else is a ValidationError naming the text.
ReminderKind parse_reminder_kind(std::string_view name);
// True for the kinds that remind *before* the date they concern (expiry,
// payment_due, delivery_due); the others remind after it.
bool reminds_ahead(ReminderKind kind) noexcept;

// Lead times in days. Ahead kinds trigger `days` before the date they
// concern (0: on that day); the others `days` after it (1: the day after,
// when "not done by that date" is known).
struct ReminderLeads {
  int expiry = 30;
  int payment_due = 7;
  int payment_overdue = 1;
  int delivery_due = 7;
  int delivery_late = 1;
  int approval_overdue = 1;

  int days(ReminderKind kind) const;
  void set(ReminderKind kind, int days);

  friend bool operator==(const ReminderLeads&, const ReminderLeads&) = default;
};

// The largest lead accepted (ten years).
inline constexpr int kMaxReminderDays = 3650;
// A ValidationError unless `days` is 0..3650 for an ahead kind, 1..3650 for
// the others.
void validate_reminder_days(ReminderKind kind, int days);

// The date a reminder triggers: `due` - days (ahead kinds; 1400-01-01 at the
// earliest) or `due` + days; nullopt when that is after 9999-12-31 (the
// reminder never triggers).
std::optional<Date> reminder_trigger(ReminderKind kind, Date due, int days);
// Reminder::days: from `as_of` to `due`, negative once it has passed.
std::int64_t reminder_days(Date due, Date as_of) noexcept;

// What a reminder id names: the kind, the contract, the instalment (1-based)
// or the approval round and step, and the date it concerns. Ids are text:
//   expiry:42:2024-12-31                 (the end date)
//   payment_due:42:3:2024-05-01          (instalment 3, its due date)
//   payment_overdue:42:3:2024-05-01
//   delivery_due:42:2024-06-01           (the delivery due date)
//   delivery_late:42:2024-06-01
//   approval_overdue:42:2.1:2024-03-05   (round 2, step 1, the step's due date)
// They are derived from the contract's data, so they are the same in every
// call and survive reopening the database; a changed date (an amended end
// date or schedule) is a new reminder.
struct ReminderKey {
  ReminderKind kind = ReminderKind::expiry;
  std::int64_t contract = 0;
  int installment = 0;  // payment kinds
  int round = 0;        // approval_overdue
  int step = 0;         // approval_overdue
  Date due;

  std::string to_string() const;
  // A ValidationError naming the text when it is not a well-formed id.
  static ReminderKey parse(std::string_view id);

  friend bool operator==(const ReminderKey&, const ReminderKey&) = default;
};

struct Reminder {
  std::string id;  // ReminderKey::to_string()
  ReminderKind kind = ReminderKind::expiry;
  std::int64_t contract = 0;
  std::string number;
  std::string type;
  std::string owner;
  std::string department;
  std::string counterparty;
  bool key_account = false;
  // The date it concerns: the end date, the instalment's or the delivery's
  // due date, the approval step's due date.
  Date due;
  // The date it triggered (due - lead, or due + days).
  Date trigger;
  // Days from the as-of date to `due`, one convention for every kind:
  // positive ahead of it (days left), negative past it (days overdue).
  std::int64_t days = 0;
  // payment_due, payment_overdue: the instalment (1-based), its amount and
  // the part of it not paid as of the as-of date (contract currency).
  std::optional<int> installment;
  std::optional<Money> installment_amount;
  std::optional<Money> unpaid;
  // approval_overdue: the route's round and the step.
  std::optional<int> round;
  std::optional<int> step;
  // The text, in the language it was asked in.
  std::string message;

  friend bool operator==(const Reminder&, const Reminder&) = default;
};

// The reminder's text in `lang` (the catalog's tracking.reminder_* entries).
std::string reminder_message(const Reminder& reminder, Lang lang);

// A durable acknowledgement: the reminder is not returned again.
struct Acknowledgement {
  std::string id;
  std::int64_t contract = 0;
  Date on;                           // the acknowledgement's date
  std::optional<std::string> actor;  // who acknowledged (free text)
  std::string recorded_at;           // UTC wall-clock time; informative only

  friend bool operator==(const Acknowledgement&, const Acknowledgement&) = default;
};

// ---- The reference fold ---------------------------------------------------------

// An approval step with a due date, as the approval engine stored it.
struct TrackedStep {
  int round = 0;
  int step = 0;
  std::optional<Date> opened_on;
  Date due_on;
  // The step closed (approved) or its route ended, whichever came first.
  std::optional<Date> closed_on;

  friend bool operator==(const TrackedStep&, const TrackedStep&) = default;
};

// Everything the reminder conditions read about one contract.
struct TrackingInput {
  Contract contract;               // its current terms and status dates
  std::vector<Event> events;       // its events (any order; others are ignored)
  std::vector<TrackedStep> steps;  // its approval steps that have a due date
  ReminderLeads leads;             // the lead times of its type
};

// The reminders of one contract as of `as_of`, from the conditions read
// literally (acknowledgements aside; message left empty). Ordered by kind,
// then instalment, round and step. This is the oracle the indexed query of
// Database::reminders() is tested against.
std::vector<Reminder> reference_reminders(const TrackingInput& input, Date as_of);

// ---- JSON (C API, command line) ---------------------------------------------------

// {"version":1,"as_of":"2024-03-01","reminders":[{"id":..,"kind":..,
//  "contract":42,"number":..,"type":..,"owner":..,"department":..,
//  "counterparty":..,"key_account":false,"due":..,"trigger":..,"days":3,
//  "installment":1,"installment_amount":"300.00","unpaid":"300.00",
//  "currency":"CNY","round":null,"step":null,"message":..}]}
std::string reminders_to_json(const std::vector<Reminder>& reminders, Date as_of);
// {"version":1,"id":..,"contract":42,"on":..,"actor":..,"recorded_at":..}
std::string to_json(const Acknowledgement& ack);
// {"version":1,"acknowledgements":[{"id":..,"contract":42,"on":..,"actor":..,
//  "recorded_at":..}]}
std::string acknowledgements_to_json(const std::vector<Acknowledgement>& acks);
// {"version":1,"type":"sales","expiry":30,"payment_due":7,...}; type null:
// the database default.
std::string reminder_leads_to_json(const ReminderLeads& leads, const std::optional<std::string>& type);

// PACTUM_ENOTFOUND: no reminder `id` (tracking.unknown_reminder).
[[noreturn]] void refuse_unknown_reminder(const std::string& id);

}  // namespace pactum
