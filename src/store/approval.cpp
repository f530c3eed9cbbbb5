// Approval route instances in SQLite: submission (the routing table is
// evaluated and the route stored with its audit), step by step approval with
// approver resolution through the org directory, rejection, sending back,
// withdrawal, delegation windows, escalation by the clock, and the queries
// (current step and approvers, history, inboxes). docs/approval.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

#include "approval_internal.hpp"
#include "contracts_internal.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/controls.hpp"
#include "pactum/approval/payloads.hpp"
#include "pactum/approval/route_machine.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace store {

namespace {

using ordered_json = nlohmann::ordered_json;

// ---- The org directory as approver resolution reads it ------------------------------

class StoreDirectory final : public ApproverDirectory {
 public:
  StoreDirectory(const Database& db, Database::Impl& impl) : db_(db), impl_(impl) {}

  std::optional<std::string> manager_of(const std::string& department, Date on) const override {
    std::optional<std::string> manager = db_.department(department, on).manager;
    if (manager && !employed(*manager, on)) return std::nullopt;
    return manager;
  }

  std::optional<std::string> parent_of(const std::string& department) const override {
    auto st = impl_.statement("SELECT parent FROM departments WHERE code = ?");
    st->bind(1, department);
    if (!st->executeStep()) return std::nullopt;
    return optional_text(st->getColumn(0));
  }

  std::vector<std::string> role_holders(const std::string& role, const std::optional<std::string>& department,
                                        Date on) const override {
    return db_.role_holders(role, department, on);
  }

  bool employed(const std::string& employee, Date on) const override {
    auto st = impl_.statement("SELECT hired, left_on FROM employees WHERE id = ?");
    st->bind(1, employee);
    if (!st->executeStep()) return false;
    return employed_on(optional_date(st->getColumn(0)), optional_date(st->getColumn(1)), on);
  }

