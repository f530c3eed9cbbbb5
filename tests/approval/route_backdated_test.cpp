// Back-dated actions: history may be recorded late, but an action dated
// before the event it depends on (submission before signing, approval before
// submission or before its step opened, anything before the route's last
// action) is a ValidationError that changes nothing.
#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteBackdatedTest : public RouteTest {};

TEST_F(RouteBackdatedTest, BackDatedHistoryInOrderIsAccepted) {
  db->advance_to(day("2024-06-30"));
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-10"));
  db->approve(c.id, "E1", "", day("2024-01-10"));
  db->approve(c.id, "F3", "", day("2024-01-11"));
  const Contract active = db->contract(c.id);
  EXPECT_EQ(active.status, ContractStatus::active);
  EXPECT_EQ(active.activated_on, day("2024-01-11"));
}

TEST_F(RouteBackdatedTest, ApprovalBeforeSubmissionIsRefused) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-15"));
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-01-14")); }, Errc::invalid_argument,
          "approve on 2024-01-14 is dated before step 1 of contract HT-2024-SD-0001 opened on 2024-01-15",
          "approve 的日期 2024-01-14 早于合同 HT-2024-SD-0001 第 1 步的开始日期 2024-01-15");
  refused([&](Database& d) { d.reject(c.id, "E1", "", day("2024-01-11")); }, Errc::invalid_argument,
          "reject on 2024-01-11 is dated before step 1", "reject 的日期 2024-01-11");
  refused([&](Database& d) { d.withdraw(c.id, "E2", "", day("2024-01-14")); }, Errc::invalid_argument,
          "withdraw on 2024-01-14 is dated before the last action on the route of contract HT-2024-SD-0001 (2024-01-15)",
          "withdraw 的日期 2024-01-14 早于合同 HT-2024-SD-0001 审批路线上的最近一次操作(2024-01-15)");
}

TEST_F(RouteBackdatedTest, ApprovalBeforeItsStepOpenedIsRefused) {
  const Contract c = route_contract(*db, "80000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-20"));
  refused([&](Database& d) { d.approve(c.id, "F1", "", day("2024-01-19")); }, Errc::invalid_argument,
          "approve on 2024-01-19 is dated before step 2 of contract HT-2024-SD-0001 opened on 2024-01-20",
          "第 2 步的开始日期 2024-01-20");
}

TEST_F(RouteBackdatedTest, ActionsWithinAStepFollowTheLastOne) {
  db->load_routing(one_rule_table("all", 1, R"([{"role": "finance", "mode": "all"}])"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "F1", "", day("2024-01-15"));
  refused([&](Database& d) { d.approve(c.id, "F2", "", day("2024-01-14")); }, Errc::invalid_argument,
          "dated before the last action on the route of contract HT-2024-SD-0001 (2024-01-15)", "最近一次操作");
}

TEST_F(RouteBackdatedTest, SubmissionBeforeSigningIsRefused) {
  const Contract c = route_contract(*db, "30000.00");
  refused([&](Database& d) { d.submit(c.id, "E2", day("2024-01-09")); }, Errc::invalid_argument,
          "submitted on 2024-01-09 is before the signing date 2024-01-10 of contract HT-2024-SD-0001",
          "submitted 的日期 2024-01-09 早于合同 HT-2024-SD-0001 的签订日期 2024-01-10");
}

TEST_F(RouteBackdatedTest, ActorsMustBeEmployedOnTheActionsDate) {
  const Contract c = route_contract(*db, "30000.00");
  db->deactivate_employee("E3", day("2024-01-05"));
  refused([&](Database& d) { d.submit(c.id, "E3", day("2024-01-11")); }, Errc::invalid_state,
          "employee 'E3' is not employed on 2024-01-11", "员工“E3”在 2024-01-11 不在职");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->deactivate_employee("E1", day("2024-02-01"));
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-02-02")); }, Errc::invalid_state,
          "employee 'E1' is not employed on 2024-02-02", "不在职");
  // Recorded while E1 is still employed (the clock before the leaving
  // date), an approval dated before leaving is E1's.
  db->advance_to(day("2024-01-20"));
  db->approve(c.id, "E1", "离职前审批", day("2024-01-31"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
}

TEST_F(RouteBackdatedTest, BackDatingCannotReviveALeaver) {
  // Once E1 has left, an approval dated before the leaving date is refused:
  // the actor must be employed when the action is recorded (the database
  // clock), too. This used to be accepted.
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->deactivate_employee("E1", day("2024-02-01"));
  db->advance_to(day("2024-02-10"));
  refused([&](Database& d) { d.approve(c.id, "E1", "离职前审批", day("2024-01-31")); }, Errc::invalid_state,
          "employee 'E1' is not employed on 2024-02-10, when this action is recorded (the database clock): an action "
          "dated 2024-01-31 cannot be taken by someone who has left",
          "员工“E1”在记录该操作的日期 2024-02-10(数据库时钟)不在职");
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
}

TEST_F(RouteBackdatedTest, ApproversAreResolvedAsOfTheDateTheStepOpens) {
  // E3 manages SD from 2024-02-01.
  db->set_department_manager("SD", "E3", day("2024-02-01"));
  const Contract early = route_contract(*db, "30000.00");
  db->submit(early.id, "E2", day("2024-01-20"));
  EXPECT_EQ(db->current_approvers(early.id), Ids({"E1"}));
  const Contract late = route_contract(*db, "30000.00");
  db->submit(late.id, "E2", day("2024-02-05"));
  EXPECT_EQ(db->current_approvers(late.id), Ids({"E3"}));
  // Roles as well: F2 holds finance only until 2024-03-01.
  db->revoke_role("F2", "finance", std::nullopt, day("2024-03-01"));
  const Contract big = route_contract(*db, "80000.00");
  db->submit(big.id, "E2", day("2024-03-02"));
  db->approve(big.id, "E3", "", day("2024-03-02"));
  EXPECT_EQ(db->current_approvers(big.id), Ids({"F1", "F3"}));
}

}  // namespace
