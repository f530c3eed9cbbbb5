// The storage interface's conformance suite, the records of approval
// (src/store/backend_approval.hpp, ApprovalRecords): decision tables and
// their current version, routes and their rounds, steps and approvers,
// amendment rounds, the history, inboxes, delegations and routed types, as
// stored, read back, updated and rolled back.
#include <algorithm>

#include "conformance.hpp"

using namespace pactum;
using conformance::StorageConformance;
using conformance::day;
using conformance::event_of;
using store::DecisionTableKind;

namespace {


class ApprovalRecordsConformance : public StorageConformance {
 protected:
  store::ApprovalRecords& records(int h = 0) { return s(h).approval(); }

  // Employees A1..A3 beside E1 (in SD), inside the caller's unit.
  void add_approvers() {
    for (const char* id : {"A1", "A2", "A3"}) {
      s().org().insert_employee({id, "审批人", std::nullopt, std::nullopt, std::nullopt});
    }
  }

  // A route of `contract` in review, routed with the shipped default table.
  static store::RouteRow route_of(std::int64_t contract, int round) {
    store::RouteRow r;
    r.contract = contract;
    r.round = round;
    r.table_id = "default";
    r.table_version = 1;
    r.hit_policy = "UNIQUE";
    r.matched_rules = R"(["under-50000"])";
    r.inputs = R"([{"name":"amount","type":"money","value":"1000"}])";
    r.submitter = "E1";
    r.owner = "E1";
    r.department = "SD";
    r.submitted_on = day("2024-03-01");
    r.steps = 2;
    r.last_action_on = day("2024-03-01");
    return r;
  }
};

RouteStep step_spec(Approver approver, ApprovalMode mode, std::optional<int> deadline = std::nullopt,
                    std::optional<Approver> escalate_to = std::nullopt) {
  return RouteStep{std::move(approver), mode, deadline, std::move(escalate_to)};
}

}  // namespace

TEST_P(ApprovalRecordsConformance, DecisionTablesKeepEveryVersionAndOneCurrent) {
  store::ApprovalRecords& r = records();
  s().begin();
  EXPECT_FALSE(r.latest_table_version(DecisionTableKind::routing, "T").has_value());
  r.insert_table(DecisionTableKind::routing, "T", 1, "doc 1");
  r.insert_table(DecisionTableKind::routing, "T", 2, "doc 2");
  EXPECT_EQ(r.latest_table_version(DecisionTableKind::routing, "T"), 2);
  EXPECT_EQ(r.table_document(DecisionTableKind::routing, "T", 1), "doc 1");
  EXPECT_FALSE(r.table_document(DecisionTableKind::routing, "T", 3).has_value());
  // The kinds are apart.
  EXPECT_FALSE(r.latest_table_version(DecisionTableKind::classification, "T").has_value());
  EXPECT_EQ(r.current_table_version(DecisionTableKind::routing), (store::TableVersionRow{"default", 1, ""}));
  r.store_current_table(DecisionTableKind::routing, "T", 1);
  EXPECT_EQ(r.current_table(DecisionTableKind::routing), (store::TableVersionRow{"T", 1, "doc 1"}));
  EXPECT_EQ(r.current_table_version(DecisionTableKind::routing), (store::TableVersionRow{"T", 1, ""}));
  EXPECT_EQ(r.table_versions(DecisionTableKind::routing),
            (std::vector<RoutingTableInfo>{{"T", 1, true}, {"T", 2, false}, {"default", 1, false}}));
  r.insert_table(DecisionTableKind::classification, "C", 1, "classes");
  r.store_current_table(DecisionTableKind::classification, "C", 1);
  EXPECT_EQ(r.current_table(DecisionTableKind::classification), (store::TableVersionRow{"C", 1, "classes"}));
  EXPECT_EQ(r.current_table(DecisionTableKind::routing)->id, "T");
  s().commit();

  s().begin();
  r.store_current_table(DecisionTableKind::routing, "T", 2);
  r.insert_table(DecisionTableKind::routing, "U", 1, "u");
  s().rollback();
  s().begin();
  EXPECT_EQ(r.current_table_version(DecisionTableKind::routing), (store::TableVersionRow{"T", 1, ""}));
  EXPECT_FALSE(r.latest_table_version(DecisionTableKind::routing, "U").has_value());
  s().commit();
}

