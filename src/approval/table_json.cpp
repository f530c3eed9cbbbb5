// JSON documents of approval routing: table documents in and out, the
// inputs of a decision, results and findings (docs/routing.md). nlohmann/json
// stays in this file.
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "../core/json_document.hpp"
#include "../core/json_sink.hpp"
#include "compiled.hpp"
#include "pactum/approval/document.hpp"
#include "pactum/approval/payloads.hpp"
#include "pactum/core/text.hpp"

namespace pactum {

namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// ---- Reading -----------------------------------------------------------------

std::string member(const std::string& pointer, std::string_view name) { return json_document::member_pointer(pointer, name); }
std::string element(const std::string& pointer, std::size_t i) { return json_document::element_pointer(pointer, i); }

[[noreturn]] void type_error(const std::string& pointer, const char* expected) {
  raise(Errc::invalid_argument, "routing.json_type", {{"pointer", pointer.empty() ? "/" : pointer}, {"expected", expected}});
}

// Parses by the one JSON policy (src/core/json_document.hpp).
json parse_document(std::string_view text, const char* what) { return json_document::parse(text, what); }

const json& object_at(const json& j, const std::string& pointer) {
  if (!j.is_object()) type_error(pointer, "object");
  return j;
}

void allow_members(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) raise(Errc::invalid_argument, "routing.json_unknown_member", {{"pointer", member(pointer, it.key())}});
  }
}

const json* find(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}

const json& require(const json& obj, const std::string& pointer, const char* name) {
  const json* j = find(obj, name);
  if (j == nullptr) raise(Errc::invalid_argument, "routing.json_missing", {{"pointer", member(pointer, name)}});
  return *j;
}

std::string string_at(const json& j, const std::string& pointer) {
  if (!j.is_string()) type_error(pointer, "string");
  return j.get<std::string>();
}

std::optional<std::string> optional_string(const json& obj, const std::string& pointer, const char* name) {
  const json* j = find(obj, name);
  if (j == nullptr) return std::nullopt;
  return string_at(*j, member(pointer, name));
}

std::int64_t integer_at(const json& j, const std::string& pointer) {
  if (j.is_number_integer() && !j.is_number_unsigned()) return j.get<std::int64_t>();
  if (j.is_number_unsigned()) {
    const auto v = j.get<std::uint64_t>();
    if (v <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v);
  }
  type_error(pointer, "integer");
}

int int_at(const json& j, const std::string& pointer, std::int64_t lo, std::int64_t hi, const char* key) {
  const std::int64_t v = integer_at(j, pointer);
  if (v < lo || v > hi) raise(Errc::invalid_argument, key, {{"pointer", pointer}, {"value", std::to_string(v)}});
  return static_cast<int>(v);
}

// A decimal written as a string ("50000.00") or an integer; never a float.
std::string decimal_text(const json& j, const std::string& pointer) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return j.dump();
  type_error(pointer, "decimal string or integer");
}

Decimal decimal_at(const json& j, const std::string& pointer) {
  const std::string text = decimal_text(j, pointer);
  try {
    return Decimal::parse(text);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "routing.json_decimal", {{"pointer", pointer}, {"value", text}});
  }
}

// A cell: unary test text, or a JSON boolean / integer standing for itself.
std::string cell_text(const json& j, const std::string& pointer) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_integer()) return j.dump();
  type_error(pointer, "string, boolean or integer");
}

Approver approver_at(const json& j, const std::string& pointer, bool allow_plain_role) {
  if (allow_plain_role && j.is_string()) return Approver::role(j.get<std::string>());
  object_at(j, pointer);
  allow_members(j, pointer, {"role", "person"});
  const json* role = find(j, "role");
  const json* person = find(j, "person");
  if ((role == nullptr) == (person == nullptr)) {
    raise(Errc::invalid_argument, "routing.json_approver", {{"pointer", pointer}});
  }
  if (role != nullptr) return Approver::role(string_at(*role, member(pointer, "role")));
  return Approver::person(string_at(*person, member(pointer, "person")));
}

