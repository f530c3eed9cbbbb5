// Internal: storage helpers shared by the org, contract and event code of
// src/store/ (rows <-> value types, the event append, contract lookup).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backend.hpp"
#include "database_impl.hpp"
#include "pactum/contract/amendment.hpp"
#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/contract/payment.hpp"
#include "pactum/org/rules.hpp"

namespace pactum::store {

// The wall-clock time of recording, UTC with milliseconds (informative only).
std::string recorded_now();

// ---- Org lookups (org.cpp) -----------------------------------------------------
bool department_exists(Database::Impl& impl, const std::string& code);
void require_department(Database::Impl& impl, const std::string& code);
using EmployeeRow = EmploymentFacts;
std::optional<EmployeeRow> find_employee(Database::Impl& impl, const std::string& id);
EmployeeRow require_employee(Database::Impl& impl, const std::string& id);
// The posting history of `employee`, oldest first (empty for an unknown id).
std::vector<Posting> postings_of(Database::Impl& impl, const std::string& employee);
// The posting of `employee` on `on` (pactum/org/rules.hpp, posting_on):
// (department, position).
std::pair<std::string, std::string> posting_on(Database::Impl& impl, const std::string& employee, Date on);
std::string department_name(Database::Impl& impl, const std::string& code);
// The numbering fields the directory supplies — `dept`, `dept_name`,
// `employee`, `employee_name` — for `employee` on `on`, added to `fields`
// where `names` (the rule's fields) asks for them and the caller gave none.
void fill_directory_fields(Database::Impl& impl, const std::vector<std::string>& names, const std::string& employee,
                           Date on, NumberFields& fields);
// True when `id` names an employee of the directory.
bool employee_exists(Database::Impl& impl, const std::string& id);

// ---- Contracts (contracts.cpp) ---------------------------------------------------
// (ContractRow, the columns of a contract the event code needs: backend_contracts.hpp.)
// NotFoundError naming the contract when it does not exist.
ContractRow resolve_contract(Database::Impl& impl, const ContractRef& ref);
// What the payment rule reads of a contract (pactum/contract/payment.hpp).
inline PaymentTarget payment_target(const ContractRow& row) {
  return {row.number, row.status, row.currency, row.signed_on, row.amount, row.collected};
}
Contract load_contract(Database::Impl& impl, std::int64_t id);
void set_contract_status(Database::Impl& impl, std::int64_t id, ContractStatus status);
// Every contract in force and not renewed whose end date lies before `clock`
// expires: status `expired`, closed on its end date, an `expired` event
// effective on it (docs/contracts.md, "Expiry").
void expire_contracts(Database::Impl& impl, Date clock);
void add_collected(Database::Impl& impl, std::int64_t id, std::int64_t delta);

// A ValidationError naming `what` when `on` is before the signing date.
void require_not_before_signing(const ContractRow& row, Date on, EventType what);

// An amendment checked against a contract's current terms: the contract
// under the new terms, what the rows need, and the amended event's payload.
using AmendedTerms = AmendmentPlan;
// The terms `changes` make of `c`'s (plan_amendment in the database's
// reporting currency); writes nothing.
AmendedTerms amended_terms(Database::Impl& impl, const Contract& c, const Amendment& changes);
// Writes the new terms and appends the amended event (effective `on`).
Event apply_amendment(Database::Impl& impl, const ContractRow& row, const AmendedTerms& t, const std::string& reason,
                      Date on, const std::optional<std::string>& actor);

// ---- Events (events.cpp) -----------------------------------------------------------

// Appends the event. With a key already used by the same source: returns the
// first event when the content is the same (nothing written; `*inserted`
// false), a ConflictError naming the key otherwise. `currency` is the
// contract's (for the returned Event's amount).
Event append_event(Database::Impl& impl, const NewEvent& event, Currency currency, bool* inserted = nullptr);
// The event already recorded under (source, key), if any.
std::optional<Event> keyed_event(Database::Impl& impl, const std::string& source, const std::string& key);
// Same content as `incoming` (ConflictError naming the key otherwise).
void require_same_content(const Event& existing, const NewEvent& incoming);
Event load_event(Database::Impl& impl, std::int64_t seq);
// A contract's events in sequence order.
std::vector<Event> contract_events(Database::Impl& impl, std::int64_t contract);

}  // namespace pactum::store
