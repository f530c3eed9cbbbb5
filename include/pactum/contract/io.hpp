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

#include <cstdint>
#include <functional>
#include <optional>
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
// The event registry: {"version":1,"event_types":[{"code":8,"name":"breach",
//  "shape":"reason","execution":true,"contract_fact":true,"open_only":true,
//  "transition":"breach"}, ...]} in code order.
std::string event_types_to_json();
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

// One fact described by a JSON object (pactum/store/documents.hpp records
// it):
//   {"version":1,"type":"payment_received","contract":"HT-2024-SD-0001",
//    "amount":"300.00","on":"2024-02-01","ref":"BANK-1","source":"finance"}
// The members of each type follow its shape in the event registry
// (EventShape, pactum/contract/event.hpp): payment_received (amount, ref;
// currency, allow_overpayment), payment_reversed (ref; no contract),
// delivered (accepted, note), satisfaction (score), dispute, breach and any
// other fact with a reason (reason). Every type takes on, source, key (not
// payments: their key is the ref) and actor.
struct EventRequest {
  EventType type = EventType::payment_received;
  std::optional<ContractRef> contract;  // every type but payment_reversed
  std::optional<Money> amount;          // payment_received, in `currency` or the contract's
  std::string ref;                      // payments
  bool allow_overpayment = false;
  bool accepted = true;                 // delivered
  std::optional<std::string> note;      // delivered
  int score = 0;                        // satisfaction
  std::string reason;                   // facts with a reason (dispute, breach)
  EventOptions options;                 // on, source, key, actor
};

// What reading an event document asks of the contracts it names, in the
// order it reads them: the contract a text names, and a contract's currency
// (the default of a payment's amount).
struct EventDocumentContext {
  std::function<ContractRef(std::string_view)> contract_named;
  std::function<Currency(const ContractRef&)> currency_of;
};
EventRequest event_request_from_json(std::string_view text, const EventDocumentContext& context);

}  // namespace json

// A contract named in text: empty text is a ValidationError; the id the
// text reads as when it is a decimal integer (at most 18 digits), else none
// (the text is a number only).
std::optional<std::int64_t> contract_id_in_text(std::string_view text);

}  // namespace pactum
