// Internal: the second half of a scorecard — from what each contract in scope
// did in the scorecard's windows (its facts) to indicator values, points, rule
// hits and the total. The reference evaluator (evaluator.cpp) gathers the
// facts from the event log; the incremental engine (incremental.cpp) from its
// state. Both hand them to score_contracts(), so the rule book's arithmetic
// lives in one place, and the engine's own totals (kept by deltas) use the
// per-contract helpers below.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/kpi/scorecard.hpp"

namespace pactum::scoring {

// An event as the rules see it: its sequence number, effective date and one
// number (a payment's or reversal's amount in units of the contract's
// currency, a survey's score; unused otherwise).
struct FactEvent {
  std::int64_t seq = 0;
  Date effective;
  std::int64_t number = 0;
};

// What one contract in scope did in a scorecard's windows.
struct ContractFacts {
  const Contract* contract = nullptr;  // the terms in force on the cutoff
  // Payments and reversals effective up to the collection cutoff, in
  // (effective date, seq) order, and their sum.
  std::vector<FactEvent> deltas;
  std::int64_t collected = 0;
  std::optional<FactEvent> first_delivery;  // the first accepted delivery in the window
  std::optional<FactEvent> latest_survey;   // the latest satisfaction score in the window
  bool amended = false;
  bool disputed = false;
  std::vector<FactEvent> breaches;  // in the window, in (effective date, seq) order

  // Collected at the end of `day` (deltas effective on or before it).
  std::int64_t collected_on(Date day) const;
};

// Fills the indicators, rule hits, total and total_10 of `card` (whose
// period, cutoff and currency are set) under template `t`, from the facts of
// the contracts in scope, ordered by contract id.
void score_contracts(Scorecard& card, const KpiTemplate& t, const std::vector<ContractFacts>& facts);

// ---- Per-contract arithmetic shared with the incremental engine ---------------

// a + b; an overflow is the money-overflow error.
std::int64_t checked_add(std::int64_t a, std::int64_t b);

// amount x rate in the reporting currency, rounded once half-even to its
// minor unit (as contracts store their reporting amount).
Money to_reporting(const Money& amount, const Decimal& rate, Currency reporting);

// A contract's share of collection_rate's numerator: min(collected, amount)
// (at least 0) as a part of its reporting amount, rounded half-even to 10^-4
// (exactly the reporting amount when fully collected).
std::int64_t reporting_collected(const Money& amount, const Money& reporting_amount, std::int64_t collected,
                                 Currency reporting);

// A money attribute (`budget`, `actual`) in the reporting currency: as it is
// when already in it, converted at the contract's rate when in the contract's
// currency; nullopt when it is not money. Another currency is the currency
// error naming contract `number`.
std::optional<std::int64_t> attribute_reporting_units(const AttributeValue& v, Currency contract_currency,
                                                      const Decimal& rate, const std::string& number,
                                                      Currency reporting);

// An indicator without value or points yet: name, metric, normalisation,
// weight and its target, floor and ceiling scaled to `period`.
IndicatorScore indicator_frame(const IndicatorDefinition& def, const Period& period, Currency currency);

// The points of `s` (its value set, or nullopt for no data): normalised and
// rounded once to 2 decimals half-even; 0.00 without data.
Decimal indicator_points(const IndicatorScore& s);

// Whether `rule` watches contracts of `type` under template `t`.
bool rule_applies(const RuleDefinition& rule, const KpiTemplate& t, const std::string& type);

// A rule's points per hit (2 decimals).
Decimal rule_points(const RuleDefinition& rule);

// `sum` bounded by the rule's cap (if any): the capped sum.
Decimal capped(const RuleDefinition& rule, const Decimal& sum);

}  // namespace pactum::scoring
