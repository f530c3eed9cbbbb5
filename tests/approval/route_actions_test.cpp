// The actions on a route instance: k of n and `all` steps, delegation inside
// and outside its window, send back and resubmit, withdraw, reject, and the
// refusals (not an approver, approving twice, acting after the route ended),
// each with the history and its comments checked.
#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteActionsTest : public RouteTest {
 protected:
  // dept_manager, then `finance_step` (a step document).
  void load_two_steps(const std::string& finance_step) {
    db->load_routing(one_rule_table("two-steps", 1, R"([{"role": "dept_manager"}, )" + finance_step + "]"));
  }
};

TEST_F(RouteActionsTest, TwoOfThreeFinanceHoldersCloseTheStep) {
  load_two_steps(R"({"role": "finance", "mode": {"k": 2}})");
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"), "请审批");
  db->approve(c.id, "E1", "部门同意", day("2024-01-12"));
  const auto step = db->current_step(c.id);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->number, 2);
  EXPECT_EQ(step->required, 2);
  EXPECT_EQ(step->step.mode, ApprovalMode::k_of(2));

  db->approve(c.id, "F1", "第一票", day("2024-01-13"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F2", "F3"}));
  EXPECT_EQ(db->current_step(c.id)->approvals, 1);
  db->approve(c.id, "F3", "第二票", day("2024-01-14"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  EXPECT_EQ(db->contract(c.id).activated_on, day("2024-01-14"));

  const auto history = db->approval_history(c.id);
  ASSERT_EQ(actions(history), std::vector<std::string>({"submitted", "approved", "approved", "approved"}));
  EXPECT_EQ(history[0].comment, "请审批");
  EXPECT_EQ(history[0].actor, "E2");
  EXPECT_EQ(history[2].actor, "F1");
  EXPECT_EQ(history[2].comment, "第一票");
  EXPECT_EQ(history[2].step, 2);
  EXPECT_EQ(history[3].actor, "F3");
  EXPECT_EQ(history[3].comment, "第二票");
  EXPECT_EQ(history[3].on, day("2024-01-14"));
  // F2 never had to act.
  const auto route = db->approval_route(c.id);
  EXPECT_FALSE(route.steps[1].approvers[1].approved_on.has_value());
}

TEST_F(RouteActionsTest, ApprovingTwiceInTheSameStepIsAConflict) {
  load_two_steps(R"({"role": "finance", "mode": {"k": 2}})");
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  db->approve(c.id, "F1", "同意", day("2024-01-13"));
  refused([&](Database& d) { d.approve(c.id, "F1", "再次同意", day("2024-01-14")); }, Errc::conflict,
          "F1 already approved step 2 of contract HT-2024-SD-0001 on 2024-01-13",
          "F1 已于 2024-01-13 审批通过合同 HT-2024-SD-0001 的第 2 步");
  EXPECT_EQ(actions(db->approval_history(c.id)), std::vector<std::string>({"submitted", "approved", "approved"}));
}

TEST_F(RouteActionsTest, AllModeNeedsEveryApprover) {
  db->load_routing(one_rule_table("all", 1, R"([{"role": "finance", "mode": "all"}])"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(db->current_step(c.id)->required, 3);
  db->approve(c.id, "F2", "a", day("2024-01-12"));
  db->approve(c.id, "F1", "b", day("2024-01-12"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F3"}));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
  db->approve(c.id, "F3", "c", day("2024-01-13"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().comment, "c");
  EXPECT_EQ(history.back().actor, "F3");
}

TEST_F(RouteActionsTest, ADelegateActsForTheApproverInsideTheWindow) {
  db->load_routing(one_rule_table("person", 1, R"([{"person": "F1"}])"));
  const Delegation d = db->delegate("F1", "F2", day("2024-01-01"), day("2024-01-15"));
  EXPECT_EQ(d.person, "F1");
  EXPECT_EQ(d.delegate, "F2");
  EXPECT_EQ(db->delegations("F2"), std::vector<Delegation>({d}));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));

  const auto inbox = db->inbox("F2", day("2024-01-12"));
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0].contract, c.id);
  EXPECT_EQ(inbox[0].on_behalf_of, "F1");
  EXPECT_TRUE(db->inbox("F2", day("2024-01-16")).empty());  // the window is over
  EXPECT_EQ(db->inbox("F1", day("2024-01-16")).size(), 1u);

  const ApprovalHistoryEntry e = db->approve(c.id, "F2", "代钱七审批", day("2024-01-15"));
  EXPECT_EQ(e.actor, "F2");
  EXPECT_EQ(e.on_behalf_of, "F1");
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  const auto route = db->approval_route(c.id);
  EXPECT_EQ(route.steps[0].approvers[0].employee, "F1");
  EXPECT_EQ(route.steps[0].approvers[0].approved_by, "F2");
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().on_behalf_of, "F1");
  EXPECT_EQ(history.back().comment, "代钱七审批");
  const auto log = db->events(c.id);
  EXPECT_NE(log[2].payload.find("\"on_behalf_of\":\"F1\""), std::string::npos);
}

TEST_F(RouteActionsTest, ADelegateOutsideTheWindowIsNotAnApprover) {
  db->load_routing(one_rule_table("person", 1, R"([{"person": "F1"}])"));
  db->delegate("F1", "F2", day("2024-01-01"), day("2024-01-15"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  refused([&](Database& d) { d.approve(c.id, "F2", "", day("2024-01-16")); }, Errc::not_approver,
          "F2 is not an approver of step 1 of contract HT-2024-SD-0001 on 2024-01-16 (approvers: F1)",
          "F2 在 2024-01-16 不是合同 HT-2024-SD-0001 第 1 步的审批人");
  refused([&](Database& d) { d.approve(c.id, "F2", "", day("2024-01-16"), std::string("F1")); },
          Errc::not_approver, "F2 has no delegation from F1 covering 2024-01-16", "F2 没有覆盖 2024-01-16 的来自 F1 的授权");
  // Revoked, the delegation no longer covers even its window.
  db->revoke_delegation(db->delegations("F1").at(0).id);
  refused([&](Database& d) { d.approve(c.id, "F2", "", day("2024-01-12")); }, Errc::not_approver,
          "F2 is not an approver", "不是合同");
  EXPECT_EQ(actions(db->approval_history(c.id)), std::vector<std::string>({"submitted"}));
}

TEST_F(RouteActionsTest, ADelegateOfSeveralApproversNamesWhomTheyActForAndCountsOnce) {
  db->load_routing(one_rule_table("all", 1, R"([{"role": "finance", "mode": "all"}])"));
  db->delegate("F1", "E3", day("2024-01-01"), day("2024-12-31"));
  db->delegate("F2", "E3", day("2024-01-01"), day("2024-12-31"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(db->inbox("E3", day("2024-01-12")).size(), 2u);
  EXPECT_EQ(db->approve(c.id, "E3", "", day("2024-01-12"), std::string("F2")).on_behalf_of, "F2");
  // A person counts once per step: E3 has voted, for F2, and votes no more
  // in this step, for F1 or anyone (this used to give E3 a second vote).
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-12")); }, Errc::conflict,
          "E3 already approved step 1 of contract HT-2024-SD-0001 (for F2, on 2024-01-12); a person counts once per step",
          "同一步中每人只计一次");
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-12"), std::string("F1")); }, Errc::conflict,
          "a person counts once per step", "每人只计一次");
  EXPECT_TRUE(db->inbox("E3", day("2024-01-12")).empty());
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F3"}));
  db->approve(c.id, "F1", "", day("2024-01-12"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F3"}));
}

TEST_F(RouteActionsTest, SendBackReturnsADraftAndResubmissionEvaluatesAgain) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-11"), "首次提交");
  db->approve(c.id, "E1", "同意", day("2024-01-12"));
  const ApprovalHistoryEntry back = db->send_back(c.id, "F1", "金额有误,请修改", day("2024-01-13"));
  EXPECT_EQ(back.action, ApprovalAction::sent_back);
  EXPECT_EQ(back.step, 2);
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::draft);
  EXPECT_EQ(db->approval_route(c.id).status, RouteStatus::sent_back);
  EXPECT_TRUE(db->current_approvers(c.id).empty());
  EXPECT_FALSE(db->current_step(c.id).has_value());

  // The submitter fixes the draft and submits again: a new evaluation.
  Amendment fix;
  fix.amount = Money::parse("30000.00", "CNY");
  fix.installments = std::vector<Installment>{};
  db->amend(c.id, "金额更正", fix, day("2024-01-14"));
  refused([&](Database& d) { d.submit(c.id, "E2", day("2024-01-12")); }, Errc::invalid_argument,
          "submission on 2024-01-12 is dated before the previous route of contract HT-2024-SD-0001 ended on 2024-01-13",
          "提交日期 2024-01-12 早于合同 HT-2024-SD-0001 上一条审批路线的结束日期 2024-01-13");
  const ApprovalRouteInstance again = db->submit(c.id, "E2", day("2024-01-15"), "已修改");
  EXPECT_EQ(again.round, 2);
  EXPECT_EQ(step_roles(again), Ids({"dept_manager"}));
  EXPECT_EQ(again.audit.matched_rules, Ids({"under-50000"}));
  db->approve(c.id, "E1", "", day("2024-01-16"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);

  const auto history = db->approval_history(c.id);
  ASSERT_EQ(actions(history),
            std::vector<std::string>({"submitted", "approved", "sent_back", "submitted", "approved"}));
  EXPECT_EQ(history[2].actor, "F1");
  EXPECT_EQ(history[2].comment, "金额有误,请修改");
  EXPECT_EQ(history[2].round, 1);
  EXPECT_EQ(history[3].round, 2);
  EXPECT_EQ(history[3].comment, "已修改");
}

TEST_F(RouteActionsTest, TheSubmitterWithdrawsAndOnlyTheSubmitter) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E3", day("2024-01-11"));
  refused([&](Database& d) { d.withdraw(c.id, "E2", "", day("2024-01-12")); }, Errc::not_approver,
          "only the submitter E3 may withdraw contract HT-2024-SD-0001; E2 may not",
          "只有提交人 E3 可以撤回合同 HT-2024-SD-0001");
  const ApprovalHistoryEntry w = db->withdraw(c.id, "E3", "客户暂缓", day("2024-01-12"));
  EXPECT_EQ(w.action, ApprovalAction::withdrawn);
  EXPECT_EQ(w.comment, "客户暂缓");
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::draft);
  EXPECT_EQ(db->approval_route(c.id).status, RouteStatus::withdrawn);
  EXPECT_TRUE(db->current_approvers(c.id).empty());
  EXPECT_EQ(db->events(c.id).back().type, EventType::withdrawn);
  // It may be submitted again.
  EXPECT_EQ(db->submit(c.id, "E3", day("2024-01-13")).round, 2);
}

TEST_F(RouteActionsTest, RejectionEndsTheRouteAndTheContractMayBeResubmitted) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  const ApprovalHistoryEntry r = db->reject(c.id, "E1", "不符合政策", day("2024-01-12"));
  EXPECT_EQ(r.action, ApprovalAction::rejected);
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::rejected);
  EXPECT_EQ(db->approval_route(c.id).status, RouteStatus::rejected);
  EXPECT_EQ(db->events(c.id).back().type, EventType::rejected);
  EXPECT_EQ(db->events(c.id).back().reason, "不符合政策");
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().comment, "不符合政策");
  EXPECT_EQ(history.back().actor, "E1");
  EXPECT_EQ(db->submit(c.id, "E2", day("2024-01-20")).round, 2);
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
}

TEST_F(RouteActionsTest, SomeoneNotCurrentIsNotAnApprover) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  refused([&](Database& d) { d.approve(c.id, "F1", "", day("2024-01-12")); }, Errc::not_approver,
          "F1 is not an approver of step 1 of contract HT-2024-SD-0001 on 2024-01-12 (approvers: E1)",
          "(审批人:E1)");
  refused([&](Database& d) { d.reject(c.id, "E3", "", day("2024-01-12")); }, Errc::not_approver,
          "E3 is not an approver", "E3 在 2024-01-12 不是");
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-01-12"), std::string("F1")); },
          Errc::not_approver, "F1 is not an approver of step 1", "F1 在 2024-01-12 不是");
  refused([&](Database& d) { d.approve(c.id, "NOBODY", "", day("2024-01-12")); }, Errc::not_found,
          "unknown employee 'NOBODY'", "未知员工“NOBODY”");
  EXPECT_EQ(actions(db->approval_history(c.id)), std::vector<std::string>({"submitted"}));
}

