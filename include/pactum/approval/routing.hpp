// Approval routing: DMN-style decision tables that map a contract's facts
// (type, amount, currency, department, key-account flag, custom attributes)
// to an approval route, with all seven DMN hit policies, a compiled evaluator
// (per-input indexes and bitsets over rules) beside the linear reference
// evaluator, and a checker that finds gaps, overlaps and rules that can never
// fire. The document format is described in docs/routing.md and
// docs/routing-table.schema.json.
//
// A RoutingTable is immutable once built: copies are cheap (shared) and every
// const member may be called from several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pactum/approval/route.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/error.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// ---- Table definitions --------------------------------------------------------

// DMN hit policies. Single hit: UNIQUE (at most one rule may match), ANY
// (matching rules must agree on the route), FIRST (the first match in rule
// order), PRIORITY (the match whose route has the highest output priority).
// Multiple hits, whose routes are merged into one: COLLECT and RULE ORDER
// (hits in rule order), OUTPUT ORDER (hits in decreasing output priority).
enum class HitPolicy : unsigned char { unique, any, first, priority, collect, rule_order, output_order };

// "UNIQUE", "ANY", "FIRST", "PRIORITY", "COLLECT", "RULE ORDER", "OUTPUT ORDER"
// (case-insensitive, '_' for the space) or the DMN letters U, A, F, P, C, R, O.
// Anything else is a ValidationError.
HitPolicy parse_hit_policy(std::string_view name);
const char* hit_policy_name(HitPolicy policy) noexcept;
// True for COLLECT, RULE ORDER and OUTPUT ORDER.
bool is_multi_hit(HitPolicy policy) noexcept;

// The type of an input column. `attribute` reads a custom attribute of the
// contract and has a value type of its own (text, enumeration, money, number
// or boolean).
enum class RoutingInputType : unsigned char { text, enumeration, money, number, boolean, department, attribute };

// "text", "enum", "money", "number", "boolean", "department", "attribute".
RoutingInputType parse_routing_input_type(std::string_view name);
const char* routing_input_type_name(RoutingInputType type) noexcept;

// One input column. Its name says what it reads: `type`, `amount`,
// `currency`, `department` and `key_account` are the contract's own fields;
// any other name must be an `attribute` input.
struct RoutingInput {
  std::string name;
  RoutingInputType type = RoutingInputType::text;
  // Attribute inputs: the attribute read (empty: the input's name) and its type.
  std::string attribute;
  RoutingInputType value_type = RoutingInputType::text;
  // Enumerations: the declared values (the input's whole domain).
  std::vector<std::string> values;
  // Money: when set, amounts in another currency are refused.
  std::optional<std::string> currency;
  // Money and number: the domain's inclusive bounds (money: min defaults to 0).
  std::optional<Decimal> min;
  std::optional<Decimal> max;
  // Attribute inputs: the value used when the contract lacks the attribute
  // (without one, a missing attribute is a ValidationError).
  std::optional<std::string> default_value;
  std::string description;

  // The type of the values: value_type for attributes, type otherwise.
  RoutingInputType effective_type() const noexcept {
    return type == RoutingInputType::attribute ? value_type : type;
  }
};

struct RoutingRule {
  // Empty: the rule is known by its number as "#N" (1-based).
  std::string id;
  // Input name -> unary test text (docs/routing.md); an absent input is "-".
  std::map<std::string, std::string> when;
  ApprovalRoute route;
  // A decision table's outputs (see RoutingTableDefinition::outputs): output
  // name -> value; empty in a routing table.
  std::map<std::string, std::string> output;
  std::string description;
};

struct RoutingTableDefinition {
  std::string id;
  int version = 1;
  HitPolicy hit_policy = HitPolicy::unique;
  std::vector<RoutingInput> inputs;
  std::vector<RoutingRule> rules;
  // Order of merged steps; nullopt: default_step_order().
  std::optional<std::vector<Approver>> step_order;
  // Empty: a routing table, whose rules give approval routes. Otherwise a
  // decision table of the same engine whose rules give a value for each of
  // these outputs instead (the classification of employees,
  // docs/reports.md): single-hit policies only (UNIQUE, ANY, FIRST), and
  // every input is read from RoutingInputs::attributes by its name.
  std::vector<std::string> outputs;
  std::string description;
};

// dept_manager, hr, legal, finance, general_manager (roles).
std::vector<Approver> default_step_order();

// ---- Evaluation ----------------------------------------------------------------

// The facts a decision reads, built from a contract by the approval engine.
struct RoutingInputs {
  std::string type;
  // The amount compared by `amount` inputs (the approval engine passes it in
  // the reporting currency).
  std::optional<Money> amount;
  // The contract's own currency code, read by `currency` inputs; empty: the
  // amount's currency.
  std::string currency;
  std::string department;
  bool key_account = false;
  // Custom attributes as text: decimals such as "1200.50" for money and
  // number attributes, "true"/"false" for boolean ones.
  std::map<std::string, std::string> attributes;
};