RoutingInput input_at(const json& j, const std::string& pointer) {
  object_at(j, pointer);
  allow_members(j, pointer,
                {"name", "type", "attribute", "value_type", "values", "currency", "min", "max", "default", "description"});
  RoutingInput in;
  in.name = string_at(require(j, pointer, "name"), member(pointer, "name"));
  auto type_of = [&](const json& t, const std::string& p) {
    const std::string name = string_at(t, p);
    try {
      return parse_routing_input_type(name);
    } catch (const Error&) {
      raise(Errc::invalid_argument, "routing.input_type", {{"input", in.name}, {"type", name}});
    }
  };
  in.type = type_of(require(j, pointer, "type"), member(pointer, "type"));
  if (const json* a = find(j, "attribute")) in.attribute = string_at(*a, member(pointer, "attribute"));
  if (const json* v = find(j, "value_type")) {
    if (in.type != RoutingInputType::attribute) {
      raise(Errc::invalid_argument, "routing.input_option",
            {{"input", in.name}, {"option", "value_type"}, {"type", routing_input_type_name(in.type)}});
    }
    in.value_type = type_of(*v, member(pointer, "value_type"));
  }
  if (const json* values = find(j, "values")) {
    const std::string p = member(pointer, "values");
    if (!values->is_array()) type_error(p, "array");
    for (std::size_t i = 0; i < values->size(); ++i) in.values.push_back(string_at((*values)[i], element(p, i)));
  }
  in.currency = optional_string(j, pointer, "currency");
  if (const json* m = find(j, "min")) in.min = decimal_at(*m, member(pointer, "min"));
  if (const json* m = find(j, "max")) in.max = decimal_at(*m, member(pointer, "max"));
  if (const json* d = find(j, "default")) {
    const std::string p = member(pointer, "default");
    if (d->is_boolean()) {
      in.default_value = d->get<bool>() ? "true" : "false";
    } else if (d->is_number_integer()) {
      in.default_value = d->dump();
    } else {
      in.default_value = string_at(*d, p);
    }
  }
  if (const json* d = find(j, "description")) in.description = string_at(*d, member(pointer, "description"));
  return in;
}

RouteStep step_at(const json& j, const std::string& pointer, const std::string& rule, std::size_t number,
                  std::size_t step) {
  const MessageArgs where = {{"rule", rule}, {"number", std::to_string(number)}, {"step", std::to_string(step)}};
  object_at(j, pointer);
  allow_members(j, pointer, {"role", "person", "mode", "deadline_days", "escalate_to"});
  const json* role = find(j, "role");
  const json* person = find(j, "person");
  if (role == nullptr && person == nullptr) raise(Errc::invalid_argument, "routing.step_no_approver", where);
  if (role != nullptr && person != nullptr) raise(Errc::invalid_argument, "routing.step_both", where);
  RouteStep s;
  s.approver = role != nullptr ? Approver::role(string_at(*role, member(pointer, "role")))
                               : Approver::person(string_at(*person, member(pointer, "person")));
  if (const json* mode = find(j, "mode")) {
    const std::string p = member(pointer, "mode");
    if (mode->is_string() && mode->get<std::string>() == "any") {
      s.mode = ApprovalMode::any();
    } else if (mode->is_string() && mode->get<std::string>() == "all") {
      s.mode = ApprovalMode::all();
    } else if (mode->is_object() && mode->size() == 1 && mode->contains("k") && (*mode)["k"].is_number_integer()) {
      const std::int64_t k = integer_at((*mode)["k"], member(p, "k"));
      s.mode.kind = ApprovalMode::Kind::k_of_n;
      s.mode.k = k < 0 ? 0 : static_cast<int>(std::min<std::int64_t>(k, ApprovalMode::kMaxK + 1));
      if (k > ApprovalMode::kMaxK) {
        MessageArgs args = where;
        args.push_back({"k", std::to_string(k)});
        args.push_back({"max", std::to_string(ApprovalMode::kMaxK)});
        raise(Errc::invalid_argument, "routing.step_k", std::move(args));
      }
    } else {
      MessageArgs args = where;
      args.push_back({"mode", mode->dump()});
      raise(Errc::invalid_argument, "routing.step_mode", std::move(args));
    }
  }
  if (const json* d = find(j, "deadline_days")) {
    const std::string p = member(pointer, "deadline_days");
    const std::int64_t days = integer_at(*d, p);
    if (days < 1 || days > RouteStep::kMaxDeadlineDays) {
      MessageArgs args = where;
      args.push_back({"days", std::to_string(days)});
      args.push_back({"max", std::to_string(RouteStep::kMaxDeadlineDays)});
      raise(Errc::invalid_argument, "routing.step_deadline", std::move(args));
    }
    s.deadline_days = static_cast<int>(days);
  }
  if (const json* e = find(j, "escalate_to")) s.escalate_to = approver_at(*e, member(pointer, "escalate_to"), false);
  return s;
}

