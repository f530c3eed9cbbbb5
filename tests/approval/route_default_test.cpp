// The default routing table driving real route instances: one, two or three
// steps by amount, labour contracts through HR; the last approval activates
// the contract, files it under its owner and appends the events.
#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteDefaultTableTest : public RouteTest {};

TEST_F(RouteDefaultTableTest, ThirtyThousandTakesOneStepWithTheDepartmentManager) {
  const Contract c = route_contract(*db, "30000.00");
  const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"), "请审批");
  EXPECT_EQ(step_roles(r), Ids({"dept_manager"}));
  EXPECT_EQ(r.audit.table_id, "default");
  EXPECT_EQ(r.audit.table_version, 1);
  EXPECT_EQ(r.audit.matched_rules, Ids({"under-50000"}));
  EXPECT_EQ(r.round, 1);
  EXPECT_EQ(r.status, RouteStatus::in_review);
  EXPECT_EQ(r.current_step, 1);
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"E1"}));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1"}));

  const ApprovalHistoryEntry e = db->approve(c.id, "E1", "同意", day("2024-01-12"));
  EXPECT_EQ(e.action, ApprovalAction::approved);
  EXPECT_EQ(e.actor, "E1");
  EXPECT_EQ(e.step, 1);
  EXPECT_EQ(e.comment, "同意");
  const Contract active = db->contract(c.id);
  EXPECT_EQ(active.status, ContractStatus::active);
  EXPECT_EQ(active.activated_on, day("2024-01-12"));
  EXPECT_TRUE(db->current_approvers(c.id).empty());
  EXPECT_FALSE(db->current_step(c.id).has_value());
  EXPECT_EQ(db->approval_route(c.id).status, RouteStatus::approved);
  EXPECT_EQ(db->approval_route(c.id).ended_on, day("2024-01-12"));
}

