// The event log: every fact about a contract, appended once and never
// edited. KPI scores, reminders and reports are folds over it.
//
// Each event has a sequence number (strictly increasing in commit order), a
// type with a stable integer code, the contract (none for clock_advanced), an
// effective date, the wall-clock time it was recorded, who recorded it, its
// source and idempotency key, typed columns for the hot fields and a JSON
// payload for rare extras. See docs/events.md for what each type carries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// Stable codes: never renumbered or reused; new types are appended.
enum class EventType : int {
  created = 1,           // the contract was recorded (effective on its signing date)
  activated = 2,         // it became active
  payment_received = 3,  // amount: the payment; key: the payment's ref
  payment_reversed = 4,  // amount: minus the reversed payment; ref: the payment's seq
  delivered = 5,         // value: 1 accepted, 0 refused for quality
  satisfaction = 6,      // value: the score 0..100
  dispute = 7,           // reason: what is disputed
  breach = 8,            // reason: the breach
  amended = 9,           // reason; payload: the changed fields, before and after
  terminated = 10,       // reason
  renewed = 11,          // value: the successor's id; ref: the successor's created event
  completed = 12,        // the contract was performed
  clock_advanced = 13,   // no contract; effective: the new clock date
  period_closed = 14,    // no contract; payload: {"period":"2024-Q1"} (docs/kpi.md)
  period_reopened = 15,  // no contract; payload: the period; reason: why
  submitted = 16,           // submitted for approval; actor: the submitter; value: the route's round;
                            // reason: the comment; payload: the route and its evaluation (docs/approval.md)
  approved = 17,            // one approval of a step; value: the step; payload: round, step, on_behalf_of
  rejected = 18,            // the route ended rejected; value: the step; reason: the comment
  sent_back = 19,           // sent back to the submitter (the contract is a draft again); value: the step
  withdrawn = 20,           // withdrawn by the submitter (the contract is a draft again)
  approval_escalated = 21,  // a step's deadline passed; no actor; value: the step; payload: who was added
  expired = 22,             // the clock passed the end date of a contract in force and not renewed;
                            // effective: the end date; no actor
  reassigned = 23,          // handed over to another owner from its effective date; reason; actor;
                            // payload: {"from": old owner, "to": new owner}
  setting_changed = 24,     // no contract; a database setting changed; actor: who; reason: why;
                            // payload: {"setting","from","to"} (docs/approval.md, "Settings")
};

// ---- The event registry (src/contract/event.cpp) -------------------------------

// How a fact of a type is recorded through the generic event document
// (json::record_event_from_json, Database::record_fact, pactum_record_event,
// db.record_event, `pactum event record`; docs/events.md).
enum class EventShape : unsigned char {
  own_call,  // only by its own call (lifecycle, approval, company-wide events)
  payment,   // amount and ref; currency, allow_overpayment
  reversal,  // ref; no contract
  delivery,  // accepted, note; key
  score,     // score 0..100; key
  reason,    // a fact of a contract with an optional reason; key (dispute, breach)
};

// One event type, described once: every classification of types reads this.
struct EventTypeInfo {
  EventType type;
  std::string_view name;
  EventShape shape;
  // Records execution of an activated contract (is_execution_event).
  bool execution;
  // A fact of one contract's life or execution: recorded against a closed
  // period's window, it is listed as a post-close change (docs/kpi.md).
  bool contract_fact;
  // Execution facts that need the contract open (not completed or
  // terminated; an expired contract's obligations remain).
  bool open_only;
  // The transition it applies to the contract's status, if any (a breach).
  std::optional<ContractTransition> transition;
};

// "own_call", "payment", "reversal", "delivery", "score", "reason".
const char* event_shape_name(EventShape shape) noexcept;

// Every event type, in code order.
std::span<const EventTypeInfo> event_types() noexcept;
// The entry of `type`; nullptr for a code not in the registry.
const EventTypeInfo* event_type_info(EventType type) noexcept;

// "created", "payment_received", ... ; "unknown" for a code not in the list.
const char* event_type_name(EventType type) noexcept;
// The inverse; an unknown name is a ValidationError.
EventType parse_event_type(std::string_view name);
// Events that record execution of an activated contract (payments,
// reversals, deliveries, satisfaction, disputes, breaches).
bool is_execution_event(EventType type) noexcept;

struct Event {
  std::int64_t seq = 0;
  EventType type = EventType::created;
  std::optional<std::int64_t> contract;
  Date effective;
  std::string recorded_at;  // UTC, "2024-03-01T08:15:30.123Z"; informative only
  std::optional<std::string> actor;
  std::string source;
  std::optional<std::string> key;
  std::optional<Money> amount;        // in the contract's currency
  std::optional<std::int64_t> ref;    // another event's seq
  std::optional<std::int64_t> value;  // a small integer (see EventType)
  std::optional<std::string> reason;
  std::string payload;  // a JSON object, or empty

  friend bool operator==(const Event&, const Event&) = default;
};

// The payload of a `reassigned` event: {"from": old owner, "to": new owner}.
struct Reassignment {
  std::string from;
  std::string to;

  friend bool operator==(const Reassignment&, const Reassignment&) = default;
};
std::string reassignment_payload(const Reassignment& r);
// The handover a `reassigned` event records; nullopt for another event or a
// payload without both members.
std::optional<Reassignment> reassignment_of(const Event& e);

// Optional details of a recorded fact. Without a key an event is not
// idempotent: each call appends one. With one, the same source and key with
// the same content returns the first event and changes nothing; other content
// is a ConflictError naming the key. The effective date is part of the content
// only when the caller gave it.
struct EventOptions {
  EventOptions() = default;
  // Just the effective date: record_delivery(c, true, date).
  EventOptions(std::optional<Date> date) : on(date) {}  // NOLINT: implicit by design
  EventOptions(Date date) : on(date) {}                 // NOLINT: implicit by design

  std::optional<Date> on;              // default: the database clock
  std::optional<std::string> source;   // default: "pactum"
  std::optional<std::string> key;
  std::optional<std::string> actor;
};

// The source of events Pactum records for its own lifecycle calls.
inline constexpr std::string_view kDefaultEventSource = "pactum";
// The default source of payments and reversals.
inline constexpr std::string_view kDefaultPaymentSource = "finance";

// The content of a fact offered under an idempotency key, compared with the
// fact recorded under that key. `effective` is compared only when the caller
// gave it; `amount` is in units of 10^-4 of the contract's currency.
struct EventContent {
  EventType type = EventType::created;
  std::optional<std::int64_t> contract;
  std::optional<Date> effective;
  std::optional<std::int64_t> amount;
  std::optional<std::int64_t> value;
  std::optional<std::string> reason;
  std::string payload;
};
// The same key with other content is a ConflictError (event.key_conflict)
// naming the key, the recorded event and the fields that differ.
void require_same_event(const Event& existing, const EventContent& incoming);
// A page of the event log holds at least one event (event.bad_limit).
void check_event_limit(int limit);

// PACTUM_ENOTFOUND: no event numbered `seq` (event.unknown).
[[noreturn]] void refuse_unknown_event(std::int64_t seq);

}  // namespace pactum