RoutingTableDefinition definition_from(const json& doc) {
  const std::string root;
  object_at(doc, root);
  allow_members(doc, root, {"$schema", "id", "version", "hit_policy", "description", "inputs", "step_order", "outputs", "rules"});
  RoutingTableDefinition def;
  def.id = string_at(require(doc, root, "id"), "/id");
  def.version = int_at(require(doc, root, "version"), "/version", 1, INT32_MAX, "routing.json_version");
  if (const json* p = find(doc, "hit_policy")) def.hit_policy = parse_hit_policy(string_at(*p, "/hit_policy"));
  if (const json* d = find(doc, "description")) def.description = string_at(*d, "/description");

  const json& inputs = require(doc, root, "inputs");
  if (!inputs.is_array()) type_error("/inputs", "array");
  if (inputs.size() > RoutingTable::kMaxInputs) {
    raise(Errc::invalid_argument, "routing.too_many_inputs", {{"max", std::to_string(RoutingTable::kMaxInputs)}});
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) def.inputs.push_back(input_at(inputs[i], element("/inputs", i)));

  if (const json* order = find(doc, "step_order")) {
    if (!order->is_array()) type_error("/step_order", "array");
    std::vector<Approver> list;
    for (std::size_t i = 0; i < order->size(); ++i) list.push_back(approver_at((*order)[i], element("/step_order", i), true));
    def.step_order = std::move(list);
  }

  if (const json* outputs = find(doc, "outputs")) {
    if (!outputs->is_array()) type_error("/outputs", "array");
    for (std::size_t i = 0; i < outputs->size(); ++i) def.outputs.push_back(string_at((*outputs)[i], element("/outputs", i)));
  }

  const json& rules = require(doc, root, "rules");
  if (!rules.is_array()) type_error("/rules", "array");
  if (rules.size() > RoutingTable::kMaxRules) {
    raise(Errc::invalid_argument, "routing.too_many_rules", {{"max", std::to_string(RoutingTable::kMaxRules)}});
  }
  def.rules.reserve(rules.size());
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const std::string p = element("/rules", r);
    const json& rule = rules[r];
    object_at(rule, p);
    if (def.outputs.empty()) {
      allow_members(rule, p, {"id", "when", "route", "description"});
    } else {
      allow_members(rule, p, {"id", "when", "output", "description"});
    }
    RoutingRule out;
    if (const json* id = find(rule, "id")) {
      out.id = string_at(*id, member(p, "id"));
      if (out.id.empty()) raise(Errc::invalid_argument, "routing.rule_id", {{"number", std::to_string(r + 1)}});
    }
    const std::string name = out.id.empty() ? "#" + std::to_string(r + 1) : out.id;
    if (const json* d = find(rule, "description")) out.description = string_at(*d, member(p, "description"));
    if (const json* when = find(rule, "when")) {
      const std::string wp = member(p, "when");
      object_at(*when, wp);
      for (auto it = when->begin(); it != when->end(); ++it) {
        out.when.emplace(it.key(), cell_text(it.value(), member(wp, it.key())));
      }
    }
    if (!def.outputs.empty()) {
      const json& output = require(rule, p, "output");
      const std::string op = member(p, "output");
      object_at(output, op);
      for (auto it = output.begin(); it != output.end(); ++it) {
        out.output.emplace(it.key(), string_at(it.value(), member(op, it.key())));
      }
      def.rules.push_back(std::move(out));
      continue;
    }
    const json& route = require(rule, p, "route");
    const std::string rp = member(p, "route");
    if (!route.is_array()) type_error(rp, "array");
    if (route.empty()) raise(Errc::invalid_argument, "routing.empty_route", {{"rule", name}, {"number", std::to_string(r + 1)}});
    for (std::size_t s = 0; s < route.size(); ++s) {
      out.route.steps.push_back(step_at(route[s], element(rp, s), name, r + 1, s + 1));
    }
    def.rules.push_back(std::move(out));
  }
  return def;
}

// ---- Writing -----------------------------------------------------------------

ordered_json approver_json(const Approver& a) { return json_document_of<ordered_json>(a); }
ordered_json route_json(const ApprovalRoute& route) { return json_document_of<ordered_json>(route); }

ordered_json table_json(const RoutingTableDefinition& def) {
  ordered_json doc = ordered_json::object();
  doc["id"] = def.id;
  doc["version"] = def.version;
  doc["hit_policy"] = hit_policy_name(def.hit_policy);
  if (!def.description.empty()) doc["description"] = def.description;
  ordered_json inputs = ordered_json::array();
  for (const RoutingInput& in : def.inputs) {
    ordered_json i = ordered_json::object();
    i["name"] = in.name;
    i["type"] = routing_input_type_name(in.type);
    if (in.type == RoutingInputType::attribute) {
      if (!in.attribute.empty()) i["attribute"] = in.attribute;
      i["value_type"] = routing_input_type_name(in.value_type);
    }
    if (!in.values.empty()) i["values"] = in.values;
    if (in.currency) i["currency"] = *in.currency;
    if (in.min) i["min"] = in.min->to_string();
    if (in.max) i["max"] = in.max->to_string();
    if (in.default_value) i["default"] = *in.default_value;
    if (!in.description.empty()) i["description"] = in.description;
    inputs.push_back(std::move(i));
  }
  doc["inputs"] = std::move(inputs);
  if (def.step_order) {
    ordered_json order = ordered_json::array();
    for (const Approver& a : *def.step_order) order.push_back(approver_json(a));
    doc["step_order"] = std::move(order);
  }
  if (!def.outputs.empty()) doc["outputs"] = def.outputs;
  ordered_json rules = ordered_json::array();
  for (const RoutingRule& r : def.rules) {
    ordered_json rule = ordered_json::object();
    if (!r.id.empty()) rule["id"] = r.id;
    if (!r.description.empty()) rule["description"] = r.description;
    ordered_json when = ordered_json::object();
    for (const auto& [input, text] : r.when) when[input] = text;
    rule["when"] = std::move(when);
    if (def.outputs.empty()) {
      rule["route"] = route_json(r.route);
    } else {
      ordered_json output = ordered_json::object();
      for (const std::string& name : def.outputs) output[name] = r.output.at(name);
      rule["output"] = std::move(output);
    }
    rules.push_back(std::move(rule));
  }
  doc["rules"] = std::move(rules);
  return doc;
}

}  // namespace

