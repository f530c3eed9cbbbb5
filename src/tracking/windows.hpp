// Internal: the tracking fold of one contract, as the tracking index stores
// it (src/store/tracking.cpp). Two parts:
//  - ContractFacts: what the reports read — status dates, the first accepted
//    delivery, the first instalment not paid by its due date, and the
//    collection and schedule steps from which "collected as of any date" and
//    "instalment k paid as of any date" follow without reading the log;
//  - ReminderWindow: for every reminder the contract can give, the days on
//    which its condition can hold: from `open_from`, before `settled_on`
//    (and, for the ahead kinds, up to the due date). `exact` windows are
//    precise; the others (collections that went down through a reversal) are
//    bounds, and the query folds the contract to decide.
// A window that can never hold is left out.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pactum/tracking/reminder.hpp"

namespace pactum::tracking {

// (day, value) steps in day order: the value from that day on, until the next.
using Steps = std::vector<std::pair<Date, std::int64_t>>;

// The value at the end of `day`: that of the last step on or before it (0
// before the first).
std::int64_t value_on(const Steps& steps, Date day) noexcept;

// "2024-01-31=3000000;2024-02-29=8000000" and back (a ValidationError for
// malformed text: the index is data).
std::string encode_steps(const Steps& steps);
Steps decode_steps(std::string_view text);

struct ContractFacts {
  std::int64_t contract = 0;
  std::string type;
  std::string department;
  std::string owner;
  bool key_account = false;
  Date signed_on;
  std::optional<Date> activated_on;
  std::optional<Date> closed_on;
  std::optional<Date> renewed_on;  // the `renewed` event's effective date
  std::optional<Date> end;
  std::optional<Date> delivery_due;
  std::optional<Date> delivered_on;  // the first accepted delivery
  // The due date of the first instalment (in due-date order) not paid in full
  // by the payments effective on or before its due date.
  std::optional<Date> late_due;
  Currency currency;
  std::int64_t amount = 0;            // units of the contract's currency
  std::int64_t reporting_amount = 0;  // units of the reporting currency
  Decimal exchange_rate;
  // Collected at the end of each day with a payment or reversal (cumulative).
  Steps collections;
  // True when some payment was reversed (collections are not monotone).
  bool reversed = false;
  // The first day from which collected >= amount on every later day; null
  // when the contract is not collected in full at the end of the log.
  std::optional<Date> collected_full_on;
  // Instalments: (due, cumulative amount through it), in due-date order.
  Steps schedule;

  friend bool operator==(const ContractFacts&, const ContractFacts&) = default;
};

ContractFacts contract_facts(const TrackingInput& input);

// The fold `facts` with more payments and reversals (`events`: each later in
// the log than every event folded into `facts`; other types are ignored):
// equal to contract_facts() over the whole log. O(collection steps +
// instalments + events), reading nothing else.
ContractFacts with_payments(ContractFacts facts, std::span<const Event> events);

// The first day from which collected >= `threshold` on every later day.
std::optional<Date> covered_from(const Steps& collections, std::int64_t threshold);

// covered_from() for many thresholds over the same collections (every
// instalment of a contract): built in one pass, each answer a binary search,
// so a contract's instalments cost O(payments + instalments x log payments)
// instead of their product. `collections` must outlive it.
class Coverage {
 public:
  explicit Coverage(const Steps& collections);
  std::optional<Date> from(std::int64_t threshold) const;

 private:
  const Steps& steps_;
  // The lowest collected value from each step on: non-decreasing.
  std::vector<std::int64_t> floor_from_;
};

struct ReminderWindow {
  ReminderKey key;
  Date trigger;
  Date open_from;
  std::optional<Date> settled_on;
  bool exact = true;
  // Payment kinds: the instalment's amount, and its part not paid once every
  // payment of the contract is effective; from `payments_final_on` on (null:
  // on every day) that part is what is not paid (exact windows only: a
  // window that is a bound leaves the amounts to the query's fold).
  std::optional<std::int64_t> installment_amount;
  std::optional<std::int64_t> unpaid_final;
  std::optional<Date> payments_final_on;
  // It would trigger after 9999-12-31: never (such a window is not kept).
  bool never = false;

  friend bool operator==(const ReminderWindow&, const ReminderWindow&) = default;
};

// The windows of every reminder the contract can give, from its facts, its
// approval steps with a due date and the lead times of its type.
std::vector<ReminderWindow> reminder_windows(const ContractFacts& facts, std::span<const TrackedStep> steps,
                                             const ReminderLeads& leads);

// The windows of reminder_windows() that differ between two folds of the
// same terms, leads and steps whose payments differ (`before`, then `after`
// with_payments()): `changed` gets the windows of `after` that are new or
// differ, `gone` the keys of those of `before` that `after` no longer has.
// Only the instalments whose windows can differ are looked at (those whose
// share of the collections moved), so a payment on a contract with
// thousands of instalments costs the few it touches.
void changed_payment_windows(const ContractFacts& before, const ContractFacts& after, const ReminderLeads& leads,
                             std::vector<ReminderWindow>& changed, std::vector<ReminderKey>& gone);

// Instalment k (1-based) paid as of `day`: allocated in due-date order.
std::int64_t installment_paid(const ContractFacts& facts, int installment, Date day);

}  // namespace pactum::tracking