TEST_P(ApprovalRecordsConformance, RoutesRoundTripAndTheLatestRoundWins) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  add_approvers();
  EXPECT_FALSE(r.latest_route(contract).has_value());
  store::RouteRow first = route_of(contract, 1);
  first.id = r.insert_route(first);
  store::RouteRow second = route_of(contract, 2);
  second.submitter = "A1";
  second.owner = "A2";
  second.current_step = 1;
  second.id = r.insert_route(second);
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(r.route(first.id), first);
  EXPECT_EQ(r.latest_route(contract), second);
  EXPECT_FALSE(r.route(second.id + 100).has_value());
  EXPECT_EQ(r.round_parties(contract, second.id), (std::vector<store::RoundParties>{{"E1", "E1"}}));
  EXPECT_EQ(r.round_parties(contract, 0), (std::vector<store::RoundParties>{{"E1", "E1"}, {"A1", "A2"}}));  // by id

  r.store_current_step(second.id, 2);
  r.store_last_action(second.id, day("2024-03-05"));
  EXPECT_EQ(r.latest_route(contract)->current_step, 2);
  EXPECT_EQ(r.latest_route(contract)->last_action_on, day("2024-03-05"));
  EXPECT_FALSE(r.latest_route_with_status(contract, RouteStatus::approved).has_value());
  r.store_route_end(first.id, RouteStatus::approved, day("2024-03-02"));
  r.store_route_end(second.id, RouteStatus::sent_back, day("2024-03-06"));
  const store::RouteRow ended = *r.route(second.id);
  EXPECT_EQ(ended.status, RouteStatus::sent_back);
  EXPECT_FALSE(ended.current_step.has_value());
  EXPECT_EQ(ended.ended_on, day("2024-03-06"));
  EXPECT_EQ(ended.last_action_on, day("2024-03-06"));
  EXPECT_EQ(r.latest_route_with_status(contract, RouteStatus::approved)->id, first.id);
  s().commit();

  s().begin();
  r.insert_route(route_of(contract, 3));
  s().rollback();
  s().begin();
  EXPECT_EQ(r.latest_route(contract)->round, 2);
  s().commit();
}

