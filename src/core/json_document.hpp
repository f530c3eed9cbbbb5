// Internal: the one policy by which Pactum reads a JSON document — a routing
// table, a KPI template, a contract or event document of the C API, option
// documents, a line of a JSON Lines import, an export's manifest.
//
//  - the text is valid UTF-8 and one well-formed JSON value;
//  - no object holds the same member twice (the last one does not "win");
//  - every number is finite (1e999 is refused, not an internal error);
//  - nesting is at most kMaxJsonDepth deep.
//
// Refusals are ValidationErrors built from the catalog and positions (line
// and column in characters, or the member's JSON pointer), never from the
// parser's own text:
//   core.json_malformed {what, line, column}
//   core.json_duplicate {what, member, pointer}
//   core.json_number_range {what, line, column}
//   core.json_too_deep {what, max}
//   core.bad_utf8 {what}
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace pactum::json_document {

inline constexpr std::size_t kMaxJsonDepth = 256;

// `what` names the document in messages ("routing table", "line 12", ...).
nlohmann::json parse(std::string_view text, std::string_view what);
nlohmann::ordered_json parse_ordered(std::string_view text, std::string_view what);

// JSON pointers (RFC 6901) naming where a document is wrong: member `name`
// ("b/c~" -> "/b~1c~0") or element `index` of the value at `pointer`.
std::string member_pointer(const std::string& pointer, std::string_view name);
std::string element_pointer(const std::string& pointer, std::size_t index);

}  // namespace pactum::json_document
