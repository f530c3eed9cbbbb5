// The documents of routes, routing results and approval rounds
// (pactum/core/document.hpp), described once for every face; docs/approval.md
// and docs/routing.md list the members.
#pragma once

#include "pactum/approval/approval.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/core/document.hpp"

namespace pactum {

// {"role": name} or {"person": name}
void describe(const Approver& approver, DocumentSink& sink);
// "any", "all" or {"k": k}
void describe(const ApprovalMode& mode, DocumentSink& sink);
// {"role"|"person": name, "mode", "deadline_days"?, "escalate_to"?}: the
// step as a routing table writes it (absent members are left out).
void describe(const RouteStep& step, DocumentSink& sink);
// [step, ...]
void describe(const ApprovalRoute& route, DocumentSink& sink);
// {"table", "table_version", "hit_policy", "matched_rules", "inputs": {name:
//  value}}: booleans as booleans, money and numbers as decimals where the
// sink keeps types (text in JSON, as evaluated), other inputs as text.
void describe(const RoutingAudit& audit, DocumentSink& sink);
// {"route", "audit"}
void describe(const RoutingResult& result, DocumentSink& sink);
// {"number", "approver", "mode", "deadline_days", "escalate_to", "required",
//  "approvals", "opened_on", "due_on", "escalated_on", "closed_on",
//  "approvers": [{"employee", "origin", "added_on", "approved_on",
//  "approved_by"}]}
void describe(const ApprovalStepState& step, DocumentSink& sink);
// {"contract", "number", "round", "status", "submitter", "owner",
//  "department", "submitted_on", "ended_on", "current_step", "audit",
//  "steps", "amendment": null or {"reason", "changes", "inputs", "event"}}
void describe(const ApprovalRouteInstance& route, DocumentSink& sink);
// {"id", "contract", "round", "action", "step", "actor", "on_behalf_of",
//  "comment", "on", "reason" (in `lang`), "reasons": {"en", "zh-CN"},
//  "approvers", "event"}; reason and reasons are null without reasons.
void describe(const ApprovalHistoryEntry& entry, Lang lang, DocumentSink& sink);
// {"contract", "number", "type", "amount", "currency", "owner", "submitter",
//  "round", "step", "steps", "approver", "on_behalf_of", "opened_on",
//  "due_on", "escalated", "amendment"}
void describe(const InboxItem& item, DocumentSink& sink);

}  // namespace pactum
