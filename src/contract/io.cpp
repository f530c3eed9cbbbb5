// JSON documents of the org directory, contracts and events (version 1).
#include "pactum/contract/io.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "../core/json_document.hpp"
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

Json text_or_null(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }
Json date_or_null(const std::optional<Date>& v) { return v ? Json(v->to_string()) : Json(); }
Json int_or_null(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(); }

Json attributes_json(const Attributes& attributes) {
  Json out = Json::object();
  for (const auto& [name, value] : attributes) {
    out[name] = {{"type", attribute_type_name(value.type())}, {"value", value.to_string()}};
  }
  return out;
}

Json installments_json(const std::vector<Installment>& installments) {
  Json out = Json::array();
  for (const Installment& i : installments) out.push_back({{"due", i.due.to_string()}, {"amount", i.amount.to_string()}});
  return out;
}

Json department_json(const Department& d) {
  return {{"code", d.code}, {"name", d.name}, {"parent", text_or_null(d.parent)}, {"manager", text_or_null(d.manager)}};
}

Json employee_json(const Employee& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"department", e.department},
          {"position", e.position},
          {"manager", text_or_null(e.manager)},
          {"hired", date_or_null(e.hired)},
          {"left", date_or_null(e.left)},
          {"active", e.active}};
}

Json contract_json(const Contract& c) {
  return {{"id", c.id},
          {"number", c.number},
          {"numbering", c.numbering},
          {"external_id", text_or_null(c.external_id)},
          {"type", c.type},
          {"status", contract_status_name(c.status)},
          {"owner", c.owner},
          {"signer", c.signer},
          {"department", c.department},
          {"counterparty", c.counterparty},
          {"key_account", c.key_account},
          {"amount", c.amount.to_string()},
          {"currency", std::string(c.amount.currency().code())},
          {"reporting_amount", c.reporting_amount.to_string()},
          {"reporting_currency", std::string(c.reporting_amount.currency().code())},
          {"exchange_rate", c.exchange_rate.to_string()},
          {"signed", c.signed_on.to_string()},
          {"start", c.start.to_string()},
          {"end", date_or_null(c.end)},
          {"delivery_due", date_or_null(c.delivery_due)},
          {"installments", installments_json(c.installments)},
          {"attributes", attributes_json(c.attributes)},
          {"activated_on", date_or_null(c.activated_on)},
          {"closed_on", date_or_null(c.closed_on)},
          {"renews", int_or_null(c.renews)},
          {"renewed_by", int_or_null(c.renewed_by)},
          {"collected", c.collected.to_string()}};
}

Json event_json(const Event& e) {
  Json payload;
  if (!e.payload.empty()) payload = Json::parse(e.payload);
  return {{"seq", e.seq},
          {"type", event_type_name(e.type)},
          {"type_code", static_cast<int>(e.type)},
          {"contract", int_or_null(e.contract)},
          {"effective", e.effective.to_string()},
          {"recorded_at", e.recorded_at},
          {"actor", text_or_null(e.actor)},
          {"source", e.source},
          {"key", text_or_null(e.key)},
          {"amount", e.amount ? Json(e.amount->to_string()) : Json()},
          {"currency", e.amount ? Json(std::string(e.amount->currency().code())) : Json()},
          {"ref", int_or_null(e.ref)},
          {"value", int_or_null(e.value)},
          {"reason", text_or_null(e.reason)},
          {"payload", payload}};
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

std::string to_json(const Department& department) { return versioned(department_json(department)); }
std::string to_json(const Employee& employee) { return versioned(employee_json(employee)); }
std::string to_json(const Contract& contract) { return versioned(contract_json(contract)); }
std::string to_json(const Event& event) { return versioned(event_json(event)); }

std::string to_json(const ExecutionSummary& s) {
  Json installments = Json::array();
  for (const InstallmentStatus& i : s.installments) {
    installments.push_back({{"position", i.position},
                            {"due", i.due.to_string()},
                            {"amount", i.amount.to_string()},
                            {"paid", i.paid.to_string()},
                            {"paid_by_due", i.paid_by_due.to_string()},
                            {"paid_in_full_on", date_or_null(i.paid_in_full_on)},
                            {"overdue", i.overdue}});
  }
  return versioned({{"contract", s.contract},
                    {"as_of", s.as_of.to_string()},
                    {"amount", s.amount.to_string()},
                    {"currency", std::string(s.amount.currency().code())},
                    {"collected", s.collected.to_string()},
                    {"outstanding", s.outstanding.to_string()},
                    {"collection_rate", s.collection_rate.to_string()},
                    {"collection_ratio", s.collection_ratio.to_string()},
                    {"installments", installments},
                    {"overdue_installments", s.overdue_installments},
                    {"delivery_due", date_or_null(s.delivery_due)},
                    {"delivered_on", date_or_null(s.delivered_on)},
                    {"failed_deliveries", s.failed_deliveries},
                    {"delivery_late_days", int_or_null(s.delivery_late_days)},
                    {"satisfaction_count", s.satisfaction_count},
                    {"satisfaction_average",
                     s.satisfaction_average ? Json(s.satisfaction_average->to_string()) : Json()},
                    {"disputes", s.disputes},
                    {"breaches", s.breaches},
                    {"amendments", s.amendments}});
}

std::string departments_to_json(const std::vector<Department>& departments) {
  Json list = Json::array();
  for (const Department& d : departments) list.push_back(department_json(d));
  return versioned_list("departments", list);
}

std::string employees_to_json(const std::vector<Employee>& employees) {
  Json list = Json::array();
  for (const Employee& e : employees) list.push_back(employee_json(e));
  return versioned_list("employees", list);
}

std::string postings_to_json(const std::vector<Posting>& postings) {
  Json list = Json::array();
  for (const Posting& p : postings) {
    list.push_back({{"department", p.department}, {"position", p.position}, {"from", date_or_null(p.from)}});
  }
  return versioned_list("postings", list);
}

std::string roles_to_json(const std::vector<RoleAssignment>& roles) {
  Json list = Json::array();
  for (const RoleAssignment& r : roles) {
    list.push_back({{"employee", r.employee},
                    {"role", r.role},
                    {"department", text_or_null(r.department)},
                    {"from", date_or_null(r.from)},
                    {"until", date_or_null(r.until)}});
  }
  return versioned_list("roles", list);
}

std::string contracts_to_json(const std::vector<Contract>& contracts) {
  Json list = Json::array();
  for (const Contract& c : contracts) list.push_back(contract_json(c));
  return versioned_list("contracts", list);
}

std::string events_to_json(const std::vector<Event>& events) {
  Json list = Json::array();
  for (const Event& e : events) list.push_back(event_json(e));
  return versioned_list("events", list);
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
  if (a.installments) out["installments"] = installments_json(*a.installments);
  if (!a.set_attributes.empty()) out["set_attributes"] = attributes_json(a.set_attributes);
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
