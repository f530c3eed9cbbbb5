// KPI templates: which indicators make up a person's score, with what weight,
// normalised how, and which event rules add or take points. Templates are
// versioned JSON documents (docs/kpi.md, docs/kpi-template.schema.json); the
// article's sales, R&D and procurement templates are built in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"
#include "pactum/kpi/period.hpp"

namespace pactum {

// ---- Indicators ---------------------------------------------------------------

// What an indicator measures over the owner's contracts in scope.
enum class KpiMetric : unsigned char {
  signed_amount,        // Σ amounts in the reporting currency
  collection_rate,      // Σ min(collected, amount) / Σ amount
  satisfaction,         // mean of each surveyed contract's latest score (0..100)
  cycle_days,           // mean days from signing to the first accepted delivery
  contract_count,       // number of contracts
  change_rate,          // contracts amended / contracts
  fulfilment_rate,      // delivered by the due date / contracts due
  cost_reduction_rate,  // (Σ budget - Σ actual) / Σ budget
  dispute_rate,         // contracts disputed / contracts
  collection_on_schedule,  // Σ min(collected, due by the cutoff) / Σ due by the cutoff
};

// "signed_amount", ...; parse: an unknown name is a ValidationError.
const char* kpi_metric_name(KpiMetric metric) noexcept;
KpiMetric parse_kpi_metric(std::string_view name);
// Metrics whose value is a rate (satisfaction counts: its rate is mean / 100).
bool is_rate_metric(KpiMetric metric) noexcept;
// Metrics whose value is an amount of money (targets are rounded to the minor unit).
bool is_money_metric(KpiMetric metric) noexcept;

// Which contracts and events an indicator reads (docs/kpi.md, "Scopes").
enum class KpiScope : unsigned char {
  signed_in,  // "signed": contracts the employee signed in the period
  to_date,    // contracts signed from the start of the enclosing quarter (or
              // year) to the cutoff, against the target for those months
  active,     // contracts in force at any time in the period, owned on the
              // cutoff; collection cumulative up to the cutoff
  event,      // the metric's own events in the period (surveys, deliveries
              // made or due, completions), owned on the event's date
};

// "signed", "to_date", "active", "event"; parse: anything else is a
// ValidationError.
const char* kpi_scope_name(KpiScope scope) noexcept;
KpiScope parse_kpi_scope(std::string_view name);
// The scope an indicator of `metric` has unless its template says otherwise:
// signed for signed_amount and contract_count; active for collection_rate,
// collection_on_schedule, change_rate and dispute_rate; event for
// satisfaction, cycle_days, fulfilment_rate and cost_reduction_rate.
KpiScope default_scope(KpiMetric metric) noexcept;
// Whether `metric` may be read in `scope`: every metric in signed, to_date
// and active; only the four event metrics in event.
bool scope_allowed(KpiMetric metric, KpiScope scope) noexcept;

// What a scorecard's total does with indicators that have no data
// (docs/kpi.md, "Coverage").
enum class NoDataPolicy : unsigned char {
  reweight,  // the indicator points are scaled to 100 over the covered weight
  zero,      // an indicator without data scores 0
};
const char* no_data_policy_name(NoDataPolicy policy) noexcept;  // "reweight", "zero"
NoDataPolicy parse_no_data_policy(std::string_view name);

// How a value becomes points in [0, weight].
enum class Normalisation : unsigned char {
  target,        // weight x min(1, value / target); a negative value scores 0
  target_lower,  // weight x min(1, target / value); value <= target scores the weight
  linear,        // 0 at or below floor, the weight at or above ceiling, linear between
  rate,          // weight x rate, rate clamped to [0, 1]
  inverse_rate,  // weight x (1 - rate), rate clamped to [0, 1]
};

const char* normalisation_name(Normalisation n) noexcept;
Normalisation parse_normalisation(std::string_view name);

// The period kind a target is given for: month, quarter or year.
// parse: anything else (custom included) is a ValidationError.
PeriodKind parse_target_per(std::string_view name);

struct IndicatorDefinition {
  std::string name;  // unique in the template; shown in scorecards
  KpiMetric metric = KpiMetric::signed_amount;
  std::vector<std::string> types;  // contract types in scope (at least one)
  Decimal weight;                  // >= 0; the template's weights sum to 100
  Normalisation normalisation = Normalisation::target;
  std::optional<Decimal> target;   // target (> 0), target_lower (>= 0)
  std::optional<Decimal> floor;    // linear: floor < ceiling
  std::optional<Decimal> ceiling;
  // The period kind target, floor and ceiling are given for; nullopt: they
  // hold for every period as they are (rates, days).
  std::optional<PeriodKind> per;
  // nullopt: the metric's default scope.
  std::optional<KpiScope> scope;
  std::string description;

