// The rule of a payment (docs/events.md, "Validation"): what a payment needs
// of its contract. Pure: the store loads the contract's state and calls it,
// for a single payment and for every row of a payments import alike.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "pactum/contract/event.hpp"
#include "pactum/contract/status.hpp"
#include "pactum/core/date.hpp"
#include "pactum/core/money.hpp"

namespace pactum {

// What the rule reads of the contract paid.
struct PaymentTarget {
  std::string number;
  ContractStatus status = ContractStatus::draft;
  Currency currency;
  Date signed_on;
  std::int64_t amount = 0;     // units of `currency`
  std::int64_t collected = 0;  // payments less reversals so far
};

// A payment of `amount` effective `day` is refused, in this order, when the
// contract was never activated (StateError), the amount is in another
// currency (PACTUM_ECURRENCY), not positive, dated before the signing, or
// beyond what is outstanding unless `allow_overpayment` (ValidationErrors);
// an allowed over-payment may still not overflow the collected total. `at`,
// when given, is told the field each check reads before it checks it (an
// import names the column of the refusal).
void check_payment(const PaymentTarget& target, const Money& amount, Date day, bool allow_overpayment,
                   const std::function<void(const char* field)>& at = {});

// ---- Reversals ------------------------------------------------------------------

// The payment a reversal names as (`source`, `ref`): `keyed`, the event
// found under that key, when it is a payment of a contract;
// PACTUM_ENOTFOUND (event.unknown_payment) otherwise.
const Event& require_reversible_payment(const std::optional<Event>& keyed, const std::string& ref,
                                        const std::string& source);
// A payment is reversed once. Given the reversal already recorded
// (`earlier`), the same reversal again returns it (true), unless it gives
// another date (PACTUM_ECONFLICT event.already_reversed). `day_given`: the
// caller gave the date (else any date matches).
bool repeats_reversal(const Event& earlier, bool day_given, Date day, const std::string& ref, const std::string& source);
// A reversal dated before its payment is a ValidationError
// (event.reversal_before_payment).
void check_reversal_date(const Event& payment, Date day, const std::string& ref);

}  // namespace pactum
