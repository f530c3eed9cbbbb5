// The payloads of the approval events (docs/events.md, docs/approval.md):
// one typed value and one codec each, used by the writer and every reader.
// The texts are stored in the event log: they are formats and stay as they
// are (tests/approval/payloads_test.cpp pins them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/approval/route.hpp"
#include "pactum/approval/routing.hpp"
#include "pactum/core/date.hpp"

namespace pactum {

// approved, rejected, sent_back: {"round":1,"step":2,"on_behalf_of":null}.
struct DecisionPayload {
  int round = 1;
  int step = 1;
  std::optional<std::string> on_behalf_of;  // the principal a delegate voted for

  friend bool operator==(const DecisionPayload&, const DecisionPayload&) = default;
};

// withdrawn: {"round":1,"step":2}.
struct WithdrawalPayload {
  int round = 1;
  int step = 1;

  friend bool operator==(const WithdrawalPayload&, const WithdrawalPayload&) = default;
};

// approval_escalated: {"round":1,"step":2,"due_on":"2024-03-05",
// "escalate_to":{"role":"general_manager"},"added":["E001"]}.
struct EscalationPayload {
  int round = 1;
  int step = 1;
  Date due_on;
  Approver escalate_to;
  std::vector<std::string> added;

  friend bool operator==(const EscalationPayload&, const EscalationPayload&) = default;
};

// setting_changed: {"setting":"direct_activation","from":"refuse","to":"allow"}.
struct SettingChangePayload {
  std::string setting;
  std::string from;
  std::string to;

  friend bool operator==(const SettingChangePayload&, const SettingChangePayload&) = default;
};

std::string decision_payload_json(const DecisionPayload& p);
std::string setting_change_payload_json(const SettingChangePayload& p);
SettingChangePayload setting_change_payload_from_json(std::string_view text);
std::string withdrawal_payload_json(const WithdrawalPayload& p);
std::string escalation_payload_json(const EscalationPayload& p);
// The inverses: a payload that is not of that form is a ValidationError
// (approval.bad_payload).
DecisionPayload decision_payload_from_json(std::string_view text);
WithdrawalPayload withdrawal_payload_from_json(std::string_view text);
EscalationPayload escalation_payload_from_json(std::string_view text);

// The amendment a round carries: why, the typed diff's payload text
// (terms_diff_to_json) and the routing inputs it touches.
struct SubmittedAmendment {
  std::string reason;
  std::string diff;
  std::vector<std::string> inputs;
};
// submitted: the routing result document (routing_result_json) with the
// round and, for an amendment round, {"amendment":{"reason","changes","inputs"}},
// written in one pass.
std::string submission_payload_json(const RoutingResult& result, int round,
                                    const std::optional<SubmittedAmendment>& amendment);

}  // namespace pactum
