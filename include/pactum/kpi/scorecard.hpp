// Scorecards and the reference evaluator: a person's score for a period as of
// a date, computed straight from the rule book (docs/kpi.md) out of their
// contracts and the event log. Every point is explained: each indicator's raw
// value, points, weight and contributing contracts, each rule hit with the
// event that caused it.
//
// evaluate_scorecard() is pure (no storage, no clock): the oracle the
// incremental engine is tested against.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"
#include "pactum/kpi/template.hpp"

namespace pactum {

struct IndicatorScore {
  std::string name;
  KpiMetric metric = KpiMetric::signed_amount;
  KpiScope scope = KpiScope::signed_in;
  Normalisation normalisation = Normalisation::target;
  // The exact value in the metric's unit (money in the reporting currency,
  // days, a count, a rate); nullopt when the indicator has no data.
  std::optional<Ratio> value;
  // The target, floor and ceiling used, scaled to the period (the to_date
  // scope: to the months from the start of its window to the period's end).
  std::optional<Ratio> target;
  std::optional<Ratio> floor;
  std::optional<Ratio> ceiling;
  Decimal points;  // rounded once to 2 decimals, half-even
  Decimal weight;
  std::vector<std::string> contracts;  // numbers of the contracts that contributed
  bool no_data = false;

  // The value as text: money with the reporting currency's minor digits,
  // anything else rounded half-even to 6 decimals without trailing zeros;
  // "" without data.
  std::string value_text(Currency reporting) const;

  friend bool operator==(const IndicatorScore&, const IndicatorScore&) = default;
};

// What made a breach hit.
enum class BreachTrigger : unsigned char {
  event,    // a breach event
  quality,  // the first delivery refused for quality
  overdue,  // no accepted delivery `days` after the delivery due date
};
const char* breach_trigger_name(BreachTrigger trigger) noexcept;  // "event", "quality", "overdue"

// Why a rule hit is in the scorecard.
enum class RuleHitKind : unsigned char {
  hit,         // the rule fired
  retraction,  // a later event took a hit back (collection_80 after a reversal)
  cap,         // the rule's cap trimmed its sum
};
const char* rule_hit_kind_name(RuleHitKind kind) noexcept;

struct RuleHit {
  RuleKind rule = RuleKind::collection_80;
  RuleHitKind kind = RuleHitKind::hit;
  Decimal points;
  // The event that caused it (nullopt for an overdue instalment or an
  // overdue delivery, which time causes, and for a cap).
  std::optional<std::int64_t> event;
  std::optional<std::string> contract;  // the contract's number
  std::optional<Date> date;             // the effective date (an instalment's due date)
  std::optional<int> installment;       // installment_overdue: 1-based position
  // A retraction: the seq of the hit it takes back.
  std::optional<std::int64_t> retracts;
  // A breach hit: what triggered it.
  std::optional<BreachTrigger> trigger;

  friend bool operator==(const RuleHit&, const RuleHit&) = default;
};

// An event recorded after the period was closed that would otherwise have
// counted: reported, not applied.
struct PostCloseEvent {
  std::int64_t seq = 0;
  EventType type = EventType::created;
  std::string contract;  // number
  Date effective;

  friend bool operator==(const PostCloseEvent&, const PostCloseEvent&) = default;
};

struct Scorecard {
  std::string employee;
  std::optional<std::string> position;
  Period period = Period::parse("2024-01");
  Date as_of;
  // min(as_of, the period's end), and the same extended by the template's
  // collection grace window.
  Date cutoff;
  Date collection_cutoff;
  Currency currency;  // the reporting currency
  // The template and version used; nullopt: the position has no template,
  // and the scorecard has no score.
  std::optional<std::string> template_id;
  std::optional<int> template_version;
  std::vector<IndicatorScore> indicators;
  std::vector<RuleHit> rules;
  // Coverage: the sum of the weights of the indicators with data (0..100).
  Decimal coverage;
  NoDataPolicy no_data = NoDataPolicy::reweight;
  // Σ indicator points, and the same scaled to 100 over the coverage under
  // `reweight` (2 decimals; equal under `zero` or at full coverage).
  std::optional<Decimal> indicator_points;
  std::optional<Decimal> scaled_points;
  std::optional<Decimal> rule_total;  // Σ rule points, caps applied
  std::optional<Decimal> total;       // scaled_points + rule_total (2 decimals)
  std::optional<Decimal> total_10;    // total / 10 (3 decimals)
  // The contracts the scorecard read: those of its indicators and rule hits
  // (numbers, by id).
  std::vector<std::string> contracts;
  bool closed = false;
  std::optional<std::int64_t> closed_seq;  // the period_closed event in force
  std::vector<PostCloseEvent> post_close;

  bool scored() const noexcept { return total.has_value(); }
  // Σ points of one rule (hits, retractions and cap together).
  Decimal rule_points(RuleKind kind) const;
  const IndicatorScore* indicator(std::string_view name) const noexcept;
  // The scorecard document {"version":1,"employee":...} (docs/kpi.md).
  std::string to_json() const;

  friend bool operator==(const Scorecard&, const Scorecard&) = default;
};

// Everything the reference evaluator reads.
struct ScoringInput {
  std::string employee;
  std::optional<std::string> position;  // the employee's position on the cutoff date
  Period period = Period::parse("2024-01");
  Date as_of;
  Currency currency;  // the reporting currency
  // The template bound to the position, its targets already resolved for
  // this employee and period (the evaluator scales them to the period);
  // nullopt: no template, no score.
  std::optional<KpiTemplate> kpi_template;
  // The employee's contracts — those they signed and those handed over to
  // them (any status, any signing date: the evaluator selects) — under their
  // current terms.
  std::vector<Contract> contracts;
  // Their events and the period_closed / period_reopened events, any order.
  std::vector<Event> events;
};

// The scorecard of docs/kpi.md, computed literally.
Scorecard evaluate_scorecard(const ScoringInput& input);

// Which employees Database::scorecards() covers: those posted in
// `department` and/or `position` on the cutoff date (nullopt: any).
struct ScorecardFilter {
  std::optional<std::string> department;
  std::optional<std::string> position;
};

// ---- JSON (C API, command line) ----------------------------------------------

// {"version":1,"scorecards":[<scorecard>, ...]}
std::string scorecards_to_json(const std::vector<Scorecard>& cards);
// {"version":1,"templates":[<template document>, ...]}
std::string kpi_templates_to_json(const std::vector<KpiTemplate>& templates);
// {"version":1,"period":"2024-Q1","kind":"quarter","start":"2024-01-01",
//  "end":"2024-03-31","months":"3"} (months: an exact decimal, or "n/d").
std::string period_to_json(const Period& period);
// {"version":1,"department":"SD","position":"sales"}, both optional.
ScorecardFilter scorecard_filter_from_json(std::string_view json);

// ---- Period closing -----------------------------------------------------------

// The payload of period_closed / period_reopened events: {"period":"2024-Q1"}.
std::string period_event_payload(const Period& period);
// The period a period_closed / period_reopened event names; nullopt for
// other events.
std::optional<Period> period_of_event(const Event& event);
// The seq of the period_closed event in force for `period`: the latest
// close or reopen of it in sequence order, when that is a close.
std::optional<std::int64_t> closing_seq(const Period& period, std::span<const Event> events);

}  // namespace pactum