TEST_P(ApprovalRecordsConformance, StepsAndApproversKeepTheirStateAndOrder) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  add_approvers();
  store::RouteRow route = route_of(contract, 1);
  route.steps = 3;
  route.current_step = 2;
  route.id = r.insert_route(route);
  const RouteStep one = step_spec(Approver::person("A1"), ApprovalMode::any());
  const RouteStep two = step_spec(Approver::role("finance"), ApprovalMode::all(), 5, Approver::person("A3"));
  const RouteStep three = step_spec(Approver::role("legal"), ApprovalMode{ApprovalMode::Kind::k_of_n, 2}, 3,
                                    Approver::role("general_manager"));
  r.insert_step(route.id, 2, two);
  r.insert_step(route.id, 1, one);
  r.insert_step(route.id, 3, three);
  const std::optional<store::StepRow> fresh = r.step(route.id, 2);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(*fresh, (store::StepRow{2, two, 0, 0, std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_FALSE(r.step(route.id, 4).has_value());
  std::vector<RouteStep> specs;
  for (const store::StepRow& st : r.steps(route.id)) specs.push_back(st.spec);
  EXPECT_EQ(specs, (std::vector<RouteStep>{one, two, three}));  // in step order

  r.store_step_opened(route.id, 2, 2, day("2024-03-01"), day("2024-03-06"));
  r.store_step_approvals(route.id, 2, 1);
  r.insert_approver(route.id, 2, 2, {"A2", ApproverOrigin::rerouted, day("2024-03-01"), std::nullopt, std::nullopt});
  r.insert_approver(route.id, 2, 1, {"A1", ApproverOrigin::route, day("2024-03-01"), std::nullopt, std::nullopt});
  r.store_approval(route.id, 2, "A1", day("2024-03-02"), "E1");
  EXPECT_EQ(r.approvers(route.id, 2),
            (std::vector<StepApprover>{{"A1", ApproverOrigin::route, day("2024-03-01"), day("2024-03-02"), "E1"},
                                       {"A2", ApproverOrigin::rerouted, day("2024-03-01"), std::nullopt, std::nullopt}}));
  EXPECT_TRUE(r.approvers(route.id, 1).empty());

  // Due before the clock: the current step with a target, neither escalated nor closed.
  EXPECT_TRUE(r.steps_due_before(day("2024-03-06")).empty());
  EXPECT_EQ(r.steps_due_before(day("2024-03-07")), (std::vector<store::StepKey>{{route.id, 2}}));
  r.store_step_escalated(route.id, 2, day("2024-03-07"));
  EXPECT_TRUE(r.steps_due_before(day("2024-03-08")).empty());
  r.insert_approver(route.id, 2, 3, {"A3", ApproverOrigin::escalation, day("2024-03-07"), std::nullopt, std::nullopt});
  r.store_step_closed(route.id, 2, day("2024-03-08"));
  EXPECT_EQ(*r.step(route.id, 2), (store::StepRow{2, two, 2, 1, day("2024-03-01"), day("2024-03-06"), day("2024-03-07"),
                                                   day("2024-03-08")}));
  EXPECT_EQ(r.approvers(route.id, 2).back().origin, ApproverOrigin::escalation);
  s().commit();

  s().begin();
  r.store_step_approvals(route.id, 2, 7);
  r.insert_approver(route.id, 3, 1, {"E1", ApproverOrigin::route, day("2024-03-09"), std::nullopt, std::nullopt});
  s().rollback();
  s().begin();
  EXPECT_EQ(r.step(route.id, 2)->approvals, 1);
  EXPECT_TRUE(r.approvers(route.id, 3).empty());
  s().commit();
}

TEST_P(ApprovalRecordsConformance, AnAmendmentTravelsWithItsRound) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  const std::int64_t route = r.insert_route(route_of(contract, 1));
  EXPECT_FALSE(r.amendment(route).has_value());
  EXPECT_FALSE(r.amendment_in_review(contract).has_value());
  const store::AmendmentRow proposal{contract, "加价", R"({"amount":"2000.00"})", R"({"amount":{"from":"1000.00"}})",
                                     {"amount", "type"}, "E1", day("2024-03-01"), std::nullopt};
  r.insert_amendment(route, proposal);
  EXPECT_EQ(r.amendment(route), proposal);
  const std::optional<PendingAmendment> pending = r.amendment_in_review(contract);
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->round, 1);
  EXPECT_EQ(pending->submitted, day("2024-03-01"));

  store::NewEvent amended;
  amended.type = EventType::amended;
  amended.contract = contract;
  amended.effective = day("2024-03-02");
  const std::optional<std::int64_t> seq = s().append_event(amended, "t");
  ASSERT_TRUE(seq.has_value());
  r.store_amendment_event(route, *seq);
  r.store_route_end(route, RouteStatus::approved, day("2024-03-02"));
  EXPECT_EQ(r.amendment(route)->event, seq);
  EXPECT_FALSE(r.amendment_in_review(contract).has_value());  // its round ended
  s().rollback();
  s().begin();
  EXPECT_FALSE(r.amendment(route).has_value());
  s().commit();
}