 private:
  const Database& db_;
  Database::Impl& impl_;
};

// ---- Rows ------------------------------------------------------------------------------

struct RouteRow {
  std::int64_t id = 0;
  std::int64_t contract = 0;
  int round = 1;
  std::string table_id;
  int table_version = 0;
  std::string hit_policy;
  std::string matched_rules;  // JSON array
  std::string inputs;         // JSON array of {"name","type","value"}
  std::string submitter;
  std::string owner;
  std::string department;
  Date submitted_on;
  RouteStatus status = RouteStatus::in_review;
  std::optional<int> current_step;
  int steps = 1;
  Date last_action_on;
  std::optional<Date> ended_on;

};

#define PACTUM_ROUTE_COLUMNS                                                                                  \
  "SELECT id, contract, round, table_id, table_version, hit_policy, matched_rules, inputs, submitter, owner, " \
  "department, submitted_on, status, current_step, steps, last_action_on, ended_on FROM approval_routes "

RouteRow route_from_row(SQLite::Statement& st) {
  RouteRow r;
  r.id = st.getColumn(0).getInt64();
  r.contract = st.getColumn(1).getInt64();
  r.round = st.getColumn(2).getInt();
  r.table_id = st.getColumn(3).getString();
  r.table_version = st.getColumn(4).getInt();
  r.hit_policy = st.getColumn(5).getString();
  r.matched_rules = st.getColumn(6).getString();
  r.inputs = st.getColumn(7).getString();
  r.submitter = st.getColumn(8).getString();
  r.owner = st.getColumn(9).getString();
  r.department = st.getColumn(10).getString();
  r.submitted_on = Date::parse(st.getColumn(11).getString());
  r.status = parse_route_status(st.getColumn(12).getString());
  if (!st.getColumn(13).isNull()) r.current_step = st.getColumn(13).getInt();
  r.steps = st.getColumn(14).getInt();
  r.last_action_on = Date::parse(st.getColumn(15).getString());
  r.ended_on = optional_date(st.getColumn(16));
  return r;
}

// The contract's latest route (its last submission), if it was ever submitted.
std::optional<RouteRow> latest_route(Database::Impl& impl, std::int64_t contract) {
  auto st = impl.statement(PACTUM_ROUTE_COLUMNS "WHERE contract = ? ORDER BY round DESC LIMIT 1");
  st->bind(1, static_cast<std::int64_t>(contract));
  if (!st->executeStep()) return std::nullopt;
  return route_from_row(*st);
}

// Everyone segregation of duties keeps out of `route` (docs/approval.md,
// "Segregation of duties"): its submitter and owner, the submitters and
// owners of the contract's other rounds, its current owner, and the employees
// who recorded or amended its terms. `route.id` 0 is a round not stored yet.
RouteParties load_parties(Database::Impl& impl, const RouteRow& route) {
  RouteParties p{route.department, route.submitter, route.owner, {}, {}, {}};
  auto add = [](std::vector<std::string>& list, const std::string& employee, const RouteParties& so_far) {
    if (employee == so_far.submitter || employee == so_far.owner) return;
    if (std::find(list.begin(), list.end(), employee) == list.end()) list.push_back(employee);
  };
  {
    auto st = impl.statement("SELECT submitter, owner FROM approval_routes WHERE contract = ? AND id <> ? ORDER BY id");
    st->bind(1, static_cast<std::int64_t>(route.contract));
    st->bind(2, static_cast<std::int64_t>(route.id));
    while (st->executeStep()) {
      add(p.earlier_submitters, st->getColumn(0).getString(), p);
      add(p.other_owners, st->getColumn(1).getString(), p);
    }
  }
  {
    auto st = impl.statement("SELECT owner FROM contracts WHERE id = ?");
    st->bind(1, static_cast<std::int64_t>(route.contract));
    if (st->executeStep()) add(p.other_owners, st->getColumn(0).getString(), p);
  }
  {
    // The actors of the created and amended events who are employees.
    auto st = impl.statement(
        "SELECT DISTINCT e.actor FROM events e JOIN employees m ON m.id = e.actor "
        "WHERE e.contract = ? AND e.type IN (1, 9) ORDER BY e.actor");
    st->bind(1, static_cast<std::int64_t>(route.contract));
    while (st->executeStep()) add(p.editors, st->getColumn(0).getString(), p);
  }
  return p;
}

// What the route state machine reads of a route of `contract`.
RouteMachineState machine_state(const RouteRow& r, const ContractRow& contract, bool amendment) {
  RouteMachineState m;
  m.contract = contract.number;
  m.contract_status = contract.status;
  m.status = r.status;
  m.current_step = r.current_step;
  m.steps = r.steps;
  m.round = r.round;
  m.submitter = r.submitter;
  m.last_action_on = r.last_action_on;
  m.ended_on = r.ended_on;
  m.amendment = amendment;
  return m;
}

// The route in review (pactum/approval/route_machine.hpp, require_open_route).
RouteRow open_route(Database::Impl& impl, const ContractRow& contract) {
  std::optional<RouteRow> r = latest_route(impl, contract.id);
  std::optional<RouteMachineState> state;
  if (r) state = machine_state(*r, contract, false);
  require_open_route(state, contract.number, contract.status);
  return *r;
}

struct StepRow {
  int number = 1;
  RouteStep spec;
  int required = 0;
  int approvals = 0;
  std::optional<Date> opened_on;
  std::optional<Date> due_on;
  std::optional<Date> escalated_on;
  std::optional<Date> closed_on;
};

#define PACTUM_STEP_COLUMNS                                                                                   \
  "SELECT step, approver_kind, approver, mode, k, deadline_days, escalate_kind, escalate_to, required, "     \
  "approvals, opened_on, due_on, escalated_on, closed_on FROM approval_steps "

Approver approver_of(const std::string& kind, const std::string& name) {
  return kind == "person" ? Approver::person(name) : Approver::role(name);
}

StepRow step_from_row(SQLite::Statement& st) {
  StepRow s;
  s.number = st.getColumn(0).getInt();
  s.spec.approver = approver_of(st.getColumn(1).getString(), st.getColumn(2).getString());
  const std::string mode = st.getColumn(3).getString();
  const int k = st.getColumn(4).getInt();
  s.spec.mode = mode == "all" ? ApprovalMode::all() : mode == "k_of_n" ? ApprovalMode{ApprovalMode::Kind::k_of_n, k}
                                                                       : ApprovalMode::any();
  if (!st.getColumn(5).isNull()) s.spec.deadline_days = st.getColumn(5).getInt();
  if (!st.getColumn(6).isNull()) s.spec.escalate_to = approver_of(st.getColumn(6).getString(), st.getColumn(7).getString());
  s.required = st.getColumn(8).getInt();
  s.approvals = st.getColumn(9).getInt();
  s.opened_on = optional_date(st.getColumn(10));
  s.due_on = optional_date(st.getColumn(11));
  s.escalated_on = optional_date(st.getColumn(12));
  s.closed_on = optional_date(st.getColumn(13));
  return s;
}

StepRow load_step(Database::Impl& impl, std::int64_t route, int step) {
  auto st = impl.statement(PACTUM_STEP_COLUMNS "WHERE route = ? AND step = ?");
  st->bind(1, static_cast<std::int64_t>(route));
  st->bind(2, step);
  if (!st->executeStep()) raise(Errc::internal, "core.internal", {{"detail", "approval step missing"}});
  return step_from_row(*st);
}

std::vector<StepRow> load_steps(Database::Impl& impl, std::int64_t route) {
  auto st = impl.statement(PACTUM_STEP_COLUMNS "WHERE route = ? ORDER BY step");
  st->bind(1, static_cast<std::int64_t>(route));
  std::vector<StepRow> out;
  while (st->executeStep()) out.push_back(step_from_row(*st));
  return out;
}

std::vector<StepApprover> load_approvers(Database::Impl& impl, std::int64_t route, int step) {
  auto st = impl.statement(
      "SELECT employee, origin, added_on, approved_on, approved_by FROM approval_approvers "
      "WHERE route = ? AND step = ? ORDER BY position");
  st->bind(1, static_cast<std::int64_t>(route));
  st->bind(2, step);
  std::vector<StepApprover> out;
  while (st->executeStep()) {
    StepApprover a;
    a.employee = st->getColumn(0).getString();
    const std::string origin = st->getColumn(1).getString();
    a.origin = origin == "rerouted" ? ApproverOrigin::rerouted
               : origin == "escalation" ? ApproverOrigin::escalation
                                        : ApproverOrigin::route;
    a.added_on = Date::parse(st->getColumn(2).getString());
    a.approved_on = optional_date(st->getColumn(3));
    a.approved_by = optional_text(st->getColumn(4));
    out.push_back(std::move(a));
  }
  return out;
}

ApprovalStepState step_state(Database::Impl& impl, std::int64_t route, const StepRow& s) {
  ApprovalStepState out;
  out.number = s.number;
  out.step = s.spec;
  out.required = s.required;
  out.approvals = s.approvals;
  out.opened_on = s.opened_on;
  out.due_on = s.due_on;
  out.escalated_on = s.escalated_on;
  out.closed_on = s.closed_on;
  if (s.opened_on) out.approvers = load_approvers(impl, route, s.number);
  return out;
}

std::string contract_number(Database::Impl& impl, std::int64_t contract) {
  auto st = impl.statement("SELECT number FROM contracts WHERE id = ?");
  st->bind(1, static_cast<std::int64_t>(contract));
  if (!st->executeStep()) refuse_unknown_contract(std::to_string(contract));
  return st->getColumn(0).getString();
}

// The change an amendment round carries (approval_amendments).
struct AmendmentRow {
  std::string reason;
  std::string changes;  // the Amendment document (json::amendment_to_json)
  std::string diff;     // the amended event's payload
  std::string inputs;   // JSON array of the routing inputs it touches
  std::string proposed_by;
  std::optional<std::int64_t> event;
};

std::optional<AmendmentRow> load_amendment(Database::Impl& impl, std::int64_t route) {
  auto st = impl.statement(
      "SELECT reason, changes, diff, inputs, proposed_by, event FROM approval_amendments WHERE route = ?");
  st->bind(1, static_cast<std::int64_t>(route));
  if (!st->executeStep()) return std::nullopt;
  return AmendmentRow{st->getColumn(0).getString(), st->getColumn(1).getString(), st->getColumn(2).getString(),
                      st->getColumn(3).getString(), st->getColumn(4).getString(), optional_int(st->getColumn(5))};
}

ApprovalRouteInstance route_instance(Database::Impl& impl, const RouteRow& r) {
  ApprovalRouteInstance out;
  out.contract = r.contract;
  out.number = contract_number(impl, r.contract);
  out.round = r.round;
  out.status = r.status;
  out.submitter = r.submitter;
  out.owner = r.owner;
  out.department = r.department;
  out.submitted_on = r.submitted_on;
  out.ended_on = r.ended_on;
  out.current_step = r.current_step;
  out.audit.table_id = r.table_id;
  out.audit.table_version = r.table_version;
  out.audit.hit_policy = parse_hit_policy(r.hit_policy);
  for (const auto& rule : nlohmann::json::parse(r.matched_rules)) out.audit.matched_rules.push_back(rule.get<std::string>());
  for (const auto& input : nlohmann::json::parse(r.inputs)) {
    out.audit.inputs.push_back({input.at("name").get<std::string>(),
                                parse_routing_input_type(input.at("type").get<std::string>()),
                                input.at("value").get<std::string>()});
  }
  for (const StepRow& s : load_steps(impl, r.id)) out.steps.push_back(step_state(impl, r.id, s));
  if (std::optional<AmendmentRow> a = load_amendment(impl, r.id)) {
    RouteAmendment amendment;
    amendment.reason = a->reason;
    amendment.changes = a->diff;
    for (const auto& name : nlohmann::json::parse(a->inputs)) amendment.inputs.push_back(name.get<std::string>());
    amendment.event = a->event;
    out.amendment = std::move(amendment);
  }
  return out;
}

// ---- History ---------------------------------------------------------------------------

std::string notes_to_json(const std::vector<ApprovalNote>& notes) {
  ordered_json list = ordered_json::array();
  for (const ApprovalNote& n : notes) {
    ordered_json args = ordered_json::array();
    for (const auto& [name, value] : n.args) args.push_back(ordered_json::array({name, value}));
    list.push_back(ordered_json{{"key", n.key}, {"args", std::move(args)}});
  }
  return list.dump();
}

std::vector<ApprovalNote> notes_from_json(const std::string& text) {
  std::vector<ApprovalNote> out;
  for (const auto& item : nlohmann::json::parse(text)) {
    ApprovalNote n;
    n.key = item.at("key").get<std::string>();
    for (const auto& pair : item.at("args")) n.args.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    out.push_back(std::move(n));
  }
  return out;
}

struct NewEntry {
  std::int64_t route = 0;
  std::int64_t contract = 0;
  std::optional<int> step;
  ApprovalAction action = ApprovalAction::submitted;
  std::optional<std::string> actor;
  std::optional<std::string> on_behalf_of;
  std::string comment;
  Date on;
  std::vector<ApprovalNote> reasons;
  std::vector<std::string> approvers;
  std::optional<std::int64_t> event;
};

// The history entry of an action by `by` on the route (the event it appended).
NewEntry action_entry(const RouteRow& route, std::optional<int> step, ApprovalAction action, const std::string& by,
                      const std::string& comment, Date on, const Event& event) {
  NewEntry e;
  e.route = route.id;
  e.contract = route.contract;
  e.step = step;
  e.action = action;
  e.actor = by;
  e.comment = comment;
  e.on = on;
  e.event = event.seq;
  return e;
}

std::int64_t add_history(Database::Impl& impl, const NewEntry& e) {
  auto st = impl.statement(
      "INSERT INTO approval_history(route, contract, step, action, actor, on_behalf_of, comment, effective, reasons, "
      "approvers, event) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st->bind(1, static_cast<std::int64_t>(e.route));
  st->bind(2, static_cast<std::int64_t>(e.contract));
  if (e.step) {
    st->bind(3, *e.step);
  } else {
    st->bind(3);
  }
  st->bind(4, approval_action_name(e.action));
  bind_optional(*st, 5, e.actor);
  bind_optional(*st, 6, e.on_behalf_of);
  st->bind(7, e.comment);
  st->bind(8, e.on.to_string());
  if (e.reasons.empty()) {
    st->bind(9);
  } else {
    st->bind(9, notes_to_json(e.reasons));
  }
  if (e.approvers.empty()) {
    st->bind(10);
  } else {
    st->bind(10, nlohmann::json(e.approvers).dump());
  }
  bind_optional(*st, 11, e.event);
  st->exec();
  return impl.db.getLastInsertRowid();
}

#define PACTUM_HISTORY_COLUMNS                                                                              \
  "SELECT h.id, h.contract, r.round, h.step, h.action, h.actor, h.on_behalf_of, h.comment, h.effective, " \
  "h.reasons, h.approvers, h.event FROM approval_history h JOIN approval_routes r ON r.id = h.route "

ApprovalHistoryEntry entry_from_row(SQLite::Statement& st) {
  ApprovalHistoryEntry e;
  e.id = st.getColumn(0).getInt64();
  e.contract = st.getColumn(1).getInt64();
  e.round = st.getColumn(2).getInt();
  if (!st.getColumn(3).isNull()) e.step = st.getColumn(3).getInt();
  e.action = parse_approval_action(st.getColumn(4).getString());
  e.actor = optional_text(st.getColumn(5));
  e.on_behalf_of = optional_text(st.getColumn(6));
  e.comment = st.getColumn(7).getString();
  e.on = Date::parse(st.getColumn(8).getString());
  if (!st.getColumn(9).isNull()) e.reasons = notes_from_json(st.getColumn(9).getString());
  if (!st.getColumn(10).isNull()) {
    for (const auto& a : nlohmann::json::parse(st.getColumn(10).getString())) e.approvers.push_back(a.get<std::string>());
  }
  e.event = optional_int(st.getColumn(11));
  return e;
}

ApprovalHistoryEntry load_entry(Database::Impl& impl, std::int64_t id) {
  auto st = impl.statement(PACTUM_HISTORY_COLUMNS "WHERE h.id = ?");
  st->bind(1, static_cast<std::int64_t>(id));
  if (!st->executeStep()) raise(Errc::internal, "core.internal", {{"detail", "approval history entry missing"}});
  return entry_from_row(*st);
}

// ---- Writes ----------------------------------------------------------------------------

Event append(Database::Impl& impl, EventType type, const ContractRow& contract, Date on,
             const std::optional<std::string>& actor, std::optional<std::int64_t> value, const std::string& comment,
             std::string payload) {
  NewEvent ev;
  ev.type = type;
  ev.contract = contract.id;
  ev.effective = on;
  ev.actor = actor;
  ev.value = value;
  if (!comment.empty()) ev.reason = comment;
  ev.payload = std::move(payload);
  return append_event(impl, ev, contract.currency);
}

void insert_approver(Database::Impl& impl, std::int64_t route, int step, const std::string& employee, int position,
                     ApproverOrigin origin, Date added_on) {
  auto st = impl.statement(
      "INSERT INTO approval_approvers(route, step, employee, position, origin, added_on) VALUES(?, ?, ?, ?, ?, ?)");
  st->bind(1, static_cast<std::int64_t>(route));
  st->bind(2, step);
  st->bind(3, employee);
  st->bind(4, position);
  st->bind(5, approver_origin_name(origin));
  st->bind(6, added_on.to_string());
  st->exec();
}

// Resolves step `step` of the route opening on `on`; a step nobody can
// approve is refused (require_resolved).
StepResolution resolve_or_refuse(const Database& db, Database::Impl& impl, const RouteParties& parties,
                                 const StepRow& step, Date on, const std::string& contract) {
  StoreDirectory directory(db, impl);
  const ActiveWhenRecorded active(directory, db.today());
  StepResolution r = resolve_step(step.spec, parties, on, active);
  require_resolved(r, step.number, step.spec, contract, on);
  return r;
}

// Opens a resolved step: its approvers, deadline and the rerouting entry.
void open_step(Database::Impl& impl, const RouteRow& route, const StepRow& step, const StepResolution& resolution,
               Date on) {
  std::optional<Date> due;
  // A deadline past the end of the calendar never falls due.
  if (step.spec.deadline_days) due = on.try_add_days(*step.spec.deadline_days);
  {
    auto st = impl.statement("UPDATE approval_steps SET required = ?, opened_on = ?, due_on = ? WHERE route = ? AND step = ?");
    st->bind(1, resolution.required);
    st->bind(2, on.to_string());
    bind_optional(*st, 3, due);
    st->bind(4, static_cast<std::int64_t>(route.id));
    st->bind(5, step.number);
    st->exec();
  }
  int position = 0;
  std::vector<std::string> rerouted;
  for (const ResolvedApprover& a : resolution.approvers) {
    insert_approver(impl, route.id, step.number, a.employee, ++position, a.origin, on);
    if (a.origin == ApproverOrigin::rerouted) rerouted.push_back(a.employee);
  }
  {
    auto st = impl.statement("UPDATE approval_routes SET current_step = ? WHERE id = ?");
    st->bind(1, step.number);
    st->bind(2, static_cast<std::int64_t>(route.id));
    st->exec();
  }
  if (!resolution.notes.empty()) {
    NewEntry e;
    e.route = route.id;
    e.contract = route.contract;
    e.step = step.number;
    e.action = ApprovalAction::rerouted;
    e.on = on;
    e.reasons = resolution.notes;
    e.approvers = std::move(rerouted);
    add_history(impl, e);
  }
}

void close_step(Database::Impl& impl, std::int64_t route, int step, Date on) {
  auto st = impl.statement("UPDATE approval_steps SET closed_on = ? WHERE route = ? AND step = ?");
  st->bind(1, on.to_string());
  st->bind(2, static_cast<std::int64_t>(route));
  st->bind(3, step);
  st->exec();
}

// Ends the route with `status` on `on`.
void end_route(Database::Impl& impl, std::int64_t route, RouteStatus status, Date on) {
  auto st = impl.statement(
      "UPDATE approval_routes SET status = ?, current_step = NULL, ended_on = ?, last_action_on = ? WHERE id = ?");
  st->bind(1, route_status_name(status));
  st->bind(2, on.to_string());
  st->bind(3, on.to_string());
  st->bind(4, static_cast<std::int64_t>(route));
  st->exec();
}

void touch_route(Database::Impl& impl, std::int64_t route, Date on) {
  auto st = impl.statement("UPDATE approval_routes SET last_action_on = ? WHERE id = ?");
  st->bind(1, on.to_string());
  st->bind(2, static_cast<std::int64_t>(route));
  st->exec();
}

// The people who delegated to `delegate` for `on`.
std::vector<std::string> delegators(Database::Impl& impl, const std::string& delegate, Date on) {
  auto st = impl.statement(
      "SELECT DISTINCT person FROM approval_delegations WHERE delegate = ?1 AND valid_from <= ?2 AND valid_to >= ?2 "
      "ORDER BY person");
  st->bind(1, delegate);
  st->bind(2, on.to_string());
  std::vector<std::string> out;
  while (st->executeStep()) out.push_back(st->getColumn(0).getString());
  return out;
}

std::string audit_inputs_json(const RoutingAudit& audit) {
  ordered_json list = ordered_json::array();
  for (const RoutingInputValue& v : audit.inputs) {
    list.push_back(ordered_json{{"name", v.name}, {"type", routing_input_type_name(v.type)}, {"value", v.value}});
  }
  return list.dump();
}

void check_actor_text(const std::string& by, const std::optional<std::string>& on_behalf_of, const std::string& comment) {
  require_utf8(by, "by");
  if (on_behalf_of) require_utf8(*on_behalf_of, "on_behalf_of");
  validate_comment(comment);
}

// The final approval of an amendment round: the change takes effect, checked
// again against the terms in force (payments may have come in meanwhile).
void apply_approved_amendment(Database::Impl& impl, const ContractRow& contract, const RouteRow& route,
                              const AmendmentRow& amendment, Date on) {
  const Contract current = load_contract(impl, contract.id);
  require_amendment_applicable(contract.number, current.status, route.round);
  const Amendment changes = json::amendment_from_json(amendment.changes, current.amount.currency());
  const AmendedTerms terms = amended_terms(impl, current, changes);
  const Event amended = apply_amendment(impl, contract, terms, amendment.reason, on, amendment.proposed_by);
  auto st = impl.statement("UPDATE approval_amendments SET event = ? WHERE route = ?");
  st->bind(1, static_cast<std::int64_t>(amended.seq));
  st->bind(2, static_cast<std::int64_t>(route.id));
  st->exec();
}

// approve, reject and send back: a decision of an approver (or a delegate)
// of the current step. The rules are pactum/approval/controls.hpp's:
// segregation of duties across rounds, actors active when the action is
// dated and when it is recorded, one person one vote per step.
ApprovalHistoryEntry decide(Database& db, ApprovalAction action, const ContractRef& ref, const std::string& by,
                            const std::string& comment, Date on, const std::optional<std::string>& on_behalf_of) {
  Database::Impl& impl = db.impl();
  const char* verb = action == ApprovalAction::approved ? "approve" : action == ApprovalAction::rejected ? "reject" : "send_back";
  return impl.write([&] {
    check_actor_text(by, on_behalf_of, comment);
    const ContractRow contract = resolve_contract(impl, ref);
    const RouteRow route = open_route(impl, contract);
    require_employee(impl, by);
    if (on_behalf_of) require_employee(impl, *on_behalf_of);
    const RouteParties parties = load_parties(impl, route);
    check_segregation(parties, by, contract.number);
    const StoreDirectory directory(db, impl);
    const Date recorded = db.today();
    require_active(directory, by, on, recorded);
    const StepRow step = load_step(impl, route.id, *route.current_step);
    const std::optional<AmendmentRow> amendment = load_amendment(impl, route.id);
    const RouteMachineState state = machine_state(route, contract, amendment.has_value());
    const OpenStepFacts open{step.number, *step.opened_on, step.required, step.approvals};
    check_decision_dates(state, open, on, verb);
    StepDecisionFacts facts;
    facts.contract = contract.number;
    facts.step = step.number;
    facts.approvers = load_approvers(impl, route.id, step.number);
    facts.delegators = delegators(impl, by, on);
    const std::string principal = decision_principal(facts, by, on_behalf_of, on, verb);
    // A delegate acts for someone who is still there.
    if (principal != by) require_active(directory, principal, on, recorded);
    const RouteOutcome outcome = next_route(state, open, action);

    DecisionPayload payload{route.round, step.number, std::nullopt};
    if (principal != by) payload.on_behalf_of = principal;
    const Event event =
        append(impl, outcome.event, contract, on, by, step.number, comment, decision_payload_json(payload));
    NewEntry entry = action_entry(route, step.number, action, by, comment, on, event);
    if (principal != by) entry.on_behalf_of = principal;
    const std::int64_t id = add_history(impl, entry);

    if (outcome.counts_approval) {
      {
        auto st = impl.statement(
            "UPDATE approval_approvers SET approved_on = ?, approved_by = ? WHERE route = ? AND step = ? AND employee = ?");
        st->bind(1, on.to_string());
        st->bind(2, by);
        st->bind(3, static_cast<std::int64_t>(route.id));
        st->bind(4, step.number);
        st->bind(5, principal);
        st->exec();
      }
      auto st = impl.statement("UPDATE approval_steps SET approvals = approvals + 1 WHERE route = ? AND step = ?");
      st->bind(1, static_cast<std::int64_t>(route.id));
      st->bind(2, step.number);
      st->exec();
      touch_route(impl, route.id, on);
    }
    if (outcome.closes_step) close_step(impl, route.id, step.number, on);
    if (outcome.opens_step) {
      const StepRow next = load_step(impl, route.id, *outcome.opens_step);
      const StepResolution resolution = resolve_or_refuse(db, impl, parties, next, on, contract.number);
      open_step(impl, route, next, resolution, on);
    }
    if (outcome.ends) end_route(impl, route.id, *outcome.ends, on);
    if (outcome.applies_amendment) apply_approved_amendment(impl, contract, route, *amendment, on);
    if (outcome.activates) {
      auto st = impl.statement("UPDATE contracts SET status = ?, activated_on = ? WHERE id = ?");
      st->bind(1, contract_status_name(*outcome.contract_status));
      st->bind(2, on.to_string());
      st->bind(3, static_cast<std::int64_t>(contract.id));
      st->exec();
      append(impl, EventType::activated, contract, on, by, std::nullopt, std::string(), std::string());
    } else if (outcome.contract_status) {
      set_contract_status(impl, contract.id, *outcome.contract_status);
    }
    return load_entry(impl, id);
  });
}

}  // namespace

void escalate_overdue_steps(Database& db, Date clock) {
  Database::Impl& impl = db.impl();
  struct Due {
    std::int64_t route;
    int step;
  };
  std::vector<Due> due;
  {
    auto st = impl.statement(
        "SELECT s.route, s.step FROM approval_steps s JOIN approval_routes r ON r.id = s.route "
        "WHERE s.due_on IS NOT NULL AND s.escalated_on IS NULL AND s.closed_on IS NULL AND s.escalate_to IS NOT NULL "
        "AND s.due_on < ? AND r.status = 'in_review' AND r.current_step = s.step ORDER BY s.due_on, s.route");
    st->bind(1, clock.to_string());
    while (st->executeStep()) due.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getInt()});
  }
  StoreDirectory directory(db, impl);
  // Escalation is recorded when the clock moves: the people added are
  // employed on the day after the deadline and on the new clock date.
  const ActiveWhenRecorded active(directory, clock);
  for (const Due& d : due) {
    RouteRow route;
    {
      auto st = impl.statement(PACTUM_ROUTE_COLUMNS "WHERE id = ?");
      st->bind(1, static_cast<std::int64_t>(d.route));
      if (!st->executeStep()) continue;
      route = route_from_row(*st);
    }
    const StepRow step = load_step(impl, d.route, d.step);
    const Date effective = step.due_on->add_days(1);
    const std::vector<StepApprover> approvers = load_approvers(impl, d.route, d.step);
    std::vector<std::string> current;
    for (const StepApprover& a : approvers) current.push_back(a.employee);
    const Approver& target = *step.spec.escalate_to;
    EscalationResolution resolution = resolve_escalation(target, load_parties(impl, route), current, effective, active);

    const ContractRow contract = resolve_contract(impl, ContractRef(route.contract));
    const EscalationPayload payload{route.round, step.number, *step.due_on, target, resolution.added};
    const Event event = append(impl, EventType::approval_escalated, contract, effective, std::nullopt, step.number,
                               std::string(), escalation_payload_json(payload));
    int position = static_cast<int>(approvers.size());
    for (const std::string& employee : resolution.added) {
      insert_approver(impl, route.id, step.number, employee, ++position, ApproverOrigin::escalation, effective);
    }
    {
      auto st = impl.statement("UPDATE approval_steps SET escalated_on = ? WHERE route = ? AND step = ?");
      st->bind(1, effective.to_string());
      st->bind(2, static_cast<std::int64_t>(route.id));
      st->bind(3, step.number);
      st->exec();
    }
    NewEntry entry;
    entry.route = route.id;
    entry.contract = route.contract;
    entry.step = step.number;
    entry.action = ApprovalAction::escalated;
    entry.on = effective;
    entry.reasons.push_back({"approval.note_escalated",
                             {{"step", std::to_string(step.number)},
                              {"due", step.due_on->to_string()},
                              {"target", target.name}}});
    for (ApprovalNote& n : resolution.notes) entry.reasons.push_back(std::move(n));
    entry.approvers = resolution.added;
    entry.event = event.seq;
    add_history(impl, entry);
  }
}

