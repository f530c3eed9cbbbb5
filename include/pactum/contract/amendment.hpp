// Amendments (docs/contracts.md, "Amendments"): the typed change of a
// contract's terms, the rule that plans it from a request, and the one codec
// of the amended event's payload that the writer and every reader use.
// Pure: the store loads the contract, plans, saves the plan's terms and
// appends its diff.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactum/contract/attributes.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/decimal.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// One changed field: its value before and after.
template <class T>
struct Change {
  T from;
  T to;

  friend bool operator==(const Change&, const Change&) = default;
};

// What an amendment changes, field by field; a field absent did not change.
// An attribute's side is nullopt where it is absent (added or removed).
struct TermsDiff {
  std::optional<Change<Date>> start;
  std::optional<Change<std::optional<Date>>> end;
  std::optional<Change<std::optional<Date>>> delivery_due;
  std::optional<Change<std::string>> counterparty;
  std::optional<Change<bool>> key_account;
  std::optional<Change<Money>> amount;
  std::optional<Change<std::vector<Installment>>> installments;
  std::map<std::string, Change<std::optional<AttributeValue>>> attributes;

  bool empty() const noexcept {
    return !start && !end && !delivery_due && !counterparty && !key_account && !amount && !installments &&
           attributes.empty();
  }
  friend bool operator==(const TermsDiff&, const TermsDiff&) = default;
};

// The amended event's payload: {"field": {"from": .., "to": ..}, ...} with
// dates as text ("null" where there is none), money as decimal text, an
// instalment schedule as [[due, amount], ...] and an attribute as
// [type, text] or null. Keys in name order; "{}" for an empty diff.
std::string terms_diff_to_json(const TermsDiff& diff);
// The inverse, amounts in `currency` (the contract's). An empty payload or
// one that is not an object is an empty diff (events of older versions); a
// malformed one is a ValidationError (contract.bad_amendment_payload).
TermsDiff terms_diff_from_json(std::string_view payload, Currency currency);

// The amount in the reporting currency at `rate`, rounded once (half-even)
// to the reporting currency's minor unit; the amount itself when it is in
// the reporting currency. The one conversion of contracts and scorecards.
Money to_reporting_currency(const Money& amount, const Decimal& rate, Currency reporting);

// The checks of a contract's dates: the end not before the start nor the
// signing, the delivery due date not before the signing (ValidationErrors).
void check_contract_dates(Date signed_on, Date start, const std::optional<Date>& end,
                          const std::optional<Date>& delivery_due);

// The schedule of a contract: `given` checked (checked_schedule), or when
// none is given one instalment of the whole amount due on the delivery due
// date, else the end, else the signing date.
std::vector<Installment> schedule_for(const std::vector<Installment>& given, const Money& amount, Date signed_on,
                                      const std::optional<Date>& end, const std::optional<Date>& delivery_due);

// A contract in `status` can be amended: editable (draft, rejected), active
// or breached; a StateError (contract.not_amendable) otherwise.
void require_amendable(const std::string& contract, ContractStatus status);

// An amendment planned against the terms in force.
struct AmendmentPlan {
  Contract after;                                    // the terms once amended
  std::optional<std::vector<Installment>> schedule;  // the new instalments, when the request gives them
  Attributes set_attributes;                         // added or replaced
  std::vector<std::string> remove_attributes;
  TermsDiff diff;                                    // what changes: the amended event's payload
};

// A ValidationError (contract.empty_amendment) when `request` asks for no change.
void require_not_empty(const Amendment& request);

// Plans `request` against `contract` (its current terms), `reporting` being
// the database's reporting currency. Refused, writing nothing: a counterparty or attribute that is
// not valid text, removing an attribute the contract lacks, dates out of
// order, an amount without a schedule, in another currency, not positive, or
// below what was collected. A plan whose diff is empty changes nothing: see
// require_changes.
AmendmentPlan plan_amendment(const Contract& contract, const Amendment& request, Currency reporting);
// A ValidationError (contract.amendment_changes_nothing) when `plan` changes
// nothing: terms given again as they stand are no amendment.
void require_changes(const AmendmentPlan& plan, const std::string& contract);

}  // namespace pactum
