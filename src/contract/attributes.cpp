// Typed custom attributes of contracts.
#include "pactum/contract/attributes.hpp"

#include <string>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

namespace {

constexpr const char* kTypeNames[] = {"text", "decimal", "money", "date", "boolean"};

[[noreturn]] void wrong_type(AttributeType have, AttributeType wanted) {
  raise(Errc::invalid_argument, "contract.attribute_type",
        {{"type", attribute_type_name(have)}, {"wanted", attribute_type_name(wanted)}});
}

}  // namespace

AttributeType parse_attribute_type(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kTypeNames); ++i) {
    if (name == kTypeNames[i]) return static_cast<AttributeType>(i);
  }
  raise(Errc::invalid_argument, "contract.bad_attribute_type", {{"type", std::string(name)}});
}

const char* attribute_type_name(AttributeType type) noexcept {
  const auto i = static_cast<std::size_t>(type);
  return i < std::size(kTypeNames) ? kTypeNames[i] : "unknown";
}

const std::string& AttributeValue::text() const {
  if (type() != AttributeType::text) wrong_type(type(), AttributeType::text);
  return std::get<std::string>(value_);
}

const Decimal& AttributeValue::decimal() const {
  if (type() != AttributeType::decimal) wrong_type(type(), AttributeType::decimal);
  return std::get<Decimal>(value_);
}

const Money& AttributeValue::money() const {
  if (type() != AttributeType::money) wrong_type(type(), AttributeType::money);
  return std::get<Money>(value_);
}

Date AttributeValue::date() const {
  if (type() != AttributeType::date) wrong_type(type(), AttributeType::date);
  return std::get<Date>(value_);
}

bool AttributeValue::boolean() const {
  if (type() != AttributeType::boolean) wrong_type(type(), AttributeType::boolean);
  return std::get<bool>(value_);
}

std::string AttributeValue::to_string() const {
  switch (type()) {
    case AttributeType::text: return std::get<std::string>(value_);
    case AttributeType::decimal: return std::get<Decimal>(value_).to_string();
    case AttributeType::money: {
      const Money& m = std::get<Money>(value_);
      return m.to_string() + " " + std::string(m.currency().code());
    }
    case AttributeType::date: return std::get<Date>(value_).to_string();
    case AttributeType::boolean: return std::get<bool>(value_) ? "true" : "false";
  }
  return {};
}

AttributeValue AttributeValue::parse(AttributeType type, std::string_view text) {
  switch (type) {
    case AttributeType::text: return AttributeValue(std::string(text));
    case AttributeType::decimal: return AttributeValue(Decimal::parse(text));
    case AttributeType::money: {
      const std::size_t space = text.rfind(' ');
      if (space == std::string_view::npos) {
        raise(Errc::invalid_argument, "contract.bad_money_attribute", {{"text", std::string(text)}});
      }
      return AttributeValue(Money::parse(text.substr(0, space), text.substr(space + 1)));
    }
    case AttributeType::date: return AttributeValue(Date::parse(text));
    case AttributeType::boolean:
      if (text == "true") return AttributeValue(true);
      if (text == "false") return AttributeValue(false);
      raise(Errc::invalid_argument, "contract.bad_boolean", {{"text", std::string(text)}});
  }
  raise(Errc::invalid_argument, "contract.bad_attribute_type", {{"type", std::to_string(static_cast<int>(type))}});
}

bool operator==(const AttributeValue& a, const AttributeValue& b) noexcept { return a.value_ == b.value_; }

void validate_attributes(const Attributes& attributes) {
  for (const auto& [name, value] : attributes) {
    require_identifier(name, "attribute");
    if (value.type() == AttributeType::text) {
      const std::string& t = value.text();
      require_utf8(t, name);
      if (has_control_character(t)) raise(Errc::invalid_argument, "org.control_character", {{"what", name}});
    }
  }
}

}  // namespace pactum
