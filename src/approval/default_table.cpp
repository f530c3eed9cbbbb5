// The default routing table shipped with the library (DESIGN.md "Approval
// routing"), embedded as a document; docs/routing-default.json holds the same
// text (a test keeps them equal).
#include "pactum/approval/routing.hpp"

namespace pactum {

namespace {

constexpr std::string_view kDefaultTable = R"json({
  "id": "default",
  "version": 1,
  "hit_policy": "UNIQUE",
  "description": "The default approval routing of Pactum. Amounts are compared in the reporting currency; 50000 and 100000 themselves take the middle route.",
  "inputs": [
    {"name": "type", "type": "text", "description": "contract type"},
    {"name": "amount", "type": "money", "description": "contract amount in the reporting currency"}
  ],
  "step_order": ["dept_manager", "hr", "legal", "finance", "general_manager"],
  "rules": [
    {
      "id": "labour",
      "description": "labour contracts: department manager, then HR, whatever the amount",
      "when": {"type": "\"labour\""},
      "route": [{"role": "dept_manager"}, {"role": "hr"}]
    },
    {
      "id": "under-50000",
      "description": "amount below 50,000: department manager",
      "when": {"type": "not(\"labour\")", "amount": "< 50000"},
      "route": [{"role": "dept_manager"}]
    },
    {
      "id": "50000-to-100000",
      "description": "amount from 50,000 to 100,000 inclusive: department manager, then finance",
      "when": {"type": "not(\"labour\")", "amount": "[50000..100000]"},
      "route": [{"role": "dept_manager"}, {"role": "finance"}]
    },
    {
      "id": "over-100000",
      "description": "amount above 100,000: department manager, then finance, then the general manager",
      "when": {"type": "not(\"labour\")", "amount": "> 100000"},
      "route": [{"role": "dept_manager"}, {"role": "finance"}, {"role": "general_manager"}]
    }
  ]
}
)json";

}  // namespace

std::string_view default_routing_table_json() noexcept { return kDefaultTable; }

RoutingTable RoutingTable::default_table() {
  static const RoutingTable table = parse(kDefaultTable);
  return table;
}

}  // namespace pactum
