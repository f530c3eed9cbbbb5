// The contract status machine: the one transition table.
#include "pactum/contract/status.hpp"

#include <string>

#include "pactum/core/error.hpp"

namespace pactum {

namespace {

using S = ContractStatus;
using T = ContractTransition;

constexpr const char* kStatusNames[] = {"draft",      "pending_approval", "active",  "completed",
                                        "terminated", "breached",         "expired", "rejected"};
constexpr const char* kTransitionNames[] = {"submit", "approve", "reject",   "send_back", "withdraw",
                                            "activate", "breach", "complete", "terminate", "expire"};

}  // namespace

const std::vector<ContractTransitionRow>& contract_transition_table() {
  // Every allowed move; anything not listed is forbidden.
  static const std::vector<ContractTransitionRow> table = {
      {S::draft, T::submit, S::pending_approval},
      {S::rejected, T::submit, S::pending_approval},
      {S::pending_approval, T::approve, S::active},
      {S::pending_approval, T::reject, S::rejected},
      {S::pending_approval, T::send_back, S::draft},
      {S::pending_approval, T::withdraw, S::draft},
      {S::draft, T::activate, S::active},
      {S::active, T::breach, S::breached},
      {S::breached, T::breach, S::breached},
      {S::active, T::complete, S::completed},
      {S::breached, T::complete, S::completed},
      {S::active, T::terminate, S::terminated},
      {S::breached, T::terminate, S::terminated},
      {S::active, T::expire, S::expired},
      {S::breached, T::expire, S::expired},
      {S::expired, T::complete, S::completed},  // performed after its end date
      {S::expired, T::breach, S::expired},      // a breach found after the end date
  };
  return table;
}

const char* contract_status_name(ContractStatus status) noexcept {
  const auto i = static_cast<std::size_t>(status);
  return i < std::size(kStatusNames) ? kStatusNames[i] : "unknown";
}

ContractStatus parse_contract_status(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kStatusNames); ++i) {
    if (name == kStatusNames[i]) return static_cast<ContractStatus>(i);
  }
  raise(Errc::invalid_argument, "contract.bad_status", {{"status", std::string(name)}});
}

const char* contract_transition_name(ContractTransition transition) noexcept {
  const auto i = static_cast<std::size_t>(transition);
  return i < std::size(kTransitionNames) ? kTransitionNames[i] : "unknown";
}

ContractTransition parse_contract_transition(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kTransitionNames); ++i) {
    if (name == kTransitionNames[i]) return static_cast<ContractTransition>(i);
  }
  raise(Errc::invalid_argument, "contract.bad_transition", {{"transition", std::string(name)}});
}

std::optional<ContractStatus> next_status(ContractStatus from, ContractTransition transition) noexcept {
  for (const ContractTransitionRow& row : contract_transition_table()) {
    if (row.from == from && row.transition == transition) return row.to;
  }
  return std::nullopt;
}

ContractStatus apply_transition(ContractStatus from, ContractTransition transition) {
  if (auto to = next_status(from, transition)) return *to;
  raise(Errc::invalid_state, "contract.transition_forbidden",
        {{"status", contract_status_name(from)}, {"transition", contract_transition_name(transition)}});
}

ContractStatus apply_transition(ContractStatus from, ContractTransition transition, const std::string& contract) {
  if (auto to = next_status(from, transition)) return *to;
  raise(Errc::invalid_state, "contract.status_forbids",
        {{"contract", contract}, {"status", contract_status_name(from)}, {"action", contract_transition_name(transition)}});
}

bool was_activated(ContractStatus status) noexcept {
  switch (status) {
    case S::active:
    case S::completed:
    case S::terminated:
    case S::breached:
    case S::expired: return true;
    case S::draft:
    case S::pending_approval:
    case S::rejected: return false;
  }
  return false;
}

bool is_closed(ContractStatus status) noexcept {
  return status == S::completed || status == S::terminated || status == S::expired;
}

bool is_editable(ContractStatus status) noexcept { return status == S::draft || status == S::rejected; }

void check_number_voidable(const std::string& number, ContractStatus status) {
  if (status == S::draft) return;
  raise(Errc::invalid_state, "numbering.void_contract_not_draft",
        {{"number", number}, {"status", contract_status_name(status)}});
}

}  // namespace pactum
