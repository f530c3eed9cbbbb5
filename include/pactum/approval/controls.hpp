// Approval controls that cannot be bypassed (docs/approval.md, "Laws"): who
// may decide on an open step (segregation of duties across rounds, one person
// one vote, actors active on the date the action is recorded), when
// activate() outside a route is refused, and when an amendment re-enters the
// route. Pure rules over values: the store loads the facts, calls them, and
// saves what they allow.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/approval/approval.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"

namespace pactum {

// ---- Direct activation -------------------------------------------------------------

// The database setting `direct_activation`: may activate() move a contract
// to active outside a route when routing is in use for its type? `refuse`
// (the default) or `allow` (for hosts that approve elsewhere). Changing it is
// an audited event (setting_changed).
enum class DirectActivation : unsigned char { refuse, allow };
// "refuse", "allow".
const char* direct_activation_name(DirectActivation policy) noexcept;
// The inverse; anything else is a ValidationError.
DirectActivation parse_direct_activation(std::string_view name);

// True when some rule of `table` accepts contracts of `type` (every rule
// does when the table has no `type` input). Rules whose other tests accept
// nothing count too: the question is whether the table speaks for the type.
bool table_routes_type(const RoutingTable& table, std::string_view type);

// What activate() outside a route depends on.
struct DirectActivationFacts {
  std::string contract;  // its number, for messages
  std::string type;
  // The contract's latest route, when it was ever submitted.
  std::optional<int> round;
  std::optional<RouteStatus> route_status;
  // Routing is in use for the contract's type: a contract of that type was
  // submitted in this database, or the current table, loaded by the host
  // (not the shipped default), routes the type.
  bool routing_in_use = false;
  DirectActivation policy = DirectActivation::refuse;
};

// A StateError (PACTUM_ESTATE) when activate() outside a route is refused:
// always for a contract that entered a route (only its route activates it,
// whatever the setting: a send-back is not an approval), and for a contract
// whose type has routing in use unless the setting allows direct activation.
void check_direct_activation(const DirectActivationFacts& facts);

// ---- Amendments ------------------------------------------------------------------------

// The facts routing tables read from a contract's terms, as submit()
// evaluates them: type, the reporting amount, the contract's currency code,
// department, key-account flag and attributes as text (decimals for decimal
// and money attributes, YYYY-MM-DD for dates, true/false).
RoutingInputs routing_inputs(const Contract& contract);

// The inputs `table` reads whose values differ between two sets of terms, by
// name, in the table's order. `amount` also counts as changed when the
// contract amount changed but its reporting amount rounds to the same value.
std::vector<std::string> changed_routing_inputs(const RoutingTable& table, const Contract& before,
                                                const Contract& after);

// What decides whether an amendment re-enters the route.
struct AmendmentRoutingFacts {
  ContractStatus status = ContractStatus::draft;
  // The inputs the change touches (changed_routing_inputs over the current
  // table and the table that approved the terms in force).
  std::vector<std::string> changed_inputs;
  // The terms in force came out of an approved route (the activation or an
  // amendment round).
  bool approved_by_route = false;
  bool routing_in_use = false;
  DirectActivation policy = DirectActivation::refuse;
};

// True when the amendment must become a new approval round: the contract is
// active or breached, the change touches an input a routing table reads, and
// its terms are governed by routing (they were approved by a route, or
// routing is in use for its type and direct activation is refused). Drafts
// and rejected contracts are edited freely (their next submission routes the
// new terms); changes no table input reads need no round.
bool amendment_needs_round(const AmendmentRoutingFacts& facts) noexcept;

// ---- Deciding on an open step ---------------------------------------------------------

// A StateError unless `employee` is employed on `on` (the action's date) and
// on `recorded` (the date the action is recorded: the database clock).
// Back-dating cannot revive a leaver.
void require_active(const ApproverDirectory& directory, const std::string& employee, Date on, Date recorded);

// A PACTUM_ESEGREGATION error when segregation of duties keeps `employee`
// out of the contract's route: its owner, the submitter of any round, an
// editor of its terms. `contract` is its number (for the message).
void check_segregation(const RouteParties& parties, const std::string& employee, const std::string& contract);

// The open step as a decision sees it.
struct StepDecisionFacts {
  std::string contract;  // its number, for messages
  int step = 1;
  std::vector<StepApprover> approvers;
  // The people who delegated to the actor with a window covering the
  // action's date, in id order.
  std::vector<std::string> delegators;
};

// The approver whose seat a decision by `by` takes: `on_behalf_of` when
// given (a delegate's principal, or `by`), else `by` themselves when they are
// a pending approver, else the first pending approver (in step order) who
// delegated to them. A person counts once per step: someone who already
// approved in the step — for themselves or for anyone — acts no more in it
// (PACTUM_ECONFLICT). Someone without standing is PACTUM_ENOTAPPROVER; an
// escalated approver acting before they were added, a ValidationError.
std::string decision_principal(const StepDecisionFacts& step, const std::string& by,
                               const std::optional<std::string>& on_behalf_of, Date on, std::string_view action);

// ---- Rounds of a contract ------------------------------------------------------

// A new round may not be dated before the previous route ended (`ended`).
void require_round_after_previous(const std::string& contract, Date on, const std::optional<Date>& ended);

// An amendment round in review (its round number and submission date)
// holds the contract's terms: no other amendment meanwhile (StateError).
struct PendingAmendment {
  int round = 0;
  Date submitted;
};
void require_no_pending_amendment(const std::string& contract, const std::optional<PendingAmendment>& pending);

// An amendment that a routing table reads (`inputs`) opens a round, which
// needs a submitter: no actor is a ValidationError naming the inputs.
void require_amendment_submitter(const std::string& contract, const std::optional<std::string>& actor,
                                 const std::vector<std::string>& inputs);

// The approved round's change applies only to a contract still in force
// (active or breached); otherwise a StateError naming the round.
void require_amendment_applicable(const std::string& contract, ContractStatus status, int round);

// The directory as of two dates: the people `inner` gives for a date who are
// also employed on `recorded`. Approvers of a step opened by a back-dated
// action are people employed then and when the action is recorded.
class ActiveWhenRecorded final : public ApproverDirectory {
 public:
  ActiveWhenRecorded(const ApproverDirectory& inner, Date recorded) noexcept : inner_(inner), recorded_(recorded) {}

