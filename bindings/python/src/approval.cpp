// pactum.Database methods of approval routes: submit, approve, reject,
// send_back, withdraw, the queries (approval_route, current_step,
// current_approvers, approval_history, inbox), delegations and the approval
// controls (direct_activation, set_direct_activation, routing_in_use). Results are
// plain dicts; dates are datetime.date, amounts decimal.Decimal.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "contracts_convert.hpp"
#include "convert.hpp"
#include "document.hpp"
#include "pactum/contract/document.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/approval/controls.hpp"
#include "py_database.hpp"
#include "routing_convert.hpp"

namespace pactum::python {

namespace {

py::object optional_date_object(const std::optional<Date>& d) { return d ? from_date(*d) : py::object(py::none()); }

py::dict approver_dict(const Approver& a) {
  py::dict out;
  out[approver_kind_name(a.kind)] = a.name;
  return out;
}

py::dict step_dict(const ApprovalStepState& s) {
  py::dict out;
  out["number"] = s.number;
  out["approver"] = approver_dict(s.step.approver);
  out["mode"] = route_list(ApprovalRoute{{s.step}})[0]["mode"];
  out["deadline_days"] = s.step.deadline_days ? py::object(py::int_(*s.step.deadline_days)) : py::object(py::none());
  out["escalate_to"] = s.step.escalate_to ? py::object(approver_dict(*s.step.escalate_to)) : py::object(py::none());
  out["required"] = s.required;
  out["approvals"] = s.approvals;
  out["opened_on"] = optional_date_object(s.opened_on);
  out["due_on"] = optional_date_object(s.due_on);
  out["escalated_on"] = optional_date_object(s.escalated_on);
  out["closed_on"] = optional_date_object(s.closed_on);
  py::list approvers;
  for (const StepApprover& a : s.approvers) {
    py::dict item;
    item["employee"] = a.employee;
    item["origin"] = approver_origin_name(a.origin);
    item["added_on"] = from_date(a.added_on);
    item["approved_on"] = optional_date_object(a.approved_on);
    item["approved_by"] = optional_text_object(a.approved_by);
    approvers.append(item);
  }
  out["approvers"] = approvers;
  return out;
}

py::dict route_dict(const ApprovalRouteInstance& r) {
  py::dict out;
  out["contract"] = r.contract;
  out["number"] = r.number;
  out["round"] = r.round;
  out["status"] = route_status_name(r.status);
  out["submitter"] = r.submitter;
  out["owner"] = r.owner;
  out["department"] = r.department;
  out["submitted_on"] = from_date(r.submitted_on);
  out["ended_on"] = optional_date_object(r.ended_on);
  out["current_step"] = r.current_step ? py::object(py::int_(*r.current_step)) : py::object(py::none());
  RoutingResult evaluation;
  evaluation.audit = r.audit;
  out["audit"] = result_dict(evaluation)["audit"];
  py::list steps;
  for (const ApprovalStepState& s : r.steps) steps.append(step_dict(s));
  out["steps"] = steps;
  if (r.amendment) {
    py::dict a;
    a["reason"] = r.amendment->reason;
    a["changes"] = imported("json", "loads")(r.amendment->changes);
    a["inputs"] = r.amendment->inputs;
    a["event"] = r.amendment->event ? py::object(py::int_(*r.amendment->event)) : py::object(py::none());
    out["amendment"] = a;
  } else {
    out["amendment"] = py::none();
  }
  return out;
}

py::dict entry_dict(const ApprovalHistoryEntry& e, Lang lang) {
  py::dict out;
  out["id"] = e.id;
  out["contract"] = e.contract;
  out["round"] = e.round;
  out["action"] = approval_action_name(e.action);
  out["step"] = e.step ? py::object(py::int_(*e.step)) : py::object(py::none());
  out["actor"] = optional_text_object(e.actor);
  out["on_behalf_of"] = optional_text_object(e.on_behalf_of);
  out["comment"] = e.comment;
  out["on"] = from_date(e.on);
  if (e.reasons.empty()) {
    out["reason"] = py::none();
    out["reasons"] = py::none();
  } else {
    out["reason"] = e.reason(lang);
    py::dict both;
    both["en"] = e.reason(Lang::en);
    both["zh-CN"] = e.reason(Lang::zh_CN);
    out["reasons"] = both;
  }
  out["approvers"] = e.approvers;
  out["event"] = e.event ? py::object(py::int_(*e.event)) : py::object(py::none());
  return out;
}

py::dict inbox_dict(const InboxItem& i) {
  py::dict out;
  out["contract"] = i.contract;
  out["number"] = i.number;
  out["type"] = i.type;
  out["amount"] = from_decimal(i.amount.amount());
  out["currency"] = std::string(i.amount.currency().code());
  out["owner"] = i.owner;
  out["submitter"] = i.submitter;
  out["round"] = i.round;
  out["step"] = i.step;
  out["steps"] = i.steps;
  out["approver"] = approver_dict(i.approver);
  out["on_behalf_of"] = optional_text_object(i.on_behalf_of);
  out["opened_on"] = from_date(i.opened_on);
  out["due_on"] = optional_date_object(i.due_on);
  out["escalated"] = i.escalated;
  out["amendment"] = i.amendment;
  return out;
}

py::dict delegation_dict(const Delegation& d) {
  py::dict out;
  out["id"] = d.id;
  out["person"] = d.person;
  out["delegate"] = d.delegate;
  out["start"] = from_date(d.from);
  out["end"] = from_date(d.to);
  return out;
}

// A comment: str or bytes (None is no comment).
std::string comment_arg(py::handle value) { return value.is_none() ? std::string() : str_arg(value, "comment"); }

using Decision = ApprovalHistoryEntry (Database::*)(const ContractRef&, const std::string&, const std::string&,
                                                    std::optional<Date>, const std::optional<std::string>&);

// approve, reject and send_back share their arguments.
auto decision(Decision method) {
  return localized([method](PyDatabase& self, py::handle contract, py::handle by, py::handle comment, py::handle on,
                            py::handle on_behalf_of) {
    const ContractRef ref = contract_arg(contract);
    const std::string actor = str_arg(by, "by");
    const std::string note = comment_arg(comment);
    const auto day = optional_date_arg(on, "on");
    const auto principal = optional_str_arg(on_behalf_of, "on_behalf_of");
    Database& db = self.get();
    ApprovalHistoryEntry e;
    {
      py::gil_scoped_release release;
      e = (db.*method)(ref, actor, note, day, principal);
    }
    return entry_dict(e, db.lang());
  });
}

}  // namespace

void bind_approval(py::module_& m) {
  database_class(m)
      // ---- Approval ----
      .def(
          "submit",
          localized([](PyDatabase& self, const ContractRef& ref, py::handle by, py::handle on, py::handle comment) {
            const std::string actor = str_arg(by, "by");
            const auto day = optional_date_arg(on, "on");
            const std::string note = comment_arg(comment);
            Database& db = self.get();
            ApprovalRouteInstance r;
            {
              py::gil_scoped_release release;
              r = db.submit(ref, actor, day, note);
            }
            return route_dict(r);
          }),
          py::arg("contract"), py::arg("by"), py::arg("on") = py::none(), py::arg("comment") = "", R"doc(
Submit a draft (or rejected) contract for approval: the current routing table
is evaluated (its version, the matched rules and the inputs are recorded), the
approvers of step 1 are resolved as of `on` (default: the database clock) and
the contract becomes pending_approval. Returns the route as a dict.)doc")
      .def("approve", decision(&Database::approve), py::arg("contract"), py::arg("by"), py::arg("comment") = "",
           py::arg("on") = py::none(), py::arg("on_behalf_of") = py::none(), R"doc(
One approval of the current step by `by`, an approver or a delegate (acting for
`on_behalf_of`, or for the first approver who delegated to them). The last
approval activates the contract, effective `on`. Returns the history entry.
The submitter or owner: StateError (code PACTUM_ESEGREGATION); not an approver:
StateError (PACTUM_ENOTAPPROVER); a second approval: ConflictError.)doc")
      .def("reject", decision(&Database::reject), py::arg("contract"), py::arg("by"), py::arg("comment") = "",
           py::arg("on") = py::none(), py::arg("on_behalf_of") = py::none(),
           "Ends the route: the contract becomes `rejected`. Returns the history entry.")
      .def("send_back", decision(&Database::send_back), py::arg("contract"), py::arg("by"), py::arg("comment") = "",
           py::arg("on") = py::none(), py::arg("on_behalf_of") = py::none(),
           "Ends the route and returns the contract to its submitter as a draft. Returns the history entry.")
      .def(
          "withdraw",
          localized([](PyDatabase& self, const ContractRef& ref, py::handle by, py::handle comment, py::handle on) {
            const std::string actor = str_arg(by, "by");
            const std::string note = comment_arg(comment);
            const auto day = optional_date_arg(on, "on");
            Database& db = self.get();
            ApprovalHistoryEntry e;
            {
              py::gil_scoped_release release;
              e = db.withdraw(ref, actor, note, day);
            }
            return entry_dict(e, db.lang());
          }),
          py::arg("contract"), py::arg("by"), py::arg("comment") = "", py::arg("on") = py::none(),
          "The submitter takes the contract back (a draft again). Returns the history entry.")
      .def(
          "approval_route",
          localized([](PyDatabase& self, const ContractRef& contract) {
            return route_dict(self.get().approval_route(contract));
          }),
          py::arg("contract"), "The contract's latest route (NotFoundError if it was never submitted).")
      .def(
          "current_step",
          localized([](PyDatabase& self, const ContractRef& contract) -> py::object {
            const auto step = self.get().current_step(contract);
            return step ? py::object(step_dict(*step)) : py::object(py::none());
          }),
          py::arg("contract"), "The open step as a dict, or None.")
      .def(
          "current_approvers",
          localized([](PyDatabase& self, const ContractRef& contract) {
            return self.get().current_approvers(contract);
          }),
          py::arg("contract"),
          "Employee ids of the open step's approvers who have not approved yet; [] when no step is open.")
      .def(
          "approval_history",
          localized([](PyDatabase& self, const ContractRef& contract) {
            Database& db = self.get();
            py::list out;
            for (const ApprovalHistoryEntry& e : db.approval_history(contract)) {
              out.append(entry_dict(e, db.lang()));
            }
            return out;
          }),
          py::arg("contract"), R"doc(
Every entry of every submission, oldest first: dicts with id, contract, round,
action (submitted, approved, rejected, sent_back, withdrawn, rerouted,
escalated), step, actor, on_behalf_of, comment, on, reason (in the handle's
language), reasons ({"en", "zh-CN"}), approvers (added by rerouting or
escalation) and event (the log's seq).)doc")
      .def(
          "inbox",
          localized([](PyDatabase& self, py::handle person, py::handle on) {
            const std::string who = str_arg(person, "person");
            const auto day = optional_date_arg(on, "on");
            py::list out;
            for (const InboxItem& i : self.get().inbox(who, day)) out.append(inbox_dict(i));
            return out;
          }),
          py::arg("person"), py::arg("on") = py::none(),
          "The open steps `person` can decide on `on` (default: the clock), delegations included.")
      .def(
          "delegate",
          localized([](PyDatabase& self, py::handle person, py::handle delegate, py::handle start, py::handle end) {
            const std::string principal = str_arg(person, "person");
            const std::string deputy = str_arg(delegate, "delegate");
            const Date from = to_date(start, "start");
            const Date to = to_date(end, "end");
            return delegation_dict(self.get().delegate(principal, deputy, from, to));
          }),
          py::arg("person"), py::arg("delegate"), py::arg("start"), py::arg("end"),
          "`delegate` acts for `person` from `start` to `end` (inclusive). Returns the delegation.")
      .def(
          "delegations",
          localized([](PyDatabase& self, py::handle person) {
            py::list out;
            for (const Delegation& d : self.get().delegations(optional_str_arg(person, "person"))) {
              out.append(delegation_dict(d));
            }
            return out;
          }),
          py::arg("person") = py::none(), "Delegations given or received by `person` (None: all).")
      .def(
          "revoke_delegation",
          localized([](PyDatabase& self, std::int64_t id) { self.get().revoke_delegation(id); }), py::arg("id"),
          "Removes a delegation; actions already taken keep their history.")
      // ---- Approval controls ----
      .def(
          "direct_activation",
          localized([](PyDatabase& self) { return std::string(direct_activation_name(self.get().direct_activation())); }),
          "The setting direct_activation: \"refuse\" (the default) or \"allow\" (docs/approval.md, \"Settings\").")
      .def(
          "set_direct_activation",
          localized([](PyDatabase& self, py::handle policy, py::handle by, py::handle reason, py::handle on) {
            const DirectActivation value = parse_direct_activation(str_arg(policy, "policy"));
            const std::string who = str_arg(by, "by");
            const std::string why = str_arg(reason, "reason");
            const auto day = optional_date_arg(on, "on");
            Database& db = self.get();
            Event e;
            {
              py::gil_scoped_release release;
              e = db.set_direct_activation(value, who, why, day);
            }
            return document_of(e);
          }),
          py::arg("policy"), py::arg("by"), py::arg("reason"), py::arg("on") = py::none(), R"doc(
Sets direct_activation to "refuse" or "allow": a "setting_changed" event (no
contract) with `by` (who), `reason` and the date `on` (default: the database
clock), returned. With "refuse" (the default), activate() is refused for
contracts of a type with routing in use; a contract that entered a route is
only ever activated by its route. The same value again: StateError.)doc")
      .def(
          "routing_in_use",
          localized([](PyDatabase& self, py::handle type) { return self.get().routing_in_use(str_arg(type, "type")); }),
          py::arg("type"), R"doc(
True when routing is in use for contracts of `type`: one of them was submitted
in this database, or the current routing table, loaded by the host (not the
shipped default), routes the type.)doc");
}

}  // namespace pactum::python
