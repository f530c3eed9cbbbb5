// Internal: the strict option documents of the reports (report_json.cpp,
// trend.cpp): valid UTF-8, no duplicate member, only the allowed members,
// "version": 1; typed member readers whose refusals name the member.
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace pactum::report {

using OptionsDoc = nlohmann::json;

// ValidationError report.json_type naming `member` and what was `expected`.
[[noreturn]] void bad_member(const std::string& member, const char* expected);

// Parses an options object; a refusal names what is wrong.
OptionsDoc options_document(std::string_view text, std::initializer_list<const char*> allowed);

// The member `name`, or nullptr when it is absent or null.
const OptionsDoc* member(const OptionsDoc& doc, const char* name);

// The present member `name` as a string (bad_member otherwise).
std::string text_member(const OptionsDoc& doc, const char* name);

}  // namespace pactum::report
