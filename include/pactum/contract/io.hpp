// JSON documents (version 1) of the org directory, contracts and events, and
// contract references written as text: what the C API and the command-line
// tool exchange with their callers. docs/contracts.md and docs/events.md
// describe every member.
//
// Inputs are strict: malformed JSON, a missing required member, a member of
// the wrong JSON type, an unknown member or a "version" other than 1 is a
// ValidationError naming it. Amounts are decimal strings ("1000.00"), never
// JSON numbers; dates are "YYYY-MM-DD"; absent optional members and null are
// the same.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pactum/contract/contract.hpp"
#include "pactum/contract/event.hpp"
#include "pactum/org/directory.hpp"

namespace pactum {

namespace json {

// ---- Outputs: one object with "version": 1, or a list under a key. ----------
std::string to_json(const Department& department);
std::string to_json(const Employee& employee);
std::string to_json(const Contract& contract);
std::string to_json(const Event& event);
std::string to_json(const ExecutionSummary& summary);
// {"version":1,"departments":[...]} and the like.
std::string departments_to_json(const std::vector<Department>& departments);
std::string employees_to_json(const std::vector<Employee>& employees);
std::string postings_to_json(const std::vector<Posting>& postings);
std::string roles_to_json(const std::vector<RoleAssignment>& roles);
std::string contracts_to_json(const std::vector<Contract>& contracts);
std::string events_to_json(const std::vector<Event>& events);
// {"version":1,"employees":["E1","E2"]}
std::string ids_to_json(const std::vector<std::string>& ids);

// ---- Inputs -------------------------------------------------------------------
// Amounts without a "currency" member are in `currency` (the reporting
// currency for a new contract, the contract's own for changes).
ContractSpec contract_spec_from_json(std::string_view text, Currency currency);
ContractFilter contract_filter_from_json(std::string_view text);
Amendment amendment_from_json(std::string_view text, Currency currency);
// The document amendment_from_json reads back (amounts in `currency`, which
// the document names): only the changes the amendment holds.
std::string amendment_to_json(const Amendment& amendment, Currency currency);
RenewalSpec renewal_from_json(std::string_view text, Currency currency);
DepartmentSpec department_spec_from_json(std::string_view text);
EmployeeSpec employee_spec_from_json(std::string_view text);

}  // namespace json

}  // namespace pactum
