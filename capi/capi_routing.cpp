// C API: approval routing tables (check, evaluate, the default table).
#include "capi_internal.hpp"
#include "pactum/approval/routing.hpp"

using namespace pactum;
using capi::guard;
using capi::require;
using capi::text_arg;

extern "C" {

int pactum_check_routing(const char* table_json, char** findings_json) {
  return guard([&] {
    require(findings_json, "findings_json");
    const auto findings = check_routing(text_arg(table_json, "table_json"));
    *findings_json = capi::dup_string(routing_findings_json(findings, Lang::en));
  });
}

int pactum_evaluate_routing(const char* table_json, const char* inputs_json, char** result_json) {
  return guard([&] {
    require(result_json, "result_json");
    const RoutingTable table = RoutingTable::parse(text_arg(table_json, "table_json"));
    const RoutingInputs inputs = routing_inputs_from_json(text_arg(inputs_json, "inputs_json"));
    *result_json = capi::dup_string(routing_result_json(table.evaluate(inputs)));
  });
}

int pactum_default_routing_table(char** table_json) {
  return guard([&] {
    require(table_json, "table_json");
    *table_json = capi::dup_string(default_routing_table_json());
  });
}

}  // extern "C"

// ---- Stored tables -----------------------------------------------------------

namespace {

constexpr unsigned kKnownLoadFlags = PACTUM_ROUTING_ALLOW_GAPS | PACTUM_ROUTING_ALLOW_OVERLAPS;

}  // namespace

extern "C" {

int pactum_load_routing(pactum_db* db, const char* table_json, unsigned int flags, char** findings_json) {
  return capi::with_db(db, [&](Database& d) {
    if ((flags & ~kKnownLoadFlags) != 0) {
      raise(Errc::invalid_argument, "routing.load_flags", {{"flags", std::to_string(flags)}});
    }
    const std::string table(text_arg(table_json, "table_json"));
    RoutingLoadOptions options;
    options.allow_gaps = (flags & PACTUM_ROUTING_ALLOW_GAPS) != 0;
    options.allow_overlaps = (flags & PACTUM_ROUTING_ALLOW_OVERLAPS) != 0;
    const auto findings = d.load_routing(table, options);
    if (findings_json != nullptr) *findings_json = capi::dup_string(routing_findings_json(findings, d.lang()));
  });
}

int pactum_check_routing_db(pactum_db* db, const char* table_json, char** findings_json) {
  return capi::with_db(db, [&](Database& d) {
    require(findings_json, "findings_json");
    const auto findings = d.check_routing(std::string(text_arg(table_json, "table_json")));
    *findings_json = capi::dup_string(routing_findings_json(findings, d.lang()));
  });
}

int pactum_routing_table(pactum_db* db, const char* id, int version, char** table_json) {
  return capi::with_db(db, [&](Database& d) {
    require(table_json, "table_json");
    if (version < 0) raise(Errc::invalid_argument, "routing.table_version", {{"version", std::to_string(version)}});
    if (id == nullptr && version != 0) require(id, "id");
    const RoutingTable table =
        id == nullptr ? d.routing_table()
                      : d.routing_table(std::string(text_arg(id, "id")),
                                        version == 0 ? std::nullopt : std::optional<int>(version));
    *table_json = capi::dup_string(table.to_json());
  });
}

int pactum_routing_tables(pactum_db* db, char** out_json) {
  return capi::with_db(db, [&](Database& d) {
    require(out_json, "out_json");
    *out_json = capi::dup_string(routing_tables_json(d.routing_tables()));
  });
}

int pactum_evaluate_loaded_routing(pactum_db* db, const char* inputs_json, char** result_json) {
  return capi::with_db(db, [&](Database& d) {
    require(result_json, "result_json");
    const RoutingInputs inputs = routing_inputs_from_json(text_arg(inputs_json, "inputs_json"));
    *result_json = capi::dup_string(routing_result_json(d.evaluate_routing(inputs)));
  });
}

}  // extern "C"
