// The approval controls as pure rules, without a database: direct activation,
// which amendments re-enter the route, segregation of duties across rounds,
// one person one vote per step, and actors active when the action is
// recorded.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "pactum/approval/controls.hpp"

using namespace pactum;

namespace {

using Ids = std::vector<std::string>;

Date day(const char* iso) { return Date::parse(iso); }

// Everyone is employed from `hired` until `left` (exclusive), per id.
class DatedDirectory final : public ApproverDirectory {
 public:
  std::map<std::string, std::string> managers;
  std::map<std::string, Ids> roles;
  std::map<std::string, std::pair<Date, std::optional<Date>>> staff;

  std::optional<std::string> manager_of(const std::string& department, Date on) const override {
    auto it = managers.find(department);
    if (it == managers.end() || !employed(it->second, on)) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> parent_of(const std::string& department) const override {
    if (department == "HQ") return std::nullopt;
    return std::string("HQ");
  }
  Ids role_holders(const std::string& role, const std::optional<std::string>&, Date on) const override {
    Ids out;
    auto it = roles.find(role);
    if (it == roles.end()) return out;
    for (const std::string& e : it->second) {
      if (employed(e, on)) out.push_back(e);
    }
    return out;
  }
  bool employed(const std::string& employee, Date on) const override {
    auto it = staff.find(employee);
    if (it == staff.end()) return false;
    return it->second.first <= on && !(it->second.second && *it->second.second <= on);
  }
};

template <class Fn>
void expect_error(Fn&& fn, Errc code, const std::string& key) {
  try {
    fn();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_EQ(e.key(), key) << e.what();
  }
}

RoutingTable table(const std::string& inputs, const std::string& rules) {
  return RoutingTable::parse(R"({"id": "t", "version": 1, "hit_policy": "FIRST", "inputs": )" + inputs +
                             R"(, "rules": )" + rules + "}");
}

Contract sample() {
  Contract c;
  c.id = 1;
  c.number = "HT-2024-SD-0001";
  c.type = "sales";
  c.owner = "E2";
  c.department = "SD";
  c.status = ContractStatus::active;
  c.amount = Money::parse("1000.00", "CNY");
  c.reporting_amount = c.amount;
  c.attributes.emplace("risk", AttributeValue(std::string("low")));
  c.attributes.emplace("region", AttributeValue(std::string("east")));
  return c;
}

StepApprover seat(const char* employee, const char* added = "2024-01-10") {
  StepApprover a;
  a.employee = employee;
  a.added_on = day(added);
  return a;
}

// ---- Direct activation ------------------------------------------------------------

TEST(DirectActivationTest, NamesRoundTripAndOthersAreRefused) {
  EXPECT_STREQ(direct_activation_name(DirectActivation::refuse), "refuse");
  EXPECT_EQ(parse_direct_activation("allow"), DirectActivation::allow);
  expect_error([] { parse_direct_activation("yes"); }, Errc::invalid_argument, "approval.bad_direct_activation");
}

TEST(DirectActivationTest, AContractThatEnteredARouteIsActivatedOnlyByItsRouteWhateverTheSetting) {
  DirectActivationFacts f;
  f.contract = "HT-2024-SD-0001";
  f.type = "sales";
  f.round = 1;
  f.route_status = RouteStatus::sent_back;
  f.policy = DirectActivation::allow;
  expect_error([&] { check_direct_activation(f); }, Errc::invalid_state, "approval.activation_after_route");
}

TEST(DirectActivationTest, ATypeWithRoutingInUseIsRefusedUnlessTheSettingAllows) {
  DirectActivationFacts f;
  f.contract = "HT-2024-SD-0001";
  f.type = "sales";
  EXPECT_NO_THROW(check_direct_activation(f));  // routing not in use: hosts approving elsewhere
  f.routing_in_use = true;
  expect_error([&] { check_direct_activation(f); }, Errc::invalid_state, "approval.activation_routed_type");
  f.policy = DirectActivation::allow;
  EXPECT_NO_THROW(check_direct_activation(f));
}

TEST(DirectActivationTest, ATableRoutesTheTypesItsTypeTestsAccept) {
  const RoutingTable typed = table(R"([{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}])",
                                   R"([{"id": "s", "when": {"type": "\"sales\""}, "route": [{"role": "finance"}]}])");
  EXPECT_TRUE(table_routes_type(typed, "sales"));
  EXPECT_FALSE(table_routes_type(typed, "labour"));
  const RoutingTable negated = table(R"([{"name": "type", "type": "text"}])",
                                     R"J([{"id": "n", "when": {"type": "not(\"labour\")"}, "route": [{"role": "finance"}]}])J");
  EXPECT_TRUE(table_routes_type(negated, "sales"));
  EXPECT_FALSE(table_routes_type(negated, "labour"));
  // No type input: every type.
  EXPECT_TRUE(table_routes_type(RoutingTable::default_table(), "anything"));
}