  KpiScope effective_scope() const noexcept { return scope ? *scope : default_scope(metric); }

  friend bool operator==(const IndicatorDefinition&, const IndicatorDefinition&) = default;
};

// ---- Event rules -----------------------------------------------------------------

enum class RuleKind : unsigned char {
  collection_80,        // +5 while a contract's collection is >= 80% of its amount
  installment_overdue,  // -3 per instalment not fully paid by its due date
  late_delivery,        // -2 when the first accepted delivery is > 5 days late
  early_delivery,       // +10 when it is before the due date
  breach,               // -15 per breach (an event, a refused delivery, a delivery long overdue)
};

const char* rule_kind_name(RuleKind kind) noexcept;
RuleKind parse_rule_kind(std::string_view name);
// Every rule kind, in the order above.
const std::vector<RuleKind>& all_rule_kinds();

struct RuleDefinition {
  RuleKind kind = RuleKind::collection_80;
  bool enabled = true;
  Decimal points;                // signed points per hit
  std::optional<Decimal> cap;    // >= 0: bounds |Σ points| of the rule in one scorecard
  // Contract types the rule watches; empty: every type of the template's indicators.
  std::vector<std::string> types;
  Decimal threshold;             // collection_80: the share of the amount (0 < t <= 1)
  // late_delivery: days past the due date tolerated (>= 0); breach: days
  // after the delivery due date without an accepted delivery that make a
  // breach (breach_after_days, >= 0).
  int days = 0;
  // breach: what makes a breach — an explicit breach event, a delivery
  // refused for quality (the first one), no accepted delivery `days` after
  // the delivery due date. Each on by default.
  bool on_event = true;
  bool on_quality = true;
  bool on_overdue = true;

  friend bool operator==(const RuleDefinition&, const RuleDefinition&) = default;
};

// The article's rule: collection_80 +5 at 0.80, installment_overdue -3,
// late_delivery -2 after 5 days, early_delivery +10, breach -15 (triggered by
// a breach event, a delivery refused for quality, or no accepted delivery 30
// days after the due date).
RuleDefinition default_rule(RuleKind kind);

// ---- Templates ---------------------------------------------------------------------

// How a template defined in C++ is versioned: as its `version` says, or as
// the next version of its id (the latest again is no new version).
enum class TemplateVersion : unsigned char { given, next };

struct KpiTemplate {
  std::string id;       // identifier (letters, digits, '_', '-', '.'), at most 64 characters
  int version = 1;      // >= 1
  std::string name;     // for people; defaults to the id
  std::string description;
  // Payments effective up to this many days after the period's end still
  // count for collection (0..366).
  int collection_grace_days = 0;
  // The to_date scope counts from the start of the quarter (or year)
  // enclosing the period's start.
  PeriodKind to_date_from = PeriodKind::quarter;
  NoDataPolicy no_data = NoDataPolicy::reweight;
  std::vector<IndicatorDefinition> indicators;
  // One entry per rule kind, in the order of all_rule_kinds().
  std::vector<RuleDefinition> rules;

  // Parses and validates a template document; rules it does not list keep
  // their defaults. A document without "version" is version 1 (the store
  // gives it the next version instead; `*version_given` tells). Errors are
  // ValidationErrors naming the member (JSON Pointer) or the rule broken.
  static KpiTemplate parse(std::string_view json, bool* version_given = nullptr);
  // Throws a ValidationError unless the template is valid: a well-formed id,
  // 1..50 indicators with unique names, known metrics, at least one
  // well-formed contract type each, weights >= 0 summing to exactly 100,
  // the normalisation's parameters present, valid and alone (target > 0 for
  // `target`, >= 0 for `target_lower`, floor < ceiling for `linear`; `rate`
  // and `inverse_rate` only for rate metrics and without parameters), and
  // every rule kind exactly once with a cap >= 0.
  void validate() const;
  // The canonical document (members in a fixed order, decimals as strings).
  std::string to_json() const;

  // The rule of `kind`.
  const RuleDefinition& rule(RuleKind kind) const;
  // Every contract type of the indicators, sorted, without duplicates.
  std::vector<std::string> indicator_types() const;

  // The built-in templates "sales", "rnd" and "procurement" as a new
  // database holds their latest version (2: signed amount and patent
  // contracts quarter to date); another id is a NotFoundError.
  static KpiTemplate builtin(std::string_view id);
  static std::vector<KpiTemplate> builtins();

