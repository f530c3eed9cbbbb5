// Approver resolution as pure logic, against an in-memory directory: role
// holders, department managers and named people as of a date, segregation
// of duties, rerouting up the tree, modes and escalation targets.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "pactum/approval/approval.hpp"

using namespace pactum;

namespace {

using Ids = std::vector<std::string>;

Date day(const char* iso) { return Date::parse(iso); }

// A directory of maps; everyone listed in `employed` is employed on every date.
class MapDirectory final : public ApproverDirectory {
 public:
  std::map<std::string, std::string> managers;
  std::map<std::string, std::string> parents;
  std::map<std::pair<std::string, std::string>, Ids> roles;  // (role, department or "") -> holders
  std::set<std::string> employed_ids;
  mutable int parent_lookups = 0;

  std::optional<std::string> manager_of(const std::string& department, Date on) const override {
    auto it = managers.find(department);
    if (it == managers.end() || !employed(it->second, on)) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> parent_of(const std::string& department) const override {
    ++parent_lookups;
    auto it = parents.find(department);
    if (it == parents.end()) return std::nullopt;
    return it->second;
  }
  Ids role_holders(const std::string& role, const std::optional<std::string>& department, Date) const override {
    if (department) {
      auto own = roles.find({role, *department});
      if (own != roles.end() && !own->second.empty()) return own->second;
    }
    auto all = roles.find({role, ""});
    return all == roles.end() ? Ids{} : all->second;
  }
  bool employed(const std::string& employee, Date) const override { return employed_ids.count(employee) > 0; }
};

Ids ids(const StepResolution& r) {
  Ids out;
  for (const ResolvedApprover& a : r.approvers) out.push_back(a.employee);
  return out;
}

std::vector<std::string> keys(const std::vector<ApprovalNote>& notes) {
  std::vector<std::string> out;
  for (const ApprovalNote& n : notes) out.push_back(n.key);
  return out;
}

class RouteResolutionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.managers = {{"HQ", "G1"}, {"SD", "E1"}, {"SD-N", "N1"}};
    dir.parents = {{"SD", "HQ"}, {"SD-N", "SD"}};
    dir.roles[{"finance", ""}] = {"F1", "F2", "F3"};
    dir.roles[{"finance", "SD-N"}] = {"NF"};
    dir.roles[{"general_manager", ""}] = {"G1"};
    dir.employed_ids = {"G1", "E1", "E2", "N1", "N2", "F1", "F2", "F3", "NF", "P1"};
  }

  RouteStep step(Approver a, ApprovalMode mode = ApprovalMode::any()) {
    RouteStep s;
    s.approver = std::move(a);
    s.mode = mode;
    return s;
  }

  MapDirectory dir;
  const Date on = day("2024-01-10");
};

TEST_F(RouteResolutionTest, TheDepartmentsOwnRoleHolderWinsOverTheCompanyWideOnes) {
  EXPECT_EQ(ids(resolve_step(step(Approver::role("finance")), {"SD-N", "N2", "N2"}, on, dir)), Ids({"NF"}));
  EXPECT_EQ(ids(resolve_step(step(Approver::role("finance")), {"SD", "E2", "E2"}, on, dir)), Ids({"F1", "F2", "F3"}));
}

TEST_F(RouteResolutionTest, ModesFixTheApprovalsRequired) {
  const RouteParties p{"SD", "E2", "E2"};
  EXPECT_EQ(resolve_step(step(Approver::role("finance")), p, on, dir).required, 1);
  EXPECT_EQ(resolve_step(step(Approver::role("finance"), ApprovalMode::all()), p, on, dir).required, 3);
  EXPECT_EQ(resolve_step(step(Approver::role("finance"), ApprovalMode::k_of(2)), p, on, dir).required, 2);
}

TEST_F(RouteResolutionTest, TheOwnerIsLeftOutAndTheStepGoesUpOneLevelAtATime) {
  // N1 manages SD-N and owns the contract: SD's manager E1 takes the step.
  const StepResolution r = resolve_step(step(Approver::role("dept_manager")), {"SD-N", "N2", "N1"}, on, dir);
  EXPECT_EQ(ids(r), Ids({"E1"}));
  EXPECT_EQ(r.approvers[0].origin, ApproverOrigin::rerouted);
  EXPECT_EQ(keys(r.notes), std::vector<std::string>({"approval.note_is_owner", "approval.note_parent_manager"}));
  // E1 submitted it too: HQ's manager.
  EXPECT_EQ(ids(resolve_step(step(Approver::role("dept_manager")), {"SD-N", "E1", "N1"}, on, dir)), Ids({"G1"}));
}

TEST_F(RouteResolutionTest, NobodyHoldingTheRoleGoesUpLikeSegregation) {
  const StepResolution r = resolve_step(step(Approver::role("legal")), {"SD-N", "N2", "N2"}, on, dir);
  EXPECT_EQ(ids(r), Ids({"E1"}));
  EXPECT_EQ(keys(r.notes), std::vector<std::string>({"approval.note_no_holder", "approval.note_parent_manager"}));
  EXPECT_EQ(r.notes[0].message(), "nobody holds the role legal on 2024-01-10");
}