TEST_P(ApprovalRecordsConformance, TheHistoryReadsBackInOrderWithItsRound) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  add_approvers();
  const std::int64_t first = r.insert_route(route_of(contract, 1));
  const std::int64_t second = r.insert_route(route_of(contract, 2));
  ApprovalHistoryEntry submitted;
  submitted.contract = contract;
  submitted.action = ApprovalAction::submitted;
  submitted.actor = "E1";
  submitted.comment = "请审批";
  submitted.on = day("2024-03-01");
  const std::int64_t a = r.insert_history(first, submitted);
  ApprovalHistoryEntry rerouted;
  rerouted.contract = contract;
  rerouted.step = 1;
  rerouted.action = ApprovalAction::rerouted;
  rerouted.on = day("2024-03-04");
  rerouted.reasons = {{"approval.note_general_manager", {{"employee", "A1"}}}, {"approval.note_escalated", {}}};
  rerouted.approvers = {"A1", "A2"};
  rerouted.round = 7;  // not stored: the route's round is read back
  const std::int64_t b = r.insert_history(second, rerouted);
  ApprovalHistoryEntry approved = submitted;
  approved.step = 1;
  approved.action = ApprovalAction::approved;
  approved.actor = "A3";
  approved.on_behalf_of = "A1";
  approved.comment.clear();
  approved.on = day("2024-03-05");
  const std::int64_t c = r.insert_history(second, approved);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);

  const std::optional<ApprovalHistoryEntry> entry = r.history_entry(b);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->round, 2);
  EXPECT_EQ(entry->step, 1);
  EXPECT_EQ(entry->action, ApprovalAction::rerouted);
  EXPECT_FALSE(entry->actor.has_value());
  EXPECT_EQ(entry->reasons, rerouted.reasons);
  EXPECT_EQ(entry->approvers, rerouted.approvers);
  EXPECT_FALSE(r.history_entry(c + 100).has_value());

  const std::vector<ApprovalHistoryEntry> all = r.history(contract);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].id, a);
  EXPECT_EQ(all[0].round, 1);
  EXPECT_EQ(all[0].comment, "请审批");
  EXPECT_FALSE(all[0].step.has_value());
  EXPECT_TRUE(all[0].reasons.empty());
  EXPECT_EQ(all[2].actor, "A3");
  EXPECT_EQ(all[2].on_behalf_of, "A1");
  EXPECT_EQ(all[2].on, day("2024-03-05"));
  s().rollback();
  s().begin();
  EXPECT_TRUE(r.history(contract).empty());
  s().commit();
}

TEST_P(ApprovalRecordsConformance, DelegationsCoverTheirWindow) {
  store::ApprovalRecords& r = records();
  s().begin();
  add_approvers();
  EXPECT_FALSE(r.delegation("A1", "A2", day("2024-03-01"), day("2024-03-31")).has_value());
  const Delegation march{0, "A1", "A2", day("2024-03-01"), day("2024-03-31")};
  const std::int64_t first = r.insert_delegation(march);
  const std::int64_t second = r.insert_delegation({0, "A3", "A2", day("2024-03-15"), day("2024-04-15")});
  const std::int64_t third = r.insert_delegation({0, "A2", "A1", day("2024-01-01"), day("2024-12-31")});
  EXPECT_EQ(r.delegation("A1", "A2", day("2024-03-01"), day("2024-03-31")),
            (Delegation{first, "A1", "A2", day("2024-03-01"), day("2024-03-31")}));
  EXPECT_FALSE(r.delegation("A1", "A2", day("2024-03-01"), day("2024-03-30")).has_value());  // exactly that window

  using Ids = std::vector<std::string>;
  EXPECT_EQ(r.delegators("A2", day("2024-02-29")), Ids{});
  EXPECT_EQ(r.delegators("A2", day("2024-03-01")), Ids{"A1"});  // both ends inclusive
  EXPECT_EQ(r.delegators("A2", day("2024-03-31")), (Ids{"A1", "A3"}));
  EXPECT_EQ(r.delegators("A2", day("2024-04-15")), Ids{"A3"});
  r.insert_delegation({0, "A1", "A2", day("2024-03-10"), day("2024-03-20")});
  EXPECT_EQ(r.delegators("A2", day("2024-03-15")), (Ids{"A1", "A3"}));  // each once

  auto ids = [&](const std::optional<std::string>& person) {
    std::vector<std::int64_t> out;
    for (const Delegation& d : r.delegations(person)) out.push_back(d.id);
    return out;
  };
  EXPECT_EQ(ids(std::string("A3")), (std::vector<std::int64_t>{second}));
  EXPECT_EQ(ids(std::string("A1")).front(), first);  // from or to, by id
  EXPECT_EQ(ids(std::string("A1")).size(), 3U);
  EXPECT_EQ(ids(std::nullopt).size(), 4U);
  EXPECT_TRUE(r.delete_delegation(third));
  EXPECT_FALSE(r.delete_delegation(third));
  EXPECT_EQ(ids(std::nullopt).size(), 3U);
  s().commit();

  s().begin();
  r.delete_delegation(first);
  s().rollback();
  s().begin();
  EXPECT_EQ(r.delegation("A1", "A2", day("2024-03-01"), day("2024-03-31"))->id, first);
  s().commit();
}

