// Internal: the sink that writes a record's document (pactum/core/document.hpp)
// as JSON for the C API and the command line: amounts, decimals and dates as
// strings, ratios as "numerator/denominator", attributes tagged with their
// type. JsonSink sorts an object's members by name (the contract and org
// documents); OrderedJsonSink keeps them in the order described (the
// approval documents).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pactum/core/document.hpp"

namespace pactum {

template <class J>
class BasicJsonSink final : public DocumentSink {
 public:
  void begin_object() override;
  void end_object() override;
  void begin_list() override;
  void end_list() override;
  void key(std::string_view name) override;
  void null() override;
  void boolean(bool value) override;
  void integer(std::int64_t value) override;
  void text(std::string_view value) override;
  void decimal(const Decimal& value) override;
  void ratio(const Ratio& value) override;
  void date(const Date& value) override;
  void amount(const Money& value) override;
  void money(const Money& value) override;
  void json(std::string_view document) override;
  bool keeps_types() const override { return false; }

  // The value written (after the outermost container has ended).
  J take();

 private:
  void put(J value);
  J& last();

  J root_;
  std::vector<J*> open_;  // the containers being filled
  std::string key_;
};

extern template class BasicJsonSink<nlohmann::json>;
extern template class BasicJsonSink<nlohmann::ordered_json>;
using JsonSink = BasicJsonSink<nlohmann::json>;
using OrderedJsonSink = BasicJsonSink<nlohmann::ordered_json>;

// The document of `record` as a JSON value.
template <class J = nlohmann::json, class T>
J json_document_of(const T& record) {
  BasicJsonSink<J> sink;
  describe(record, sink);
  return sink.take();
}

// {"version": 1, ...the members of `body`}, in the members' order; as text.
nlohmann::ordered_json versioned(const nlohmann::ordered_json& body);
std::string versioned_text(const nlohmann::ordered_json& body);

// The record's document as text with "version": 1 first and the members in
// the order described.
template <class T>
std::string versioned_document(const T& record) {
  return versioned_text(json_document_of<nlohmann::ordered_json>(record));
}

}  // namespace pactum
