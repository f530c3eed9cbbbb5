// Internal: strict reading of the KPI documents (templates, targets, rule
// settings, bonus bands). Malformed JSON, duplicate members, unknown members,
// wrong JSON types and JSON floats are ValidationErrors naming the member by
// its JSON Pointer. nlohmann/json stays in src/kpi/.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"

namespace pactum::kpi_json {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

// Parses `text` (valid UTF-8, no duplicate members) as one JSON value.
json parse(std::string_view text, const char* what);

std::string member(const std::string& pointer, std::string_view name);
std::string element(const std::string& pointer, std::size_t index);

[[noreturn]] void type_error(const std::string& pointer, const char* expected);

void require_object(const json& j, const std::string& pointer);
void allow_members(const json& obj, const std::string& pointer, std::initializer_list<const char*> allowed);
// The member, or nullptr when absent or null.
const json* find(const json& obj, const char* name);
const json& require(const json& obj, const std::string& pointer, const char* name);

std::string string_at(const json& j, const std::string& pointer);
std::int64_t integer_at(const json& j, const std::string& pointer);
bool boolean_at(const json& j, const std::string& pointer);
// A decimal written as a string ("0.10") or an integer; never a JSON float.
Decimal decimal_at(const json& j, const std::string& pointer);
Date date_at(const json& j, const std::string& pointer);

// "version": absent or 1, else a ValidationError.
void require_version_1(const json& obj, const std::string& pointer);

// Decimal as JSON text: the canonical string (trailing zeros dropped).
std::string decimal_text(const Decimal& d);

}  // namespace pactum::kpi_json