// ---- Amendments -------------------------------------------------------------------------

TEST(AmendmentRoutingTest, TheInputsATableReadsAreTheOnesThatCount) {
  const RoutingTable t = table(
      R"([{"name": "amount", "type": "money"}, {"name": "key_account", "type": "boolean"},
          {"name": "risk", "type": "attribute", "default": "low"}])",
      R"([{"id": "all", "route": [{"role": "finance"}]}])");
  const Contract before = sample();
  Contract after = before;
  after.delivery_due = day("2024-06-30");
  after.counterparty = "另一家公司";
  after.attributes.insert_or_assign("region", AttributeValue(std::string("west")));  // not read
  EXPECT_TRUE(changed_routing_inputs(t, before, after).empty());
  after.amount = Money::parse("50000000.00", "CNY");
  after.reporting_amount = after.amount;
  after.key_account = true;
  after.attributes.insert_or_assign("risk", AttributeValue(std::string("high")));
  EXPECT_EQ(changed_routing_inputs(t, before, after), Ids({"amount", "key_account", "risk"}));
  // Removing an attribute the table reads is a change too.
  Contract removed = before;
  removed.attributes.erase("risk");
  EXPECT_EQ(changed_routing_inputs(t, before, removed), Ids({"risk"}));
}

TEST(AmendmentRoutingTest, AnAmountChangeCountsEvenWhenTheReportingAmountRoundsTheSame) {
  const RoutingTable t = RoutingTable::default_table();
  Contract before = sample();
  before.amount = Money::parse("100", "JPY");
  Contract after = before;
  after.amount = Money::parse("101", "JPY");  // the same reporting amount after rounding
  EXPECT_EQ(changed_routing_inputs(t, before, after), Ids({"amount"}));
}

TEST(AmendmentRoutingTest, ARoundIsNeededForAGovernedActiveContractWhoseInputsChange) {
  AmendmentRoutingFacts f;
  f.status = ContractStatus::active;
  f.changed_inputs = {"amount"};
  f.approved_by_route = true;
  EXPECT_TRUE(amendment_needs_round(f));
  f.status = ContractStatus::breached;
  EXPECT_TRUE(amendment_needs_round(f));
  // Drafts and rejected contracts are edited: their next submission routes them.
  f.status = ContractStatus::draft;
  EXPECT_FALSE(amendment_needs_round(f));
  f.status = ContractStatus::rejected;
  EXPECT_FALSE(amendment_needs_round(f));
  f.status = ContractStatus::active;
  f.changed_inputs.clear();
  EXPECT_FALSE(amendment_needs_round(f));
  // Activated outside Pactum: governed when routing is in use and direct
  // activation is refused.
  f.changed_inputs = {"key_account"};
  f.approved_by_route = false;
  EXPECT_FALSE(amendment_needs_round(f));
  f.routing_in_use = true;
  EXPECT_TRUE(amendment_needs_round(f));
  f.policy = DirectActivation::allow;
  EXPECT_FALSE(amendment_needs_round(f));
}

// ---- Deciding on a step -------------------------------------------------------------------

