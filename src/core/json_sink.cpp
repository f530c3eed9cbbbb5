#include "json_sink.hpp"

#include <utility>

namespace pactum {

using Json = nlohmann::json;

void JsonSink::put(Json value) {
  if (open_.empty()) {
    root_ = std::move(value);
  } else if (open_.back()->is_array()) {
    open_.back()->push_back(std::move(value));
  } else {
    (*open_.back())[key_] = std::move(value);
  }
}

void JsonSink::begin_object() {
  put(Json::object());
  Json& made = open_.empty() ? root_ : open_.back()->is_array() ? open_.back()->back() : (*open_.back())[key_];
  open_.push_back(&made);
}

void JsonSink::begin_list() {
  put(Json::array());
  Json& made = open_.empty() ? root_ : open_.back()->is_array() ? open_.back()->back() : (*open_.back())[key_];
  open_.push_back(&made);
}

void JsonSink::end_object() { open_.pop_back(); }
void JsonSink::end_list() { open_.pop_back(); }
void JsonSink::key(std::string_view name) { key_.assign(name); }
void JsonSink::null() { put(Json()); }
void JsonSink::boolean(bool value) { put(value); }
void JsonSink::integer(std::int64_t value) { put(value); }
void JsonSink::text(std::string_view value) { put(std::string(value)); }
void JsonSink::decimal(const Decimal& value) { put(value.to_string()); }
void JsonSink::ratio(const Ratio& value) { put(value.to_string()); }
void JsonSink::date(const Date& value) { put(value.to_string()); }
void JsonSink::amount(const Money& value) { put(value.to_string()); }
void JsonSink::money(const Money& value) {
  put(value.to_string() + " " + std::string(value.currency().code()));
}
void JsonSink::json(std::string_view document) { put(Json::parse(document)); }

Json JsonSink::take() { return std::move(root_); }

}  // namespace pactum
