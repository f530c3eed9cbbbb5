// Approval controls that cannot be bypassed (issue 16), on a stored database:
// one test per attack that used to go through — send back then activate,
// approve small then amend large, one person two votes, segregation per round
// only, a leaver approving back-dated, a void number on a working contract —
// each refused with its code and both messages and the database unchanged;
// then the setting that lets hosts approving elsewhere activate directly, and
// amendment rounds end to end.
#include <sqlite3.h>

#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

class RouteControlsTest : public RouteTest {
 protected:
  // The current approvers approve until the route ends (the first pending
  // one each time), on `on`.
  void approve_through(std::int64_t contract, const char* on) {
    for (int guard = 0; guard < 10 && db->current_step(contract); ++guard) {
      db->approve(contract, db->current_approvers(contract).front(), "", day(on));
    }
  }

  static Amendment new_amount(const char* amount) {
    Amendment a;
    a.amount = Money::parse(amount, "CNY");
    a.installments = std::vector<Installment>{};
    return a;
  }
};

// ---- The attacks ----------------------------------------------------------------------

TEST_F(RouteControlsTest, SendBackThenActivateIsRefused) {
  const Contract c = route_contract(*db, "5000000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->send_back(c.id, "E1", "请补充", day("2024-01-12"));
  ASSERT_EQ(db->contract(c.id).status, ContractStatus::draft);
  refused([&](Database& d) { d.activate(c.id, day("2024-01-13")); }, Errc::invalid_state,
          "contract HT-2024-SD-0001 entered an approval route (round 1, sent_back): only its route can make it "
          "active; submit it again",
          "合同 HT-2024-SD-0001 已进入审批路线(第 1 轮,sent_back):只能经审批路线生效");
  // Not even when hosts are allowed to activate directly: a send-back is not
  // an approval.
  db->set_direct_activation(DirectActivation::allow, "admin", "ERP approves elsewhere", day("2024-01-12"));
  refused([&](Database& d) { d.activate(c.id, day("2024-01-13")); }, Errc::invalid_state,
          "only its route can make it active", "只能经审批路线生效");
  // Withdrawn, the same.
  db->submit(c.id, "E2", day("2024-01-13"));
  db->withdraw(c.id, "E2", "", day("2024-01-14"));
  refused([&](Database& d) { d.activate(c.id, day("2024-01-15")); }, Errc::invalid_state,
          "round 2, withdrawn", "第 2 轮,withdrawn");
}

TEST_F(RouteControlsTest, ActivatingATypeWithRoutingInUseIsRefusedByDefault) {
  EXPECT_FALSE(db->routing_in_use("sales"));
  const Contract routed = route_contract(*db, "30000.00");
  db->submit(routed.id, "E2", day("2024-01-11"));
  EXPECT_TRUE(db->routing_in_use("sales"));
  EXPECT_FALSE(db->routing_in_use("labour"));
  const Contract other = route_contract(*db, "5000000.00");
  refused([&](Database& d) { d.activate(other.id, day("2024-01-12")); }, Errc::invalid_state,
          "contracts of type sales are approved through routing in this database: contract HT-2024-SD-0002 must be "
          "submitted for approval (the setting direct_activation is 'refuse')",
          "本数据库中 sales 类型的合同须经审批路线审批:合同 HT-2024-SD-0002 必须提交审批");
  // A type nobody routed yet is the host's business.
  const Contract labour = route_contract(*db, "8000.00", "E2", "labour");
  EXPECT_EQ(db->activate(labour.id, day("2024-01-12")).type, EventType::activated);
}

TEST_F(RouteControlsTest, ALoadedTableMakesRoutingInUseForTheTypesItRoutes) {
  db->load_routing(R"({"id": "sales-only", "version": 1, "inputs": [{"name": "type", "type": "text"}],
                       "rules": [{"id": "s", "when": {"type": "\"sales\""}, "route": [{"role": "finance"}]}]})",
                   RoutingLoadOptions{true, false});
  EXPECT_TRUE(db->routing_in_use("sales"));
  EXPECT_FALSE(db->routing_in_use("labour"));
  const Contract c = route_contract(*db, "30000.00");
  refused([&](Database& d) { d.activate(c.id, day("2024-01-12")); }, Errc::invalid_state,
          "contracts of type sales are approved through routing", "须经审批路线审批");
  refused([&](Database& d) { d.routing_in_use("Bad Type"); }, Errc::invalid_argument, "Bad Type", "Bad Type");
}

