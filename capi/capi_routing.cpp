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
