// C API: approval route instances (submit, approve, reject, send back,
// withdraw), their queries (route, current step and approvers, history,
// inboxes), delegation windows and the approval controls (the
// direct_activation setting, routing in use).
#include "capi_internal.hpp"
#include "pactum/approval/approval.hpp"
#include "pactum/contract/io.hpp"
#include "pactum/store/documents.hpp"

using namespace pactum;
using capi::contract_arg;
using capi::optional_date;
using capi::put_optional;
using capi::put;
using capi::require;
using capi::text;
using capi::text_arg;
using capi::with_db;

namespace {

std::string comment_arg(const char* s) { return s == nullptr ? std::string() : text(s, "comment"); }



// approve, reject and send back share their arguments.
using Decision = ApprovalHistoryEntry (Database::*)(const ContractRef&, const std::string&, const std::string&,
                                                    std::optional<Date>, const std::optional<std::string>&);

int decide(pactum_db* db, Decision decision, const char* contract, const char* by, const char* comment, const char* on,
           const char* on_behalf_of, char** entry_json) {
  return with_db(db, [&](Database& d) {
    if (entry_json != nullptr) *entry_json = nullptr;
    const ContractRef ref = contract_arg(d, contract);
    const std::string actor = text(by, "by");
    const std::string note = comment_arg(comment);
    const auto day = optional_date(on, "on");
    const auto principal = capi::optional_text_arg(on_behalf_of, "on_behalf_of");
    const ApprovalHistoryEntry entry = (d.*decision)(ref, actor, note, day, principal);
    put_optional(entry_json, approval_entry_json(entry, d.lang()));
  });
}

}  // namespace

extern "C" {

int pactum_submit(pactum_db* db, const char* contract, const char* by, const char* comment, const char* on,
                  char** route_json) {
  return with_db(db, [&](Database& d) {
    if (route_json != nullptr) *route_json = nullptr;
    const ContractRef ref = contract_arg(d, contract);
    const std::string actor = text(by, "by");
    const std::string note = comment_arg(comment);
    const ApprovalRouteInstance route = d.submit(ref, actor, optional_date(on, "on"), note);
    put_optional(route_json, route_instance_json(route));
  });
}

int pactum_approve(pactum_db* db, const char* contract, const char* by, const char* comment, const char* on,
                   const char* on_behalf_of, char** entry_json) {
  return decide(db, &Database::approve, contract, by, comment, on, on_behalf_of, entry_json);
}

int pactum_reject(pactum_db* db, const char* contract, const char* by, const char* comment, const char* on,
                  const char* on_behalf_of, char** entry_json) {
  return decide(db, &Database::reject, contract, by, comment, on, on_behalf_of, entry_json);
}

int pactum_send_back(pactum_db* db, const char* contract, const char* by, const char* comment, const char* on,
                     const char* on_behalf_of, char** entry_json) {
  return decide(db, &Database::send_back, contract, by, comment, on, on_behalf_of, entry_json);
}

int pactum_withdraw(pactum_db* db, const char* contract, const char* by, const char* comment, const char* on,
                    char** entry_json) {
  return with_db(db, [&](Database& d) {
    if (entry_json != nullptr) *entry_json = nullptr;
    const ContractRef ref = contract_arg(d, contract);
    const std::string actor = text(by, "by");
    const std::string note = comment_arg(comment);
    const ApprovalHistoryEntry entry = d.withdraw(ref, actor, note, optional_date(on, "on"));
    put_optional(entry_json, approval_entry_json(entry, d.lang()));
  });
}

int pactum_approval_route(pactum_db* db, const char* contract, char** route_json) {
  return with_db(db, [&](Database& d) {
    require(route_json, "route_json");
    put(route_json, route_instance_json(d.approval_route(contract_arg(d, contract))), "route_json");
  });
}

int pactum_current_step(pactum_db* db, const char* contract, char** step_json) {
  return with_db(db, [&](Database& d) {
    require(step_json, "step_json");
    put(step_json, approval_step_json(d.current_step(contract_arg(d, contract))), "step_json");
  });
}

int pactum_current_approvers(pactum_db* db, const char* contract, char** approvers_json) {
  return with_db(db, [&](Database& d) {
    require(approvers_json, "approvers_json");
    put(approvers_json, json::ids_to_json(d.current_approvers(contract_arg(d, contract))), "approvers_json");
  });
}

int pactum_approval_history(pactum_db* db, const char* contract, char** history_json) {
  return with_db(db, [&](Database& d) {
    require(history_json, "history_json");
    put(history_json, approval_history_json(d.approval_history(contract_arg(d, contract)), d.lang()), "history_json");
  });
}

int pactum_inbox(pactum_db* db, const char* person, const char* on, char** inbox_json) {
  return with_db(db, [&](Database& d) {
    require(inbox_json, "inbox_json");
    const std::string who = text(person, "person");
    put(inbox_json, pactum::inbox_json(d.inbox(who, optional_date(on, "on"))), "inbox_json");
  });
}

int pactum_delegate(pactum_db* db, const char* person, const char* delegate, const char* from, const char* to,
                    int64_t* out_id) {
  return with_db(db, [&](Database& d) {
    const std::string principal = text(person, "person");
    const std::string deputy = text(delegate, "delegate");
    const Date start = Date::parse(text_arg(from, "from"));
    const Date end = Date::parse(text_arg(to, "to"));
    const Delegation made = d.delegate(principal, deputy, start, end);
    if (out_id != nullptr) *out_id = made.id;
  });
}

int pactum_delegations(pactum_db* db, const char* person, char** delegations_json) {
  return with_db(db, [&](Database& d) {
    require(delegations_json, "delegations_json");
    put(delegations_json, pactum::delegations_json(d.delegations(capi::optional_text_arg(person, "person"))),
        "delegations_json");
  });
}

int pactum_revoke_delegation(pactum_db* db, int64_t id) {
  return with_db(db, [&](Database& d) { d.revoke_delegation(id); });
}

int pactum_direct_activation(pactum_db* db, char** policy) {
  return with_db(db, [&](Database& d) {
    require(policy, "policy");
    put(policy, direct_activation_name(d.direct_activation()), "policy");
  });
}

int pactum_set_direct_activation(pactum_db* db, const char* policy, const char* by, const char* reason, const char* on,
                                 char** event_json) {
  return with_db(db, [&](Database& d) {
    if (event_json != nullptr) *event_json = nullptr;
    const DirectActivation value = parse_direct_activation(text_arg(policy, "policy"));
    const std::string who = text(by, "by");
    const std::string why = text(reason, "reason");
    const Event e = d.set_direct_activation(value, who, why, optional_date(on, "on"));
    put_optional(event_json, json::to_json(e));
  });
}

int pactum_routing_in_use(pactum_db* db, const char* type, int* in_use) {
  return with_db(db, [&](Database& d) {
    require(in_use, "in_use");
    *in_use = d.routing_in_use(text(type, "type")) ? 1 : 0;
  });
}

}  // extern "C"