TEST_F(RouteControlsTest, ApproveSmallThenAmendLargeReEntersTheRoute) {
  const Contract c = route_contract(*db, "1000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  ASSERT_EQ(db->contract(c.id).status, ContractStatus::active);

  // Without the employee who submits the round, the change is refused.
  refused([&](Database& d) { d.amend(c.id, "扩大合作", new_amount("50000000.00"), day("2024-02-01")); },
          Errc::invalid_argument,
          "the change of amount of contract HT-2024-SD-0001 is read by the routing table: it goes through a new "
          "approval round, which needs the employee who submits it as the actor",
          "合同 HT-2024-SD-0001 的 amount 变更会被路由表读取:需经新一轮审批");
  // With one it becomes round 2; the terms in force stay.
  const Event e = db->amend(c.id, "扩大合作", new_amount("50000000.00"), day("2024-02-01"), std::string("E2"));
  EXPECT_EQ(e.type, EventType::submitted);
  EXPECT_EQ(e.value, 2);
  EXPECT_NE(e.payload.find("\"amendment\""), std::string::npos);
  const Contract during = db->contract(c.id);
  EXPECT_EQ(during.status, ContractStatus::active);
  EXPECT_EQ(during.amount, Money::parse("1000.00", "CNY"));
  const ApprovalRouteInstance round = db->approval_route(c.id);
  EXPECT_EQ(round.round, 2);
  EXPECT_EQ(step_roles(round), Ids({"dept_manager", "finance", "general_manager"}));
  ASSERT_TRUE(round.amendment.has_value());
  EXPECT_EQ(round.amendment->inputs, Ids({"amount"}));
  EXPECT_EQ(round.amendment->reason, "扩大合作");
  EXPECT_NE(round.amendment->changes.find("\"to\":\"50000000.00\""), std::string::npos);
  EXPECT_FALSE(round.amendment->event.has_value());
  // Money beyond the terms in force is still refused.
  refused([&](Database& d) { d.record_payment(c.id, Money::parse("2000.00", "CNY"), day("2024-02-02"), "B1"); },
          Errc::invalid_argument, "2000.00", "2000.00");
  // Another change waits for this one.
  Amendment later;
  later.delivery_due = day("2024-06-30");
  refused([&](Database& d) { d.amend(c.id, "交期", later, day("2024-02-02")); }, Errc::invalid_state,
          "contract HT-2024-SD-0001 has an amendment in approval (round 2, submitted on 2024-02-01)",
          "合同 HT-2024-SD-0001 有一项变更正在审批中(第 2 轮,2024-02-01 提交)");
  // Its proposer and its owner do not approve it.
  refused([&](Database& d) { d.approve(c.id, "E2", "", day("2024-02-02")); }, Errc::segregation,
          "E2 owns contract HT-2024-SD-0001", "E2 是合同 HT-2024-SD-0001 的负责人");

  approve_through(c.id, "2024-02-03");
  const Contract after = db->contract(c.id);
  EXPECT_EQ(after.amount, Money::parse("50000000.00", "CNY"));
  EXPECT_EQ(after.status, ContractStatus::active);
  EXPECT_EQ(after.activated_on, day("2024-01-12"));
  const std::vector<Event> log = db->events(c.id);
  EXPECT_EQ(log.back().type, EventType::amended);
  EXPECT_EQ(log.back().effective, day("2024-02-03"));
  EXPECT_EQ(log.back().actor, "E2");
  EXPECT_EQ(log.back().reason, "扩大合作");
  EXPECT_EQ(db->approval_route(c.id).amendment->event, log.back().seq);
  std::size_t activations = 0;
  for (const Event& x : log) activations += x.type == EventType::activated ? 1 : 0;
  EXPECT_EQ(activations, 1u);
}

TEST_F(RouteControlsTest, OnePersonTwoVotesIsRefused) {
  db->load_routing(one_rule_table("committee", 1, R"([{"role": "finance", "mode": {"k": 2}}])"));
  db->delegate("F2", "F1", day("2024-01-01"), day("2024-12-31"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "F1", "", day("2024-01-12"));
  refused([&](Database& d) { d.approve(c.id, "F1", "", day("2024-01-12"), std::string("F2")); }, Errc::conflict,
          "F1 already approved step 1 of contract HT-2024-SD-0001 (for F1, on 2024-01-12); a person counts once per "
          "step, whoever they act for",
          "F1 已审批过合同 HT-2024-SD-0001 的第 1 步(代表 F1,2024-01-12);同一步中每人只计一次");
  refused([&](Database& d) { d.approve(c.id, "F1", "", day("2024-01-12")); }, Errc::conflict,
          "F1 already approved step 1", "F1 已于 2024-01-12 审批通过");
  EXPECT_TRUE(db->inbox("F1", day("2024-01-12")).empty());
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::pending_approval);
  // The other way round: first for the delegator, then for themselves.
  const Contract d2 = route_contract(*db, "30000.00");
  db->submit(d2.id, "E2", day("2024-01-11"));
  EXPECT_EQ(db->approve(d2.id, "F1", "", day("2024-01-12"), std::string("F2")).on_behalf_of, "F2");
  refused([&](Database& d) { d.approve(d2.id, "F1", "", day("2024-01-12")); }, Errc::conflict,
          "F1 already approved step 1 of contract HT-2024-SD-0002 (for F2, on 2024-01-12)", "代表 F2");
  // The history shows on whose behalf.
  EXPECT_EQ(db->approval_history(d2.id).back().on_behalf_of, "F2");
  db->approve(d2.id, "F3", "", day("2024-01-13"));
  EXPECT_EQ(db->contract(d2.id).status, ContractStatus::active);
}

TEST_F(RouteControlsTest, SegregationHoldsAcrossRounds) {
  db->assign_role("E3", "finance");
  const Contract c = route_contract(*db, "80000.00");
  // Round 1: E3 submits E2's contract; finance sends it back.
  db->submit(c.id, "E3", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  db->send_back(c.id, "F1", "金额有误", day("2024-01-13"));
  // E3 edits the draft; a colleague resubmits.
  Amendment fix;
  fix.counterparty = "华东机械股份有限公司";
  db->amend(c.id, "更正名称", fix, day("2024-01-14"), std::string("E3"));
  db->submit(c.id, "E2", day("2024-01-15"));
  db->approve(c.id, "E1", "", day("2024-01-16"));
  // E3 holds finance but is no approver of round 2, and may not act in it.
  EXPECT_EQ(db->current_approvers(c.id), Ids({"F1", "F2", "F3"}));
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-17")); }, Errc::segregation,
          "E3 submitted an earlier round of contract HT-2024-SD-0001 and may not approve, reject or send it back",
          "E3 提交过合同 HT-2024-SD-0001 的前一轮审批");
  // Not as a delegate either.
  db->delegate("F1", "E3", day("2024-01-01"), day("2024-12-31"));
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-17"), std::string("F1")); }, Errc::segregation,
          "segregation of duties across rounds", "跨轮次职责分离");
  EXPECT_TRUE(db->inbox("E3", day("2024-01-17")).empty());
  db->approve(c.id, "F2", "", day("2024-01-17"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
}

TEST_F(RouteControlsTest, AnEditorOfTheTermsMayNotApprove) {
  const Contract c = route_contract(*db, "30000.00");
  Amendment fix;
  fix.delivery_due = day("2024-03-01");
  db->amend(c.id, "交期", fix, day("2024-01-10"), std::string("E1"));
  const ApprovalRouteInstance r = db->submit(c.id, "E2", day("2024-01-11"));
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"G1"}));  // E1, the manager, edited it
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-01-12")); }, Errc::segregation,
          "E1 edited the terms of contract HT-2024-SD-0001 and may not approve", "E1 修改过合同 HT-2024-SD-0001 的条款");
}