TEST_P(ApprovalRecordsConformance, InboxRowsAreTheOpenApprovalsOfTheCurrentStep) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  add_approvers();
  store::RouteRow route = route_of(contract, 1);
  route.current_step = 1;
  route.id = r.insert_route(route);
  r.insert_step(route.id, 1, step_spec(Approver::role("finance"), ApprovalMode::all(), 5, Approver::person("A3")));
  r.insert_step(route.id, 2, step_spec(Approver::person("A3"), ApprovalMode::any()));
  r.store_step_opened(route.id, 1, 2, day("2024-03-01"), day("2024-03-06"));
  r.insert_approver(route.id, 1, 1, {"A1", ApproverOrigin::route, day("2024-03-01"), std::nullopt, std::nullopt});
  r.insert_approver(route.id, 1, 2, {"A2", ApproverOrigin::route, day("2024-03-03"), std::nullopt, std::nullopt});
  r.insert_delegation({0, "A2", "A3", day("2024-03-01"), day("2024-03-31")});

  const std::vector<store::InboxRow> mine = r.waiting_for("A1", day("2024-03-02"));
  ASSERT_EQ(mine.size(), 1U);
  const store::InboxRow& row = mine[0];
  EXPECT_EQ(row.item.contract, contract);
  EXPECT_EQ(row.item.number, r.contract_brief(contract)->number);
  EXPECT_EQ(row.item.type, "sales");
  EXPECT_EQ(row.item.amount, Money::parse("1000.00", "CNY"));
  EXPECT_EQ(row.item.owner, "E1");
  EXPECT_EQ(row.item.submitter, "E1");
  EXPECT_EQ(row.item.round, 1);
  EXPECT_EQ(row.item.step, 1);
  EXPECT_EQ(row.item.steps, 2);
  EXPECT_EQ(row.item.approver, Approver::role("finance"));
  EXPECT_EQ(row.item.opened_on, day("2024-03-01"));
  EXPECT_EQ(row.item.due_on, day("2024-03-06"));
  EXPECT_FALSE(row.item.escalated);
  EXPECT_FALSE(row.item.amendment);
  EXPECT_FALSE(row.item.on_behalf_of.has_value());
  EXPECT_EQ(row.approver, "A1");
  EXPECT_EQ(row.route, route.id);
  EXPECT_FALSE(row.acted);

  EXPECT_TRUE(r.waiting_for("A2", day("2024-03-02")).empty());  // added later
  EXPECT_TRUE(r.waiting_for_delegators("A3", day("2024-03-02")).empty());
  const std::vector<store::InboxRow> delegated = r.waiting_for_delegators("A3", day("2024-03-03"));
  ASSERT_EQ(delegated.size(), 1U);
  EXPECT_EQ(delegated[0].approver, "A2");
  EXPECT_FALSE(delegated[0].acted);

  // A3 approves for A2: the row is gone, and A3 acted in the step.
  r.store_approval(route.id, 1, "A2", day("2024-03-04"), "A3");
  EXPECT_TRUE(r.waiting_for_delegators("A3", day("2024-03-04")).empty());
  r.insert_approver(route.id, 1, 3, {"A3", ApproverOrigin::escalation, day("2024-03-07"), std::nullopt, std::nullopt});
  r.store_step_escalated(route.id, 1, day("2024-03-07"));
  const std::vector<store::InboxRow> escalated = r.waiting_for("A3", day("2024-03-07"));
  ASSERT_EQ(escalated.size(), 1U);
  EXPECT_TRUE(escalated[0].acted);
  EXPECT_TRUE(escalated[0].item.escalated);

  r.store_current_step(route.id, 2);  // no longer the current step
  EXPECT_TRUE(r.waiting_for("A1", day("2024-03-07")).empty());
  s().commit();
}

