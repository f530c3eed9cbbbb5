// Named number fields as a JSON object (the C API's fields_json).
#include "../core/json_document.hpp"
#include "pactum/core/error.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum {

NumberFields number_fields_from_json(std::string_view text) {
  const nlohmann::json doc = json_document::parse(text, "fields");
  if (!doc.is_object()) {
    raise(Errc::invalid_argument, "numbering.fields_not_object", {{"example", R"({"type":"XSC","dept":"SD"})"}});
  }
  NumberFields fields;
  for (const auto& [name, value] : doc.items()) {
    if (!value.is_string()) raise(Errc::invalid_argument, "numbering.field_not_text", {{"field", name}});
    fields.emplace(name, value.get<std::string>());
  }
  return fields;
}

}  // namespace pactum