TEST_F(RouteResolutionTest, APersonNotEmployedGoesUp) {
  const StepResolution r = resolve_step(step(Approver::person("GONE")), {"SD", "E2", "E2"}, on, dir);
  EXPECT_EQ(ids(r), Ids({"G1"}));
  EXPECT_EQ(r.notes[0].message(Lang::en), "GONE is not employed on 2024-01-10");
  EXPECT_EQ(ids(resolve_step(step(Approver::person("P1")), {"SD", "E2", "E2"}, on, dir)), Ids({"P1"}));
}

TEST_F(RouteResolutionTest, AtTheTopTheGeneralManagerApproves) {
  dir.managers.erase("HQ");
  const StepResolution r = resolve_step(step(Approver::role("dept_manager")), {"SD", "E1", "E2"}, on, dir);
  EXPECT_EQ(ids(r), Ids({"G1"}));
  EXPECT_EQ(keys(r.notes), std::vector<std::string>({"approval.note_is_submitter", "approval.note_general_manager"}));
}

TEST_F(RouteResolutionTest, AStepNobodyCanApproveIsIncomplete) {
  const StepResolution r = resolve_step(step(Approver::role("dept_manager")), {"HQ", "G1", "G1"}, on, dir);
  EXPECT_FALSE(r.complete());
  EXPECT_TRUE(r.approvers.empty());
  const StepResolution k = resolve_step(step(Approver::role("finance"), ApprovalMode::k_of(5)), {"SD", "E2", "E2"}, on, dir);
  EXPECT_FALSE(k.complete());  // F1, F2, F3, then HQ's manager G1: 4 of 5
  EXPECT_EQ(ids(k), Ids({"F1", "F2", "F3", "G1"}));
}

TEST_F(RouteResolutionTest, AllModeCountsTheApproversLeftAfterSegregation) {
  const StepResolution r =
      resolve_step(step(Approver::role("finance"), ApprovalMode::all()), {"SD", "F2", "E2"}, on, dir);
  EXPECT_EQ(ids(r), Ids({"F1", "F3"}));
  EXPECT_EQ(r.required, 2);
  EXPECT_TRUE(r.notes.empty());
}

TEST_F(RouteResolutionTest, AnEscalationAddsNewPeopleOnly) {
  const RouteParties p{"SD", "E2", "E2"};
  EscalationResolution e = resolve_escalation(Approver::role("finance"), p, {"F1"}, on, dir);
  EXPECT_EQ(e.added, Ids({"F2", "F3"}));
  EXPECT_TRUE(e.notes.empty());
  e = resolve_escalation(Approver::person("E1"), p, {"E1"}, on, dir);
  EXPECT_TRUE(e.added.empty());
  EXPECT_EQ(keys(e.notes), std::vector<std::string>({"approval.note_already_approvers"}));
  // The owner as target: up the tree instead.
  e = resolve_escalation(Approver::person("E2"), p, {"E1"}, on, dir);
  EXPECT_EQ(e.added, Ids({"G1"}));
  EXPECT_EQ(keys(e.notes), std::vector<std::string>({"approval.note_is_owner", "approval.note_parent_manager"}));
}

TEST_F(RouteResolutionTest, ACyclicDepartmentTreeDoesNotLoopForever) {
  dir.parents = {{"SD", "HQ"}, {"HQ", "SD"}};
  dir.managers = {};
  dir.roles.erase({"general_manager", ""});
  const StepResolution r = resolve_step(step(Approver::role("dept_manager")), {"SD", "E2", "E2"}, on, dir);
  EXPECT_FALSE(r.complete());
  EXPECT_LT(dir.parent_lookups, 20000);
}

TEST(ApprovalWordsTest, NamesRoundTrip) {
  for (auto s : {RouteStatus::in_review, RouteStatus::approved, RouteStatus::rejected, RouteStatus::sent_back,
                 RouteStatus::withdrawn}) {
    EXPECT_EQ(parse_route_status(route_status_name(s)), s);
  }
  for (auto a : {ApprovalAction::submitted, ApprovalAction::approved, ApprovalAction::rejected,
                 ApprovalAction::sent_back, ApprovalAction::withdrawn, ApprovalAction::rerouted,
                 ApprovalAction::escalated}) {
    EXPECT_EQ(parse_approval_action(approval_action_name(a)), a);
  }
  EXPECT_THROW(parse_route_status("open"), ValidationError);
  EXPECT_THROW(parse_approval_action("vetoed"), ValidationError);
}

TEST(ApprovalWordsTest, CommentsAllowLineBreaksButNoOtherControls) {
  EXPECT_NO_THROW(validate_comment(""));
  EXPECT_NO_THROW(validate_comment("一\r\n二\t三"));
  EXPECT_THROW(validate_comment("a\x1b" "b"), ValidationError);
  EXPECT_THROW(validate_comment("a\x7f"), ValidationError);
  EXPECT_THROW(validate_comment("a\xC2\x85"), ValidationError);  // U+0085, a C1 control
  EXPECT_NO_THROW(validate_comment("\xC2\xA0ok"));               // U+00A0 is text
  EXPECT_NO_THROW(validate_comment(std::string(kMaxCommentLength, 'x')));
  EXPECT_THROW(validate_comment(std::string(kMaxCommentLength + 1, 'x')), ValidationError);
}

}  // namespace
