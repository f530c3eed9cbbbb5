// JSON documents of the org directory, contracts and events (version 1).
#include "pactum/contract/io.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "../core/json_document.hpp"
#include "../core/json_sink.hpp"
#include "pactum/contract/document.hpp"
#include "pactum/org/document.hpp"
#include "json_reader.hpp"
#include "pactum/core/error.hpp"

namespace pactum {

namespace {

using nlohmann::json;
using Json = nlohmann::json;
using json_reader::currency_member;
using json_reader::parse_document;
using json_reader::Reader;
using json_reader::wrong_type;

// ---- Output helpers -------------------------------------------------------------

template <class T>
Json list_json(const std::vector<T>& records) {
  Json list = Json::array();
  for (const T& record : records) list.push_back(json_document_of(record));
  return list;
}

std::string versioned(Json object) {
  Json out = {{"version", 1}};
  out.update(object);
  return out.dump();
}

std::string versioned_list(const char* key, Json list) {
  Json out = {{"version", 1}};
  out[key] = std::move(list);
  return out.dump();
}

// ---- Input helpers ----------------------------------------------------------------



std::vector<Installment> installments_from(Reader& r, Currency currency) {
  std::vector<Installment> out;
  const Json* list = r.get("installments");
  if (list == nullptr) return out;
  if (!list->is_array()) wrong_type(r.qualified("installments"), "contract.json_not_array");
  int i = 0;
  for (const Json& item : *list) {
    Reader inst(item, r.qualified("installments") + "[" + std::to_string(i++) + "]");
    Installment x{inst.date("due"), Money::parse(inst.text("amount"), currency)};
    inst.finish();
    out.push_back(x);
  }
  return out;
}

Attributes attributes_from(Reader& r, const char* member) {
  Attributes out;
  const Json* object = r.get(member);
  if (object == nullptr) return out;
  if (!object->is_object()) wrong_type(r.qualified(member), "contract.json_not_object");
  for (const auto& [name, value] : object->items()) {
    const std::string where = r.qualified(member) + "." + name;
    if (value.is_string()) {
      out.emplace(name, AttributeValue(value.get<std::string>()));
    } else if (value.is_boolean()) {
      out.emplace(name, AttributeValue(value.get<bool>()));
    } else if (value.is_object()) {
      Reader typed(value, where);
      const AttributeType type = parse_attribute_type(typed.text("type"));
      out.emplace(name, AttributeValue::parse(type, typed.text("value")));
      typed.finish();
    } else {
      wrong_type(where, "contract.json_not_attribute");
    }
  }
  return out;
}

NumberFields fields_from(Reader& r) {
  NumberFields out;
  const Json* object = r.get("fields");
  if (object == nullptr) return out;
  if (!object->is_object()) wrong_type(r.qualified("fields"), "contract.json_not_object");
  for (const auto& [name, value] : object->items()) {
    if (!value.is_string()) wrong_type(r.qualified("fields") + "." + name, "contract.json_not_string");
    out[name] = value.get<std::string>();
  }
  return out;
}


}  // namespace

namespace json {

std::string to_json(const Department& department) { return versioned(json_document_of(department)); }
std::string to_json(const Employee& employee) { return versioned(json_document_of(employee)); }
std::string to_json(const Contract& contract) { return versioned(json_document_of(contract)); }
std::string to_json(const Event& event) { return versioned(json_document_of(event)); }
std::string to_json(const ExecutionSummary& summary) { return versioned(json_document_of(summary)); }

std::string departments_to_json(const std::vector<Department>& departments) {
  return versioned_list("departments", list_json(departments));
}
std::string employees_to_json(const std::vector<Employee>& employees) {
  return versioned_list("employees", list_json(employees));
}
std::string postings_to_json(const std::vector<Posting>& postings) {
  return versioned_list("postings", list_json(postings));
}
std::string roles_to_json(const std::vector<RoleAssignment>& roles) {
  return versioned_list("roles", list_json(roles));
}
std::string contracts_to_json(const std::vector<Contract>& contracts) {
  return versioned_list("contracts", list_json(contracts));
}
std::string events_to_json(const std::vector<Event>& events) {
  return versioned_list("events", list_json(events));
}

std::string event_types_to_json() {
  Json list = Json::array();
  for (const EventTypeInfo& t : event_types()) {
    Json j;
    j["code"] = static_cast<int>(t.type);
    j["name"] = std::string(t.name);
    j["shape"] = event_shape_name(t.shape);
    j["execution"] = t.execution;
    j["contract_fact"] = t.contract_fact;
    j["open_only"] = t.open_only;
    j["transition"] = t.transition ? Json(contract_transition_name(*t.transition)) : Json(nullptr);
    list.push_back(std::move(j));
  }
  return versioned_list("event_types", list);
}

std::string ids_to_json(const std::vector<std::string>& ids) { return versioned_list("employees", Json(ids)); }

ContractSpec contract_spec_from_json(std::string_view text, Currency currency) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  ContractSpec s;
  const Currency c = currency_member(r, currency);
  s.type = r.text("type");
  s.owner = r.text("owner");
  s.amount = Money::parse(r.text("amount"), c);
  s.signed_on = r.date("signed");
  s.start = r.opt_date("start");
  s.end = r.opt_date("end");
  s.delivery_due = r.opt_date("delivery_due");
  s.counterparty = r.text("counterparty");
  s.key_account = r.opt_bool("key_account").value_or(false);
  s.installments = installments_from(r, c);
  if (auto n = r.opt_text("numbering")) s.numbering = *n;
  s.fields = fields_from(r);
  s.external_id = r.opt_text("external_id");
  s.attributes = attributes_from(r, "attributes");
  s.actor = r.opt_text("actor");
  r.finish();
  return s;
}

ContractFilter contract_filter_from_json(std::string_view text) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  ContractFilter f;
  f.owner = r.opt_text("owner");
  f.department = r.opt_text("department");
  if (auto s = r.opt_text("status")) f.status = parse_contract_status(*s);
  f.type = r.opt_text("type");
  f.counterparty = r.opt_text("counterparty");
  f.number_prefix = r.opt_text("prefix");
  f.external_id = r.opt_text("external_id");
  f.signed_from = r.opt_date("signed_from");
  f.signed_to = r.opt_date("signed_to");
  if (auto limit = r.opt_int("limit")) {
    if (*limit < 0 || *limit > INT32_MAX) {
      raise(Errc::invalid_argument, "contract.bad_limit", {{"limit", std::to_string(*limit)}});
    }
    f.limit = static_cast<int>(*limit);
  }
  f.after = r.opt_int("after");
  r.finish();
  return f;
}

