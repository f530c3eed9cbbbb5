// The approval route state machine over values, without a database
// (pactum/approval/route_machine.hpp): what each action does to a route and
// its contract, the refusals with their codes, and the law of a route run to
// its end under random sequences of actions.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "pactum/approval/route_machine.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;
using pactum::test::code_of;

namespace {

Date d(const char* text) { return Date::parse(text); }

RouteMachineState two_step_route() {
  RouteMachineState r;
  r.contract = "HT-2024-SD-0001";
  r.contract_status = ContractStatus::pending_approval;
  r.status = RouteStatus::in_review;
  r.current_step = 1;
  r.steps = 2;
  r.round = 1;
  r.submitter = "E001";
  r.last_action_on = d("2024-03-01");
  return r;
}

OpenStepFacts step(int number, int required, int approvals) {
  return OpenStepFacts{number, d("2024-03-01"), required, approvals};
}

}  // namespace

TEST(RouteMachine, AnApprovalShortOfTheStepsCountOnlyCounts) {
  const RouteOutcome o = next_route(two_step_route(), step(1, 2, 0), ApprovalAction::approved);
  EXPECT_EQ(o.event, EventType::approved);
  EXPECT_TRUE(o.counts_approval);
  EXPECT_FALSE(o.closes_step);
  EXPECT_FALSE(o.opens_step.has_value());
  EXPECT_FALSE(o.ends.has_value());
  EXPECT_FALSE(o.contract_status.has_value());
}

TEST(RouteMachine, TheLastApprovalOfAStepOpensTheNext) {
  const RouteOutcome o = next_route(two_step_route(), step(1, 2, 1), ApprovalAction::approved);
  EXPECT_TRUE(o.closes_step);
  EXPECT_EQ(o.opens_step, 2);
  EXPECT_FALSE(o.ends.has_value());
  EXPECT_FALSE(o.activates);
}

TEST(RouteMachine, TheLastApprovalOfTheLastStepActivatesASubmission) {
  const RouteOutcome o = next_route(two_step_route(), step(2, 1, 0), ApprovalAction::approved);
  EXPECT_TRUE(o.closes_step);
  EXPECT_EQ(o.ends, RouteStatus::approved);
  EXPECT_EQ(o.contract_status, ContractStatus::active);
  EXPECT_TRUE(o.activates);
  EXPECT_FALSE(o.applies_amendment);
}

TEST(RouteMachine, TheLastApprovalOfAnAmendmentRoundAppliesTheChange) {
  RouteMachineState r = two_step_route();
  r.amendment = true;
  r.contract_status = ContractStatus::active;
  const RouteOutcome o = next_route(r, step(2, 1, 0), ApprovalAction::approved);
  EXPECT_EQ(o.ends, RouteStatus::approved);
  EXPECT_TRUE(o.applies_amendment);
  EXPECT_FALSE(o.activates);
  EXPECT_FALSE(o.contract_status.has_value());
}

TEST(RouteMachine, RejectSendBackAndWithdrawEndTheRoute) {
  struct Case {
    ApprovalAction action;
    EventType event;
    RouteStatus ends;
    ContractStatus contract;
  };
  for (const Case& c : {Case{ApprovalAction::rejected, EventType::rejected, RouteStatus::rejected, ContractStatus::rejected},
                        Case{ApprovalAction::sent_back, EventType::sent_back, RouteStatus::sent_back, ContractStatus::draft},
                        Case{ApprovalAction::withdrawn, EventType::withdrawn, RouteStatus::withdrawn, ContractStatus::draft}}) {
    const RouteOutcome o = next_route(two_step_route(), step(1, 2, 1), c.action);
    EXPECT_EQ(o.event, c.event);
    EXPECT_FALSE(o.counts_approval);
    EXPECT_TRUE(o.closes_step);
    EXPECT_EQ(o.ends, c.ends);
    EXPECT_EQ(o.contract_status, c.contract);
    // An amendment round ending unapproved leaves the contract as it is.
    RouteMachineState amendment = two_step_route();
    amendment.amendment = true;
    amendment.contract_status = ContractStatus::active;
    EXPECT_FALSE(next_route(amendment, step(1, 2, 1), c.action).contract_status.has_value());
  }
}

TEST(RouteMachine, AContractWhoseStatusForbidsTheMoveIsRefused) {
  RouteMachineState r = two_step_route();
  r.contract_status = ContractStatus::draft;  // damaged elsewhere: not pending approval
  EXPECT_EQ(key_of([&] { next_route(r, step(2, 1, 0), ApprovalAction::approved); }), "contract.status_forbids");
  EXPECT_EQ(key_of([&] { next_route(r, step(1, 1, 0), ApprovalAction::rejected); }), "contract.status_forbids");
  EXPECT_EQ(code_of([&] { next_route(r, step(1, 1, 0), ApprovalAction::submitted); }), Errc::invalid_argument);
}