TEST_P(ApprovalRecordsConformance, RoutedTypesAndOtherDomainsColumns) {
  const std::int64_t contract = backend_->contract("CNY");
  store::ApprovalRecords& r = records();
  s().begin();
  const std::vector<std::string> recorded = r.contract_editors(contract);
  const std::optional<store::ContractBrief> brief = r.contract_brief(contract);
  ASSERT_TRUE(brief.has_value());
  EXPECT_FALSE(brief->number.empty());
  EXPECT_EQ(brief->type, "sales");
  EXPECT_EQ(brief->owner, "E1");
  EXPECT_FALSE(r.contract_brief(contract + 1000).has_value());
  EXPECT_FALSE(r.voided_number(brief->number).has_value());
  EXPECT_FALSE(r.voided_number("NO-SUCH-NUMBER").has_value());

  EXPECT_FALSE(r.routed_type("sales"));
  const std::int64_t first = r.insert_route(route_of(contract, 1));
  const std::int64_t second = r.insert_route(route_of(contract, 2));
  r.insert_routed_type("sales", first);
  r.insert_routed_type("sales", second);  // kept as it was
  EXPECT_TRUE(r.routed_type("sales"));
  EXPECT_FALSE(r.routed_type("labour"));

  // Editors: the employees among the actors of its created and amended events.
  s().org().insert_employee({"A1", "审批人", std::nullopt, std::nullopt, std::nullopt});
  for (const char* actor : {"A1", "NOT-AN-EMPLOYEE", "A1"}) {
    store::NewEvent e;
    e.type = EventType::amended;
    e.contract = contract;
    e.effective = day("2024-03-02");
    e.actor = actor;
    ASSERT_TRUE(s().append_event(e, "t").has_value());
  }
  store::NewEvent paid;
  paid.type = EventType::payment_received;
  paid.contract = contract;
  paid.effective = day("2024-03-03");
  paid.actor = "E1";
  paid.amount = 100;
  ASSERT_TRUE(s().append_event(paid, "t").has_value());
  const std::vector<std::string> editors = r.contract_editors(contract);
  EXPECT_NE(std::find(editors.begin(), editors.end(), "A1"), editors.end());
  EXPECT_EQ(std::count(editors.begin(), editors.end(), "A1"), 1);
  EXPECT_EQ(std::find(editors.begin(), editors.end(), "NOT-AN-EMPLOYEE"), editors.end());
  EXPECT_TRUE(std::is_sorted(editors.begin(), editors.end()));

  r.store_contract_activated(contract, ContractStatus::active, day("2024-03-04"));
  EXPECT_EQ(r.contract_brief(contract), brief);  // the other columns stay
  s().rollback();
  s().begin();
  EXPECT_FALSE(r.routed_type("sales"));
  EXPECT_EQ(r.contract_editors(contract), recorded);
  s().commit();
}

TEST_P(ApprovalRecordsConformance, AnotherHandleSeesOnlyCommittedState) {
  const std::int64_t contract = backend_->contract("CNY");
  s(0).begin();
  add_approvers();
  const std::int64_t delegation = records(0).insert_delegation({0, "A1", "A2", day("2024-03-01"), day("2024-03-31")});
  const std::int64_t route = records(0).insert_route(route_of(contract, 1));
  records(0).store_current_table(DecisionTableKind::routing, "default", 1);
  EXPECT_TRUE(records(1).delegations(std::nullopt).empty());
  EXPECT_FALSE(records(1).route(route).has_value());
  s(0).commit();
  EXPECT_EQ(records(1).delegations(std::nullopt).front().id, delegation);
  EXPECT_EQ(records(1).latest_route(contract)->id, route);
}

PACTUM_CONFORMANCE_SUITE(ApprovalRecordsConformance);