Amendment amendment_from_json(std::string_view text, Currency currency) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  Amendment a;
  const Currency c = currency_member(r, currency);
  a.start = r.opt_date("start");
  a.end = r.opt_date("end");
  a.delivery_due = r.opt_date("delivery_due");
  a.counterparty = r.opt_text("counterparty");
  a.key_account = r.opt_bool("key_account");
  a.amount = r.opt_money("amount", c);
  if (doc.contains("installments") && !doc.at("installments").is_null()) a.installments = installments_from(r, c);
  r.get("installments");
  a.set_attributes = attributes_from(r, "set_attributes");
  if (const Json* removed = r.get("remove_attributes")) {
    if (!removed->is_array()) wrong_type("remove_attributes", "contract.json_not_names");
    for (const Json& name : *removed) {
      if (!name.is_string()) wrong_type("remove_attributes", "contract.json_not_names");
      a.remove_attributes.push_back(name.get<std::string>());
    }
  }
  r.finish();
  return a;
}

std::string amendment_to_json(const Amendment& a, Currency currency) {
  Json out = Json::object();
  out["version"] = 1;
  out["currency"] = std::string(currency.code());
  if (a.start) out["start"] = a.start->to_string();
  if (a.end) out["end"] = a.end->to_string();
  if (a.delivery_due) out["delivery_due"] = a.delivery_due->to_string();
  if (a.counterparty) out["counterparty"] = *a.counterparty;
  if (a.key_account) out["key_account"] = *a.key_account;
  if (a.amount) out["amount"] = a.amount->to_string();
  if (a.installments) out["installments"] = list_json(*a.installments);
  if (!a.set_attributes.empty()) out["set_attributes"] = json_document_of(a.set_attributes);
  if (!a.remove_attributes.empty()) out["remove_attributes"] = a.remove_attributes;
  return out.dump();
}

