// JSON documents of reminders, acknowledgements and lead times (C API,
// command line), from the descriptions of pactum/tracking/document.hpp.
// nlohmann/json stays in src/.
#include <nlohmann/json.hpp>

#include "../core/json_sink.hpp"
#include "pactum/tracking/document.hpp"
#include "pactum/tracking/reminder.hpp"

namespace pactum {

namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json optional_value(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

}  // namespace

std::string reminders_to_json(const std::vector<Reminder>& reminders, Date as_of) {
  Json doc;
  doc["version"] = 1;
  doc["as_of"] = as_of.to_string();
  Json items = Json::array();
  for (const Reminder& r : reminders) items.push_back(json_document_of<Json>(r));
  doc["reminders"] = std::move(items);
  return doc.dump();
}

std::string to_json(const Acknowledgement& ack) { return versioned_document(ack); }

std::string acknowledgements_to_json(const std::vector<Acknowledgement>& acks) {
  Json doc;
  doc["version"] = 1;
  Json items = Json::array();
  for (const Acknowledgement& a : acks) items.push_back(json_document_of<Json>(a));
  doc["acknowledgements"] = std::move(items);
  return doc.dump();
}

std::string reminder_leads_to_json(const ReminderLeads& leads, const std::optional<std::string>& type) {
  Json doc;
  doc["version"] = 1;
  doc["type"] = optional_value(type);
  const Json days = json_document_of<Json>(leads);
  for (auto it = days.begin(); it != days.end(); ++it) doc[it.key()] = it.value();
  return doc.dump();
}

}  // namespace pactum
