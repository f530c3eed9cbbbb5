#include "pactum/approval/document.hpp"

namespace pactum {

using document::member;

void describe(const Approver& a, DocumentSink& s) {
  s.begin_object();
  member(s, approver_kind_name(a.kind), a.name);
  s.end_object();
}

void describe(const ApprovalMode& m, DocumentSink& s) {
  if (m.kind == ApprovalMode::Kind::k_of_n) {
    s.begin_object();
    member(s, "k", m.k);
    s.end_object();
    return;
  }
  s.text(m.kind == ApprovalMode::Kind::all ? "all" : "any");
}

void describe(const RouteStep& step, DocumentSink& s) {
  s.begin_object();
  member(s, approver_kind_name(step.approver.kind), step.approver.name);
  s.key("mode");
  describe(step.mode, s);
  if (step.deadline_days) member(s, "deadline_days", *step.deadline_days);
  if (step.escalate_to) {
    s.key("escalate_to");
    describe(*step.escalate_to, s);
  }
  s.end_object();
}

void describe(const ApprovalRoute& route, DocumentSink& s) {
  s.begin_list();
  for (const RouteStep& step : route.steps) describe(step, s);
  s.end_list();
}

void describe(const RoutingAudit& audit, DocumentSink& s) {
  s.begin_object();
  member(s, "table", audit.table_id);
  member(s, "table_version", audit.table_version);
  member(s, "hit_policy", hit_policy_name(audit.hit_policy));
  member(s, "matched_rules", audit.matched_rules);
  s.key("inputs");
  s.begin_object();
  for (const RoutingInputValue& v : audit.inputs) {
    s.key(v.name);
    switch (v.type) {
      case RoutingInputType::boolean: s.boolean(v.value == "true"); break;
      case RoutingInputType::money:
      case RoutingInputType::number:
        if (s.keeps_types()) {
          s.decimal(Decimal::parse(v.value));
        } else {
          s.text(v.value);
        }
        break;
      default: s.text(v.value); break;
    }
  }
  s.end_object();
  s.end_object();
}

void describe(const RoutingResult& result, DocumentSink& s) {
  s.begin_object();
  s.key("route");
  describe(result.route, s);
  s.key("audit");
  describe(result.audit, s);
  s.end_object();
}

void describe(const ApprovalStepState& step, DocumentSink& s) {
  s.begin_object();
  member(s, "number", step.number);
  s.key("approver");
  describe(step.step.approver, s);
  s.key("mode");
  describe(step.step.mode, s);
  member(s, "deadline_days", step.step.deadline_days);
  s.key("escalate_to");
  if (step.step.escalate_to) {
    describe(*step.step.escalate_to, s);
  } else {
    s.null();
  }
  member(s, "required", step.required);
  member(s, "approvals", step.approvals);
  member(s, "opened_on", step.opened_on);
  member(s, "due_on", step.due_on);
  member(s, "escalated_on", step.escalated_on);
  member(s, "closed_on", step.closed_on);
  s.key("approvers");
  s.begin_list();
  for (const StepApprover& a : step.approvers) {
    s.begin_object();
    member(s, "employee", a.employee);
    member(s, "origin", approver_origin_name(a.origin));
    member(s, "added_on", a.added_on);
    member(s, "approved_on", a.approved_on);
    member(s, "approved_by", a.approved_by);
    s.end_object();
  }
  s.end_list();
  s.end_object();
}

void describe(const ApprovalRouteInstance& r, DocumentSink& s) {
  s.begin_object();
  member(s, "contract", r.contract);
  member(s, "number", r.number);
  member(s, "round", r.round);
  member(s, "status", route_status_name(r.status));
  member(s, "submitter", r.submitter);
  member(s, "owner", r.owner);
  member(s, "department", r.department);
  member(s, "submitted_on", r.submitted_on);
  member(s, "ended_on", r.ended_on);
  member(s, "current_step", r.current_step);
  s.key("audit");
  describe(r.audit, s);
  s.key("steps");
  s.begin_list();
  for (const ApprovalStepState& step : r.steps) describe(step, s);
  s.end_list();
  s.key("amendment");
  if (r.amendment) {
    s.begin_object();
    member(s, "reason", r.amendment->reason);
    s.key("changes");
    s.json(r.amendment->changes);
    member(s, "inputs", r.amendment->inputs);
    member(s, "event", r.amendment->event);
    s.end_object();
  } else {
    s.null();
  }
  s.end_object();
}

void describe(const ApprovalHistoryEntry& e, Lang lang, DocumentSink& s) {
  s.begin_object();
  member(s, "id", e.id);
  member(s, "contract", e.contract);
  member(s, "round", e.round);
  member(s, "action", approval_action_name(e.action));
  member(s, "step", e.step);
  member(s, "actor", e.actor);
  member(s, "on_behalf_of", e.on_behalf_of);
  member(s, "comment", e.comment);
  member(s, "on", e.on);
  if (e.reasons.empty()) {
    s.key("reason");
    s.null();
    s.key("reasons");
    s.null();
  } else {
    member(s, "reason", e.reason(lang));
    s.key("reasons");
    s.begin_object();
    member(s, "en", e.reason(Lang::en));
    member(s, "zh-CN", e.reason(Lang::zh_CN));
    s.end_object();
  }
  member(s, "approvers", e.approvers);
  member(s, "event", e.event);
  s.end_object();
}

void describe(const InboxItem& i, DocumentSink& s) {
  s.begin_object();
  member(s, "contract", i.contract);
  member(s, "number", i.number);
  member(s, "type", i.type);
  member(s, "amount", i.amount);
  document::currency(s, "currency", i.amount);
  member(s, "owner", i.owner);
  member(s, "submitter", i.submitter);
  member(s, "round", i.round);
  member(s, "step", i.step);
  member(s, "steps", i.steps);
  s.key("approver");
  describe(i.approver, s);
  member(s, "on_behalf_of", i.on_behalf_of);
  member(s, "opened_on", i.opened_on);
  member(s, "due_on", i.due_on);
  member(s, "escalated", i.escalated);
  member(s, "amendment", i.amendment);
  s.end_object();
}

}  // namespace pactum
