// Reading the JSON documents of contracts and events member by member
// (src/contract/io.cpp): strict objects whose unread members are refused.
// Internal to the library; the store's document functions
// (pactum/store/documents.hpp) read with it too.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "pactum/core/date.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"

namespace pactum::json_reader {

using Json = nlohmann::json;

// `key`: the catalog entry naming the expected JSON type.
[[noreturn]] inline void wrong_type(const std::string& name, const char* key) {
  raise(Errc::invalid_argument, key, {{"name", name}});
}

// A JSON object read member by member; finish() refuses members nobody read.
class Reader {
 public:
  Reader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) wrong_type(path_.empty() ? "(document)" : path_, "contract.json_not_object");
  }

  // The member, or nullptr when absent or null.
  const Json* get(const char* name) {
    read_.insert(name);
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  const Json& need(const char* name) {
    const Json* v = get(name);
    if (v == nullptr) raise(Errc::invalid_argument, "contract.json_missing", {{"name", qualified(name)}});
    return *v;
  }

  std::optional<std::string> opt_text(const char* name) {
    const Json* v = get(name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) wrong_type(qualified(name), "contract.json_not_string");
    return v->get<std::string>();
  }
  std::string text(const char* name) {
    need(name);
    return *opt_text(name);
  }
  std::optional<Date> opt_date(const char* name) {
    auto t = opt_text(name);
    if (!t) return std::nullopt;
    return Date::parse(*t);
  }
  Date date(const char* name) {
    need(name);
    return *opt_date(name);
  }
  std::optional<bool> opt_bool(const char* name) {
    const Json* v = get(name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) wrong_type(qualified(name), "contract.json_not_boolean");
    return v->get<bool>();
  }
  std::optional<std::int64_t> opt_int(const char* name) {
    const Json* v = get(name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number_integer()) wrong_type(qualified(name), "contract.json_not_integer");
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      raise(Errc::overflow, "core.overflow", {{"operation", qualified(name)}});
    }
    return v->get<std::int64_t>();
  }
  std::optional<Money> opt_money(const char* name, Currency currency) {
    auto t = opt_text(name);
    if (!t) return std::nullopt;
    return Money::parse(*t, currency);
  }
  std::string qualified(const char* name) const { return path_.empty() ? name : path_ + "." + name; }

  void finish() const {
    for (const auto& [key, value] : object_.items()) {
      (void)value;
      if (!read_.contains(key)) raise(Errc::invalid_argument, "contract.json_unknown", {{"name", qualified(key.c_str())}});
    }
  }

 private:
  const Json& object_;
  std::string path_;
  std::set<std::string> read_;
};

// The document of `text`: a JSON object with "version": 1.
Json parse_document(std::string_view text);

// Member "currency" (a currency code), else `fallback`.
Currency currency_member(Reader& r, Currency fallback);

}  // namespace pactum::json_reader