// The set of values one cell of a rule accepts, compiled from its text.
class UnaryTest {
 public:
  // A closed range of units of 10^-4 (money and number inputs).
  struct Range {
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    friend bool operator==(const Range&, const Range&) = default;
  };

  // The text as written ("-" for an input the rule does not mention).
  const std::string& text() const noexcept { return text_; }
  // Accepts every value of the input's domain.
  bool is_any() const noexcept { return any_; }
  // Accepts no value of the input's domain (the rule can never fire).
  bool is_empty() const noexcept;
  // Money and number inputs: the accepted values, sorted, disjoint and
  // non-adjacent, within the input's domain.
  const std::vector<Range>& ranges() const noexcept { return ranges_; }
  // Text, department, enumeration and boolean inputs: the listed values
  // (sorted, distinct); when negated() the test accepts every value that is
  // not listed. Enumeration and boolean tests are never negated (the
  // complement is resolved against the declared values).
  const std::vector<std::string>& values() const noexcept { return values_; }
  bool negated() const noexcept { return negated_; }

  // Text kinds: exact (byte-wise, case-sensitive) comparison.
  bool matches(std::string_view value) const noexcept;
  // Money and number kinds, in units of 10^-4.
  bool matches_units(std::int64_t units) const noexcept;

 private:
  friend struct UnaryTestBuilder;
  std::string text_;
  bool any_ = false;
  bool ordered_ = false;
  bool negated_ = false;
  std::vector<Range> ranges_;
  std::vector<std::string> values_;
};

// Which evaluator answers: the compiled one (per-input indexes and bitsets
// over rules) or the linear reference scan. Both give the same answers.
enum class RoutingEvaluator : unsigned char { compiled, linear };

// One evaluated input, for the audit record.
struct RoutingInputValue {
  std::string name;
  RoutingInputType type = RoutingInputType::text;  // the value's type
  std::string value;  // text; decimals for money/number; "true"/"false"
  friend bool operator==(const RoutingInputValue&, const RoutingInputValue&) = default;
};

struct RoutingAudit {
  std::string table_id;
  int table_version = 0;
  HitPolicy hit_policy = HitPolicy::unique;
  // Ids of the rules whose routes make the result, in output order.
  std::vector<std::string> matched_rules;
  // Every declared input with the value it was evaluated with.
  std::vector<RoutingInputValue> inputs;
};

struct RoutingResult {
  ApprovalRoute route;
  RoutingAudit audit;
};

// ---- Checking ------------------------------------------------------------------

enum class FindingKind : unsigned char {
  gap,          // inputs no rule matches: such a contract has no route
  overlap,      // several rules match where the hit policy forbids it
  unreachable,  // a rule that can never fire
};
enum class FindingSeverity : unsigned char { error, warning };

const char* finding_kind_name(FindingKind kind) noexcept;          // "gap", ...
const char* finding_severity_name(FindingSeverity s) noexcept;     // "error", "warning"

struct RoutingFinding {
  FindingKind kind = FindingKind::gap;
  // Gaps and overlaps are errors; unreachable rules are warnings.
  FindingSeverity severity = FindingSeverity::error;
  // The rules concerned (none for a gap), by id.
  std::vector<std::string> rules;
  // The exact input region, input -> interval or set text (docs/routing.md),
  // in input order; inputs the region does not constrain are left out.
  std::vector<std::pair<std::string, std::string>> region;
  // The catalog entry of the message and its arguments.
  std::string key;
  MessageArgs args;

  std::string message(Lang lang = Lang::en) const { return render_message(key, lang, args); }
};

// ---- Tables --------------------------------------------------------------------

class RoutingTable {
 public:
  static constexpr std::size_t kMaxInputs = 64;
  static constexpr std::size_t kMaxRules = 100000;
  static constexpr std::size_t kMaxSteps = 32;
  static constexpr std::size_t kMaxEnumValues = 1000;
  static constexpr std::size_t kMaxTextLength = 200;     // ids, names, values (code points)
  static constexpr std::size_t kMaxCellLength = 10000;   // a unary test's text (code points)
  // The checker stops after this many findings.
  static constexpr std::size_t kMaxFindings = 10000;

  // Parses a table document (JSON). Malformed documents are ValidationErrors
  // that point at the rule (id and number), the input and the position in
  // the cell, or at the JSON Pointer of the offending member.
  static RoutingTable parse(std::string_view json);
  // Compiles a definition built in C++; the same checks as parse().
  static RoutingTable compile(RoutingTableDefinition definition);
  // The table shipped with the library (docs/routing-default.json).
  static RoutingTable default_table();

  const RoutingTableDefinition& definition() const noexcept;
  const std::string& id() const noexcept;
  int version() const noexcept;
  HitPolicy hit_policy() const noexcept;
  std::size_t rule_count() const noexcept;
  // The rule's id, or "#N" when it has none.
  const std::string& rule_id(std::size_t rule) const;
  // The compiled test of `rule` on input number `input` (declaration order).
  const UnaryTest& test(std::size_t rule, std::size_t input) const;
  // The effective step order: the table's step_order (or the default), then
  // every other approver in order of first appearance in the rules.
  const std::vector<Approver>& approver_order() const noexcept;
  // The canonical JSON document of the table.
  std::string to_json() const;