TEST_F(RouteControlsTest, ALeaverCannotApproveBackDatedNorThroughADelegate) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->delegate("E1", "E3", day("2024-01-01"), day("2024-12-31"));
  db->deactivate_employee("E1", day("2024-02-01"));
  db->advance_to(day("2024-02-05"));
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-01-31")); }, Errc::invalid_state,
          "employee 'E1' is not employed on 2024-02-05, when this action is recorded (the database clock)",
          "员工“E1”在记录该操作的日期 2024-02-05(数据库时钟)不在职");
  // A delegate does not carry a leaver's authority either.
  refused([&](Database& d) { d.approve(c.id, "E3", "", day("2024-01-31"), std::string("E1")); }, Errc::invalid_state,
          "employee 'E1' is not employed on 2024-02-05", "员工“E1”");
  // Nor does a leaver submit back-dated.
  const Contract other = route_contract(*db, "30000.00", "E1");
  refused([&](Database& d) { d.submit(other.id, "E1", day("2024-01-20")); }, Errc::invalid_state,
          "employee 'E1' is not employed on 2024-02-05", "不在职");
  // The step nobody active holds any longer goes up when it opens.
  const Contract late = route_contract(*db, "30000.00");
  const ApprovalRouteInstance r = db->submit(late.id, "E2", day("2024-01-20"));
  EXPECT_EQ(approver_ids(r.steps[0]), Ids({"G1"}));
}

