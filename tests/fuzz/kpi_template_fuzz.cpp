// Fuzz target: KPI template documents and the stored settings' documents
// (docs/kpi.md, docs/kpi-template.schema.json).
//
// The input is read as a template, a target, a rule setting and a bonus band
// list in turn. Laws: each is refused with a pactum::Error or accepted; an
// accepted template is valid and its canonical document parses back to an
// equal template with the same document; accepted bands are valid, write a
// document that reads back to equal bands, and give every score at most one
// band's rate.
#include <optional>

#include "fuzz/fuzz_support.hpp"
#include "pactum/kpi/template.hpp"

using namespace pactum;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);

  std::optional<KpiTemplate> t;
  if (fuzz::accepted([&] { t = KpiTemplate::parse(text); })) {
    t->validate();
    const std::string canonical = t->to_json();
    const KpiTemplate back = KpiTemplate::parse(canonical);
    PACTUM_FUZZ_CHECK(back == *t, canonical);
    PACTUM_FUZZ_CHECK(back.to_json() == canonical, canonical);
    PACTUM_FUZZ_CHECK(back.rules.size() == all_rule_kinds().size(), canonical);
    for (RuleKind kind : all_rule_kinds()) PACTUM_FUZZ_CHECK(back.rule(kind).kind == kind, canonical);
    const std::vector<std::string> types = back.indicator_types();
    PACTUM_FUZZ_CHECK(std::is_sorted(types.begin(), types.end()), canonical);
    PACTUM_FUZZ_CHECK(std::adjacent_find(types.begin(), types.end()) == types.end(), canonical);
  }

  fuzz::accepted([&] { (void)target_from_json(text); });
  fuzz::accepted([&] { (void)rule_setting_from_json(text); });

  std::vector<BonusBand> bands;
  std::optional<std::string> template_id;
  if (fuzz::accepted([&] { bands = bonus_bands_from_json(text, &template_id); })) {
    validate_bonus_bands(bands);
    const std::string written = bonus_bands_to_json(bands);
    PACTUM_FUZZ_CHECK(bonus_bands_from_json(written) == bands, written);
    for (const BonusBand& band : bands) {
      for (const std::optional<Decimal>& score : {band.from, band.below}) {
        if (!score) continue;
        int holding = 0;
        for (const BonusBand& other : bands) {
          const bool above = !other.from || !(*score < *other.from);
          const bool below = !other.below || *score < *other.below;
          holding += above && below ? 1 : 0;
        }
        PACTUM_FUZZ_CHECK(holding <= 1, written);
        const Decimal rate = bonus_rate(bands, *score);
        PACTUM_FUZZ_CHECK(holding == 1 || rate.is_zero(), written);
        fuzz::accepted([&] { (void)bonus_adjustment(bands, *score, Money::parse("12345.67", "CNY")); });
      }
    }
  }
  return 0;
}
