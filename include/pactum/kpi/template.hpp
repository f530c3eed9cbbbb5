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
};

// "signed_amount", ...; parse: an unknown name is a ValidationError.
const char* kpi_metric_name(KpiMetric metric) noexcept;
KpiMetric parse_kpi_metric(std::string_view name);
// Metrics whose value is a rate (satisfaction counts: its rate is mean / 100).
bool is_rate_metric(KpiMetric metric) noexcept;
// Metrics whose value is an amount of money (targets are rounded to the minor unit).
bool is_money_metric(KpiMetric metric) noexcept;

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
  std::string description;

  friend bool operator==(const IndicatorDefinition&, const IndicatorDefinition&) = default;
};

// ---- Event rules -----------------------------------------------------------------

enum class RuleKind : unsigned char {
  collection_80,        // +5 while a contract's collection is >= 80% of its amount
  installment_overdue,  // -3 per instalment not fully paid by its due date
  late_delivery,        // -2 when the first accepted delivery is > 5 days late
  early_delivery,       // +10 when it is before the due date
  breach,               // -15 per breach event
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
  int days = 0;                  // late_delivery: days past the due date tolerated (>= 0)

  friend bool operator==(const RuleDefinition&, const RuleDefinition&) = default;
};

// The article's rule: collection_80 +5 at 0.80, installment_overdue -3,
// late_delivery -2 after 5 days, early_delivery +10, breach -15.
RuleDefinition default_rule(RuleKind kind);

// ---- Templates ---------------------------------------------------------------------

struct KpiTemplate {
  std::string id;       // identifier (letters, digits, '_', '-', '.'), at most 64 characters
  int version = 1;      // >= 1
  std::string name;     // for people; defaults to the id
  std::string description;
  // Payments effective up to this many days after the period's end still
  // count for collection (0..366).
  int collection_grace_days = 0;
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

  // The built-in templates "sales", "rnd" and "procurement" (version 1);
  // another id is a NotFoundError.
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

// JSON of the stored settings (C API and command line): parse and write.
//   target:  {"version":1,"indicator":"signed_amount","value":"1200000","per":"quarter",
//             "position":"sales"|"employee":"E1","period":"2024-Q1"}
//   rule:    {"version":1,"template":"sales","rule":"collection_80","enabled":true,
//             "points":"5","cap":"10"}
//   bands:   {"version":1,"template":"sales","bands":[{"below":"80.00","rate":"-0.10"}]}
TargetSpec target_from_json(std::string_view json);
RuleSetting rule_setting_from_json(std::string_view json);
std::vector<BonusBand> bonus_bands_from_json(std::string_view json, std::optional<std::string>* template_id = nullptr);
std::string bonus_bands_to_json(const std::vector<BonusBand>& bands);

}  // namespace pactum