  friend bool operator==(const KpiTemplate&, const KpiTemplate&) = default;
};

// ---- Targets, rule settings and bonus bands (stored per database) ---------

// A target overriding an indicator's default, for one position or one
// employee (exactly one of them), for one period or every period. The most
// specific wins: employee and period, employee, position and period,
// position, the template's default. It applies to indicators named
// `indicator` whose normalisation has a target (target, target_lower).
struct TargetSpec {
  std::string indicator;
  Decimal value;                   // >= 0, in the indicator's unit
  std::optional<PeriodKind> per;   // month | quarter | year; nullopt: as it is for every period
  std::optional<std::string> position;
  std::optional<std::string> employee;
  std::optional<Period> period;    // nullopt: every period
};

// Overrides one rule of one template (or of every template when `template_id`
// is nullopt; a template's own setting wins).
struct RuleSetting {
  std::optional<std::string> template_id;
  RuleKind rule = RuleKind::collection_80;
  bool enabled = true;
  Decimal points;
  std::optional<Decimal> cap;
};

// One band of the payroll link: scores in [from, below) adjust the base bonus
// by `rate` (-0.10 is a 10% cut). An absent bound is open.
struct BonusBand {
  std::optional<Decimal> from;
  std::optional<Decimal> below;
  Decimal rate;

  friend bool operator==(const BonusBand&, const BonusBand&) = default;
};

// The default: score < 80.00 -> -10%.
std::vector<BonusBand> default_bonus_bands();
// A ValidationError unless every band has from < below, a rate in [-1, 10]
// with at most 6 decimals, and no two bands overlap.
void validate_bonus_bands(const std::vector<BonusBand>& bands);
// The rate of the band holding `score` (0 when none does).
Decimal bonus_rate(const std::vector<BonusBand>& bands, const Decimal& score);
// base x rate, rounded half-even to the minor unit of base's currency.
Money bonus_adjustment(const std::vector<BonusBand>& bands, const Decimal& score, const Money& base);

// The payroll link of one template (or of every template): the bands, and
// the coverage (the weight of the indicators with data, 0..100) below which
// a scorecard says too little to move anyone's bonus.
struct PayrollLink {
  std::vector<BonusBand> bands = default_bonus_bands();
  Decimal min_coverage{50};

  friend bool operator==(const PayrollLink&, const PayrollLink&) = default;
};
// A ValidationError unless the bands are valid and min_coverage lies in
// [0, 100] with at most 4 decimals.
void validate_payroll_link(const PayrollLink& link);

// Why an adjustment is what it is.
enum class BonusReason : unsigned char {
  band,               // the band holding the score gives the rate
  no_band,            // no band holds the score: no adjustment
  insufficient_data,  // coverage below min_coverage: no adjustment, never a cut
  no_score,           // the position has no template: no adjustment
};
const char* bonus_reason_name(BonusReason reason) noexcept;  // "band", "no_band", ...

struct BonusDecision {
  std::optional<Decimal> score;  // the scorecard's total
  Decimal coverage;              // its coverage
  Decimal min_coverage;          // the payroll link's threshold
  Decimal rate;                  // the rate applied (0 unless `band`)
  Money adjustment;              // base x rate, rounded half-even to the minor unit
  BonusReason reason = BonusReason::no_score;

  friend bool operator==(const BonusDecision&, const BonusDecision&) = default;
};

// The payroll link's verdict on one scorecard (total and coverage) for a base
// bonus: no score or a coverage below min_coverage adjusts by 0; otherwise
// the band holding the score decides.
BonusDecision decide_bonus(const PayrollLink& link, const std::optional<Decimal>& score, const Decimal& coverage,
                           const Money& base);

// JSON of the stored settings (C API and command line): parse and write.
//   target:  {"version":1,"indicator":"signed_amount","value":"1200000","per":"quarter",
//             "position":"sales"|"employee":"E1","period":"2024-Q1"}
//   rule:    {"version":1,"template":"sales","rule":"collection_80","enabled":true,
//             "points":"5","cap":"10"}
//   bands:   {"version":1,"template":"sales","bands":[{"below":"80.00","rate":"-0.10"}],
//             "min_coverage":"50"}   (min_coverage optional: 50)
TargetSpec target_from_json(std::string_view json);
RuleSetting rule_setting_from_json(std::string_view json);
// `min_coverage_given` (optional) tells whether the document sets it.
PayrollLink payroll_link_from_json(std::string_view json, std::optional<std::string>* template_id = nullptr,
                                   bool* min_coverage_given = nullptr);
std::string payroll_link_to_json(const PayrollLink& link);
// The bands alone (min_coverage ignored).
std::vector<BonusBand> bonus_bands_from_json(std::string_view json, std::optional<std::string>* template_id = nullptr);
std::string bonus_bands_to_json(const std::vector<BonusBand>& bands);
// {"version":1,"employee":"E1","period":"2024-02","score":"96.43","coverage":"70",
//  "min_coverage":"50","rate":"0","adjustment":"0.00","currency":"CNY","reason":"band"}
std::string bonus_decision_to_json(const BonusDecision& d, const std::string& employee, const Period& period);

}  // namespace pactum
