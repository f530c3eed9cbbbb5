// C API: numbering rules, issuance, parse-back, void and prefix search.
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "pactum/numbering/pattern.hpp"

using namespace pactum;
using capi::guard;
using capi::require;
using capi::text_arg;
using capi::with_db;
using Json = nlohmann::json;

namespace {

// A flat JSON object of text values: {"type":"XSC","dept":"SD"}. NULL is no
// fields.
NumberFields fields_arg(const char* json) {
  if (json == nullptr) return {};
  return number_fields_from_json(text_arg(json, "fields"));
}

NumberingMode mode_arg(pactum_numbering_mode mode) {
  switch (mode) {
    case PACTUM_NUMBERING_GAPLESS: return NumberingMode::gapless;
    case PACTUM_NUMBERING_FAST: return NumberingMode::fast;
    default: break;
  }
  raise(Errc::invalid_argument, "numbering.bad_mode", {{"mode", std::to_string(static_cast<int>(mode))}});
}

Json rule_json(const NumberingRuleInfo& r) {
  return Json{{"id", r.id},
              {"rule_version", r.version},
              {"pattern", r.pattern},
              {"mode", numbering_mode_name(r.mode)},
              {"fields", r.fields}};
}

void write_json(char** out, const Json& doc) { *out = capi::dup_string(doc.dump()); }

template <class T>
Json optional_json(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

}  // namespace

// The C enum mirrors the C++ one.
static_assert(PACTUM_NUMBERING_GAPLESS == static_cast<int>(NumberingMode::gapless));
static_assert(PACTUM_NUMBERING_FAST == static_cast<int>(NumberingMode::fast));

extern "C" {

int pactum_numbering_check_pattern(const char* pattern, char** out_json) {
  return guard([&] {
    require(out_json, "out_json");
    const NumberingPattern p = NumberingPattern::compile(text_arg(pattern, "pattern"));
    write_json(out_json, Json{{"version", 1},
                              {"pattern", p.text()},
                              {"fields", p.field_names()},
                              {"seq_width", p.seq_width()},
                              {"check", p.has_check()}});
  });
}

int pactum_check_character(const char* text, char* out) {
  return guard([&] {
    require(out, "out");
    *out = mod37_2_check_character(text_arg(text, "text"));
  });
}

int pactum_define_numbering(pactum_db* db, const char* rule_id, const char* pattern, pactum_numbering_mode mode,
                            int* out_version) {
  return with_db(db, [&](Database& d) {
    const std::string id(text_arg(rule_id, "rule_id"));
    const std::string p(text_arg(pattern, "pattern"));
    const int version = d.define_numbering(id, p, mode_arg(mode));
    if (out_version != nullptr) *out_version = version;
  });
}

int pactum_numbering_rule(pactum_db* db, const char* rule_id, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    Json doc = rule_json(d.numbering_rule(std::string(text_arg(rule_id, "rule_id"))));
    doc["version"] = 1;
    write_json(out_json, doc);
  });
}

int pactum_numbering_rules(pactum_db* db, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    Json list = Json::array();
    for (const auto& r : d.numbering_rules()) list.push_back(rule_json(r));
    write_json(out_json, Json{{"version", 1}, {"rules", list}});
  });
}

int pactum_preview_number(pactum_db* db, const char* rule_id, const char* on, const char* fields_json, char** out) {
  return with_db(db, [&](Database& d) {
    require(out, "out");
    const std::string id(text_arg(rule_id, "rule_id"));
    const auto date = capi::optional_date(on, "on");
    const NumberFields fields = fields_arg(fields_json);
    *out = capi::dup_string(d.preview_number(id, date, fields));
  });
}

int pactum_issue_number(pactum_db* db, const char* rule_id, const char* on, const char* fields_json,
                        const char* owner, char** out) {
  return with_db(db, [&](Database& d) {
    require(out, "out");
    const std::string id(text_arg(rule_id, "rule_id"));
    const auto date = capi::optional_date(on, "on");
    const NumberFields fields = fields_arg(fields_json);
    const auto who = capi::optional_text_arg(owner, "owner");
    const std::string number = d.issue_number(id, date, fields, who);
    // The number is committed (or inside the caller's transaction); if the
    // copy fails the caller learns it through ENOMEM like any other result.
    *out = capi::dup_string(number);
  });
}

int pactum_parse_number(pactum_db* db, const char* rule_id, const char* number, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    const ParsedNumber parsed =
        d.parse_number(std::string(text_arg(rule_id, "rule_id")), std::string(text_arg(number, "number")));
    write_json(out_json, Json{{"version", 1}, {"fields", parsed.fields}, {"seq", parsed.seq}});
  });
}

int pactum_void_number(pactum_db* db, const char* number, const char* reason, const char* on) {
  return with_db(db, [&](Database& d) {
    const std::string n(text_arg(number, "number"));
    const std::string r(text_arg(reason, "reason"));
    d.void_number(n, r, capi::optional_date(on, "on"));
  });
}

int pactum_issued_number(pactum_db* db, const char* number, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    const IssuedNumber n = d.issued_number(std::string(text_arg(number, "number")));
    std::optional<std::string> voided_on;
    if (n.voided_on) voided_on = n.voided_on->to_string();
    write_json(out_json, Json{{"version", 1},
                              {"number", n.number},
                              {"rule", n.rule_id},
                              {"rule_version", n.rule_version},
                              {"seq", n.seq},
                              {"issued_on", n.issued_on.to_string()},
                              {"owner", optional_json(n.owner)},
                              {"voided", n.voided},
                              {"void_reason", n.voided ? Json(n.void_reason) : Json(nullptr)},
                              {"voided_on", optional_json(voided_on)}});
  });
}

int pactum_find_numbers(pactum_db* db, const char* prefix, int limit, const char* after, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    const std::string p(text_arg(prefix, "prefix"));
    const auto a = capi::optional_text_arg(after, "after");
    write_json(out_json, Json{{"version", 1}, {"numbers", d.find_numbers(p, limit, a)}});
  });
}

}  // extern "C"
