// Escalation: when the clock passes a step's deadline its escalation target
// joins the step's approvers, once, with an event; the original approvers may
// still act; advancing the clock again adds nothing.
#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteEscalationTest : public RouteTest {
 protected:
  Contract submitted(const std::string& escalate_to) {
    db->load_routing(one_rule_table(
        "deadline", 1,
        R"([{"role": "dept_manager", "deadline_days": 3, "escalate_to": )" + escalate_to + R"(}, {"role": "finance"}])"));
    const Contract c = route_contract(*db, "30000.00");
    db->submit(c.id, "E2", day("2024-01-10"));
    return c;
  }
};

TEST_F(RouteEscalationTest, PassingTheDeadlineAddsTheTargetOnce) {
  const Contract c = submitted(R"({"role": "chair"})");
  EXPECT_EQ(db->current_step(c.id)->due_on, day("2024-01-13"));
  // On the deadline itself nothing happens.
  db->advance_to(day("2024-01-13"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1"}));
  EXPECT_FALSE(db->current_step(c.id)->escalated_on.has_value());

  const auto before = db->events(c.id).size();
  db->advance_to(day("2024-01-20"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1", "C1"}));
  const auto step = db->current_step(c.id);
  EXPECT_EQ(step->escalated_on, day("2024-01-14"));
  EXPECT_EQ(step->approvers[1].origin, ApproverOrigin::escalation);
  EXPECT_EQ(step->approvers[1].added_on, day("2024-01-14"));
  const auto log = db->events(c.id);
  ASSERT_EQ(log.size(), before + 1);
  EXPECT_EQ(log.back().type, EventType::approval_escalated);
  EXPECT_EQ(log.back().effective, day("2024-01-14"));
  EXPECT_EQ(log.back().value, 1);
  EXPECT_FALSE(log.back().actor.has_value());
  EXPECT_NE(log.back().payload.find("\"added\":[\"C1\"]"), std::string::npos);
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().action, ApprovalAction::escalated);
  EXPECT_EQ(history.back().approvers, Ids({"C1"}));
  EXPECT_EQ(history.back().reason(), "the deadline of step 1 (2024-01-13) has passed: escalated to chair");
  EXPECT_EQ(history.back().reason(Lang::zh_CN), "第 1 步的期限(2024-01-13)已过:升级至 chair");

  // Advancing again adds nothing.
  db->advance_to(day("2024-02-20"));
  db->advance_to(day("2024-03-20"));
  EXPECT_EQ(db->events(c.id).size(), before + 1);
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1", "C1"}));
  EXPECT_EQ(actions(db->approval_history(c.id)), std::vector<std::string>({"submitted", "escalated"}));
}

TEST_F(RouteEscalationTest, TheOriginalApproversMayStillAct) {
  const Contract c = submitted(R"({"person": "C1"})");
  db->advance_to(day("2024-01-20"));
  db->approve(c.id, "E1", "迟到的同意", day("2024-01-21"));
  EXPECT_EQ(db->current_step(c.id)->number, 2);
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F2", "F3"}));
}

TEST_F(RouteEscalationTest, TheEscalationTargetMayAct) {
  const Contract c = submitted(R"({"person": "C1"})");
  db->advance_to(day("2024-01-20"));
  EXPECT_EQ(db->inbox("C1").size(), 1u);
  // Not before it was added.
  refused([&](Database& d) { d.approve(c.id, "C1", "", day("2024-01-12")); }, Errc::invalid_argument,
          "C1 is an approver of step 1 of contract HT-2024-SD-0001 from 2024-01-14; approve on 2024-01-12 is too early",
          "C1 自 2024-01-14 起才是合同 HT-2024-SD-0001 第 1 步的审批人");
  db->approve(c.id, "C1", "董事长批准", day("2024-01-20"));
  EXPECT_EQ(db->current_step(c.id)->number, 2);
  const auto history = db->approval_history(c.id);
  EXPECT_EQ(history.back().actor, "C1");
  EXPECT_EQ(history.back().comment, "董事长批准");
  // Step 2 has no deadline: nothing escalates any more.
  db->advance_to(day("2024-06-30"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F2", "F3"}));
}

TEST_F(RouteEscalationTest, AStepClosedBeforeTheDeadlineNeverEscalates) {
  const Contract c = submitted(R"({"role": "chair"})");
  db->approve(c.id, "E1", "", day("2024-01-12"));
  db->advance_to(day("2024-02-01"));
  EXPECT_EQ(actions(db->approval_history(c.id)), std::vector<std::string>({"submitted", "approved"}));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F2", "F3"}));
}

TEST_F(RouteEscalationTest, AnEscalationTargetNobodyHoldsGoesUpTheTree) {
  const Contract c = submitted(R"({"role": "vice_president"})");
  db->advance_to(day("2024-01-20"));
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1", "G1"}));
  EXPECT_EQ(db->approval_history(c.id).back().reason(),
            "the deadline of step 1 (2024-01-13) has passed: escalated to vice_president; nobody holds the role "
            "vice_president on 2024-01-14; the step goes to G1, manager of the parent department HQ");
}

TEST_F(RouteEscalationTest, AnEscalationRollsBackWithTheClock) {
  const Contract c = submitted(R"({"role": "chair"})");
  {
    auto tx = db->transaction();
    db->advance_to(day("2024-01-20"));
    EXPECT_EQ(db->current_approvers(c.id), Ids({"E1", "C1"}));
    tx.rollback();
  }
  EXPECT_EQ(db->current_approvers(c.id), Ids({"E1"}));
  EXPECT_FALSE(db->clock().has_value());
}

}  // namespace
