// Strict JSON reading shared by the KPI documents.
#include "kpi_json.hpp"

#include <set>
#include <vector>

#include "../core/json_document.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum::kpi_json {

json parse(std::string_view text, const char* what) { return json_document::parse(text, what); }

std::string member(const std::string& pointer, std::string_view name) { return json_document::member_pointer(pointer, name); }

std::string element(const std::string& pointer, std::size_t index) { return json_document::element_pointer(pointer, index); }

void type_error(const std::string& pointer, const char* expected) {
  raise(Errc::invalid_argument, "kpi.json_type", {{"pointer", pointer.empty() ? "/" : pointer}, {"expected", expected}});
}

void require_object(const json& j, const std::string& pointer) {
  if (!j.is_object()) type_error(pointer, "object");
}

void allow_members(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || it.key() == a;
    if (!ok) raise(Errc::invalid_argument, "kpi.json_unknown_member", {{"pointer", member(pointer, it.key())}});
  }
}

const json* find(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

const json& require(const json& obj, const std::string& pointer, const char* name) {
  const json* j = find(obj, name);
  if (j == nullptr) raise(Errc::invalid_argument, "kpi.json_missing", {{"pointer", member(pointer, name)}});
  return *j;
}

std::string string_at(const json& j, const std::string& pointer) {
  if (!j.is_string()) type_error(pointer, "string");
  return j.get<std::string>();
}

std::int64_t integer_at(const json& j, const std::string& pointer) {
  if (j.is_number_integer() && !j.is_number_unsigned()) return j.get<std::int64_t>();
  if (j.is_number_unsigned()) {
    const auto v = j.get<std::uint64_t>();
    if (v <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v);
  }
  type_error(pointer, "integer");
}

bool boolean_at(const json& j, const std::string& pointer) {
  if (!j.is_boolean()) type_error(pointer, "boolean");
  return j.get<bool>();
}

Decimal decimal_at(const json& j, const std::string& pointer) {
  std::string text;
  if (j.is_string()) {
    text = j.get<std::string>();
  } else if (j.is_number_integer()) {
    text = j.dump();
  } else {
    type_error(pointer, "decimal string or integer");
  }
  try {
    return Decimal::parse(text);
  } catch (const Error&) {
    raise(Errc::invalid_argument, "kpi.json_decimal", {{"pointer", pointer}, {"value", text}});
  }
}

Date date_at(const json& j, const std::string& pointer) {
  const std::string text = string_at(j, pointer);
  const auto d = Date::try_parse(text);
  if (!d) raise(Errc::invalid_argument, "kpi.json_date", {{"pointer", pointer}, {"value", text}});
  return *d;
}

void require_version_1(const json& obj, const std::string& pointer) {
  const json* v = find(obj, "version");
  if (v == nullptr) return;
  if (!v->is_number_integer() || v->get<std::int64_t>() != 1) {
    raise(Errc::invalid_argument, "kpi.json_version", {{"pointer", member(pointer, "version")}, {"value", v->dump()}});
  }
}

std::string decimal_text(const Decimal& d) { return d.normalized().to_string(); }

}  // namespace pactum::kpi_json