  std::optional<std::string> manager_of(const std::string& department, Date on) const override;
  std::optional<std::string> parent_of(const std::string& department) const override;
  std::vector<std::string> role_holders(const std::string& role, const std::optional<std::string>& department,
                                        Date on) const override;
  bool employed(const std::string& employee, Date on) const override;

 private:
  const ApproverDirectory& inner_;
  Date recorded_;
};

// ---- Settings, delegations and voided numbers ---------------------------------------

// Setting direct_activation to what it is already: a StateError
// (approval.setting_unchanged); nothing is appended.
void check_setting_change(DirectActivation current, DirectActivation wanted);
// A delegation from `person` to `deputy` for from..to: not to oneself
// (approval.delegation_self), not ending before it starts
// (approval.delegation_dates); ValidationErrors.
void check_delegation(const std::string& person, const std::string& deputy, Date from, Date to);
// PACTUM_ENOTFOUND: no delegation `id` (approval.unknown_delegation); a
// contract never submitted (approval.not_submitted) when its route is asked.
[[noreturn]] void refuse_unknown_delegation(std::int64_t id);
[[noreturn]] void refuse_never_submitted(const std::string& contract, ContractStatus status);
// A contract whose number was voided (on `voided_on`, for `reason`) cannot
// take `action` (StateError contract.number_void).
[[noreturn]] void refuse_void_number(const std::string& contract, const std::string& voided_on,
                                     const std::string& reason, const char* action);

}  // namespace pactum