RoutingTable RoutingTable::parse(std::string_view text) {
  return compile(definition_from(parse_document(text, "decision table")));
}

std::string RoutingTable::to_json() const { return table_json(compiled_->def).dump(); }

std::string approval_route_json(const ApprovalRoute& route) { return route_json(route).dump(); }

namespace {

ordered_json routing_result_document(const RoutingResult& result) {
  return versioned(json_document_of<ordered_json>(result));
}

}  // namespace

std::string routing_result_json(const RoutingResult& result) { return versioned_document(result); }

std::string submission_payload_json(const RoutingResult& result, int round,
                                    const std::optional<SubmittedAmendment>& amendment) {
  ordered_json doc = routing_result_document(result);
  doc["round"] = round;
  if (amendment) {
    doc["amendment"] = ordered_json{{"reason", amendment->reason},
                                    {"changes", ordered_json::parse(amendment->diff)},
                                    {"inputs", amendment->inputs}};
  }
  return doc.dump();
}

std::string routing_findings_json(const std::vector<RoutingFinding>& findings, Lang lang) {
  ordered_json doc = ordered_json::object();
  doc["version"] = 1;
  std::size_t errors = 0;
  ordered_json list = ordered_json::array();
  for (const RoutingFinding& f : findings) {
    if (f.severity == FindingSeverity::error) ++errors;
    ordered_json item = ordered_json::object();
    item["kind"] = finding_kind_name(f.kind);
    item["severity"] = finding_severity_name(f.severity);
    item["rules"] = f.rules;
    ordered_json region = ordered_json::object();
    for (const auto& [input, text] : f.region) region[input] = text;
    item["region"] = std::move(region);
    item["message"] = f.message(lang);
    item["messages"] = ordered_json{{"en", f.message(Lang::en)}, {"zh-CN", f.message(Lang::zh_CN)}};
    list.push_back(std::move(item));
  }
  doc["errors"] = errors;
  doc["warnings"] = findings.size() - errors;
  doc["findings"] = std::move(list);
  return doc.dump();
}

std::string routing_tables_json(const std::vector<RoutingTableInfo>& tables) {
  ordered_json list = ordered_json::array();
  for (const RoutingTableInfo& t : tables) {
    list.push_back(ordered_json{{"id", t.id}, {"version", t.version}, {"current", t.current}});
  }
  ordered_json doc = ordered_json::object();
  doc["version"] = 1;
  doc["tables"] = std::move(list);
  return doc.dump();
}

RoutingInputs routing_inputs_from_json(std::string_view text) {
  const json doc = parse_document(text, "routing inputs");
  const std::string root;
  object_at(doc, root);
  allow_members(doc, root, {"version", "type", "amount", "currency", "department", "key_account", "attributes"});
  if (const json* v = find(doc, "version")) int_at(*v, "/version", 1, 1, "routing.json_inputs_version");
  RoutingInputs in;
  if (auto t = optional_string(doc, root, "type")) in.type = *t;
  if (auto d = optional_string(doc, root, "department")) in.department = *d;
  if (auto c = optional_string(doc, root, "currency")) in.currency = *c;
  if (const json* k = find(doc, "key_account")) {
    if (!k->is_boolean()) type_error("/key_account", "boolean");
    in.key_account = k->get<bool>();
  }
  if (const json* a = find(doc, "amount")) {
    const std::string amount = decimal_text(*a, "/amount");
    in.amount = Money::parse(amount, in.currency.empty() ? Currency() : Currency::of(in.currency));
  }
  if (const json* attrs = find(doc, "attributes")) {
    object_at(*attrs, "/attributes");
    for (auto it = attrs->begin(); it != attrs->end(); ++it) {
      in.attributes.emplace(it.key(), cell_text(it.value(), member("/attributes", it.key())));
    }
  }
  return in;
}

}  // namespace pactum
