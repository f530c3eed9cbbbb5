// The strict option documents of the reports (options_json.hpp).
#include "options_json.hpp"

#include <algorithm>
#include <vector>

#include "../core/json_document.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum::report {

[[noreturn]] void bad_member(const std::string& member, const char* expected) {
  raise(Errc::invalid_argument, "report.json_type", {{"member", member}, {"expected", expected}});
}

// Parses an options object: valid UTF-8, no duplicate member, only `allowed`
// members, "version": 1.
OptionsDoc options_document(std::string_view text, std::initializer_list<const char*> allowed) {
  const OptionsDoc doc = json_document::parse(text, "options");
  if (!doc.is_object()) raise(Errc::invalid_argument, "report.bad_json");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; }) == allowed.end()) {
      raise(Errc::invalid_argument, "report.json_unknown", {{"member", it.key()}});
    }
  }
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<std::int64_t>() != 1) {
    raise(Errc::invalid_argument, "report.json_version");
  }
  return doc;
}

const OptionsDoc* member(const OptionsDoc& doc, const char* name) {
  const auto it = doc.find(name);
  return it == doc.end() || it->is_null() ? nullptr : &*it;
}

std::string text_member(const OptionsDoc& doc, const char* name) {
  const OptionsDoc* m = member(doc, name);
  if (!m->is_string()) bad_member(name, "a string");
  return m->get<std::string>();
}

}  // namespace pactum::report
