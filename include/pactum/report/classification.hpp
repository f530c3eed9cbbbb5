// The classification of employees (docs/reports.md, "Classification"):
// compared with the others of their position — or of the position group the
// host defines — on the article's three axes, contribution (signed amount),
// execution (collection rate) and performance (score), and given a class and
// a recommended action by a decision table of the routing engine (the same
// hit policies and checker), stored and versioned like routing tables.
//
// The default table reproduces the article's two examples and obeys three
// laws (property-tested): a promotion candidate scores at least 80 and is in
// the top half of its group; an improvement plan is only for scores below
// 80; raising an employee's score, all else equal, never gives a worse class.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/approval/routing.hpp"
#include "pactum/core/decimal.hpp"

namespace pactum {

// What the table reads of one employee (its inputs, by name): `coverage`
// (number, 0..100), `score` (number), `score_half` ("top" | "bottom"),
// `contribution` and `execution` ("high" | "low"). Each is optional in a
// table; a table may not read anything else.
struct ClassificationAxes {
  Decimal coverage;
  Decimal score;
  bool score_top_half = false;
  bool high_contribution = false;
  bool high_execution = false;
};

// What the table gives: the stable class code and the action code (labels
// per language come from the catalogs: report.class_<code>,
// report.action_<code>), and the rule that gave them.
struct ClassOutcome {
  std::string class_code;
  std::string action_code;
  std::string rule;
  friend bool operator==(const ClassOutcome&, const ClassOutcome&) = default;
};

class ClassificationTable {
 public:
  // Parses a table document: a decision table (docs/routing.md) whose
  // outputs are exactly "class" and "action" and whose inputs are among the
  // axes above with their types. Malformed documents are ValidationErrors.
  static ClassificationTable parse(std::string_view json);
  // The table shipped with the library (docs/classification-default.json).
  static ClassificationTable default_table();

  const RoutingTable& table() const noexcept { return table_; }
  const std::string& id() const noexcept { return table_.id(); }
  int version() const noexcept { return table_.version(); }
  std::string to_json() const { return table_.to_json(); }
  // Gaps, overlaps and rules that can never fire.
  std::vector<RoutingFinding> check() const { return table_.check(); }
  // The class of one employee; an input the table cannot place (no rule
  // matches: the table has a gap) is a PACTUM_ENOROUTE error.
  ClassOutcome classify(const ClassificationAxes& axes) const;

 private:
  explicit ClassificationTable(RoutingTable t) : table_(std::move(t)) {}
  RoutingTable table_;
};

// The default table's document, as shipped.
std::string_view default_classification_json() noexcept;

// The class codes of the default table, best first: how the laws order them.
// (insufficient_data is outside the order: the score does not decide it.)
const std::vector<std::string>& default_class_order();

// One employee to classify.
struct ClassificationSubject {
  std::string employee;
  std::string group;                      // the position, or its group
  std::optional<Decimal> score;           // no score: not classified
  Decimal coverage;
  Ratio signed_amount;                    // contribution
  std::optional<Ratio> collection_ratio;  // execution; none counts as low
};

struct ClassifiedEmployee {
  std::string employee;
  std::string group;
  std::int64_t group_size = 0;  // the group's employees with a score
  ClassificationAxes axes;
  ClassOutcome outcome;
};

// The cut-offs of "high" a host may give instead of the group's top half.
struct ClassificationCutoffs {
  std::optional<Ratio> signed_amount;
  std::optional<Ratio> collection;
};

// Classifies every subject with a score within its group: the top half of
// the group (standard competition rank at most ceil(n / 2), n the group's
// employees with a score) is "top" for the score and "high" for signed amount
// and collection rate (unless a cut-off is given), then the table decides.
// Subjects without a score are left out. Pure.
std::vector<ClassifiedEmployee> classify_employees(const ClassificationTable& table,
                                                   const std::vector<ClassificationSubject>& subjects,
                                                   const ClassificationCutoffs& cutoffs = {});

// {"version":1,"tables":[{"id":"default","version":1,"current":true}, ...]}
// for stored classification tables (the routing tables' form).
std::string classification_tables_json(const std::vector<RoutingTableInfo>& tables);

}  // namespace pactum
