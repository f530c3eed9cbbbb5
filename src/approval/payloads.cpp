// The payloads of the approval events: one codec each.
#include "pactum/approval/payloads.hpp"

#include <nlohmann/json.hpp>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

using ordered_json = nlohmann::ordered_json;

[[noreturn]] void bad_payload(const char* what) {
  raise(Errc::invalid_argument, "approval.bad_payload", {{"event", what}});
}

// The object `text` holds, or the refusal naming `what`.
ordered_json object_of(std::string_view text, const char* what) {
  ordered_json j;
  try {
    j = ordered_json::parse(text);
  } catch (const ordered_json::exception&) {
    bad_payload(what);
  }
  if (!j.is_object()) bad_payload(what);
  return j;
}

int int_at(const ordered_json& j, const char* key, const char* what) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) bad_payload(what);
  const auto v = it->get<std::int64_t>();
  if (v < 1 || v > 1000000) bad_payload(what);
  return static_cast<int>(v);
}

}  // namespace

std::string decision_payload_json(const DecisionPayload& p) {
  ordered_json j = ordered_json::object();
  j["round"] = p.round;
  j["step"] = p.step;
  j["on_behalf_of"] = p.on_behalf_of ? ordered_json(*p.on_behalf_of) : ordered_json();
  return j.dump();
}

std::string withdrawal_payload_json(const WithdrawalPayload& p) {
  ordered_json j = ordered_json::object();
  j["round"] = p.round;
  j["step"] = p.step;
  return j.dump();
}

std::string escalation_payload_json(const EscalationPayload& p) {
  ordered_json j = ordered_json::object();
  j["round"] = p.round;
  j["step"] = p.step;
  j["due_on"] = p.due_on.to_string();
  j["escalate_to"] = ordered_json{{approver_kind_name(p.escalate_to.kind), p.escalate_to.name}};
  j["added"] = p.added;
  return j.dump();
}

std::string setting_change_payload_json(const SettingChangePayload& p) {
  ordered_json j = ordered_json::object();
  j["setting"] = p.setting;
  j["from"] = p.from;
  j["to"] = p.to;
  return j.dump();
}

SettingChangePayload setting_change_payload_from_json(std::string_view text) {
  const ordered_json j = object_of(text, "setting_changed");
  SettingChangePayload p;
  for (auto [key, out] : {std::pair{"setting", &p.setting}, std::pair{"from", &p.from}, std::pair{"to", &p.to}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) bad_payload("setting_changed");
    *out = it->get<std::string>();
  }
  return p;
}

DecisionPayload decision_payload_from_json(std::string_view text) {
  const ordered_json j = object_of(text, "decision");
  DecisionPayload p;
  p.round = int_at(j, "round", "decision");
  p.step = int_at(j, "step", "decision");
  auto who = j.find("on_behalf_of");
  if (who == j.end() || !(who->is_null() || who->is_string())) bad_payload("decision");
  if (who->is_string()) p.on_behalf_of = who->get<std::string>();
  return p;
}

WithdrawalPayload withdrawal_payload_from_json(std::string_view text) {
  const ordered_json j = object_of(text, "withdrawal");
  return WithdrawalPayload{int_at(j, "round", "withdrawal"), int_at(j, "step", "withdrawal")};
}

EscalationPayload escalation_payload_from_json(std::string_view text) {
  const ordered_json j = object_of(text, "escalation");
  EscalationPayload p;
  p.round = int_at(j, "round", "escalation");
  p.step = int_at(j, "step", "escalation");
  try {
    p.due_on = Date::parse(j.at("due_on").get<std::string>());
    const ordered_json& to = j.at("escalate_to");
    if (!to.is_object() || to.size() != 1) bad_payload("escalation");
    const std::string kind = to.begin().key();
    if (kind != "role" && kind != "person") bad_payload("escalation");
    p.escalate_to = kind == "role" ? Approver::role(to.begin()->get<std::string>())
                                   : Approver::person(to.begin()->get<std::string>());
    for (const ordered_json& e : j.at("added")) p.added.push_back(e.get<std::string>());
  } catch (const ordered_json::exception&) {
    bad_payload("escalation");
  }
  return p;
}

}  // namespace pactum
