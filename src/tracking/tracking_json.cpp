// JSON documents of reminders, acknowledgements and lead times (C API,
// command line). nlohmann/json stays in src/.
#include <nlohmann/json.hpp>

#include "pactum/tracking/reminder.hpp"

namespace pactum {

namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json optional_value(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json money_or_null(const std::optional<Money>& m) { return m ? Json(m->to_string()) : Json(nullptr); }

Json reminder_json(const Reminder& r) {
  Json j;
  j["id"] = r.id;
  j["kind"] = reminder_kind_name(r.kind);
  j["contract"] = r.contract;
  j["number"] = r.number;
  j["type"] = r.type;
  j["owner"] = r.owner;
  j["department"] = r.department;
  j["counterparty"] = r.counterparty;
  j["key_account"] = r.key_account;
  j["due"] = r.due.to_string();
  j["trigger"] = r.trigger.to_string();
  j["days"] = r.days;
  j["installment"] = optional_value(r.installment);
  j["installment_amount"] = money_or_null(r.installment_amount);
  j["unpaid"] = money_or_null(r.unpaid);
  j["currency"] = r.installment_amount ? Json(std::string(r.installment_amount->currency().code())) : Json(nullptr);
  j["round"] = optional_value(r.round);
  j["step"] = optional_value(r.step);
  j["message"] = r.message;
  return j;
}

Json ack_json(const Acknowledgement& ack) {
  Json j;
  j["id"] = ack.id;
  j["contract"] = ack.contract;
  j["on"] = ack.on.to_string();
  j["actor"] = optional_value(ack.actor);
  j["recorded_at"] = ack.recorded_at;
  return j;
}

}  // namespace

std::string reminders_to_json(const std::vector<Reminder>& reminders, Date as_of) {
  Json doc;
  doc["version"] = 1;
  doc["as_of"] = as_of.to_string();
  Json items = Json::array();
  for (const Reminder& r : reminders) items.push_back(reminder_json(r));
  doc["reminders"] = std::move(items);
  return doc.dump();
}

std::string to_json(const Acknowledgement& ack) {
  Json doc;
  doc["version"] = 1;
  const Json body = ack_json(ack);
  for (auto it = body.begin(); it != body.end(); ++it) doc[it.key()] = it.value();
  return doc.dump();
}

std::string acknowledgements_to_json(const std::vector<Acknowledgement>& acks) {
  Json doc;
  doc["version"] = 1;
  Json items = Json::array();
  for (const Acknowledgement& a : acks) items.push_back(ack_json(a));
  doc["acknowledgements"] = std::move(items);
  return doc.dump();
}

std::string reminder_leads_to_json(const ReminderLeads& leads, const std::optional<std::string>& type) {
  Json doc;
  doc["version"] = 1;
  doc["type"] = optional_value(type);
  for (ReminderKind kind : kReminderKinds) doc[reminder_kind_name(kind)] = leads.days(kind);
  return doc.dump();
}

}  // namespace pactum