TEST(StepDecisionTest, SegregationHoldsAcrossRounds) {
  RouteParties p{"SD", "E3", "E2"};
  p.earlier_submitters = {"E4"};
  p.other_owners = {"E5"};
  p.editors = {"E6"};
  for (const char* e : {"E2", "E3", "E4", "E5", "E6"}) EXPECT_TRUE(p.excluded(e)) << e;
  EXPECT_FALSE(p.excluded("E1"));
  expect_error([&] { check_segregation(p, "E2", "X"); }, Errc::segregation, "approval.segregation_owner");
  expect_error([&] { check_segregation(p, "E3", "X"); }, Errc::segregation, "approval.segregation_submitter");
  expect_error([&] { check_segregation(p, "E4", "X"); }, Errc::segregation, "approval.segregation_earlier_submitter");
  expect_error([&] { check_segregation(p, "E5", "X"); }, Errc::segregation, "approval.segregation_owner");
  expect_error([&] { check_segregation(p, "E6", "X"); }, Errc::segregation, "approval.segregation_editor");
  EXPECT_NO_THROW(check_segregation(p, "E1", "X"));
}

TEST(StepDecisionTest, AnEarlierRoundsSubmitterIsLeftOutOfTheStepWithTheReason) {
  DatedDirectory dir;
  dir.managers = {{"SD", "E4"}, {"HQ", "G1"}};
  dir.staff = {{"E4", {day("2020-01-01"), std::nullopt}}, {"G1", {day("2020-01-01"), std::nullopt}}};
  RouteParties p{"SD", "E3", "E2"};
  p.earlier_submitters = {"E4"};
  RouteStep step;
  step.approver = Approver::role("dept_manager");
  const StepResolution r = resolve_step(step, p, day("2024-02-01"), dir);
  ASSERT_EQ(r.approvers.size(), 1u);
  EXPECT_EQ(r.approvers[0].employee, "G1");
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes[0].key, "approval.note_submitted_earlier");
  EXPECT_EQ(r.notes[0].message(Lang::en),
            "E4 submitted an earlier round of the contract and may not approve it (segregation of duties)");
}

TEST(StepDecisionTest, APersonCountsOncePerStepWhoeverTheyActFor) {
  StepDecisionFacts f;
  f.contract = "HT-2024-SD-0001";
  f.step = 2;
  f.approvers = {seat("F1"), seat("F2"), seat("F3")};
  f.delegators = {"F2"};
  // F1 approves for themselves, then acts as F2's delegate: refused.
  f.approvers[0].approved_on = day("2024-01-11");
  f.approvers[0].approved_by = "F1";
  expect_error([&] { decision_principal(f, "F1", std::string("F2"), day("2024-01-12"), "approve"); }, Errc::conflict,
               "approval.counted_once");
  expect_error([&] { decision_principal(f, "F1", std::nullopt, day("2024-01-12"), "approve"); }, Errc::conflict,
               "approval.already_approved");
  // E9 acted for F3: no second vote, for themselves or anyone.
  f.approvers[0].approved_on.reset();
  f.approvers[0].approved_by.reset();
  f.approvers[2].approved_on = day("2024-01-11");
  f.approvers[2].approved_by = "E9";
  f.delegators = {"F1", "F2"};
  expect_error([&] { decision_principal(f, "E9", std::nullopt, day("2024-01-12"), "approve"); }, Errc::conflict,
               "approval.counted_once");
  expect_error([&] { decision_principal(f, "E9", std::string("F1"), day("2024-01-12"), "reject"); }, Errc::conflict,
               "approval.counted_once");
  // Someone who has not acted: their own seat first, then a delegator's.
  EXPECT_EQ(decision_principal(f, "F1", std::nullopt, day("2024-01-12"), "approve"), "F1");
  EXPECT_EQ(decision_principal(f, "E8", std::nullopt, day("2024-01-12"), "approve"), "F1");
  EXPECT_EQ(decision_principal(f, "E8", std::string("F2"), day("2024-01-12"), "approve"), "F2");
  f.delegators.clear();
  expect_error([&] { decision_principal(f, "E8", std::nullopt, day("2024-01-12"), "approve"); }, Errc::not_approver,
               "approval.not_an_approver");
}

