// Approval route instances: submission (the routing table is
// evaluated and the route stored with its audit), step by step approval with
// approver resolution through the org directory, rejection, sending back,
// withdrawal, delegation windows, escalation by the clock, and the queries
// (current step and approvers, history, inboxes). docs/approval.md. The
// records are read and written through the storage interface
// (backend_approval.hpp, ApprovalRecords).
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

ApprovalRecords& records(Database::Impl& impl) { return impl.storage().approval(); }

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
    std::optional<DepartmentRecord> d = impl_.storage().org().department(department);
    if (!d) return std::nullopt;
    return std::move(d->parent);
  }

  std::vector<std::string> role_holders(const std::string& role, const std::optional<std::string>& department,
                                        Date on) const override {
    return db_.role_holders(role, department, on);
  }

  bool employed(const std::string& employee, Date on) const override {
    const std::optional<EmployeeRecord> e = impl_.storage().org().employee(employee);
    if (!e) return false;
    return employed_on(e->hired, e->left, on);
  }

 private:
  const Database& db_;
  Database::Impl& impl_;
};

// ---- Rows ------------------------------------------------------------------------------

// The contract's latest route (its last submission), if it was ever submitted.
std::optional<RouteRow> latest_route(Database::Impl& impl, std::int64_t contract) {
  return records(impl).latest_route(contract);
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
  ApprovalRecords& stored = records(impl);
  for (const RoundParties& round : stored.round_parties(route.contract, route.id)) {
    add(p.earlier_submitters, round.submitter, p);
    add(p.other_owners, round.owner, p);
  }
  if (const std::optional<ContractBrief> contract = stored.contract_brief(route.contract)) {
    add(p.other_owners, contract->owner, p);
  }
  for (const std::string& editor : stored.contract_editors(route.contract)) add(p.editors, editor, p);
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

StepRow load_step(Database::Impl& impl, std::int64_t route, int step) {
  std::optional<StepRow> s = records(impl).step(route, step);
  if (!s) raise(Errc::internal, "core.internal", {{"detail", "approval step missing"}});
  return std::move(*s);
}

std::vector<StepApprover> load_approvers(Database::Impl& impl, std::int64_t route, int step) {
  return records(impl).approvers(route, step);
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
  std::optional<ContractBrief> c = records(impl).contract_brief(contract);
  if (!c) refuse_unknown_contract(std::to_string(contract));
  return std::move(c->number);
}

std::optional<AmendmentRow> load_amendment(Database::Impl& impl, std::int64_t route) {
  return records(impl).amendment(route);
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
  for (const StepRow& s : records(impl).steps(r.id)) out.steps.push_back(step_state(impl, r.id, s));
  if (std::optional<AmendmentRow> a = load_amendment(impl, r.id)) {
    RouteAmendment amendment;
    amendment.reason = std::move(a->reason);
    amendment.changes = std::move(a->diff);
    amendment.inputs = std::move(a->inputs);
    amendment.event = a->event;
    out.amendment = std::move(amendment);
  }
  return out;
}

// ---- History ---------------------------------------------------------------------------

// The history entry of an action by `by` on the route (the event it appended).
ApprovalHistoryEntry action_entry(const RouteRow& route, std::optional<int> step, ApprovalAction action,
                                  const std::string& by, const std::string& comment, Date on, const Event& event) {
  ApprovalHistoryEntry e;
  e.contract = route.contract;
  e.step = step;
  e.action = action;
  e.actor = by;
  e.comment = comment;
  e.on = on;
  e.event = event.seq;
  return e;
}

std::int64_t add_history(Database::Impl& impl, std::int64_t route, const ApprovalHistoryEntry& e) {
  return records(impl).insert_history(route, e);
}

ApprovalHistoryEntry load_entry(Database::Impl& impl, std::int64_t id) {
  std::optional<ApprovalHistoryEntry> e = records(impl).history_entry(id);
  if (!e) raise(Errc::internal, "core.internal", {{"detail", "approval history entry missing"}});
  return std::move(*e);
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
  records(impl).insert_approver(route, step, position,
                                StepApprover{employee, origin, added_on, std::nullopt, std::nullopt});
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
  records(impl).store_step_opened(route.id, step.number, resolution.required, on, due);
  int position = 0;
  std::vector<std::string> rerouted;
  for (const ResolvedApprover& a : resolution.approvers) {
    insert_approver(impl, route.id, step.number, a.employee, ++position, a.origin, on);
    if (a.origin == ApproverOrigin::rerouted) rerouted.push_back(a.employee);
  }
  records(impl).store_current_step(route.id, step.number);
  if (!resolution.notes.empty()) {
    ApprovalHistoryEntry e;
    e.contract = route.contract;
    e.step = step.number;
    e.action = ApprovalAction::rerouted;
    e.on = on;
    e.reasons = resolution.notes;
    e.approvers = std::move(rerouted);
    add_history(impl, route.id, e);
  }
}

void close_step(Database::Impl& impl, std::int64_t route, int step, Date on) {
  records(impl).store_step_closed(route, step, on);
}

// Ends the route with `status` on `on`.
void end_route(Database::Impl& impl, std::int64_t route, RouteStatus status, Date on) {
  records(impl).store_route_end(route, status, on);
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
  records(impl).store_amendment_event(route.id, amended.seq);
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
    facts.delegators = records(impl).delegators(by, on);
    const std::string principal = decision_principal(facts, by, on_behalf_of, on, verb);
    // A delegate acts for someone who is still there.
    if (principal != by) require_active(directory, principal, on, recorded);
    const RouteOutcome outcome = next_route(state, open, action);

    DecisionPayload payload{route.round, step.number, std::nullopt};
    if (principal != by) payload.on_behalf_of = principal;
    const Event event =
        append(impl, outcome.event, contract, on, by, step.number, comment, decision_payload_json(payload));
    ApprovalHistoryEntry entry = action_entry(route, step.number, action, by, comment, on, event);
    if (principal != by) entry.on_behalf_of = principal;
    const std::int64_t id = add_history(impl, route.id, entry);

    if (outcome.counts_approval) {
      ApprovalRecords& stored = records(impl);
      stored.store_approval(route.id, step.number, principal, on, by);
      stored.store_step_approvals(route.id, step.number, step.approvals + 1);
      stored.store_last_action(route.id, on);
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
      records(impl).store_contract_activated(contract.id, *outcome.contract_status, on);
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
  ApprovalRecords& stored = records(impl);
  const std::vector<StepKey> due = stored.steps_due_before(clock);
  StoreDirectory directory(db, impl);
  // Escalation is recorded when the clock moves: the people added are
  // employed on the day after the deadline and on the new clock date.
  const ActiveWhenRecorded active(directory, clock);
  for (const StepKey& d : due) {
    const std::optional<RouteRow> found = stored.route(d.route);
    if (!found) continue;
    const RouteRow& route = *found;
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
    stored.store_step_escalated(route.id, step.number, effective);
    ApprovalHistoryEntry entry;
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
    add_history(impl, route.id, entry);
  }
}

namespace {

// Starts a round for `terms` (the contract's terms, or the terms an
// amendment proposes): the current table is evaluated, step 1 resolved (a
// step nobody can approve refuses the round before anything is written), the
// submitted event, the route, its steps, the proposal and the history entry
// stored, step 1 opened and the type recorded as routed. Returns the event.
Event start_round(Database& db, const ContractRow& row, const Contract& terms, const std::string& by, Date day,
                  const std::string& comment, const std::optional<AmendmentRow>& proposal) {
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
  ApprovalRecords& stored = records(impl);
  route.id = stored.insert_route(route);
  int number = 0;
  for (const RouteStep& s : result.route.steps) stored.insert_step(route.id, ++number, s);
  if (proposal) stored.insert_amendment(route.id, *proposal);
  stored.insert_routed_type(terms.type, route.id);
  add_history(impl, route.id, action_entry(route, std::nullopt, ApprovalAction::submitted, by, comment, day, event));
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
  require_no_pending_amendment(row.number, records(impl).amendment_in_review(row.id));
}

std::vector<std::string> amendment_round_inputs(const Database& db, const Contract& before, const Contract& after) {
  if (before.status != ContractStatus::active && before.status != ContractStatus::breached) return {};
  Database::Impl& impl = db.impl();
  AmendmentRoutingFacts facts;
  facts.status = before.status;
  // The inputs of the current table and of the table that approved the
  // terms in force (the contract's latest approved round), in that order.
  std::vector<RoutingTable> tables{db.routing_table()};
  const std::optional<RouteRow> approved = records(impl).latest_route_with_status(before.id, RouteStatus::approved);
  if (approved) {
    facts.approved_by_route = true;
    if (approved->table_id != tables.front().id() || approved->table_version != tables.front().version()) {
      tables.push_back(db.routing_table(approved->table_id, approved->table_version));
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
  const AmendmentRow proposal{row.id, reason, json::amendment_to_json(changes, terms.after.amount.currency()),
                              terms_diff_to_json(terms.diff), inputs, *actor, on, std::nullopt};
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
    const std::int64_t id = add_history(
        impl, route.id, action_entry(route, route.current_step, ApprovalAction::withdrawn, by, comment, day, event));
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
    return records(*impl_).history(contract.id);
  });
}

std::vector<InboxItem> Database::inbox(const std::string& person, std::optional<Date> on) const {
  const Date day = on ? *on : today();
  return impl_->read([&] {
    require_utf8(person, "person");
    require_employee(*impl_, person);
    ApprovalRecords& stored = records(*impl_);
    std::vector<InboxRow> own = stored.waiting_for(person, day);
    std::vector<InboxRow> delegated = stored.waiting_for_delegators(person, day);
    std::vector<InboxItem> out;
    out.reserve(own.size() + delegated.size());
    // One person, one vote: someone who acted in the step decides no more in
    // it; nor does anyone segregation of duties keeps out of the contract (a
    // delegate who submitted or owns it, an earlier round's submitter acting
    // as a delegate, an approver the contract was handed over to since the
    // step opened).
    auto collect = [&](std::vector<InboxRow>& rows) {
      for (InboxRow& row : rows) {
        if (row.acted || row.item.owner == person) continue;
        if (row.approver != person) {
          const std::optional<RouteRow> route = stored.route(row.route);
          if (!route || load_parties(*impl_, *route).excluded(person)) continue;
          row.item.on_behalf_of = std::move(row.approver);
        }
        out.push_back(std::move(row.item));
      }
    };
    collect(own);
    collect(delegated);
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

Delegation Database::delegate(const std::string& person, const std::string& deputy, Date from, Date to) {
  Impl& impl = *impl_;
  return impl.write([&] {
    require_utf8(person, "person");
    require_utf8(deputy, "delegate");
    require_employee(impl, person);
    require_employee(impl, deputy);
    check_delegation(person, deputy, from, to);
    ApprovalRecords& stored = records(impl);
    if (std::optional<Delegation> same = stored.delegation(person, deputy, from, to)) return std::move(*same);
    Delegation d{0, person, deputy, from, to};
    d.id = stored.insert_delegation(d);
    return d;
  });
}

std::vector<Delegation> Database::delegations(const std::optional<std::string>& person) const {
  return impl_->read([&] {
    if (person) {
      require_utf8(*person, "person");
      require_employee(*impl_, *person);
    }
    return records(*impl_).delegations(person);
  });
}

void Database::revoke_delegation(std::int64_t id) {
  impl_->write([&] {
    if (!records(*impl_).delete_delegation(id)) refuse_unknown_delegation(id);
  });
}

}  // namespace pactum