TEST_F(RouteControlsTest, VoidingTheNumberOfAWorkingContractIsRefused) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  refused([&](Database& d) { d.void_number(c.number, "作废", day("2024-01-12")); }, Errc::invalid_state,
          "number 'HT-2024-SD-0001' is the number of a contract that is pending_approval: only a draft's number can "
          "be voided",
          "编号“HT-2024-SD-0001”是一份处于 pending_approval 状态的合同的编号");
  db->approve(c.id, "E1", "", day("2024-01-12"));
  refused([&](Database& d) { d.void_number(c.number, "作废", day("2024-01-13")); }, Errc::invalid_state,
          "a contract that is active", "active 状态");
  db->terminate(c.id, "客户解约", day("2024-02-01"));
  refused([&](Database& d) { d.void_number(c.number, "作废", day("2024-02-02")); }, Errc::invalid_state,
          "a contract that is terminated", "terminated 状态");
}

TEST_F(RouteControlsTest, ADraftUnderAVoidNumberCannotBeSubmittedOrActivated) {
  const Contract c = route_contract(*db, "30000.00");
  db->void_number(c.number, "录入错误", day("2024-01-10"));
  refused([&](Database& d) { d.submit(c.id, "E2", day("2024-01-11")); }, Errc::invalid_state,
          "contract HT-2024-SD-0001 has a void number (voided on 2024-01-10: 录入错误): submit is refused",
          "合同 HT-2024-SD-0001 的编号已作废(2024-01-10:录入错误):不允许 submit");
  refused([&](Database& d) { d.activate(c.id, day("2024-01-11")); }, Errc::invalid_state,
          "has a void number", "编号已作废");
}

// ---- The setting -------------------------------------------------------------------------

TEST_F(RouteControlsTest, DirectActivationIsASettingWhoseChangesAreAudited) {
  EXPECT_EQ(db->direct_activation(), DirectActivation::refuse);
  const Event e = db->set_direct_activation(DirectActivation::allow, "IT 管理员", "ERP 内部审批", day("2024-01-05"));
  EXPECT_EQ(e.type, EventType::setting_changed);
  EXPECT_FALSE(e.contract.has_value());
  EXPECT_EQ(e.actor, "IT 管理员");
  EXPECT_EQ(e.reason, "ERP 内部审批");
  EXPECT_EQ(e.effective, day("2024-01-05"));
  EXPECT_EQ(e.payload, R"({"setting":"direct_activation","from":"refuse","to":"allow"})");
  EXPECT_EQ(db->direct_activation(), DirectActivation::allow);
  EXPECT_EQ(db->event(e.seq), e);
  refused([&](Database& d) { d.set_direct_activation(DirectActivation::allow, "IT", "again"); }, Errc::invalid_state,
          "the setting direct_activation is already 'allow'", "设置 direct_activation 已是“allow”");
  refused([&](Database& d) { d.set_direct_activation(DirectActivation::refuse, "", "why"); }, Errc::invalid_argument,
          "'by' must not be empty", "“by”不能为空");
  refused([&](Database& d) { d.set_direct_activation(DirectActivation::refuse, "IT", ""); }, Errc::invalid_argument,
          "'reason' must not be empty", "“reason”不能为空");

  // Allowed: a routed type may be activated directly (never a contract that
  // entered a route).
  const Contract routed = route_contract(*db, "30000.00");
  db->submit(routed.id, "E2", day("2024-01-11"));
  const Contract direct = route_contract(*db, "30000.00");
  EXPECT_EQ(db->activate(direct.id, day("2024-01-12")).type, EventType::activated);
  // And back to refuse.
  db->set_direct_activation(DirectActivation::refuse, "IT 管理员", "全部走审批", day("2024-01-20"));
  const Contract refused_one = route_contract(*db, "30000.00");
  refused([&](Database& d) { d.activate(refused_one.id, day("2024-01-21")); }, Errc::invalid_state,
          "direct_activation is 'refuse'", "direct_activation 为“refuse”");
}

