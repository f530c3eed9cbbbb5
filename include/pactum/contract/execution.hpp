// A contract's execution as of a date: a pure fold of its events.
#pragma once

#include <span>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"

namespace pactum {

// Folds `events` (the contract's events, any order) as of `as_of` under the
// contract's current terms: events effective after `as_of` are ignored.
// Payments are allocated to instalments in due-date order; a reversal takes
// back exactly what its payment added, from its own effective date.
ExecutionSummary summarize_execution(const Contract& contract, std::span<const Event> events, Date as_of);

// ---- The rules of execution events (docs/events.md, "Validation") ----------------

// An execution event of `type` needs a contract that was activated
// (StateError event.not_activated); the registry's `open_only` types
// (deliveries, breaches) also need it not completed or terminated
// (event.contract_closed; an expired contract's obligations remain: a late
// delivery is recorded).
void require_execution_status(const std::string& contract, ContractStatus status, EventType type);
// The registry's entry of a type recorded as a fact of a contract with a
// reason (EventShape::reason: disputes, breaches); any other type is a
// ValidationError (event.not_a_fact).
const EventTypeInfo& require_fact_type(EventType type);
// An event dated before the contract's signing is a ValidationError
// (contract.before_signing).
void require_on_or_after_signing(const std::string& contract, Date signed_on, Date on, EventType type);
// An event dated before the contract's activation is a ValidationError
// (contract.before_activation); nothing when it was never activated.
void require_on_or_after_activation(const std::string& contract, const std::optional<Date>& activated_on, Date on,
                                    EventType type);
// A satisfaction score is 0..100 (ValidationError event.bad_score).
void require_satisfaction_score(std::int64_t score);
// Moving the clock from `clock` (nullopt: never set) to `date`: refused
// backwards (ValidationError event.clock_backwards); true when `date` is the
// clock already (the earlier clock event answers).
bool check_clock_advance(const std::optional<Date>& clock, Date date);

}  // namespace pactum
