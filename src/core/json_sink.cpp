#include "json_sink.hpp"

#include <utility>

namespace pactum {

template <class J>
void BasicJsonSink<J>::put(J value) {
  if (open_.empty()) {
    root_ = std::move(value);
  } else if (open_.back()->is_array()) {
    open_.back()->push_back(std::move(value));
  } else {
    (*open_.back())[key_] = std::move(value);
  }
}

// The value put last: the container begun.
template <class J>
J& BasicJsonSink<J>::last() {
  if (open_.empty()) return root_;
  return open_.back()->is_array() ? open_.back()->back() : (*open_.back())[key_];
}

template <class J>
void BasicJsonSink<J>::begin_object() {
  put(J::object());
  open_.push_back(&last());
}

template <class J>
void BasicJsonSink<J>::begin_list() {
  put(J::array());
  open_.push_back(&last());
}

template <class J>
void BasicJsonSink<J>::end_object() {
  open_.pop_back();
}
template <class J>
void BasicJsonSink<J>::end_list() {
  open_.pop_back();
}
template <class J>
void BasicJsonSink<J>::key(std::string_view name) {
  key_.assign(name);
}
template <class J>
void BasicJsonSink<J>::null() {
  put(J());
}
template <class J>
void BasicJsonSink<J>::boolean(bool value) {
  put(value);
}
template <class J>
void BasicJsonSink<J>::integer(std::int64_t value) {
  put(value);
}
template <class J>
void BasicJsonSink<J>::text(std::string_view value) {
  put(std::string(value));
}
template <class J>
void BasicJsonSink<J>::decimal(const Decimal& value) {
  put(value.to_string());
}
template <class J>
void BasicJsonSink<J>::ratio(const Ratio& value) {
  put(value.to_string());
}
template <class J>
void BasicJsonSink<J>::date(const Date& value) {
  put(value.to_string());
}
template <class J>
void BasicJsonSink<J>::amount(const Money& value) {
  put(value.to_string());
}
template <class J>
void BasicJsonSink<J>::money(const Money& value) {
  put(value.to_string() + " " + std::string(value.currency().code()));
}
template <class J>
void BasicJsonSink<J>::json(std::string_view document) {
  put(J::parse(document));
}

template <class J>
J BasicJsonSink<J>::take() {
  return std::move(root_);
}

nlohmann::ordered_json versioned(const nlohmann::ordered_json& body) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["version"] = 1;
  for (const auto& item : body.items()) doc[item.key()] = item.value();
  return doc;
}

std::string versioned_text(const nlohmann::ordered_json& body) { return versioned(body).dump(); }

template class BasicJsonSink<nlohmann::json>;
template class BasicJsonSink<nlohmann::ordered_json>;

}  // namespace pactum
