// Internal: the storage interface's records of numbering (backend.hpp): the
// numbering rules with their versions and the registry of issued numbers.
// The counters of the scopes are the interface's own (Storage::counter).
// Records are stored as given; the rules over them are the domain's
// (pactum/numbering/rules.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"
#include "pactum/numbering/pattern.hpp"

namespace pactum::store {

// One version of a numbering rule.
struct RuleRecord {
  std::string id;
  int version = 0;
  std::string pattern;
  NumberingMode mode = NumberingMode::gapless;

  friend bool operator==(const RuleRecord&, const RuleRecord&) = default;
};

// A number to register: who issued it, under which counter and sequence.
struct NumberRegistration {
  const std::string& number;
  const std::string& rule_id;
  int rule_version = 0;
  std::int64_t counter = 0;  // CounterRow::id
  std::int64_t seq = 0;
  const std::string& issued_on;  // YYYY-MM-DD
  const std::optional<std::string>& owner;
};

class NumberingRecords {
 public:
  virtual ~NumberingRecords() = default;

  // The rule's newest version, if it has any.
  virtual std::optional<RuleRecord> latest_rule(const std::string& id) = 0;
  // The given version of the rule, if it exists.
  virtual std::optional<RuleRecord> rule(const std::string& id, int version) = 0;
  // The patterns of every version of the rule, newest first.
  virtual std::vector<std::string> rule_patterns(const std::string& id) = 0;
  // The newest version of every rule, by id.
  virtual std::vector<RuleRecord> latest_rules() = 0;
  // Stores a new version (its (id, version) is not taken).
  virtual void insert_rule(const RuleRecord& rule) = 0;

  // True when `number` is in the registry.
  virtual bool is_registered(const std::string& number) = 0;
  // Registers the number unless it is already there: then false and nothing
  // changed. A hot path: the registration's texts are read, not copied.
  virtual bool register_number(const NumberRegistration& r) = 0;
  // The registry's row of `number`, if any (IssuedNumber::number is set).
  virtual std::optional<IssuedNumber> issued(const std::string& number) = 0;
  // Sets the owner of a registered number; false when it is not registered.
  virtual bool set_owner(const std::string& number, const std::string& owner) = 0;
  // Marks a registered number void on `on` for `reason` (a void number is
  // left as it is).
  virtual void store_void(const std::string& number, const std::string& reason, Date on) = 0;
  // Up to `limit` registered numbers from `from` (excluded when
  // `exclusive`) up to `to` (excluded), in byte order.
  virtual std::vector<std::string> numbers_between(const std::string& from, bool exclusive, const std::string& to,
                                                   int limit) = 0;

  // The status of the contract whose number is `number` (table contracts),
  // if a contract has it.
  virtual std::optional<ContractStatus> contract_status_of(const std::string& number) = 0;
};

}  // namespace pactum::store
