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
#include "pactum/approval/document.hpp"
#include "pactum/approval/controls.hpp"
#include "py_database.hpp"
#include "routing_convert.hpp"

namespace pactum::python {

namespace {

py::object entry_dict(const ApprovalHistoryEntry& e, Lang lang) {
  PySink sink;
  describe(e, lang, sink);
  return sink.take();
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
            return document_of(r);
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
            return document_of(self.get().approval_route(contract));
          }),
          py::arg("contract"), "The contract's latest route (NotFoundError if it was never submitted).")
      .def(
          "current_step",
          localized([](PyDatabase& self, const ContractRef& contract) -> py::object {
            const auto step = self.get().current_step(contract);
            return step ? document_of(*step) : py::object(py::none());
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
            for (const InboxItem& i : self.get().inbox(who, day)) out.append(document_of(i));
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
