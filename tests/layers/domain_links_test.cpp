// The domain layer stands alone: this program is linked against the objects
// of pactum_core and pactum_domain only — no store, no SQLite, no SQLiteCpp
// (tests/CMakeLists.txt) — so a rule that reached for storage would fail to
// link here. It also runs a rule of each domain on values to show they work
// without a database.
#include <cstdio>
#include <string>

#include "pactum/approval/routing.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/scorecard.hpp"
#include "pactum/kpi/template.hpp"
#include "pactum/report/classification.hpp"

using namespace pactum;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "domain_links_test: %s\n", what);
    ++failures;
  }
}

}  // namespace

int main() {
  // core: exact money.
  check((Money::parse("0.10", "CNY") + Money::parse("0.20", "CNY")).to_string() == "0.30", "money adds exactly");

  // approval: the default routing table routes a small sales contract.
  const RoutingTable table = RoutingTable::parse(default_routing_table_json());
  RoutingInputs in;
  in.type = "sales";
  in.amount = Money::parse("1000.00", "CNY");
  in.department = "SD";
  check(!table.evaluate(in).route.steps.empty(), "the default table gives a route");

  // contract: the status machine.
  check(apply_transition(ContractStatus::active, ContractTransition::expire) == ContractStatus::expired,
        "an active contract expires");

  // kpi: the payroll link never cuts below min_coverage.
  const BonusDecision d =
      decide_bonus(PayrollLink{}, Decimal::parse("70.00"), Decimal(40), Money::parse("10000.00", "CNY"));
  check(d.reason == BonusReason::insufficient_data && d.adjustment.units() == 0, "no cut on insufficient data");
  check(KpiTemplate::builtin("sales").no_data == NoDataPolicy::reweight, "the built-in sales template reweights");

  // report: the default classification table checks clean.
  check(ClassificationTable::default_table().check().empty(),
        "the default classification table has no findings");

  if (failures == 0) std::puts("domain_links_test: the domain layer links and runs without the store");
  return failures == 0 ? 0 : 1;
}
