// The rules of execution events and reversals over values, without a
// database (pactum/contract/execution.hpp, pactum/contract/payment.hpp):
// which statuses take which events, dates against the signing, the
// satisfaction scale, the clock, and a payment reversed once.
#include <gtest/gtest.h>

#include <string>

#include "pactum/contract/execution.hpp"
#include "pactum/contract/payment.hpp"
#include "pactum/core/error.hpp"
#include "support/refusal.hpp"

using namespace pactum;
using pactum::test::key_of;

namespace {

Date d(const char* text) { return Date::parse(text); }

Event payment() {
  Event e;
  e.seq = 41;
  e.type = EventType::payment_received;
  e.contract = 7;
  e.effective = d("2024-03-01");
  e.source = "erp";
  e.key = "P-1";
  e.amount = Money::parse("100.00", "CNY");
  return e;
}

}  // namespace

TEST(ExecutionRules, StatusesThatTakeExecutionEvents) {
  using S = ContractStatus;
  for (S s : {S::draft, S::pending_approval, S::rejected}) {
    EXPECT_EQ(key_of([&] { require_execution_status("HT-1", s, EventType::satisfaction); }), "event.not_activated");
  }
  for (S s : {S::active, S::breached, S::completed, S::terminated, S::expired}) {
    EXPECT_NO_THROW(require_execution_status("HT-1", s, EventType::satisfaction));
  }
  // Deliveries and breaches need the obligations open; an expired contract's remain.
  EXPECT_EQ(key_of([] { require_execution_status("HT-1", S::completed, EventType::delivered); }), "event.contract_closed");
  EXPECT_EQ(key_of([] { require_execution_status("HT-1", S::terminated, EventType::breach); }), "event.contract_closed");
  EXPECT_NO_THROW(require_execution_status("HT-1", S::expired, EventType::delivered));
}

TEST(ExecutionRules, DatesScoresAndTheClock) {
  EXPECT_EQ(key_of([] { require_on_or_after_signing("HT-1", d("2024-02-01"), d("2024-01-31"), EventType::dispute); }),
            "contract.before_signing");
  EXPECT_NO_THROW(require_on_or_after_signing("HT-1", d("2024-02-01"), d("2024-02-01"), EventType::dispute));
  EXPECT_EQ(key_of([] { require_satisfaction_score(-1); }), "event.bad_score");
  EXPECT_EQ(key_of([] { require_satisfaction_score(101); }), "event.bad_score");
  EXPECT_NO_THROW(require_satisfaction_score(0));
  EXPECT_NO_THROW(require_satisfaction_score(100));
  EXPECT_FALSE(check_clock_advance(std::nullopt, d("2024-01-01")));
  EXPECT_FALSE(check_clock_advance(d("2024-01-01"), d("2024-01-02")));
  EXPECT_TRUE(check_clock_advance(d("2024-01-02"), d("2024-01-02")));  // the same day: the earlier event answers
  EXPECT_EQ(key_of([] { check_clock_advance(d("2024-01-02"), d("2024-01-01")); }), "event.clock_backwards");
}

TEST(ReversalRules, APaymentIsReversedOnceAndNotBeforeItWasMade) {
  EXPECT_EQ(key_of([] { require_reversible_payment(std::nullopt, "P-1", "erp"); }), "event.unknown_payment");
  Event delivery = payment();
  delivery.type = EventType::delivered;
  EXPECT_EQ(key_of([&] { require_reversible_payment(delivery, "P-1", "erp"); }), "event.unknown_payment");
  const std::optional<Event> keyed = payment();
  EXPECT_EQ(require_reversible_payment(keyed, "P-1", "erp").seq, 41);

  EXPECT_EQ(key_of([] { check_reversal_date(payment(), d("2024-02-29"), "P-1"); }), "event.reversal_before_payment");
  EXPECT_NO_THROW(check_reversal_date(payment(), d("2024-03-01"), "P-1"));

  Event earlier = payment();
  earlier.type = EventType::payment_reversed;
  earlier.effective = d("2024-03-05");
  EXPECT_TRUE(repeats_reversal(earlier, false, d("2024-04-01"), "P-1", "erp"));  // no date given: the same reversal
  EXPECT_TRUE(repeats_reversal(earlier, true, d("2024-03-05"), "P-1", "erp"));
  EXPECT_EQ(key_of([&] { repeats_reversal(earlier, true, d("2024-03-06"), "P-1", "erp"); }), "event.already_reversed");
}
