// Contract types, instalment schedules and contract references.
#include "pactum/contract/contract.hpp"

#include <algorithm>
#include <string>

#include "pactum/core/error.hpp"

namespace pactum {

bool is_known_contract_type(std::string_view type) noexcept {
  return std::find(std::begin(kKnownContractTypes), std::end(kKnownContractTypes), type) !=
         std::end(kKnownContractTypes);
}

void validate_contract_type(std::string_view type) {
  bool ok = !type.empty() && type.size() <= 32 && type[0] >= 'a' && type[0] <= 'z';
  for (char c : type) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) ok = false;
  }
  if (!ok) raise(Errc::invalid_argument, "contract.bad_type", {{"type", std::string(type)}});
}

std::vector<Installment> checked_schedule(std::vector<Installment> schedule, const Money& amount, Date signed_on) {
  Money sum = Money::zero(amount.currency());
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    const Installment& inst = schedule[i];
    const std::string position = std::to_string(i + 1);
    if (!(inst.amount.currency() == amount.currency())) {
      raise(Errc::currency_mismatch, "contract.installment_currency",
            {{"position", position},
             {"got", std::string(inst.amount.currency().code())},
             {"currency", std::string(amount.currency().code())}});
    }
    if (!inst.amount.is_positive()) {
      raise(Errc::invalid_argument, "contract.installment_not_positive",
            {{"position", position}, {"amount", inst.amount.to_string()}});
    }
    if (inst.due < signed_on) {
      raise(Errc::invalid_argument, "contract.installment_before_signing",
            {{"position", position}, {"due", inst.due.to_string()}, {"signed", signed_on.to_string()}});
    }
    sum += inst.amount;
  }
  if (sum != amount) {
    const std::string currency(amount.currency().code());
    if (sum < amount) {
      raise(Errc::invalid_argument, "contract.installments_short",
            {{"sum", sum.to_string()},
             {"difference", (amount - sum).to_string()},
             {"amount", amount.to_string()},
             {"currency", currency}});
    }
    raise(Errc::invalid_argument, "contract.installments_over",
          {{"sum", sum.to_string()},
           {"difference", (sum - amount).to_string()},
           {"amount", amount.to_string()},
           {"currency", currency}});
  }
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const Installment& a, const Installment& b) { return a.due < b.due; });
  return schedule;
}

MoneyDirection money_direction(std::string_view type) noexcept {
  if (type == "procurement") return MoneyDirection::payable;
  if (type == "labour") return MoneyDirection::none;
  return MoneyDirection::receivable;
}

std::string ContractRef::to_string() const { return is_id() ? std::to_string(id()) : number(); }

Reassignment plan_reassignment(const HandoverFacts& c, const std::string& to, Date on, const std::string& reason) {
  if (reason.empty()) raise(Errc::invalid_argument, "contract.handover_reason", {{"contract", c.number}});
  if (to == c.owner) raise(Errc::invalid_argument, "contract.handover_same_owner", {{"contract", c.number}, {"owner", to}});
  if (on < c.signed_on) {
    raise(Errc::invalid_argument, "contract.before_signing",
          {{"event", event_type_name(EventType::reassigned)}, {"on", on.to_string()}, {"signed", c.signed_on.to_string()}, {"contract", c.number}});
  }
  if (c.last_handover && on < *c.last_handover) {
    raise(Errc::invalid_argument, "contract.handover_before_handover",
          {{"contract", c.number}, {"on", on.to_string()}, {"last", c.last_handover->to_string()}});
  }
  return Reassignment{c.owner, to};
}

bool expires_by(ContractStatus status, const std::optional<Date>& end, bool renewed, Date clock) noexcept {
  return (status == ContractStatus::active || status == ContractStatus::breached) && end && *end < clock && !renewed;
}

// ---- Lifecycle rules --------------------------------------------------------------

void refuse_unknown_contract(const std::string& ref) { raise(Errc::not_found, "contract.unknown", {{"contract", ref}}); }

void require_same_terms(const std::string& external_id, const std::string& number, const std::string& first_terms,
                        const std::string& terms) {
  if (first_terms != terms) raise(Errc::conflict, "contract.external_id_conflict", {{"external_id", external_id}, {"number", number}});
}

void check_contract_limit(int limit) {
  if (limit < 0) raise(Errc::invalid_argument, "contract.bad_limit", {{"limit", std::to_string(limit)}});
}

void require_positive_amount(const Money& amount) {
  if (!amount.is_positive()) raise(Errc::invalid_argument, "contract.amount_not_positive", {{"amount", amount.to_string()}});
}

void check_exchange_rate(Currency currency, Currency reporting, const Decimal& rate) {
  if (currency == reporting) {
    raise(Errc::invalid_argument, "contract.rate_for_reporting_currency", {{"currency", std::string(currency.code())}});
  }
  if (rate.is_negative() || rate.is_zero()) raise(Errc::invalid_argument, "contract.bad_rate", {{"rate", rate.to_string()}});
}

void refuse_no_exchange_rate(Currency currency, Date on, Currency reporting) {
  raise(Errc::currency_mismatch, "contract.no_exchange_rate",
        {{"currency", std::string(currency.code())}, {"on", on.to_string()}, {"reporting", std::string(reporting.code())}});
}

void check_renewal(const std::string& contract, ContractStatus status, Date signed_on,
                   const std::optional<std::string>& renewed_by, Date successor_signed) {
  if (!was_activated(status)) {
    raise(Errc::invalid_state, "contract.renew_not_activated", {{"contract", contract}, {"status", contract_status_name(status)}});
  }
  if (renewed_by) raise(Errc::conflict, "contract.already_renewed", {{"contract", contract}, {"successor", *renewed_by}});
  if (successor_signed < signed_on) {
    raise(Errc::invalid_argument, "contract.before_signing",
          {{"event", event_type_name(EventType::renewed)},
           {"on", successor_signed.to_string()},
           {"signed", signed_on.to_string()},
           {"contract", contract}});
  }
}

}  // namespace pactum