// ---- Amendment rounds --------------------------------------------------------------------

TEST_F(RouteControlsTest, ARejectedAmendmentRoundLeavesTheTermsInForce) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  const std::size_t events_before = db->events(c.id).size();
  db->amend(c.id, "加价", new_amount("150000.00"), day("2024-02-01"), std::string("E2"));
  db->reject(c.id, "E1", "不同意", day("2024-02-02"));
  const Contract after = db->contract(c.id);
  EXPECT_EQ(after.status, ContractStatus::active);
  EXPECT_EQ(after.amount, Money::parse("30000.00", "CNY"));
  EXPECT_EQ(db->approval_route(c.id).status, RouteStatus::rejected);
  for (const Event& e : db->events(c.id)) EXPECT_NE(e.type, EventType::amended);
  EXPECT_EQ(db->events(c.id).size(), events_before + 2);  // submitted, rejected
  // Sent back or withdrawn, the same; a new proposal is a new round.
  db->amend(c.id, "加价", new_amount("150000.00"), day("2024-02-03"), std::string("E2"));
  db->send_back(c.id, "E1", "", day("2024-02-04"));
  db->amend(c.id, "加价", new_amount("150000.00"), day("2024-02-05"), std::string("E2"));
  db->withdraw(c.id, "E2", "", day("2024-02-06"));
  EXPECT_EQ(db->contract(c.id).amount, Money::parse("30000.00", "CNY"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  EXPECT_EQ(db->approval_route(c.id).round, 4);
  // Payments go on under the terms in force meanwhile.
  db->record_payment(c.id, Money::parse("10000.00", "CNY"), day("2024-02-07"), "B1");
}

TEST_F(RouteControlsTest, ChangesNoTableInputReadsNeedNoRound) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  Amendment terms;
  terms.delivery_due = day("2024-05-01");
  terms.end = day("2025-01-31");
  terms.counterparty = "华东机械股份有限公司";
  terms.installments = std::vector<Installment>{{day("2024-03-01"), Money::parse("10000.00", "CNY")},
                                                {day("2024-05-01"), Money::parse("20000.00", "CNY")}};
  terms.set_attributes.emplace("note", AttributeValue(std::string("加急")));
  const Event e = db->amend(c.id, "条款调整", terms, day("2024-02-01"));
  EXPECT_EQ(e.type, EventType::amended);
  EXPECT_EQ(db->contract(c.id).delivery_due, day("2024-05-01"));
  EXPECT_EQ(db->approval_route(c.id).round, 1);
  // The key-account flag is read by tables that declare it, not by the default one.
  Amendment key;
  key.key_account = true;
  EXPECT_EQ(db->amend(c.id, "大客户", key, day("2024-02-02")).type, EventType::amended);
}

TEST_F(RouteControlsTest, AnAttributeTheTableReadsReEntersTheRoute) {
  db->load_routing(R"({"id": "risk", "version": 1, "hit_policy": "FIRST",
                       "inputs": [{"name": "risk", "type": "attribute", "default": "low"}],
                       "rules": [{"id": "high", "when": {"risk": "\"high\""}, "route": [{"role": "dept_manager"}, {"role": "legal"}]},
                                 {"id": "other", "route": [{"role": "dept_manager"}]}]})");
  db->assign_role("H1", "legal");
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  Amendment risky;
  risky.set_attributes.emplace("risk", AttributeValue(std::string("high")));
  EXPECT_EQ(db->amend(c.id, "风险上调", risky, day("2024-02-01"), std::string("E2")).type, EventType::submitted);
  EXPECT_TRUE(db->contract(c.id).attributes.empty());
  EXPECT_EQ(step_roles(db->approval_route(c.id)), Ids({"dept_manager", "legal"}));
  approve_through(c.id, "2024-02-02");
  EXPECT_EQ(db->contract(c.id).attributes.at("risk").text(), "high");
}

TEST_F(RouteControlsTest, AnAmendmentApprovedAfterPaymentsIsCheckedAgainstThem) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  db->amend(c.id, "降价", new_amount("20000.00"), day("2024-02-01"), std::string("E2"));
  db->record_payment(c.id, Money::parse("25000.00", "CNY"), day("2024-02-02"), "B1");
  refused([&](Database& d) { d.approve(c.id, "E1", "", day("2024-02-03")); }, Errc::invalid_argument,
          "the new amount 20000.00 CNY is below the 25000.00 CNY already collected", "低于已回款的 25000.00 CNY");
  db->reject(c.id, "E1", "已收款超出", day("2024-02-03"));
  EXPECT_EQ(db->contract(c.id).amount, Money::parse("30000.00", "CNY"));
}

