// Internal: the compiled form of a routing table shared by the compiler, the
// evaluators, the checker and the JSON layer. Not installed.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pactum/approval/routing.hpp"

namespace pactum {

// Builds UnaryTest values (friend of the class).
struct UnaryTestBuilder;

namespace routing {

inline constexpr std::int64_t kMinUnits = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kMaxUnits = std::numeric_limits<std::int64_t>::max();

// How an input's values are compared.
enum class Kind : unsigned char {
  ordered,  // money, number: units of 10^-4 on a line
  text,     // text, department: any string, compared exactly
  choice,   // enumeration, boolean: one of the declared values
};

// Where an input's value comes from.
enum class Source : unsigned char { type, amount, currency, department, key_account, attribute };

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StringIndex = std::unordered_map<std::string, std::uint32_t, TransparentHash, std::equal_to<>>;

// A declared input, resolved.
struct InputSpec {
  std::string name;
  RoutingInputType value_type = RoutingInputType::text;
  Kind kind = Kind::text;
  Source source = Source::attribute;
  std::string attribute;
  // Choice inputs: the declared values in order ("false", "true" for booleans).
  std::vector<std::string> choices;
  StringIndex choice_index;
  std::optional<Currency> currency;
  // Ordered inputs: the domain, inclusive, in units.
  std::int64_t min = kMinUnits;
  std::int64_t max = kMaxUnits;
  std::optional<std::string> default_text;
};

// Where a rule's test of an input is written, for error messages.
struct CellContext {
  const std::string& rule;
  std::size_t number;  // 1-based
  const std::string& input;
};

// Parses one cell of a rule (docs/routing.md "Unary tests").
UnaryTest parse_unary_test(std::string_view text, const InputSpec& spec, const CellContext& where);
// The test of an input a rule does not mention: "-".
UnaryTest any_test(const InputSpec& spec);

// One value read from RoutingInputs.
struct Bound {
  std::string_view text;    // text kinds; choice kinds: the declared value
  std::int64_t units = 0;   // ordered kinds
  std::uint32_t choice = 0; // choice kinds: index in InputSpec::choices
};

// The atoms of one input: the coarsest partition of its domain on which
// every rule's test is constant, with the bitset of rules accepting each atom.
struct InputIndex {
  bool trivial = true;  // one atom: every rule accepts every value
  std::size_t atoms = 1;
  // Ordered: atom k is [starts[k], starts[k+1] - 1] (the last ends at max).
  std::vector<std::int64_t> starts;
  // Text: the literals of every rule (sorted); atom k < literals.size() is
  // literals[k], the last atom is "every other value".
  std::vector<std::string> literals;
  StringIndex literal_atom;
  // atoms x words bits: bit r of atom a set when rule r accepts atom a.
  std::vector<std::uint64_t> masks;

  const std::uint64_t* mask(std::size_t atom, std::size_t words) const noexcept {
    return masks.data() + atom * words;
  }
};

// Units <-> decimal text.
std::string units_text(std::int64_t units);
// nullopt when the value has more than 4 decimals or leaves the int64 range.
std::optional<std::int64_t> decimal_units(const Decimal& value) noexcept;

}  // namespace routing

struct RoutingTable::Compiled {
  RoutingTableDefinition def;
  std::vector<routing::InputSpec> inputs;
  std::vector<std::string> rule_ids;
  // rules x inputs, row-major.
  std::vector<UnaryTest> tests;
  // Per rule, the inputs whose test is not "-" (the linear scan's work list).
  std::vector<std::vector<std::uint32_t>> tested_inputs;
  // The effective approver order (see approver_order()); the first
  // `listed` come from step_order, the others from the rules.
  std::vector<Approver> order;
  std::map<Approver, std::size_t> order_index;
  std::size_t listed = 0;
  // Per rule: the class of equal routes, and the route's output priority
  // (higher wins; equal routes share a rank).
  std::vector<std::uint32_t> output_class;
  std::vector<std::uint32_t> priority_rank;
  // Compiled evaluator.
  std::size_t words = 0;  // 64-bit words of a rule bitset
  std::vector<routing::InputIndex> index;
  std::vector<std::uint32_t> indexed_inputs;  // inputs with more than one atom

  const UnaryTest& test(std::size_t rule, std::size_t input) const noexcept {
    return tests[rule * inputs.size() + input];
  }
  std::size_t order_position(const Approver& a) const noexcept;
};

namespace routing {

// Reads and validates every declared input's value.
void bind_inputs(const RoutingTable::Compiled& c, const RoutingInputs& in, Bound* out);
// The text of an input value for messages and the audit.
std::string bound_text(const RoutingTable::Compiled& c, std::size_t input, const Bound& b);
// "type=sales, amount=75000" for error messages.
std::string inputs_text(const RoutingTable::Compiled& c, const Bound* bound);

// Builds the per-input indexes (called once by the compiler).
void build_indexes(RoutingTable::Compiled& c);

// The text of the atoms set in `atoms` (one bit per atom of input `input`),
// as interval or set text; empty when the set is every atom.
std::string region_text(const RoutingTable::Compiled& c, std::size_t input, const std::vector<std::uint64_t>& atoms);

}  // namespace routing

}  // namespace pactum
