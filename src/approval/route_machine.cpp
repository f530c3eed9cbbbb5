// The approval route state machine over values.
#include "pactum/approval/route_machine.hpp"

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

ContractStatus move_contract(const RouteMachineState& route, ContractTransition transition) {
  return apply_transition(route.contract_status, transition, route.contract);
}

}  // namespace

const RouteMachineState& require_open_route(const std::optional<RouteMachineState>& latest,
                                            const std::string& contract, ContractStatus contract_status) {
  if (!latest) {
    raise(Errc::invalid_state, "approval.not_submitted",
          {{"contract", contract}, {"status", contract_status_name(contract_status)}});
  }
  if (latest->status != RouteStatus::in_review || !latest->current_step) {
    raise(Errc::invalid_state, "approval.route_ended",
          {{"contract", contract},
           {"status", route_status_name(latest->status)},
           {"on", latest->ended_on ? latest->ended_on->to_string() : latest->last_action_on.to_string()}});
  }
  return *latest;
}

void require_not_before_last_action(const RouteMachineState& route, Date on, const char* verb) {
  if (on < route.last_action_on) {
    raise(Errc::invalid_argument, "approval.before_last_action",
          {{"action", verb}, {"on", on.to_string()}, {"contract", route.contract},
           {"last", route.last_action_on.to_string()}});
  }
}

void check_decision_dates(const RouteMachineState& route, const OpenStepFacts& step, Date on, const char* verb) {
  if (on < step.opened_on) {
    raise(Errc::invalid_argument, "approval.before_step",
          {{"action", verb},
           {"on", on.to_string()},
           {"step", std::to_string(step.number)},
           {"contract", route.contract},
           {"opened", step.opened_on.to_string()}});
  }
  require_not_before_last_action(route, on, verb);
}

void check_withdrawal(const RouteMachineState& route, const std::string& by) {
  if (by != route.submitter) {
    raise(Errc::not_approver, "approval.not_submitter",
          {{"submitter", route.submitter}, {"contract", route.contract}, {"employee", by}});
  }
}

RouteOutcome next_route(const RouteMachineState& route, const OpenStepFacts& step, ApprovalAction action) {
  RouteOutcome out;
  switch (action) {
    case ApprovalAction::approved:
      out.event = EventType::approved;
      out.counts_approval = true;
      if (step.approvals + 1 < step.required) return out;  // the step waits for more approvals
      out.closes_step = true;
      if (step.number < route.steps) {
        out.opens_step = step.number + 1;
        return out;
      }
      out.ends = RouteStatus::approved;
      if (route.amendment) {
        // The last approval of an amendment round: the new terms are in
        // force from the approval date; the contract stays as it is.
        out.applies_amendment = true;
        return out;
      }
      // The last approval of a submission: the contract is active from the
      // approval date.
      out.contract_status = move_contract(route, ContractTransition::approve);
      out.activates = true;
      return out;
    case ApprovalAction::rejected:
    case ApprovalAction::sent_back: {
      const bool rejected = action == ApprovalAction::rejected;
      out.event = rejected ? EventType::rejected : EventType::sent_back;
      out.closes_step = true;
      out.ends = rejected ? RouteStatus::rejected : RouteStatus::sent_back;
      // An amendment round that ends unapproved leaves the terms in force as
      // they are; a submission returns the contract to the submitter.
      if (!route.amendment) {
        out.contract_status =
            move_contract(route, rejected ? ContractTransition::reject : ContractTransition::send_back);
      }
      return out;
    }
    case ApprovalAction::withdrawn:
      out.event = EventType::withdrawn;
      out.closes_step = true;
      out.ends = RouteStatus::withdrawn;
      if (!route.amendment) out.contract_status = move_contract(route, ContractTransition::withdraw);
      return out;
    default:
      break;
  }
  raise(Errc::invalid_argument, "approval.not_an_action", {{"action", approval_action_name(action)}});
}

void require_resolved(const StepResolution& resolution, int step, const RouteStep& spec, const std::string& contract,
                      Date on) {
  if (resolution.complete()) return;
  raise(Errc::invalid_state, "approval.no_approver",
        {{"step", std::to_string(step)},
         {"approver", spec.approver.name},
         {"contract", contract},
         {"on", on.to_string()},
         {"needed", std::to_string(resolution.needed)},
         {"available", std::to_string(resolution.approvers.size())}});
}

}  // namespace pactum