namespace {

// A proposed amendment travelling with its round.
struct AmendmentProposal {
  std::string reason;
  std::string changes;  // json::amendment_to_json
  std::string diff;     // the amended event's payload
  std::vector<std::string> inputs;
};

// Starts a round for `terms` (the contract's terms, or the terms an
// amendment proposes): the current table is evaluated, step 1 resolved (a
// step nobody can approve refuses the round before anything is written), the
// submitted event, the route, its steps, the proposal and the history entry
// stored, step 1 opened and the type recorded as routed. Returns the event.
Event start_round(Database& db, const ContractRow& row, const Contract& terms, const std::string& by, Date day,
                  const std::string& comment, const std::optional<AmendmentProposal>& proposal) {
  Database::Impl& impl = db.impl();
  require_not_before_signing(row, day, EventType::submitted);
  const std::optional<RouteRow> previous = latest_route(impl, row.id);
  require_round_after_previous(row.number, day, previous ? previous->ended_on : std::nullopt);
  const RoutingResult result = db.routing_table().evaluate(routing_inputs(terms));

  RouteRow route;
  route.contract = row.id;
  route.round = previous ? previous->round + 1 : 1;
  route.table_id = result.audit.table_id;
  route.table_version = result.audit.table_version;
  route.hit_policy = hit_policy_name(result.audit.hit_policy);
  route.matched_rules = nlohmann::json(result.audit.matched_rules).dump();
  route.inputs = audit_inputs_json(result.audit);
  route.submitter = by;
  route.owner = terms.owner;
  route.department = terms.department;
  route.submitted_on = day;
  route.steps = static_cast<int>(result.route.steps.size());
  route.last_action_on = day;

  StepRow first;
  first.number = 1;
  first.spec = result.route.steps.front();
  const RouteParties parties = load_parties(impl, route);
  const StepResolution resolution = resolve_or_refuse(db, impl, parties, first, day, row.number);

  std::optional<SubmittedAmendment> amendment;
  if (proposal) amendment = SubmittedAmendment{proposal->reason, proposal->diff, proposal->inputs};
  const Event event = append(impl, EventType::submitted, row, day, by, route.round, comment,
                             submission_payload_json(result, route.round, amendment));
  {
    auto st = impl.statement(
        "INSERT INTO approval_routes(contract, round, table_id, table_version, hit_policy, matched_rules, inputs, "
        "submitter, owner, department, submitted_on, status, current_step, steps, last_action_on) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_review', NULL, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(route.contract));
    st->bind(2, route.round);
    st->bind(3, route.table_id);
    st->bind(4, route.table_version);
    st->bind(5, route.hit_policy);
    st->bind(6, route.matched_rules);
    st->bind(7, route.inputs);
    st->bind(8, route.submitter);
    st->bind(9, route.owner);
    st->bind(10, route.department);
    st->bind(11, day.to_string());
    st->bind(12, route.steps);
    st->bind(13, day.to_string());
    st->exec();
    route.id = impl.db.getLastInsertRowid();
  }
  int number = 0;
  for (const RouteStep& s : result.route.steps) {
    auto st = impl.statement(
        "INSERT INTO approval_steps(route, step, approver_kind, approver, mode, k, deadline_days, escalate_kind, "
        "escalate_to) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(route.id));
    st->bind(2, ++number);
    st->bind(3, approver_kind_name(s.approver.kind));
    st->bind(4, s.approver.name);
    st->bind(5, s.mode.kind == ApprovalMode::Kind::all      ? "all"
                : s.mode.kind == ApprovalMode::Kind::k_of_n ? "k_of_n"
                                                            : "any");
    st->bind(6, s.mode.kind == ApprovalMode::Kind::k_of_n ? s.mode.k : 1);
    if (s.deadline_days) {
      st->bind(7, *s.deadline_days);
    } else {
      st->bind(7);
    }
    if (s.escalate_to) {
      st->bind(8, approver_kind_name(s.escalate_to->kind));
      st->bind(9, s.escalate_to->name);
    } else {
      st->bind(8);
      st->bind(9);
    }
    st->exec();
  }
  if (proposal) {
    auto st = impl.statement(
        "INSERT INTO approval_amendments(route, contract, reason, changes, diff, inputs, proposed_by, proposed_on) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, static_cast<std::int64_t>(route.id));
    st->bind(2, static_cast<std::int64_t>(row.id));
    st->bind(3, proposal->reason);
    st->bind(4, proposal->changes);
    st->bind(5, proposal->diff);
    st->bind(6, nlohmann::json(proposal->inputs).dump());
    st->bind(7, by);
    st->bind(8, day.to_string());
    st->exec();
  }
  {
    auto st = impl.statement("INSERT OR IGNORE INTO approval_routed_types(type, first_route) VALUES(?, ?)");
    st->bind(1, terms.type);
    st->bind(2, static_cast<std::int64_t>(route.id));
    st->exec();
  }
  add_history(impl, action_entry(route, std::nullopt, ApprovalAction::submitted, by, comment, day, event));
  open_step(impl, route, first, resolution, day);
  return event;
}

// The actor of a round: an existing employee, active on the action's date
// and on the database clock.
void require_round_actor(const Database& db, const std::string& by, Date day) {
  Database::Impl& impl = db.impl();
  require_employee(impl, by);
  require_active(StoreDirectory(db, impl), by, day, db.today());
}

}  // namespace

void refuse_if_amendment_pending(Database::Impl& impl, const ContractRow& row) {
  auto st = impl.statement(
      "SELECT r.round, r.submitted_on FROM approval_amendments a JOIN approval_routes r ON r.id = a.route "
      "WHERE a.contract = ? AND r.status = 'in_review'");
  st->bind(1, static_cast<std::int64_t>(row.id));
  std::optional<PendingAmendment> pending;
  if (st->executeStep()) pending = PendingAmendment{st->getColumn(0).getInt(), Date::parse(st->getColumn(1).getString())};
  require_no_pending_amendment(row.number, pending);
}

std::vector<std::string> amendment_round_inputs(const Database& db, const Contract& before, const Contract& after) {
  if (before.status != ContractStatus::active && before.status != ContractStatus::breached) return {};
  Database::Impl& impl = db.impl();
  AmendmentRoutingFacts facts;
  facts.status = before.status;
  // The inputs of the current table and of the table that approved the
  // terms in force (the contract's latest approved round), in that order.
  std::vector<RoutingTable> tables{db.routing_table()};
  {
    auto st = impl.statement(
        "SELECT table_id, table_version FROM approval_routes WHERE contract = ? AND status = 'approved' "
        "ORDER BY round DESC LIMIT 1");
    st->bind(1, static_cast<std::int64_t>(before.id));
    if (st->executeStep()) {
      facts.approved_by_route = true;
      const std::string id = st->getColumn(0).getString();
      const int version = st->getColumn(1).getInt();
      if (id != tables.front().id() || version != tables.front().version()) tables.push_back(db.routing_table(id, version));
    }
  }
  for (const RoutingTable& table : tables) {
    for (std::string& name : changed_routing_inputs(table, before, after)) {
      if (std::find(facts.changed_inputs.begin(), facts.changed_inputs.end(), name) == facts.changed_inputs.end()) {
        facts.changed_inputs.push_back(std::move(name));
      }
    }
  }
  if (facts.changed_inputs.empty()) return {};
  facts.routing_in_use = routing_in_use_for(db, before.type);
  facts.policy = stored_direct_activation(impl);
  return amendment_needs_round(facts) ? facts.changed_inputs : std::vector<std::string>{};
}

Event open_amendment_round(Database& db, const ContractRow& row, const AmendedTerms& terms, const Amendment& changes,
                           const std::string& reason, const std::vector<std::string>& inputs,
                           const std::optional<std::string>& actor, Date on) {
  require_amendment_submitter(row.number, actor, inputs);
  require_round_actor(db, *actor, on);
  AmendmentProposal proposal{reason, json::amendment_to_json(changes, terms.after.amount.currency()), terms_diff_to_json(terms.diff), inputs};
  return start_round(db, row, terms.after, *actor, on, std::string(), proposal);
}

}  // namespace store

using namespace store;

// ---- Route instances -------------------------------------------------------------------

ApprovalRouteInstance Database::submit(const ContractRef& ref, const std::string& by, std::optional<Date> on,
                                       const std::string& comment) {
  const Date day = on ? *on : today();
  Impl& impl = *impl_;
  return impl.write([&] {
    check_actor_text(by, std::nullopt, comment);
    const store::ContractRow row = resolve_contract(impl, ref);
    require_round_actor(*this, by, day);
    const ContractStatus to = apply_transition(row.status, ContractTransition::submit, row.number);
    require_number_in_force(impl, row, "submit");
    start_round(*this, row, load_contract(impl, row.id), by, day, comment, std::nullopt);
    set_contract_status(impl, row.id, to);
    return route_instance(impl, *latest_route(impl, row.id));
  });
}

ApprovalHistoryEntry Database::approve(const ContractRef& ref, const std::string& by, const std::string& comment,
                                       std::optional<Date> on, const std::optional<std::string>& on_behalf_of) {
  return decide(*this, ApprovalAction::approved, ref, by, comment, on ? *on : today(), on_behalf_of);
}

ApprovalHistoryEntry Database::reject(const ContractRef& ref, const std::string& by, const std::string& comment,
                                      std::optional<Date> on, const std::optional<std::string>& on_behalf_of) {
  return decide(*this, ApprovalAction::rejected, ref, by, comment, on ? *on : today(), on_behalf_of);
}

ApprovalHistoryEntry Database::send_back(const ContractRef& ref, const std::string& by, const std::string& comment,
                                         std::optional<Date> on, const std::optional<std::string>& on_behalf_of) {
  return decide(*this, ApprovalAction::sent_back, ref, by, comment, on ? *on : today(), on_behalf_of);
}

ApprovalHistoryEntry Database::withdraw(const ContractRef& ref, const std::string& by, const std::string& comment,
                                        std::optional<Date> on) {
  const Date day = on ? *on : today();
  Impl& impl = *impl_;
  return impl.write([&] {
    check_actor_text(by, std::nullopt, comment);
    const store::ContractRow contract = resolve_contract(impl, ref);
    const RouteRow route = open_route(impl, contract);
    require_employee(impl, by);
    const RouteMachineState state = machine_state(route, contract, load_amendment(impl, route.id).has_value());
    check_withdrawal(state, by);
    require_active(StoreDirectory(*this, impl), by, day, today());
    require_not_before_last_action(state, day, "withdraw");
    // An amendment round withdrawn leaves the terms in force as they are (a
    // withdrawal reads no more of the step than its number).
    OpenStepFacts open;
    open.number = *route.current_step;
    const RouteOutcome outcome = next_route(state, open, ApprovalAction::withdrawn);
    const Event event = append(impl, outcome.event, contract, day, by, *route.current_step, comment,
                               withdrawal_payload_json(WithdrawalPayload{route.round, *route.current_step}));
    const std::int64_t id =
        add_history(impl, action_entry(route, route.current_step, ApprovalAction::withdrawn, by, comment, day, event));
    close_step(impl, route.id, *route.current_step, day);
    end_route(impl, route.id, *outcome.ends, day);
    if (outcome.contract_status) set_contract_status(impl, contract.id, *outcome.contract_status);
    return load_entry(impl, id);
  });
}

ApprovalRouteInstance Database::approval_route(const ContractRef& ref) const {
  return impl_->read([&] {
    const store::ContractRow contract = resolve_contract(*impl_, ref);
    const std::optional<RouteRow> route = latest_route(*impl_, contract.id);
    if (!route) refuse_never_submitted(contract.number, contract.status);
    return route_instance(*impl_, *route);
  });
}

std::optional<ApprovalStepState> Database::current_step(const ContractRef& ref) const {
  return impl_->read([&]() -> std::optional<ApprovalStepState> {
    const store::ContractRow contract = resolve_contract(*impl_, ref);
    const std::optional<RouteRow> route = latest_route(*impl_, contract.id);
    if (!route || route->status != RouteStatus::in_review || !route->current_step) return std::nullopt;
    return step_state(*impl_, route->id, load_step(*impl_, route->id, *route->current_step));
  });
}

std::vector<std::string> Database::current_approvers(const ContractRef& ref) const {
  std::vector<std::string> out;
  if (const std::optional<ApprovalStepState> step = current_step(ref)) {
    for (const StepApprover& a : step->approvers) {
      if (!a.approved_on) out.push_back(a.employee);
    }
  }
  return out;
}

std::vector<ApprovalHistoryEntry> Database::approval_history(const ContractRef& ref) const {
  return impl_->read([&] {
    const store::ContractRow contract = resolve_contract(*impl_, ref);
    auto st = impl_->statement(PACTUM_HISTORY_COLUMNS "WHERE h.contract = ? ORDER BY h.id");
    st->bind(1, static_cast<std::int64_t>(contract.id));
    std::vector<ApprovalHistoryEntry> out;
    while (st->executeStep()) out.push_back(entry_from_row(*st));
    return out;
  });
}

std::vector<InboxItem> Database::inbox(const std::string& person, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(person, "person");
    require_employee(*impl_, person);
    std::vector<InboxItem> out;
    auto collect = [&](store::Statement& st) {
      while (st->executeStep()) {
        InboxItem item;
        item.contract = st->getColumn(0).getInt64();
        item.number = st->getColumn(1).getString();
        item.type = st->getColumn(2).getString();
        item.amount = Money::from_units(st->getColumn(4).getInt64(), Currency::of(st->getColumn(3).getString()));
        item.owner = st->getColumn(5).getString();
        item.submitter = st->getColumn(6).getString();
        item.round = st->getColumn(7).getInt();
        item.step = st->getColumn(8).getInt();
        item.steps = st->getColumn(9).getInt();
        item.approver = approver_of(st->getColumn(10).getString(), st->getColumn(11).getString());
        item.opened_on = Date::parse(st->getColumn(12).getString());
        item.due_on = optional_date(st->getColumn(13));
        item.escalated = !st->getColumn(14).isNull();
        const std::string approver = st->getColumn(15).getString();
        if (approver != person) item.on_behalf_of = approver;
        item.amendment = st->getColumn(18).getInt() != 0;
        // One person, one vote: someone who acted in the step decides no more
        // in it; nor does anyone segregation of duties keeps out of the
        // contract (an earlier round's submitter acting as a delegate, an
        // approver the contract was handed over to since the step opened).
        if (st->getColumn(17).getInt() != 0) continue;
        if (item.owner == person) continue;
        if (item.on_behalf_of) {
          RouteRow route;
          route.id = st->getColumn(16).getInt64();
          route.contract = item.contract;
          route.submitter = item.submitter;
          route.owner = st->getColumn(19).getString();
          if (load_parties(*impl_, route).excluded(person)) continue;
        }
        out.push_back(std::move(item));
      }
    };
#define PACTUM_INBOX_COLUMNS                                                                                       \
  "SELECT r.contract, c.number, c.type, c.currency, c.amount, c.owner, r.submitter, r.round, a.step, r.steps, "    \
  "s.approver_kind, s.approver, s.opened_on, s.due_on, s.escalated_on, a.employee, r.id, "                        \
  "(SELECT COUNT(*) FROM approval_approvers x WHERE x.route = a.route AND x.step = a.step AND x.approved_by = ?1), " \
  "EXISTS(SELECT 1 FROM approval_amendments m WHERE m.route = r.id), r.owner FROM approval_approvers a "            \
  "JOIN approval_routes r ON r.id = a.route AND r.current_step = a.step AND r.status = 'in_review' "               \
  "JOIN approval_steps s ON s.route = a.route AND s.step = a.step JOIN contracts c ON c.id = r.contract "
    {
      auto st = impl_->statement(PACTUM_INBOX_COLUMNS
                                 "WHERE a.employee = ?1 AND a.approved_on IS NULL AND a.added_on <= ?2");
      st->bind(1, person);
      st->bind(2, day.to_string());
      collect(st);
    }
    {
      auto st = impl_->statement(PACTUM_INBOX_COLUMNS
                                 "JOIN approval_delegations d ON d.person = a.employee "
                                 "WHERE d.delegate = ?1 AND d.valid_from <= ?2 AND d.valid_to >= ?2 "
                                 "AND a.approved_on IS NULL AND a.added_on <= ?2 "
                                 "AND r.submitter <> ?1 AND r.owner <> ?1 AND a.employee <> ?1");
      st->bind(1, person);
      st->bind(2, day.to_string());
      collect(st);
    }
#undef PACTUM_INBOX_COLUMNS
    std::sort(out.begin(), out.end(), [](const InboxItem& a, const InboxItem& b) {
      return std::tie(a.opened_on, a.contract, a.step, a.on_behalf_of) <
             std::tie(b.opened_on, b.contract, b.step, b.on_behalf_of);
    });
    // Two delegations from the same person cover the same item once.
    out.erase(std::unique(out.begin(), out.end(),
                          [](const InboxItem& a, const InboxItem& b) {
                            return a.contract == b.contract && a.step == b.step && a.on_behalf_of == b.on_behalf_of;
                          }),
              out.end());
    return out;
  });
}

