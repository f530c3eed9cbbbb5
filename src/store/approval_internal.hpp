// Internal: the approval engine's hooks into the database clock and the
// contract lifecycle (activation outside a route, amendments that re-enter
// the route).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contracts_internal.hpp"
#include "pactum/approval/controls.hpp"
#include "pactum/core/date.hpp"

namespace pactum {

class Database;

namespace store {

// Escalates every open approval step whose deadline lies before `clock`
// and that has not escalated yet: its escalation target joins the step's
// approvers, effective the day after the deadline, with an event and a
// history entry. Runs inside the caller's write (Database::advance_to).
void escalate_overdue_steps(Database& db, Date clock);

// ---- Controls (controls.cpp) ----------------------------------------------------------
// The setting direct_activation as stored (absent: refuse).
DirectActivation stored_direct_activation(Database::Impl& impl);
// Routing is in use for contracts of `type` (Database::routing_in_use).
bool routing_in_use_for(const Database& db, const std::string& type);
// A StateError when the contract's number is void: `action` is refused.
void require_number_in_force(Database::Impl& impl, const ContractRow& row, const char* action);
// A StateError when activate() outside a route is refused for the contract
// (check_direct_activation over the stored facts), or its number is void.
void check_activation_outside_route(const Database& db, const ContractRow& row);

// ---- Amendment rounds (approval.cpp) ----------------------------------------------------
// A StateError when the contract has an amendment round in review.
void refuse_if_amendment_pending(Database::Impl& impl, const ContractRow& row);
// The routing inputs the amendment from `before` to `after` touches when it
// must re-enter the route (amendment_needs_round); empty when it need not.
std::vector<std::string> amendment_round_inputs(const Database& db, const Contract& before, const Contract& after);
// Opens the amendment's approval round (submitted by `actor`, who must be an
// employee active on `on` and on the database clock) and returns its
// submitted event; the terms stay as they are.
Event open_amendment_round(Database& db, const ContractRow& row, const AmendedTerms& terms, const Amendment& changes,
                           const std::string& reason, const std::vector<std::string>& inputs,
                           const std::optional<std::string>& actor, Date on);

}  // namespace store

}  // namespace pactum