TEST_F(RouteDefaultTableTest, EightyThousandGoesToTheDepartmentManagerThenFinance) {
  const Contract c = route_contract(*db, "80000.00");
  const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(step_roles(r), Ids({"dept_manager", "finance"}));
  EXPECT_EQ(r.audit.matched_rules, Ids({"50000-to-100000"}));
  // Only the open step has approvers.
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"E1"}));
  EXPECT_TRUE(r.steps[1].approvers.empty());
  EXPECT_FALSE(r.steps[1].opened_on.has_value());

  db->approve(c.id, "E1", "部门同意", day("2024-01-12"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
  EXPECT_EQ(db->current_step(c.id)->number, 2);
  EXPECT_EQ(db->current_step(c.id)->opened_on, day("2024-01-12"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F2", "F3"}));
  db->approve(c.id, "F2", "财务同意", day("2024-01-15"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  EXPECT_EQ(db->contract(c.id).activated_on, day("2024-01-15"));

  const auto history = db->approval_history(c.id);
  EXPECT_EQ(actions(history), std::vector<std::string>({"submitted", "approved", "approved"}));
  EXPECT_EQ(history[1].actor, "E1");
  EXPECT_EQ(history[1].comment, "部门同意");
  EXPECT_EQ(history[2].actor, "F2");
  EXPECT_EQ(history[2].step, 2);
  EXPECT_EQ(history[2].on, day("2024-01-15"));
}

TEST_F(RouteDefaultTableTest, OneHundredFiftyThousandTakesThreeStepsEndingWithTheGeneralManager) {
  const Contract c = route_contract(*db, "150000.00");
  const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(step_roles(r), Ids({"dept_manager", "finance", "general_manager"}));
  EXPECT_EQ(r.audit.matched_rules, Ids({"over-100000"}));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  db->approve(c.id, "F1", "", day("2024-01-13"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"G1"}));
  db->approve(c.id, "G1", "总经理批准", day("2024-01-14"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  const auto route = db->approval_route(c.id);
  ASSERT_EQ(route.steps.size(), 3u);
  for (const ApprovalStepState& s : route.steps) {
    EXPECT_TRUE(s.closed_on.has_value());
    EXPECT_EQ(s.approvals, 1);
  }
  EXPECT_EQ(route.steps[2].approvers[0].approved_on, day("2024-01-14"));
}

TEST_F(RouteDefaultTableTest, LabourContractsGoToTheDepartmentManagerThenHrWhateverTheAmount) {
  for (const char* amount : {"8000.00", "500000.00"}) {
    SCOPED_TRACE(amount);
    const Contract c = route_contract(*db, amount, "E2", "labour");
    const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"));
    EXPECT_EQ(step_roles(r), Ids({"dept_manager", "hr"}));
    EXPECT_EQ(r.audit.matched_rules, Ids({"labour"}));
    db->approve(c.id, "E1", "", day("2024-01-11"));
    EXPECT_EQ(db->current_approvers(c.id), Ids({"H1"}));
    db->approve(c.id, "H1", "", day("2024-01-12"));
    EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  }
}

TEST_F(RouteDefaultTableTest, TheRouteRecordsTheEvaluatedInputsInTheReportingCurrency) {
  db->set_exchange_rate("USD", Decimal::parse("7.10"), day("2024-01-01"));
  ContractSpec s;
  s.type = "sales";
  s.owner = "E2";
  s.amount = Money::parse("10000.00", "USD");  // 71,000 CNY: two steps
  s.signed_on = day("2024-01-10");
  s.counterparty = "Acme Inc.";
  const Contract c = db->create_contract(s);
  const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(step_roles(r), Ids({"dept_manager", "finance"}));
  ASSERT_EQ(r.audit.inputs.size(), 2u);
  EXPECT_EQ(r.audit.inputs[0].name, "type");
  EXPECT_EQ(r.audit.inputs[0].value, "sales");
  EXPECT_EQ(r.audit.inputs[1].name, "amount");
  EXPECT_EQ(Decimal::parse(r.audit.inputs[1].value), Decimal::parse("71000"));
}

TEST_F(RouteDefaultTableTest, FinalApprovalActivatesAndFilesTheContractUnderItsOwner) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E3", day("2024-01-11"));
  db->approve(c.id, "E1", "ok", day("2024-01-20"));
  ContractFilter mine;
  mine.owner = "E2";
  mine.status = ContractStatus::active;
  const auto filed = db->find_contracts(mine);
  ASSERT_EQ(filed.size(), 1u);
  EXPECT_EQ(filed[0].id, c.id);
  // The log: created, submitted, approved, activated (effective the approval date).
  const auto log = db->events(c.id);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[1].type, EventType::submitted);
  EXPECT_EQ(log[1].actor, "E3");
  EXPECT_EQ(log[1].value, 1);
  EXPECT_NE(log[1].payload.find("\"under-50000\""), std::string::npos);
  EXPECT_EQ(log[2].type, EventType::approved);
  EXPECT_EQ(log[2].actor, "E1");
  EXPECT_EQ(log[2].reason, "ok");
  EXPECT_EQ(log[3].type, EventType::activated);
  EXPECT_EQ(log[3].effective, day("2024-01-20"));
  // Execution events need the active contract, which it now is.
  db->record_payment(c.id, Money::parse("100.00", "CNY"), day("2024-02-01"), "P-1");
  EXPECT_EQ(db->contract(c.id).collected, Money::parse("100.00", "CNY"));
}

TEST_F(RouteDefaultTableTest, AContractKeepsTheTableVersionItWasRoutedWith) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->load_routing(one_rule_table("company", 1, R"([{"role": "finance"}])"));
  // The route in review keeps its steps and its table version.
  EXPECT_EQ(db->approval_route(c.id).audit.table_id, "default");
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1"}));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  // A new contract is routed with the new table.
  const Contract next = route_contract(*db, "30000.00");
  const ApprovalRouteInstance r = db->submit(next.id, "E2", day("2024-01-11"));
  EXPECT_EQ(r.audit.table_id, "company");
  EXPECT_EQ(step_roles(r), Ids({"finance"}));
}

}  // namespace
