// The rule of a payment (pactum/contract/payment.hpp).
#include "pactum/contract/payment.hpp"

#include <algorithm>

#include "pactum/contract/event.hpp"
#include "pactum/core/error.hpp"

namespace pactum {

void check_payment(const PaymentTarget& c, const Money& amount, Date day, bool allow_overpayment,
                   const std::function<void(const char* field)>& at) {
  auto field = [&](const char* name) {
    if (at) at(name);
  };
  const char* const event = event_type_name(EventType::payment_received);
  field("contract");
  if (!was_activated(c.status)) {
    raise(Errc::invalid_state, "event.not_activated",
          {{"contract", c.number}, {"status", contract_status_name(c.status)}, {"event", event}});
  }
  field("currency");
  if (!(amount.currency() == c.currency)) {
    raise(Errc::currency_mismatch, "event.payment_currency",
          {{"got", std::string(amount.currency().code())},
           {"currency", std::string(c.currency.code())},
           {"contract", c.number}});
  }
  field("amount");
  if (!amount.is_positive()) {
    raise(Errc::invalid_argument, "event.payment_not_positive", {{"amount", amount.to_string()}});
  }
  field("date");
  if (day < c.signed_on) {
    raise(Errc::invalid_argument, "contract.before_signing",
          {{"event", event}, {"on", day.to_string()}, {"signed", c.signed_on.to_string()}, {"contract", c.number}});
  }
  field("amount");
  std::int64_t outstanding = 0;
  if (__builtin_sub_overflow(c.amount, c.collected, &outstanding)) detail::throw_money_overflow("subtract");
  if (!allow_overpayment && amount.units() > outstanding) {
    raise(Errc::invalid_argument, "event.overpayment",
          {{"amount", amount.to_string()},
           {"outstanding", Money::from_units(std::max<std::int64_t>(outstanding, 0), c.currency).to_string()},
           {"currency", std::string(c.currency.code())},
           {"contract", c.number}});
  }
  // Even an allowed over-payment keeps the collected total a 64-bit count.
  detail::add_units(c.collected, amount.units());
}

// ---- Reversals ------------------------------------------------------------------

const Event& require_reversible_payment(const std::optional<Event>& keyed, const std::string& ref,
                                        const std::string& source) {
  if (!keyed || keyed->type != EventType::payment_received || !keyed->contract || !keyed->amount) {
    raise(Errc::not_found, "event.unknown_payment", {{"ref", ref}, {"source", source}});
  }
  return *keyed;
}

bool repeats_reversal(const Event& earlier, bool day_given, Date day, const std::string& ref, const std::string& source) {
  if (day_given && earlier.effective != day) {
    raise(Errc::conflict, "event.already_reversed",
          {{"ref", ref}, {"source", source}, {"on", earlier.effective.to_string()}, {"seq", std::to_string(earlier.seq)}});
  }
  return true;
}

void check_reversal_date(const Event& payment, Date day, const std::string& ref) {
  if (day < payment.effective) {
    raise(Errc::invalid_argument, "event.reversal_before_payment",
          {{"ref", ref}, {"on", day.to_string()}, {"paid", payment.effective.to_string()}});
  }
}

}  // namespace pactum
