// The approval route state machine (docs/approval.md, "Routes"): given the
// state of a route, an actor and an action, what happens next — the step
// that closes or opens, the route's end, the contract's new status and the
// events to append — or the refusal. Pure: the store loads the state, asks
// the machine, resolves the approvers of a step the machine opens
// (resolve_step, then require_resolved) and saves what it was told.
//
// Who may act (segregation of duties, one person one vote, delegation,
// activity on the dates) is pactum/approval/controls.hpp's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pactum/approval/approval.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"

namespace pactum {

// What the machine reads of a route (approval_routes) and its contract.
struct RouteMachineState {
  std::string contract;  // the contract's number, for messages
  ContractStatus contract_status = ContractStatus::pending_approval;
  RouteStatus status = RouteStatus::in_review;
  std::optional<int> current_step;
  int steps = 0;  // the route's number of steps
  int round = 1;
  std::string submitter;
  Date last_action_on;
  std::optional<Date> ended_on;
  bool amendment = false;  // an amendment round (the contract stays active)
};

// What the machine reads of the current step.
struct OpenStepFacts {
  int number = 1;
  Date opened_on;
  int required = 1;   // approvals it needs
  int approvals = 0;  // approvals so far
};

// The route in review of `contract`: StateError approval.not_submitted when
// it has none (`latest` nullopt), approval.route_ended when the latest route
// has ended. Returns the open route.
const RouteMachineState& require_open_route(const std::optional<RouteMachineState>& latest,
                                            const std::string& contract, ContractStatus contract_status);

// A decision (approve, reject, send back) dated `on` on the open step:
// ValidationError approval.before_step before the step opened, then
// approval.before_last_action before the route's last action. `verb` names
// the action in the message ("approve", "reject", "send_back").
void check_decision_dates(const RouteMachineState& route, const OpenStepFacts& step, Date on, const char* verb);

// A withdrawal by `by`: PACTUM_ENOTAPPROVER approval.not_submitter unless
// `by` submitted the route.
void check_withdrawal(const RouteMachineState& route, const std::string& by);
// ValidationError approval.before_last_action when `on` is before the
// route's last action.
void require_not_before_last_action(const RouteMachineState& route, Date on, const char* verb);

// What an action does. The store appends `event`, then `activated` when
// `activates`, or the `amended` event of the change when `applies_amendment`.
struct RouteOutcome {
  EventType event = EventType::approved;  // the action's event: approved, rejected, sent_back, withdrawn
  bool counts_approval = false;           // record the approval and count it on the step
  bool closes_step = false;               // the current step closes on the action's date
  std::optional<int> opens_step;          // the next step, to resolve and open on the action's date
  std::optional<RouteStatus> ends;        // the route ends with this status on the action's date
  std::optional<ContractStatus> contract_status;  // the contract's new status (nullopt: unchanged)
  bool activates = false;          // the final approval of a submission: `activated`, effective that day
  bool applies_amendment = false;  // the final approval of an amendment round: the new terms take effect
};

// The outcome of `action` (approved, rejected, sent_back or withdrawn) on
// the open route. A contract whose status forbids the transition is a
// StateError (contract.status_forbids); other actions are a ValidationError.
RouteOutcome next_route(const RouteMachineState& route, const OpenStepFacts& step, ApprovalAction action);

// A step about to open whose resolution found too few approvers: StateError
// approval.no_approver naming the step, the contract, the date and the
// counts.
void require_resolved(const StepResolution& resolution, int step, const RouteStep& spec, const std::string& contract,
                      Date on);

}  // namespace pactum
