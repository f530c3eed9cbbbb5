// JSON documents (version 1) of approval route instances, history, inboxes
// and delegations: what the C API and the command-line tool hand out.
#include <nlohmann/json.hpp>

#include "pactum/approval/approval.hpp"

namespace pactum {

namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json date_or_null(const std::optional<Date>& d) { return d ? ordered_json(d->to_string()) : ordered_json(); }
ordered_json text_or_null(const std::optional<std::string>& s) { return s ? ordered_json(*s) : ordered_json(); }

ordered_json approver_json(const Approver& a) {
  return ordered_json{{approver_kind_name(a.kind), a.name}};
}

ordered_json mode_json(const ApprovalMode& m) {
  if (m.kind == ApprovalMode::Kind::k_of_n) return ordered_json{{"k", m.k}};
  return m.kind == ApprovalMode::Kind::all ? "all" : "any";
}

ordered_json step_json(const ApprovalStepState& s) {
  ordered_json out = ordered_json::object();
  out["number"] = s.number;
  out["approver"] = approver_json(s.step.approver);
  out["mode"] = mode_json(s.step.mode);
  out["deadline_days"] = s.step.deadline_days ? ordered_json(*s.step.deadline_days) : ordered_json();
  out["escalate_to"] = s.step.escalate_to ? approver_json(*s.step.escalate_to) : ordered_json();
  out["required"] = s.required;
  out["approvals"] = s.approvals;
  out["opened_on"] = date_or_null(s.opened_on);
  out["due_on"] = date_or_null(s.due_on);
  out["escalated_on"] = date_or_null(s.escalated_on);
  out["closed_on"] = date_or_null(s.closed_on);
  ordered_json approvers = ordered_json::array();
  for (const StepApprover& a : s.approvers) {
    approvers.push_back(ordered_json{{"employee", a.employee},
                                     {"origin", approver_origin_name(a.origin)},
                                     {"added_on", a.added_on.to_string()},
                                     {"approved_on", date_or_null(a.approved_on)},
                                     {"approved_by", text_or_null(a.approved_by)}});
  }
  out["approvers"] = std::move(approvers);
  return out;
}

ordered_json notes_json(const std::vector<ApprovalNote>& notes) {
  if (notes.empty()) return ordered_json();
  return ordered_json{{"en", join_notes(notes, Lang::en)}, {"zh-CN", join_notes(notes, Lang::zh_CN)}};
}

ordered_json entry_json(const ApprovalHistoryEntry& e, Lang lang) {
  ordered_json out = ordered_json::object();
  out["id"] = e.id;
  out["contract"] = e.contract;
  out["round"] = e.round;
  out["action"] = approval_action_name(e.action);
  out["step"] = e.step ? ordered_json(*e.step) : ordered_json();
  out["actor"] = text_or_null(e.actor);
  out["on_behalf_of"] = text_or_null(e.on_behalf_of);
  out["comment"] = e.comment;
  out["on"] = e.on.to_string();
  out["reason"] = e.reasons.empty() ? ordered_json() : ordered_json(e.reason(lang));
  out["reasons"] = notes_json(e.reasons);
  out["approvers"] = e.approvers;
  out["event"] = e.event ? ordered_json(*e.event) : ordered_json();
  return out;
}

ordered_json delegation_object(const Delegation& d) {
  return ordered_json{{"id", d.id},
                      {"person", d.person},
                      {"delegate", d.delegate},
                      {"from", d.from.to_string()},
                      {"to", d.to.to_string()}};
}

}  // namespace

std::string route_instance_json(const ApprovalRouteInstance& r) {
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out["contract"] = r.contract;
  out["number"] = r.number;
  out["round"] = r.round;
  out["status"] = route_status_name(r.status);
  out["submitter"] = r.submitter;
  out["owner"] = r.owner;
  out["department"] = r.department;
  out["submitted_on"] = r.submitted_on.to_string();
  out["ended_on"] = date_or_null(r.ended_on);
  out["current_step"] = r.current_step ? ordered_json(*r.current_step) : ordered_json();
  ordered_json audit = ordered_json::object();
  audit["table"] = r.audit.table_id;
  audit["table_version"] = r.audit.table_version;
  audit["hit_policy"] = hit_policy_name(r.audit.hit_policy);
  audit["matched_rules"] = r.audit.matched_rules;
  ordered_json inputs = ordered_json::object();
  for (const RoutingInputValue& v : r.audit.inputs) {
    if (v.type == RoutingInputType::boolean) {
      inputs[v.name] = v.value == "true";
    } else {
      inputs[v.name] = v.value;
    }
  }
  audit["inputs"] = std::move(inputs);
  out["audit"] = std::move(audit);
  ordered_json steps = ordered_json::array();
  for (const ApprovalStepState& s : r.steps) steps.push_back(step_json(s));
  out["steps"] = std::move(steps);
  if (r.amendment) {
    const RouteAmendment& a = *r.amendment;
    out["amendment"] = ordered_json{{"reason", a.reason},
                                    {"changes", ordered_json::parse(a.changes)},
                                    {"inputs", a.inputs},
                                    {"event", a.event ? ordered_json(*a.event) : ordered_json()}};
  } else {
    out["amendment"] = ordered_json();
  }
  return out.dump();
}

std::string approval_step_json(const std::optional<ApprovalStepState>& step) {
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out["step"] = step ? step_json(*step) : ordered_json();
  return out.dump();
}

std::string approval_entry_json(const ApprovalHistoryEntry& entry, Lang lang) {
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  const ordered_json body = entry_json(entry, lang);
  for (const auto& item : body.items()) out[item.key()] = item.value();
  return out.dump();
}

std::string approval_history_json(const std::vector<ApprovalHistoryEntry>& history, Lang lang) {
  ordered_json list = ordered_json::array();
  for (const ApprovalHistoryEntry& e : history) list.push_back(entry_json(e, lang));
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out["history"] = std::move(list);
  return out.dump();
}

std::string inbox_json(const std::vector<InboxItem>& items) {
  ordered_json list = ordered_json::array();
  for (const InboxItem& i : items) {
    ordered_json item = ordered_json::object();
    item["contract"] = i.contract;
    item["number"] = i.number;
    item["type"] = i.type;
    item["amount"] = i.amount.to_string();
    item["currency"] = std::string(i.amount.currency().code());
    item["owner"] = i.owner;
    item["submitter"] = i.submitter;
    item["round"] = i.round;
    item["step"] = i.step;
    item["steps"] = i.steps;
    item["approver"] = approver_json(i.approver);
    item["on_behalf_of"] = text_or_null(i.on_behalf_of);
    item["opened_on"] = i.opened_on.to_string();
    item["due_on"] = date_or_null(i.due_on);
    item["escalated"] = i.escalated;
    item["amendment"] = i.amendment;
    list.push_back(std::move(item));
  }
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out["items"] = std::move(list);
  return out.dump();
}

std::string delegation_json(const Delegation& delegation) {
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  const ordered_json body = delegation_object(delegation);
  for (const auto& item : body.items()) out[item.key()] = item.value();
  return out.dump();
}

std::string delegations_json(const std::vector<Delegation>& delegations) {
  ordered_json list = ordered_json::array();
  for (const Delegation& d : delegations) list.push_back(delegation_object(d));
  ordered_json out = ordered_json::object();
  out["version"] = 1;
  out["delegations"] = std::move(list);
  return out.dump();
}

}  // namespace pactum
