// C API: the classification of employees — decision tables and position
// groups (capi/pactum.h, docs/reports.md "Classification").
#include "capi_internal.hpp"
#include "pactum/report/classification.hpp"

using namespace pactum;
using capi::require;
using capi::text_arg;
using capi::with_db;

namespace {

constexpr unsigned int kKnownLoadFlags = PACTUM_ROUTING_ALLOW_GAPS | PACTUM_ROUTING_ALLOW_OVERLAPS;

}  // namespace

extern "C" {

int pactum_default_classification_table(char** table_json) {
  return capi::guard([&] {
    require(table_json, "table_json");
    *table_json = capi::dup_string(ClassificationTable::default_table().to_json());
  });
}

int pactum_load_classification(pactum_db* db, const char* table_json, unsigned int flags, char** findings_json) {
  return with_db(db, [&](Database& d) {
    if (findings_json != nullptr) *findings_json = nullptr;
    if ((flags & ~kKnownLoadFlags) != 0) raise(Errc::invalid_argument, "routing.load_flags", {{"flags", std::to_string(flags)}});
    RoutingLoadOptions options;
    options.allow_gaps = (flags & PACTUM_ROUTING_ALLOW_GAPS) != 0;
    options.allow_overlaps = (flags & PACTUM_ROUTING_ALLOW_OVERLAPS) != 0;
    const auto findings = d.load_classification(std::string(text_arg(table_json, "table_json")), options);
    if (findings_json != nullptr) *findings_json = capi::dup_string(routing_findings_json(findings, d.lang()));
  });
}

int pactum_check_classification(pactum_db* db, const char* table_json, char** findings_json) {
  return with_db(db, [&](Database& d) {
    require(findings_json, "findings_json");
    *findings_json = nullptr;
    const auto findings = d.check_classification(std::string(text_arg(table_json, "table_json")));
    *findings_json = capi::dup_string(routing_findings_json(findings, d.lang()));
  });
}

int pactum_classification_table(pactum_db* db, char** table_json) {
  return with_db(db, [&](Database& d) {
    require(table_json, "table_json");
    *table_json = capi::dup_string(d.classification_table().to_json());
  });
}

int pactum_classification_tables(pactum_db* db, char** out_json) {
  return with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    *out_json = capi::dup_string(classification_tables_json(d.classification_tables()));
  });
}

int pactum_set_position_group(pactum_db* db, const char* position, const char* group) {
  return with_db(db, [&](Database& d) {
    d.set_position_group(std::string(text_arg(position, "position")), capi::optional_text_arg(group, "group"));
  });
}

int pactum_position_group(pactum_db* db, const char* position, char** group) {
  return with_db(db, [&](Database& d) {
    require(group, "group");
    *group = capi::dup_string(d.position_group(std::string(text_arg(position, "position"))));
  });
}

}  // extern "C"