TEST_F(RouteActionsTest, ActingAfterTheRouteEndedIsAStateError) {
  const Contract never = route_contract(*db, "30000.00");
  refused([&](Database& d) { d.approve(never.id, "E1", "", day("2024-01-12")); }, Errc::invalid_state,
          "contract HT-2024-SD-0001 has never been submitted for approval", "合同 HT-2024-SD-0001 从未提交审批");

  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-01-13")); }, Errc::invalid_state,
          "the approval route of contract HT-2024-SD-0002 has ended: approved on 2024-01-12",
          "合同 HT-2024-SD-0002 的审批路线已结束");
  refused([&](Database& d) { d.withdraw(c.id, "E2", "", day("2024-01-13")); }, Errc::invalid_state, "has ended",
          "已结束");
  refused([&](Database& d) { d.submit(c.id, "E2", day("2024-01-13")); }, Errc::invalid_state,
          "contract HT-2024-SD-0002 is active: submit is not allowed", "不允许 submit");

  const Contract r = route_contract(*db, "30000.00");
  db->submit(r.id, "E2", day("2024-01-11"));
  db->reject(r.id, "E1", "no", day("2024-01-12"));
  refused([&](Database& d) { d.send_back(r.id, "E1", "", day("2024-01-13")); }, Errc::invalid_state,
          "has ended: rejected on 2024-01-12", "已结束");
}