RenewalSpec renewal_from_json(std::string_view text, Currency currency) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  RenewalSpec s;
  const Currency c = currency_member(r, currency);
  s.signed_on = r.opt_date("signed");
  s.start = r.opt_date("start");
  s.end = r.opt_date("end");
  s.delivery_due = r.opt_date("delivery_due");
  s.amount = r.opt_money("amount", c);
  s.installments = installments_from(r, c);
  s.owner = r.opt_text("owner");
  s.numbering = r.opt_text("numbering");
  s.fields = fields_from(r);
  s.external_id = r.opt_text("external_id");
  if (doc.contains("attributes") && !doc.at("attributes").is_null()) s.attributes = attributes_from(r, "attributes");
  r.get("attributes");
  s.actor = r.opt_text("actor");
  r.finish();
  return s;
}

DepartmentSpec department_spec_from_json(std::string_view text) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  DepartmentSpec s{r.text("code"), r.text("name"), r.opt_text("parent"), r.opt_text("manager")};
  r.finish();
  return s;
}

EmployeeSpec employee_spec_from_json(std::string_view text) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  EmployeeSpec s;
  s.id = r.text("id");
  s.name = r.text("name");
  s.department = r.text("department");
  s.position = r.text("position");
  s.hired = r.opt_date("hired");
  s.manager = r.opt_text("manager");
  r.finish();
  return s;
}

namespace {

ContractRef contract_member(const EventDocumentContext& context, Reader& r) {
  const Json& v = r.need("contract");
  if (v.is_number_integer()) return ContractRef(v.get<std::int64_t>());
  if (v.is_string()) return context.contract_named(v.get<std::string>());
  wrong_type(r.qualified("contract"), "contract.json_not_contract");
}

}  // namespace

EventRequest event_request_from_json(std::string_view text, const EventDocumentContext& context) {
  const Json doc = parse_document(text);
  Reader r(doc, "");
  r.get("version");
  EventRequest q;
  q.type = parse_event_type(r.text("type"));
  q.options.on = r.opt_date("on");
  q.options.source = r.opt_text("source");
  q.options.actor = r.opt_text("actor");
  const EventTypeInfo* info = event_type_info(q.type);
  switch (info != nullptr ? info->shape : EventShape::own_call) {
    case EventShape::payment: {
      q.contract = contract_member(context, r);
      const Currency currency = currency_member(r, context.currency_of(*q.contract));
      q.amount = Money::parse(r.text("amount"), currency);
      q.ref = r.text("ref");
      q.allow_overpayment = r.opt_bool("allow_overpayment").value_or(false);
      r.finish();
      return q;
    }
    case EventShape::reversal:
      q.ref = r.text("ref");
      r.finish();
      return q;
    case EventShape::delivery:
      q.contract = contract_member(context, r);
      q.options.key = r.opt_text("key");
      q.accepted = r.opt_bool("accepted").value_or(true);
      q.note = r.opt_text("note");
      r.finish();
      return q;
    case EventShape::score: {
      q.contract = contract_member(context, r);
      q.options.key = r.opt_text("key");
      r.need("score");
      const std::int64_t score = *r.opt_int("score");
      r.finish();
      if (score < INT32_MIN || score > INT32_MAX) {
        raise(Errc::invalid_argument, "event.bad_score", {{"score", std::to_string(score)}});
      }
      q.score = static_cast<int>(score);
      return q;
    }
    case EventShape::reason:
      q.contract = contract_member(context, r);
      q.options.key = r.opt_text("key");
      q.reason = r.opt_text("reason").value_or("");
      r.finish();
      return q;
    case EventShape::own_call: break;
  }
  raise(Errc::invalid_argument, "contract.json_event_type", {{"type", event_type_name(q.type)}});
}

}  // namespace json

std::optional<std::int64_t> contract_id_in_text(std::string_view text) {
  if (text.empty()) raise(Errc::invalid_argument, "org.empty", {{"what", "contract"}});
  const bool digits = text.size() <= 18 && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits) return std::nullopt;
  return static_cast<std::int64_t>(std::stoll(std::string(text)));
}

namespace json_reader {

Json parse_document(std::string_view text) {
  const Json doc = json_document::parse(text, "document");
  if (!doc.is_object()) wrong_type("(document)", "contract.json_not_object");
  auto it = doc.find("version");
  if (it == doc.end()) raise(Errc::invalid_argument, "contract.json_missing", {{"name", "version"}});
  if (!it->is_number_integer() || it->get<std::int64_t>() != 1) {
    raise(Errc::invalid_argument, "contract.json_version", {{"version", it->dump()}});
  }
  return doc;
}

Currency currency_member(Reader& r, Currency fallback) {
  auto code = r.opt_text("currency");
  return code ? Currency::of(*code) : fallback;
}

}  // namespace json_reader

}  // namespace pactum
