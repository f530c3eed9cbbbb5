// Typed custom attributes of a contract (the "custom fields" of contract
// systems): text, decimal, money, date and boolean values under a name, e.g.
// `budget` and `actual` (money) used by the cost-reduction indicator.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

enum class AttributeType : unsigned char { text, decimal, money, date, boolean };

// "text", "decimal", "money", "date", "boolean"; anything else is a ValidationError.
AttributeType parse_attribute_type(std::string_view name);
const char* attribute_type_name(AttributeType type) noexcept;

class AttributeValue {
 public:
  AttributeValue() = default;  // the empty text
  explicit AttributeValue(std::string text) : value_(std::move(text)) {}
  explicit AttributeValue(const char* text) : value_(std::string(text)) {}
  explicit AttributeValue(const Decimal& number) : value_(number) {}
  explicit AttributeValue(const Money& amount) : value_(amount) {}
  explicit AttributeValue(Date date) : value_(date) {}
  explicit AttributeValue(bool flag) : value_(flag) {}

  AttributeType type() const noexcept { return static_cast<AttributeType>(value_.index()); }

  // The value of the given type; another type is a ValidationError naming both.
  const std::string& text() const;
  const Decimal& decimal() const;
  const Money& money() const;
  Date date() const;
  bool boolean() const;

  // Canonical text: the text itself, "12.50", "1000.00 CNY", "2024-01-31",
  // "true"/"false". parse(type, to_string()) gives the value back.
  std::string to_string() const;
  static AttributeValue parse(AttributeType type, std::string_view text);

  friend bool operator==(const AttributeValue& a, const AttributeValue& b) noexcept;

 private:
  std::variant<std::string, Decimal, Money, Date, bool> value_;
};

using Attributes = std::map<std::string, AttributeValue>;

// Names are identifiers (see require_identifier); texts are valid UTF-8
// without control characters. ValidationError otherwise.
void validate_attributes(const Attributes& attributes);

}  // namespace pactum
