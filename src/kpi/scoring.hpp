// Internal: the second half of a scorecard — from what each of the
// employee's contracts did (its facts) to scopes, indicator values, points,
// rule hits, coverage and the total. The reference evaluator (evaluator.cpp)
// gathers the facts from the event log; the incremental engine
// (incremental.cpp) from its state. Both hand them to score_contracts(), so
// the rule book lives in one place (scoring.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// A handover: `to` owns the contract from `on` (docs/contracts.md).
struct Handover {
  Date on;
  std::int64_t seq = 0;
  std::string to;
};

// What one contract did, as a scorecard of one period as of one date reads
// it. Every list holds only the events that count (not frozen by a closed
// period, effective by the dates below).
struct ContractFacts {
  const Contract* contract = nullptr;  // the terms in force on the cutoff
  std::string signer;
  std::vector<Handover> handovers;     // effective on or before the cutoff, in (date, seq) order
  std::optional<Date> activated;       // the earliest activation effective on or before the as-of date
  std::optional<Date> closed;          // the earliest completion, termination or expiry up to the cutoff
  std::optional<Date> completed;       // the earliest completion up to the cutoff
  std::optional<Date> terminated;      // the earliest termination up to the cutoff
  // Payments and reversals effective up to the collection cutoff, in
  // (effective date, seq) order, and their sum.
  std::vector<FactEvent> deltas;
  std::int64_t collected = 0;
  std::optional<FactEvent> first_delivery;  // the first accepted delivery up to the cutoff
  std::optional<FactEvent> first_refusal;   // the first delivery refused for quality up to the cutoff
  std::vector<FactEvent> surveys;           // in the window [start, cutoff], in (date, seq) order
  bool amended = false;                     // an amendment in the window
  bool disputed = false;                    // a dispute in the window
  std::vector<FactEvent> breaches;          // breach events in the window, in (date, seq) order

  // Collected at the end of `day` (deltas effective on or before it).
  std::int64_t collected_on(Date day) const;
  // Who owned the contract on `day`: the signer, or the last handover
  // effective on or before it.
  const std::string& owner_on(Date day) const;
};

// Fills the indicators, rule hits, coverage and totals of `card` (whose
// employee, period, as_of, cutoff, collection cutoff and currency are set)
// under template `t`, from the facts of the employee's contracts (any
// superset of those that count: each scope selects its own), ordered by
// contract id.
void score_contracts(Scorecard& card, const KpiTemplate& t, const std::vector<ContractFacts>& facts);

// The first day of the to_date window of `period` under `t`: the start of
// the quarter (or year) enclosing the period's start for months and
// quarters, the period's own start otherwise.
Date to_date_start(const Period& period, PeriodKind from);

// ---- The metric registry ---------------------------------------------------------
// One row per KpiMetric, in the enumeration's order (scoring.cpp): its name,
// default scope, what its value is, the facts it reads, and (not shown here)
// the fold that computes it for the reference evaluator and the engine alike.
// Adding a metric: its enumerator (pactum/kpi/template.hpp), its row and fold
// (scoring.cpp), its name in docs/kpi-template.schema.json and in the
// kpi.unknown_metric message (docs/contributing.md, "Add a KPI metric").
struct MetricInfo {
  KpiMetric metric;
  const char* name;
  KpiScope default_scope;
  bool rate;                    // its value is a rate (rate normalisations allowed)
  int rate_scale;               // the value divided by this is the rate (100 for satisfaction)
  bool money;                   // its value is an amount of money
  bool zero_without_contracts;  // 0 over no contracts (amounts, counts), else no data
  const char* reads;            // the facts it reads, for documentation
};
std::size_t metric_count() noexcept;
// The row of `metric`; nullptr for a value outside the enumeration.
const MetricInfo* metric_info(KpiMetric metric) noexcept;
// The row named `name`, nullptr if none.
const MetricInfo* find_metric(std::string_view name) noexcept;

// ---- Per-contract arithmetic shared with the incremental engine ---------------

// a + b; an overflow is the money-overflow error.
std::int64_t checked_add(std::int64_t a, std::int64_t b);

// amount x rate in the reporting currency, rounded once half-even to its
// minor unit (as contracts store their reporting amount).
Money to_reporting(const Money& amount, const Decimal& rate, Currency reporting);

// A contract's share of a collection ratio's numerator: min(collected,
// whole) (at least 0) as a part of `reporting_whole`, rounded half-even to
// 10^-4 (exactly `reporting_whole` when fully collected).
std::int64_t reporting_collected(const Money& whole, const Money& reporting_whole, std::int64_t collected,
                                 Currency reporting);

// A money attribute (`budget`, `actual`) in the reporting currency: as it is
// when already in it, converted at the contract's rate when in the contract's
// currency; nullopt when it is not money. Another currency is the currency
// error naming contract `number`.
std::optional<std::int64_t> attribute_reporting_units(const AttributeValue& v, Currency contract_currency,
                                                      const Decimal& rate, const std::string& number,
                                                      Currency reporting);

// An indicator without value or points yet: name, metric, scope,
// normalisation, weight and its target, floor and ceiling scaled to
// `months` (the period's months, or the to_date window's).
IndicatorScore indicator_frame(const IndicatorDefinition& def, const Ratio& months, Currency currency);

// The months an indicator's parameters are scaled to in a scorecard of
// `period` under `t`.
Ratio indicator_months(const IndicatorDefinition& def, const KpiTemplate& t, const Period& period);

// The points of `s` (its value set, or nullopt for no data): normalised and
// rounded once to 2 decimals half-even; 0.00 without data.
Decimal indicator_points(const IndicatorScore& s);

// A rule's points per hit (2 decimals).
Decimal rule_points(const RuleDefinition& rule);

// `sum` bounded by the rule's cap (if any): the capped sum.
Decimal capped(const RuleDefinition& rule, const Decimal& sum);

}  // namespace pactum::scoring