TEST_F(RouteControlsTest, TheAmendmentAndItsRoundAreOneAtomicChange) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  // Nobody can approve the first step of the proposed terms' route: the
  // amendment is refused and nothing is written.
  db->load_routing(one_rule_table("committee", 1, R"([{"role": "finance", "mode": {"k": 9}}])"));
  refused([&](Database& d) { d.amend(c.id, "加价", new_amount("60000.00"), day("2024-02-01"), std::string("E2")); },
          Errc::invalid_state, "nobody can approve step 1 (finance) of contract HT-2024-SD-0001", "无人可以审批");
  // Inside the caller's transaction, the round rolls back with it.
  db->load_routing(std::string(default_routing_table_json()));
  {
    auto tx = db->transaction();
    EXPECT_EQ(db->amend(c.id, "加价", new_amount("60000.00"), day("2024-02-01"), std::string("E3")).type,
              EventType::submitted);
  }
  EXPECT_EQ(db->approval_route(c.id).round, 1);
  EXPECT_EQ(db->contract(c.id).amount, Money::parse("30000.00", "CNY"));
}

TEST_F(RouteControlsTest, AnAmendmentThatChangesNothingOpensNoRound) {
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "E1", "", day("2024-01-12"));
  ASSERT_EQ(db->contract(c.id).status, ContractStatus::active);
  const std::int64_t seq = db->last_event_seq();
  Amendment same;
  same.key_account = c.key_account;  // a routing input, given as it stands
  refused([&](Database& d) { d.amend(c.id, "重复提交", same, day("2024-02-01"), std::string("E2")); },
          Errc::invalid_argument, "the amendment changes nothing: contract HT-2024-SD-0001 already has these terms",
          "该变更没有改变任何内容");
  EXPECT_EQ(db->approval_route(c.id).round, 1);
  EXPECT_EQ(db->last_event_seq(), seq);
}

// ---- Handovers ------------------------------------------------------------------------------

TEST_F(RouteControlsTest, AContractHandedOverInReviewKeepsItsNewOwnerOutOfItsRoute) {
  db->load_routing(one_rule_table("committee", 1, R"([{"role": "finance", "mode": {"k": 2}}])"));
  const Contract c = route_contract(*db, "30000.00");
  db->submit(c.id, "E2", day("2024-01-11"));
  db->approve(c.id, "F1", "", day("2024-01-12"));
  // F2, a pending approver of the open step, takes the contract over.
  const Event handover = db->reassign(c.id, "F2", "客户移交财务跟进", day("2024-01-12"));
  EXPECT_EQ(handover.type, EventType::reassigned);
  EXPECT_EQ(db->contract(c.id).owner, "F2");
  EXPECT_EQ(db->contract(c.id).signer, "E2");
  // The current owner decides no more in its route, nor sees it in the inbox.
  refused([&](Database& d) { d.approve(c.id, "F2", "", day("2024-01-13")); }, Errc::segregation,
          "F2 owns contract HT-2024-SD-0001 and may not approve, reject or send it back",
          "F2 是合同 HT-2024-SD-0001 的负责人");
  EXPECT_TRUE(db->inbox("F2", day("2024-01-13")).empty());
  ASSERT_EQ(db->inbox("F3", day("2024-01-13")).size(), 1u);
  db->approve(c.id, "F3", "", day("2024-01-13"));
  EXPECT_EQ(db->contract(c.id).status, ContractStatus::active);
  EXPECT_EQ(db->contract(c.id).owner, "F2");
}

TEST_F(RouteControlsTest, AMigratedDatabaseKnowsTheTypesItAlreadyRouted) {
  const Contract routed = route_contract(*db, "30000.00");
  db->submit(routed.id, "E2", day("2024-01-11"));
  const Contract other = route_contract(*db, "30000.00");
  db.reset();
  // The database as schema 8 left it.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE approval_amendments; DROP TABLE approval_routed_types; PRAGMA user_version = 8",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  db = std::make_unique<Database>(path);
  EXPECT_TRUE(db->routing_in_use("sales"));
  refused([&](Database& d) { d.activate(other.id, day("2024-01-12")); }, Errc::invalid_state,
          "contracts of type sales are approved through routing", "须经审批路线审批");
}

}  // namespace