TEST(RouteMachine, OnlyAnOpenRouteTakesActions) {
  EXPECT_EQ(key_of([] { require_open_route(std::nullopt, "HT-1", ContractStatus::draft); }), "approval.not_submitted");
  RouteMachineState ended = two_step_route();
  ended.status = RouteStatus::rejected;
  ended.current_step.reset();
  ended.ended_on = d("2024-03-05");
  EXPECT_EQ(key_of([&] { require_open_route(ended, "HT-1", ContractStatus::rejected); }), "approval.route_ended");
  EXPECT_EQ(code_of([&] { require_open_route(ended, "HT-1", ContractStatus::rejected); }), Errc::invalid_state);
  const std::optional<RouteMachineState> open = two_step_route();
  EXPECT_EQ(require_open_route(open, "HT-1", ContractStatus::pending_approval).steps, 2);
}

TEST(RouteMachine, DatesAndWithdrawals) {
  RouteMachineState r = two_step_route();
  r.last_action_on = d("2024-03-10");
  const OpenStepFacts s{2, d("2024-03-05"), 1, 0};
  EXPECT_EQ(key_of([&] { check_decision_dates(r, s, d("2024-03-04"), "approve"); }), "approval.before_step");
  EXPECT_EQ(key_of([&] { check_decision_dates(r, s, d("2024-03-09"), "approve"); }), "approval.before_last_action");
  EXPECT_NO_THROW(check_decision_dates(r, s, d("2024-03-10"), "approve"));
  EXPECT_EQ(code_of([&] { check_withdrawal(r, "E002"); }), Errc::not_approver);
  EXPECT_NO_THROW(check_withdrawal(r, "E001"));
  EXPECT_EQ(key_of([&] { require_not_before_last_action(r, d("2024-03-01"), "withdraw"); }),
            "approval.before_last_action");
}

TEST(RouteMachine, AStepWithTooFewApproversDoesNotOpen) {
  StepResolution resolution;
  resolution.needed = 2;
  resolution.approvers.push_back(ResolvedApprover{"E007", ApproverOrigin::route});
  RouteStep spec;
  spec.approver = Approver::role("finance");
  spec.mode = ApprovalMode::k_of(2);
  EXPECT_EQ(key_of([&] { require_resolved(resolution, 2, spec, "HT-1", d("2024-03-01")); }), "approval.no_approver");
  resolution.approvers.push_back(ResolvedApprover{"E008", ApproverOrigin::route});
  EXPECT_NO_THROW(require_resolved(resolution, 2, spec, "HT-1", d("2024-03-01")));
}

// Law: driven step by step by random actions, a route of n steps needing
// r_i approvals each ends approved — the contract active — exactly when it has
// taken sum(r_i) approvals with no other action; the first reject, send back
// or withdrawal ends it at once with the contract where next_status puts it.
TEST(RouteMachine, ARouteRunToItsEndFollowsTheCountOfApprovals) {
  std::mt19937 rng(7);
  int approved_routes = 0;
  int ended_otherwise = 0;
  for (int round = 0; round < 500; ++round) {
    RouteMachineState r = two_step_route();
    r.steps = 1 + static_cast<int>(rng() % 4);
    std::vector<int> required;
    for (int i = 0; i < r.steps; ++i) required.push_back(1 + static_cast<int>(rng() % 3));
    int total = 0;
    for (int q : required) total += q;
    OpenStepFacts s{1, d("2024-03-01"), required[0], 0};
    int approvals = 0;
    for (;;) {
      const unsigned pick = rng() % 10;
      const ApprovalAction action = pick < 7 ? ApprovalAction::approved
                                    : pick == 7 ? ApprovalAction::rejected
                                    : pick == 8 ? ApprovalAction::sent_back
                                                : ApprovalAction::withdrawn;
      const RouteOutcome o = next_route(r, s, action);
      if (action != ApprovalAction::approved) {
        ASSERT_TRUE(o.ends.has_value());
        EXPECT_NE(*o.ends, RouteStatus::approved);
        EXPECT_EQ(o.contract_status, next_status(ContractStatus::pending_approval,
                                                 action == ApprovalAction::rejected    ? ContractTransition::reject
                                                 : action == ApprovalAction::sent_back ? ContractTransition::send_back
                                                                                        : ContractTransition::withdraw));
        ++ended_otherwise;
        break;
      }
      ++approvals;
      ASSERT_TRUE(o.counts_approval);
      if (o.ends) {
        EXPECT_EQ(*o.ends, RouteStatus::approved);
        EXPECT_EQ(approvals, total);
        EXPECT_TRUE(o.activates);
        ++approved_routes;
        break;
      }
      ASSERT_LT(approvals, total);
      if (o.opens_step) {
        ASSERT_TRUE(o.closes_step);
        ASSERT_EQ(*o.opens_step, s.number + 1);
        s = OpenStepFacts{*o.opens_step, d("2024-03-01"), required[static_cast<std::size_t>(*o.opens_step - 1)], 0};
      } else {
        ASSERT_FALSE(o.closes_step);
        ++s.approvals;
      }
    }
  }
  // Both ends were reached, many times.
  EXPECT_GT(approved_routes, 50);
  EXPECT_GT(ended_otherwise, 50);
}
