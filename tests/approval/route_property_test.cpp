// Laws of route instances under random sequences of actions by random
// people: the contract's status follows its route, the submitter and the
// owner are never approvers, current approvers and inboxes agree, every
// accepted action is one history entry and one event, and every refused
// action leaves the history and the log as they were.
#include <map>
#include <random>

#include "approval/route_support.hpp"

using namespace pactum;
using namespace pactum::test;

namespace {

const Ids kPeople = {"G1", "C1", "E1", "E2", "E3", "F1", "F2", "F3", "H1"};

std::size_t count_events(Database& db, std::int64_t contract, EventType type) {
  std::size_t n = 0;
  for (const Event& e : db.events(contract)) n += e.type == type ? 1 : 0;
  return n;
}

void check_laws(Database& db, const std::vector<Contract>& contracts, Date far) {
  for (const Contract& stored : contracts) {
    const Contract c = db.contract(stored.id);
    const auto step = db.current_step(c.id);
    const auto current = db.current_approvers(c.id);
    ASSERT_EQ(c.status == ContractStatus::pending_approval, step.has_value()) << c.number;
    if (!step) {
      ASSERT_TRUE(current.empty());
      continue;
    }
    const ApprovalRouteInstance route = db.approval_route(c.id);
    ASSERT_EQ(route.status, RouteStatus::in_review);
    ASSERT_EQ(route.current_step, step->number);
    ASSERT_LT(step->approvals, step->required);
    for (const std::string& id : current) {
      ASSERT_NE(id, route.submitter);
      ASSERT_NE(id, route.owner);
    }
    for (const std::string& person : kPeople) {
      bool own = false;
      for (const InboxItem& i : db.inbox(person, far)) {
        if (i.contract == c.id && !i.on_behalf_of) own = true;
      }
      const bool listed = std::find(current.begin(), current.end(), person) != current.end();
      ASSERT_EQ(own, listed) << person << " on " << c.number;
    }
  }
}

TEST(RoutePropertyTest, RandomActionsKeepTheLaws) {
  // What the random runs reached, so that the laws were checked on routes
  // that moved: accepted actions by kind, activations and escalations.
  std::map<std::string, int> reached;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937 rng(seed);
    Database db(":memory:");
    add_approval_company(db);
    db.load_routing(one_rule_table(
        "mixed", 1,
        R"([{"role": "dept_manager", "deadline_days": 2, "escalate_to": {"role": "chair"}},
            {"role": "finance", "mode": {"k": 2}}, {"role": "general_manager", "mode": "all"}])"));
    db.delegate("F1", "E3", day("2024-01-01"), day("2024-12-31"));
    std::vector<Contract> contracts;
    for (const char* owner : {"E1", "E2", "E3", "F2"}) contracts.push_back(route_contract(db, "30000.00", owner));
    Date on = day("2024-01-10");
    const Date far = day("2025-12-31");
    for (int round = 0; round < 300; ++round) {
      if (rng() % 5 == 0) on = on.add_days(1 + static_cast<int>(rng() % 3));
      if (rng() % 17 == 0) db.advance_to(on);
      const Contract& c = contracts[rng() % contracts.size()];
      const std::string by = kPeople[rng() % kPeople.size()];
      const std::size_t history_before = db.approval_history(c.id).size();
      const std::size_t log_before = db.events(c.id).size();
      const int action = static_cast<int>(rng() % 10);
      std::string done;
      try {
        if (action < 2) {
          db.submit(c.id, by, on);
          done = "submitted";
        } else if (action < 7) {
          db.approve(c.id, by, "ok", on);
          done = "approved";
        } else if (action == 7) {
          db.reject(c.id, by, "no", on);
          done = "rejected";
        } else if (action == 8) {
          db.send_back(c.id, by, "fix", on);
          done = "sent_back";
        } else {
          db.withdraw(c.id, by, "", on);
          done = "withdrawn";
        }
      } catch (const Error&) {
        ASSERT_EQ(db.approval_history(c.id).size(), history_before);
        ASSERT_EQ(db.events(c.id).size(), log_before);
      }
      if (!done.empty()) {
        ++reached[done];
        const auto history = db.approval_history(c.id);
        ASSERT_GT(history.size(), history_before);
        // The action's own entry comes first; a rerouting may follow it.
        ASSERT_EQ(approval_action_name(history[history_before].action), done);
        ASSERT_EQ(history[history_before].actor, by);
      }
      check_laws(db, contracts, far);
    }
    for (const Contract& c : contracts) {
      std::size_t approvals = 0;
      std::size_t escalations = 0;
      for (const ApprovalHistoryEntry& e : db.approval_history(c.id)) {
        approvals += e.action == ApprovalAction::approved ? 1 : 0;
        escalations += e.action == ApprovalAction::escalated ? 1 : 0;
      }
      EXPECT_EQ(approvals, count_events(db, c.id, EventType::approved));
      EXPECT_EQ(escalations, count_events(db, c.id, EventType::approval_escalated));
      reached["escalated"] += static_cast<int>(escalations);
      reached["active"] += db.contract(c.id).status == ContractStatus::active ? 1 : 0;
      EXPECT_EQ(db.contract(c.id).status == ContractStatus::active ? 1u : 0u,
                count_events(db, c.id, EventType::activated));
    }
  }
  for (const char* kind : {"submitted", "approved", "rejected", "sent_back", "withdrawn", "escalated", "active"}) {
    EXPECT_GT(reached[kind], 0) << kind;
  }
}

}  // namespace
