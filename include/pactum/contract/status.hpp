// The contract status machine: its states, the moves between them and the
// one transition table every part of Pactum consults (src/contract/status.cpp).
//
//   draft -> pending_approval -> active -> completed | terminated | breached | expired
//   pending_approval -> rejected (editable, resubmittable) | draft (withdrawn, sent back)
//   draft -> active (activate: the host approved elsewhere)
//   breached -> completed | terminated | expired (a breach does not end the contract)
//   expired -> completed (performed after its end date), expired (a breach found later)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pactum {

enum class ContractStatus : unsigned char {
  draft,
  pending_approval,
  active,
  completed,
  terminated,
  breached,
  expired,
  rejected,
};

// "draft", "pending_approval", ...
const char* contract_status_name(ContractStatus status) noexcept;
// The inverse; an unknown name is a ValidationError.
ContractStatus parse_contract_status(std::string_view name);

// The moves of the machine.
enum class ContractTransition : unsigned char {
  submit,     // draft | rejected -> pending_approval
  approve,    // pending_approval -> active (final approval)
  reject,     // pending_approval -> rejected
  send_back,  // pending_approval -> draft
  withdraw,   // pending_approval -> draft
  activate,   // draft -> active (the host approved outside Pactum)
  breach,     // active | breached -> breached
  complete,   // active | breached -> completed
  terminate,  // active | breached -> terminated
  expire,     // active | breached -> expired
};

const char* contract_transition_name(ContractTransition transition) noexcept;
ContractTransition parse_contract_transition(std::string_view name);

// The status after `transition`, or nullopt when `from` forbids it.
std::optional<ContractStatus> next_status(ContractStatus from, ContractTransition transition) noexcept;
// The same, as a StateError naming both when forbidden.
ContractStatus apply_transition(ContractStatus from, ContractTransition transition);
// The same for the contract numbered `contract`: a StateError
// (contract.status_forbids) naming it, its status and the action.
ContractStatus apply_transition(ContractStatus from, ContractTransition transition, const std::string& contract);
// Every allowed (from, transition, to) row, for documentation and tests.
struct ContractTransitionRow {
  ContractStatus from;
  ContractTransition transition;
  ContractStatus to;
};
const std::vector<ContractTransitionRow>& contract_transition_table();

// Statuses reached only through activation (active and everything after it).
bool was_activated(ContractStatus status) noexcept;
// completed, terminated, expired: the contract's term is over.
bool is_closed(ContractStatus status) noexcept;
// draft and rejected: the terms may still be edited freely.
bool is_editable(ContractStatus status) noexcept;

// A StateError unless the number of a contract in `status` may be voided:
// only a draft's (docs/numbering.md, "Registry, void"). A contract that was
// submitted, activated or closed keeps its number; to end it, terminate it.
void check_number_voidable(const std::string& number, ContractStatus status);

}  // namespace pactum
