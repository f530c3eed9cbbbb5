// Internal: the sink that writes a record's document (pactum/core/document.hpp)
// as JSON for the C API and the command line: amounts, decimals and dates as
// strings, ratios as "numerator/denominator", attributes tagged with their
// type.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pactum/core/document.hpp"

namespace pactum {

class JsonSink final : public DocumentSink {
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
  nlohmann::json take();

 private:
  void put(nlohmann::json value);

  nlohmann::json root_;
  std::vector<nlohmann::json*> open_;  // the containers being filled
  std::string key_;
};

// The document of `record` as a JSON value.
template <class T>
nlohmann::json json_document_of(const T& record) {
  JsonSink sink;
  describe(record, sink);
  return sink.take();
}

}  // namespace pactum
