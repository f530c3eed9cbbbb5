// Fuzz target: approval routing table documents (docs/routing.md).
//
// Input: a table document, then (after a line "%%") an inputs document
// ({"type","amount","currency","department","key_account","attributes"}).
// Laws: a document is refused with a pactum::Error or compiles to a table
// whose canonical document compiles to the same canonical document; the
// checker runs to completion within its bound; the compiled evaluator and
// the linear one match the same rules for the same inputs, and both select
// the same rules or refuse alike.
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "pactum/approval/routing.hpp"

using namespace pactum;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fuzz::Parts parts(fuzz::as_text(data, size));
  std::optional<RoutingTable> table;
  if (!fuzz::accepted([&] { table = RoutingTable::parse(parts[0]); })) return 0;

  const std::string canonical = table->to_json();
  const RoutingTable again = RoutingTable::parse(canonical);
  PACTUM_FUZZ_CHECK(again.to_json() == canonical, canonical);
  PACTUM_FUZZ_CHECK(again.rule_count() == table->rule_count(), canonical);

  std::vector<RoutingFinding> findings;
  if (fuzz::accepted([&] { findings = table->check(); })) {
    PACTUM_FUZZ_CHECK(findings.size() <= RoutingTable::kMaxFindings, canonical);
    for (const RoutingFinding& f : findings) {
      for (const std::string& rule : f.rules) {
        PACTUM_FUZZ_CHECK(!rule.empty(), canonical);
      }
      fuzz::accepted([&] { (void)f.message(Lang::zh_CN); });
    }
  }

  std::optional<RoutingInputs> inputs;
  if (!fuzz::accepted([&] { inputs = routing_inputs_from_json(parts[1]); })) return 0;
  std::vector<std::size_t> compiled;
  std::vector<std::size_t> linear;
  const bool compiled_ok = fuzz::accepted([&] { compiled = table->matches(*inputs, RoutingEvaluator::compiled); });
  const bool linear_ok = fuzz::accepted([&] { linear = table->matches(*inputs, RoutingEvaluator::linear); });
  PACTUM_FUZZ_CHECK(compiled_ok == linear_ok, canonical);
  PACTUM_FUZZ_CHECK(compiled == linear, canonical);
  std::optional<Errc> compiled_refusal;
  std::optional<Errc> linear_refusal;
  std::vector<std::size_t> selected;
  std::vector<std::size_t> selected_linear;
  try {
    selected = table->select(*inputs, RoutingEvaluator::compiled);
  } catch (const Error& e) {
    fuzz::check_refusal(e);
    compiled_refusal = e.code();
  }
  try {
    selected_linear = table->select(*inputs, RoutingEvaluator::linear);
  } catch (const Error& e) {
    fuzz::check_refusal(e);
    linear_refusal = e.code();
  }
  PACTUM_FUZZ_CHECK(compiled_refusal == linear_refusal && selected == selected_linear, canonical);
  if (!compiled_refusal) {
    for (std::size_t rule : selected) PACTUM_FUZZ_CHECK(rule < table->rule_count(), canonical);
    fuzz::accepted([&] { (void)routing_result_json(table->evaluate(*inputs)); });
  }
  return 0;
}