// ---- Delegation ------------------------------------------------------------------------

namespace {

Delegation delegation_from_row(SQLite::Statement& st) {
  return Delegation{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                    Date::parse(st.getColumn(3).getString()), Date::parse(st.getColumn(4).getString())};
}

}  // namespace

Delegation Database::delegate(const std::string& person, const std::string& deputy, Date from, Date to) {
  Impl& impl = *impl_;
  return impl.write([&] {
    require_utf8(person, "person");
    require_utf8(deputy, "delegate");
    require_employee(impl, person);
    require_employee(impl, deputy);
    check_delegation(person, deputy, from, to);
    {
      auto st = impl.statement(
          "SELECT id, person, delegate, valid_from, valid_to FROM approval_delegations "
          "WHERE person = ? AND delegate = ? AND valid_from = ? AND valid_to = ?");
      st->bind(1, person);
      st->bind(2, deputy);
      st->bind(3, from.to_string());
      st->bind(4, to.to_string());
      if (st->executeStep()) return delegation_from_row(*st);
    }
    auto st = impl.statement(
        "INSERT INTO approval_delegations(person, delegate, valid_from, valid_to) VALUES(?, ?, ?, ?)");
    st->bind(1, person);
    st->bind(2, deputy);
    st->bind(3, from.to_string());
    st->bind(4, to.to_string());
    st->exec();
    return Delegation{impl.db.getLastInsertRowid(), person, deputy, from, to};
  });
}

std::vector<Delegation> Database::delegations(const std::optional<std::string>& person) const {
  return impl_->read([&] {
    if (person) {
      require_utf8(*person, "person");
      require_employee(*impl_, *person);
    }
    auto st = impl_->statement(
        "SELECT id, person, delegate, valid_from, valid_to FROM approval_delegations "
        "WHERE ?1 IS NULL OR person = ?1 OR delegate = ?1 ORDER BY id");
    bind_optional(*st, 1, person);
    std::vector<Delegation> out;
    while (st->executeStep()) out.push_back(delegation_from_row(*st));
    return out;
  });
}

void Database::revoke_delegation(std::int64_t id) {
  impl_->write([&] {
    auto st = impl_->statement("DELETE FROM approval_delegations WHERE id = ?");
    st->bind(1, static_cast<std::int64_t>(id));
    if (st->exec() == 0) refuse_unknown_delegation(id);
  });
}

}  // namespace pactum
