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

}  // namespace pactum
