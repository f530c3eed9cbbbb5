// The strict option documents of the reports (options_json.hpp).
#include "options_json.hpp"

#include <algorithm>
#include <vector>

#include "pactum/core/error.hpp"
#include "pactum/core/text.hpp"

namespace pactum::report {

[[noreturn]] void bad_member(const std::string& member, const char* expected) {
  raise(Errc::invalid_argument, "report.json_type", {{"member", member}, {"expected", expected}});
}

// Parses an options object: valid UTF-8, no duplicate member, only `allowed`
// members, "version": 1.
OptionsDoc options_document(std::string_view text, std::initializer_list<const char*> allowed) {
  require_utf8(text, "options");
  std::vector<std::vector<std::string>> seen;
  const OptionsDoc::parser_callback_t check = [&](int depth, OptionsDoc::parse_event_t event, OptionsDoc& parsed) {
    (void)depth;
    switch (event) {
      case OptionsDoc::parse_event_t::object_start: seen.emplace_back(); break;
      case OptionsDoc::parse_event_t::object_end: seen.pop_back(); break;
      case OptionsDoc::parse_event_t::key: {
        const std::string key = parsed.get<std::string>();
        auto& keys = seen.back();
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
          raise(Errc::invalid_argument, "report.json_duplicate", {{"member", key}});
        }
        keys.push_back(key);
        break;
      }
      default: break;
    }
    return true;
  };
  OptionsDoc doc;
  try {
    doc = OptionsDoc::parse(text.begin(), text.end(), check);
  } catch (const nlohmann::json::parse_error&) {
    raise(Errc::invalid_argument, "report.bad_json");
  }
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