TEST_F(RouteActionsTest, MalformedInputIsRefusedWithNothingWritten) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  refused([&](Database& d) { d.approve(c.id, "E1", std::string("bad\x01") + "comment", day("2024-01-12")); },
          Errc::invalid_argument, "control character", "控制字符");
  refused([&](Database& d) { d.approve(c.id, "E1", std::string(4001, 'x'), day("2024-01-12")); },
          Errc::invalid_argument, "longer than 4000 characters", "超过 4000 个字符");
  refused([&](Database& d) { d.approve(c.id, "E1", "\xC3\x28", day("2024-01-12")); }, Errc::invalid_argument,
          "UTF-8", "UTF-8");
  refused([&](Database& d) { d.approve(c.id, "E\xFF", "", day("2024-01-12")); }, Errc::invalid_argument, "UTF-8",
          "UTF-8");
  refused([&](Database& d) { d.approve(ContractRef(999), "E1", "", day("2024-01-12")); }, Errc::not_found, "999",
          "999");
  refused([&](Database& d) { d.submit(ContractRef("HT-NOPE"), "E2", day("2024-01-12")); }, Errc::not_found,
          "HT-NOPE", "HT-NOPE");
  refused([&](Database& d) { d.delegate("F1", "F1", day("2024-01-01"), day("2024-01-02")); },
          Errc::invalid_argument, "F1 cannot delegate to themselves", "F1 不能授权给自己");
  refused([&](Database& d) { d.delegate("F1", "F2", day("2024-02-01"), day("2024-01-02")); },
          Errc::invalid_argument, "cannot end (2024-01-02) before it starts (2024-02-01)", "不能早于开始日期");
  refused([&](Database& d) { d.delegate("F1", "ZZ", day("2024-01-01"), day("2024-01-02")); }, Errc::not_found,
          "unknown employee 'ZZ'", "未知员工");
  refused([&](Database& d) { d.revoke_delegation(42); }, Errc::not_found, "no delegation 42", "没有授权 42");
  refused([&](Database& d) { (void)d.inbox("ZZ"); }, Errc::not_found, "unknown employee 'ZZ'", "未知员工");
  // A multi-line comment is fine.
  EXPECT_EQ(db->approve(c.id, "E1", "第一行\n第二行\t完", day("2024-01-12")).comment, "第一行\n第二行\t完");
}

TEST_F(RouteActionsTest, ActionsJoinTheCallersTransaction) {
  const Contract c = route_contract(*db, "30000.00");
  {
    auto tx = db->transaction();
    db->submit(c.id, "E2", day("2024-01-11"));
    db->approve(c.id, "E1", "", day("2024-01-12"));
    EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
    tx.rollback();
  }
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::draft);
  EXPECT_TRUE(db->approval_history(c.id).empty());
  EXPECT_THROW((void)db->approval_route(c.id), NotFoundError);
}

}  // namespace