  // Every rule whose tests all accept the inputs, in rule order.
  std::vector<std::size_t> matches(const RoutingInputs& inputs,
                                   RoutingEvaluator evaluator = RoutingEvaluator::compiled) const;
  // The rules the hit policy selects, in output order. No match, several
  // matches under UNIQUE, or matches with different routes under ANY are
  // PACTUM_ENOROUTE errors naming the rules and the inputs; input values the
  // table cannot read (a missing attribute, an unknown enumeration value, an
  // amount outside the domain or in the wrong currency) are ValidationErrors.
  std::vector<std::size_t> select(const RoutingInputs& inputs,
                                  RoutingEvaluator evaluator = RoutingEvaluator::compiled) const;
  // The route (merged for multi-hit policies) with its audit record.
  RoutingResult evaluate(const RoutingInputs& inputs,
                         RoutingEvaluator evaluator = RoutingEvaluator::compiled) const;
  // The route made of the given rules (as select() returns them): a single
  // hit's route as written; for multi-hit policies the merge of docs/routing.md.
  ApprovalRoute route_of(const std::vector<std::size_t>& selected) const;
  // A decision table's outputs of one rule (empty for a routing table).
  const std::map<std::string, std::string>& output_of(std::size_t rule) const;

  // Gaps, overlaps (UNIQUE; ANY with different routes) and unreachable rules.
  std::vector<RoutingFinding> check() const;

  struct Compiled;

 private:
  explicit RoutingTable(std::shared_ptr<const Compiled> compiled) noexcept : compiled_(std::move(compiled)) {}
  std::shared_ptr<const Compiled> compiled_;
};

// A stored table version (Database::routing_tables).
struct RoutingTableInfo {
  std::string id;
  int version = 0;
  bool current = false;
  friend bool operator==(const RoutingTableInfo&, const RoutingTableInfo&) = default;
};

// How Database::load_routing treats findings of error severity: refused
// unless explicitly allowed (a gap leaves contracts without a route, an
// overlap makes their evaluation fail).
struct RoutingLoadOptions {
  bool allow_gaps = false;
  bool allow_overlaps = false;
};

// Parses and checks a table document.
std::vector<RoutingFinding> check_routing(std::string_view table_json);

// Loading a checked decision table (routing or classification): gaps or
// overlaps the options do not allow refuse it, a ValidationError with the
// message `refused_key` naming the table and the counts.
void require_loadable(const RoutingTable& table, const std::vector<RoutingFinding>& findings,
                      const RoutingLoadOptions& options, const char* refused_key);

// Storing version `version` of decision table `id` as `document`, given the
// document stored under that version (if any) and the id's latest version:
// true when it is a new version to store; false when the same document is
// stored already (it only becomes current again). Another document under a
// stored version, or a new version below the latest, is a ConflictError.
bool is_new_table_version(const std::string& id, int version, const std::string& document,
                          const std::optional<std::string>& stored, std::optional<int> latest);
// Parses a table document and evaluates it once.
RoutingResult evaluate_routing(std::string_view table_json, const RoutingInputs& inputs);
// The default table's document, as shipped (docs/routing-default.json).
std::string_view default_routing_table_json() noexcept;
// True when some finding is of error severity.
bool has_errors(const std::vector<RoutingFinding>& findings) noexcept;

// ---- JSON documents of the faces (C API, command line) ---------------------------

// {"version":1,"findings":[{"kind","severity","rules","region","message","messages":{"en","zh-CN"}}]}
// with "message" in `lang`.
std::string routing_findings_json(const std::vector<RoutingFinding>& findings, Lang lang);
// {"version":1,"route":[steps],"audit":{"table","table_version","hit_policy","matched_rules","inputs"}}
std::string routing_result_json(const RoutingResult& result);
// The JSON form of a route's steps (an array).
std::string approval_route_json(const ApprovalRoute& route);
// {"version":1,"tables":[{"id":"default","version":1,"current":true}, ...]}
std::string routing_tables_json(const std::vector<RoutingTableInfo>& tables);
// Inputs from {"type","amount","currency","department","key_account","attributes"}
// (all optional; an optional "version" must be 1). Amounts are decimal strings
// or integers, never JSON floats.
RoutingInputs routing_inputs_from_json(std::string_view json);

// PACTUM_ENOTFOUND: no current routing table (routing.no_current), no table
// `id` (routing.table_not_found), no version `version` of it
// (routing.table_version_not_found).
[[noreturn]] void refuse_no_current_table();
[[noreturn]] void refuse_unknown_table(const std::string& id);
[[noreturn]] void refuse_unknown_table_version(const std::string& id, int version);

}  // namespace pactum