TEST(StepDecisionTest, AnActorMustBeActiveWhenTheActionIsDatedAndWhenItIsRecorded) {
  DatedDirectory dir;
  dir.staff = {{"E1", {day("2020-01-01"), day("2024-02-01")}}};
  EXPECT_NO_THROW(require_active(dir, "E1", day("2024-01-31"), day("2024-01-31")));
  expect_error([&] { require_active(dir, "E1", day("2024-02-02"), day("2024-02-02")); }, Errc::invalid_state,
               "org.not_employed");
  // Back-dated after leaving: employed on the action's date, gone when recorded.
  expect_error([&] { require_active(dir, "E1", day("2024-01-31"), day("2024-02-10")); }, Errc::invalid_state,
               "approval.not_employed_when_recorded");
}

TEST(StepDecisionTest, ApproversOfABackDatedStepAreActiveWhenItIsRecorded) {
  DatedDirectory dir;
  dir.managers = {{"SD", "E1"}, {"HQ", "G1"}};
  dir.roles = {{"finance", {"F1", "F2"}}, {"general_manager", {"G1"}}};
  dir.staff = {{"E1", {day("2020-01-01"), day("2024-02-01")}},
               {"F1", {day("2020-01-01"), day("2024-02-01")}},
               {"F2", {day("2020-01-01"), std::nullopt}},
               {"G1", {day("2020-01-01"), std::nullopt}}};
  const ActiveWhenRecorded active(dir, day("2024-03-01"));
  EXPECT_EQ(dir.manager_of("SD", day("2024-01-15")), "E1");
  EXPECT_EQ(active.manager_of("SD", day("2024-01-15")), std::nullopt);
  EXPECT_EQ(active.role_holders("finance", std::nullopt, day("2024-01-15")), Ids({"F2"}));
  EXPECT_FALSE(active.employed("E1", day("2024-01-15")));
  EXPECT_TRUE(active.employed("G1", day("2024-01-15")));
  RouteStep step;
  step.approver = Approver::role("dept_manager");
  const StepResolution r = resolve_step(step, RouteParties{"SD", "E2", "E2"}, day("2024-01-15"), active);
  ASSERT_EQ(r.approvers.size(), 1u);
  EXPECT_EQ(r.approvers[0].employee, "G1");  // the leaver's step goes up
}

TEST(RoundRulesTest, RoundsAndAmendmentsRefuseWhatTheirFactsForbid) {
  const Date feb = Date::parse("2024-02-01");
  EXPECT_NO_THROW(require_round_after_previous("HT-1", feb, std::nullopt));
  EXPECT_NO_THROW(require_round_after_previous("HT-1", feb, feb));
  EXPECT_THROW(require_round_after_previous("HT-1", feb, Date::parse("2024-02-02")), ValidationError);

  EXPECT_NO_THROW(require_no_pending_amendment("HT-1", std::nullopt));
  EXPECT_THROW(require_no_pending_amendment("HT-1", PendingAmendment{2, feb}), StateError);

  EXPECT_NO_THROW(require_amendment_submitter("HT-1", std::string("E1"), {"amount"}));
  try {
    require_amendment_submitter("HT-1", std::nullopt, {"amount", "department"});
    ADD_FAILURE() << "no submitter accepted";
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("amount, department"), std::string::npos) << e.what();
  }

  EXPECT_NO_THROW(require_amendment_applicable("HT-1", ContractStatus::active, 2));
  EXPECT_NO_THROW(require_amendment_applicable("HT-1", ContractStatus::breached, 2));
  EXPECT_THROW(require_amendment_applicable("HT-1", ContractStatus::terminated, 2), StateError);
  EXPECT_THROW(require_amendment_applicable("HT-1", ContractStatus::expired, 2), StateError);
}

}  // namespace
