// Segregation of duties: the submitter and the owner never approve. A step
// they would be alone in goes up the department tree (and at the top to the
// general manager), with the reason in the history; their own attempts are
// refused with PACTUM_ESEGREGATION.
#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteSegregationTest : public RouteTest {};

TEST_F(RouteSegregationTest, ADepartmentManagersOwnContractGoesToTheParentDepartmentsManager) {
  const Contract c = route_contract(*db, "30000.00", "E1");
  const ApprovalRouteInstance r = db->submit(c.id, "E1", day("2024-01-11"));
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"G1"}));
  EXPECT_EQ(r.steps[0].approvers[0].origin, ApproverOrigin::rerouted);
  EXPECT_EQ(db->current_approvers(c.id), Ids({"G1"}));

  const auto history = db->approval_history(c.id);
  ASSERT_EQ(actions(history), std::vector<std::string>({"submitted", "rerouted"}));
  const ApprovalHistoryEntry& why = history[1];
  EXPECT_EQ(why.step, 1);
  EXPECT_FALSE(why.actor.has_value());
  EXPECT_EQ(why.approvers, Ids({"G1"}));
  EXPECT_EQ(why.reason(Lang::en),
            "E1 owns the contract and may not approve it (segregation of duties); the step goes to G1, manager of the parent department HQ");
  EXPECT_EQ(why.reason(Lang::zh_CN), "E1 是合同负责人,不得审批(职责分离); 该步转交上级部门 HQ 的负责人 G1");

  db->approve(c.id, "G1", "", day("2024-01-12"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
}

TEST_F(RouteSegregationTest, AtTheTopTheStepGoesToTheGeneralManagerRole) {
  // A department without a parent, managed by the owner.
  db->add_department({"RD", "研发部", std::nullopt, std::string("E3")});
  db->transfer("E3", "RD", std::string("rnd"), day("2023-01-01"));
  const Contract c = route_contract(*db, "30000.00", "E3");
  const ApprovalRouteInstance r = db->submit(c.id, "E3", day("2024-01-11"));
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"G1"}));
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().reason(),
            "E3 owns the contract and may not approve it (segregation of duties); the step goes to G1, general manager");
}

TEST_F(RouteSegregationTest, TheSubmitterIsLeftOutLikeTheOwner) {
  // E1 submits E2's contract: E1 is the department manager but submitted it.
  const Contract c = route_contract(*db, "30000.00", "E2");
  const ApprovalRouteInstance r = db->submit(c.id, "E1", day("2024-01-11"));
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"G1"}));
  EXPECT_EQ(db->approval_history(c.id).back().reason(),
            "E1 submitted the contract and may not approve it (segregation of duties); the step goes to G1, manager of the parent department HQ");
}

TEST_F(RouteSegregationTest, ARoleHolderWhoOwnsTheContractIsLeftOutWithoutRerouting) {
  // F2 owns a sales contract in FD; finance has two other holders.
  const Contract c = route_contract(*db, "80000.00", "F2");
  db->submit(c.id, "F2", day("2024-01-11"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1"}));  // FD's manager
  db->approve(c.id, "F1", "", day("2024-01-12"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F3"}));
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(actions(history), std::vector<std::string>({"submitted", "approved"}));
}

TEST_F(RouteSegregationTest, ApprovalByTheOwnerOrTheSubmitterIsRefused) {
  const Contract c = route_contract(*db, "80000.00", "E2");
  db->submit(c.id, "E3", day("2024-01-11"));
  refused([&](Database& d) { d.approve(c.id, "E2", "", day("2024-01-12")); }, Errc::segregation,
          "E2 owns contract HT-2024-SD-0001 and may not approve", "E2 是合同 HT-2024-SD-0001 的负责人");
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-12")); }, Errc::segregation,
          "E3 submitted contract HT-2024-SD-0001 and may not approve", "E3 提交了合同 HT-2024-SD-0001");
  refused([&](Database& d) { d.reject(c.id, "E2", "", day("2024-01-12")); }, Errc::segregation,
          "segregation of duties", "职责分离");
  refused([&](Database& d) { d.send_back(c.id, "E3", "", day("2024-01-12")); }, Errc::segregation,
          "segregation of duties", "职责分离");
  // Even as someone's delegate.
  db->delegate("E1", "E2", day("2024-01-01"), day("2024-12-31"));
  refused([&](Database& d) { d.approve(c.id, "E2", "", day("2024-01-12"), std::string("E1")); },
          Errc::segregation, "may not approve", "不得审批");
  EXPECT_TRUE(db->inbox("E2", day("2024-01-12")).empty());
  EXPECT_EQ(db->inbox("E1", day("2024-01-12")).size(), 1u);
}

TEST_F(RouteSegregationTest, AStepNobodyCanApproveRefusesTheSubmission) {
  // The general manager's own contract: G1 manages HQ, the top.
  const Contract c = route_contract(*db, "30000.00", "G1");
  refused([&](Database& d) { d.submit(c.id, "G1", day("2024-01-11")); }, Errc::invalid_state,
          "nobody can approve step 1 (dept_manager) of contract HT-2024-HQ-0001",
          "合同 HT-2024-HQ-0001 第 1 步(dept_manager)");
  // Another general manager makes it possible.
  db->assign_role("C1", "general_manager");
  const ApprovalRouteInstance r = db->submit(c.id, "G1", day("2024-01-11"));
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"C1"}));
}

TEST_F(RouteSegregationTest, KOfNShortOfApproversAfterSegregationGoesUpForTheRest) {
  db->load_routing(one_rule_table("committee", 1, R"([{"role": "finance", "mode": {"k": 3}}])"));
  const Contract c = route_contract(*db, "30000.00", "F3");
  const ApprovalRouteInstance r = db->submit(c.id, "F3", day("2024-01-11"));
  // F1 and F2 remain; the parent of FD is HQ: G1 completes the committee.
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"F1", "F2", "G1"}));
  EXPECT_EQ(r.steps[0].required, 3);
  EXPECT_EQ(r.steps[0].approvers[2].origin, ApproverOrigin::rerouted);
  EXPECT_EQ(db->approval_history(c.id).back().reason(),
            "F3 owns the contract and may not approve it (segregation of duties); 3 approvals are needed but only 2 approver(s) remain; "
            "the step goes to G1, manager of the parent department HQ");
}

}  // namespace
